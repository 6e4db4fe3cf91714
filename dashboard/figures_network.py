"""Network page figure: who met whom, nodes sized by contacts, edges weighted by count, coloured by topic.

The layout is a small deterministic force-directed one (Fruchterman–Reingold in numpy): the same
data always gives the same picture, so a shared link shows what its sender saw, and no graph
library is needed for the 60 nodes the page draws.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import TOPIC_COLOURS, empty_figure, report_layout, topic_label
from pipeline.schema import TOPICS

WIDTH_BINS = ((1, 1, 1.0), (2, 3, 2.5), (4, 9, 4.5), (10, 10**9, 7.0))  # (min weight, max weight, line width)
LABELLED_NODES = 20


def force_layout(nodes: list[str], edges: pd.DataFrame, iterations: int = 200, seed: int = 7) -> dict[str, tuple]:
    """Positions in [-1, 1]² for each node: linked nodes attract (by log weight), all nodes repel.

    Deterministic for a given input (fixed seed, nodes in the given order).
    """
    count = len(nodes)
    if count == 0:
        return {}
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    angle = np.linspace(0, 2 * np.pi, count, endpoint=False)
    pos = np.column_stack([np.cos(angle), np.sin(angle)]) + rng.normal(0, 0.05, (count, 2))
    where = {name: i for i, name in enumerate(nodes)}
    links = [(where[a], where[b], float(w)) for a, b, w in edges[["a", "b", "weight"]].itertuples(index=False)
             if a in where and b in where]
    src = np.array([i for i, _, _ in links], dtype=int)
    dst = np.array([j for _, j, _ in links], dtype=int)
    weight = np.log1p(np.array([w for _, _, w in links], dtype=float)) if links else np.zeros(0)
    # Hubs repel more (ForceAtlas2's degree weighting, softened): their many neighbours spread out
    # instead of piling up, so the labels of the busiest nodes stay readable.
    degree = np.bincount(np.concatenate([src, dst]), minlength=count).astype(float)
    mass = np.sqrt(degree + 1)
    mass_product = np.outer(mass, mass) / mass.mean() ** 2
    k = np.sqrt(4.0 / count)
    temperature = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        force = (delta / distance[..., None] * (k * k * mass_product / distance)[..., None]).sum(axis=1)
        if links:
            d = pos[src] - pos[dst]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = d * (length * weight / k)[:, None]
            np.add.at(force, src, -pull)
            np.add.at(force, dst, pull)
        force -= pos * 0.05 * count  # gentle gravity keeps unlinked nodes on screen
        length = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
        pos += force / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.98
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max() or 1.0
    pos /= scale
    return {name: (float(pos[i, 0]), float(pos[i, 1])) for name, i in where.items()}


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, kind: str = "country") -> go.Figure:
    """Nodes (from `aggregate.network`) sized by contacts and coloured by their main topic; edges drawn
    with a width by shared contacts and the colour of the pair's main topic.

    Node points carry `customdata` [name] so a click can filter the dashboard to that node.
    """
    noun = "people" if kind == "person" else "countries"
    title = f"Who met whom: {noun} (node size = contacts, line width = contacts together)"
    if nodes.empty:
        return empty_figure(title, "No contacts to draw: relax the filters.")
    positions = force_layout(nodes["name"].tolist(), edges)
    figure = go.Figure()
    for topic in TOPICS:
        topic_edges = edges[edges["topic"] == topic] if not edges.empty else edges
        for low, high, width in WIDTH_BINS:
            subset = topic_edges[(topic_edges["weight"] >= low) & (topic_edges["weight"] <= high)] \
                if not topic_edges.empty else topic_edges
            if subset.empty:
                continue
            xs: list[float | None] = []
            ys: list[float | None] = []
            for a, b in subset[["a", "b"]].itertuples(index=False):
                xs += [positions[a][0], positions[b][0], None]
                ys += [positions[a][1], positions[b][1], None]
            figure.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", line={"width": width, "color": TOPIC_COLOURS[topic]}, opacity=0.55,
                hoverinfo="skip", showlegend=False, name=f"{topic_label(topic)} links ({low}+)",
            ))
    largest = max(int(nodes["contacts"].max()), 1)
    ranked = set(nodes.nlargest(LABELLED_NODES, "contacts")["name"])
    degree = edges.groupby("a").size().add(edges.groupby("b").size(), fill_value=0) if not edges.empty \
        else pd.Series(dtype=float)
    for topic in TOPICS:
        subset = nodes[nodes["topic"] == topic]
        if subset.empty:
            continue
        figure.add_trace(go.Scatter(
            x=[positions[n][0] for n in subset["name"]], y=[positions[n][1] for n in subset["name"]],
            mode="markers+text", name=topic_label(topic),
            text=[html.escape(n) if n in ranked else "" for n in subset["name"]], textposition="top center",
            marker={"size": 10 + 34 * np.sqrt(subset["contacts"].to_numpy(dtype=float) / largest),
                    "color": TOPIC_COLOURS[topic], "line": {"width": 1, "color": "rgba(255,255,255,0.9)"}},
            customdata=subset[["name"]].to_numpy(),
            hovertext=[f"<b>{html.escape(n)}</b><br>{c:,} contact(s) with {int(degree.get(n, 0))} "
                       f"{noun}<br>main topic: {topic_label(topic)}<br><i>click to filter to it</i>"
                       for n, c in zip(subset["name"], subset["contacts"], strict=True)],
            hoverinfo="text",
        ))
    report_layout(figure, title, None, None, height=620, legend_title="Main topic")
    figure.update_xaxes(visible=False, range=[-1.2, 1.2])
    figure.update_yaxes(visible=False, range=[-1.2, 1.2], scaleanchor="x")
    figure.update_layout(clickmode="event+select", dragmode="pan")
    return figure
