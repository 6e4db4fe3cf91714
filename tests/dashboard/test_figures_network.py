"""Network figure and its layout: nodes sized by contacts, clickable, edges binned by weight."""

from __future__ import annotations

import numpy as np

from dashboard.aggregate import network
from dashboard.figures_network import force_layout, network_figure


def node_traces(figure):
    return [t for t in figure.data if t.mode == "markers+text"]


def test_nodes_carry_their_name_and_are_sized_by_contacts(timeline):
    nodes, edges = network(timeline, "country")
    figure = network_figure(nodes, edges, "country")
    traces = node_traces(figure)
    names = [v[0] for t in traces for v in t.customdata]
    assert sorted(names) == sorted(nodes["name"])
    sizes = {v[0]: s for t in traces for v, s in zip(t.customdata, t.marker.size, strict=True)}
    assert sizes["RUS"] == max(sizes.values())
    assert "countries" in figure.layout.title.text and figure.layout.clickmode == "event+select"


def test_every_edge_is_drawn_once_with_width_by_weight(timeline):
    nodes, edges = network(timeline, "country")
    figure = network_figure(nodes, edges)
    lines = [t for t in figure.data if t.mode == "lines"]
    segments = sum(len(t.x) // 3 for t in lines)
    assert segments == len(edges)
    widths = {t.line.width for t in lines}
    assert widths == {1.0, 2.5}  # weights 1 and 2


def test_layout_is_deterministic_and_spread(timeline):
    nodes, edges = network(timeline, "person")
    first = force_layout(nodes["name"].tolist(), edges)
    again = force_layout(nodes["name"].tolist(), edges)
    assert first == again
    points = np.array(list(first.values()))
    assert np.abs(points).max() <= 1.0 + 1e-9
    distances = np.linalg.norm(points[:, None] - points[None], axis=-1) + np.eye(len(points))
    assert distances.min() > 0.05


def test_empty_network_says_what_to_do(timeline):
    nodes, edges = network(timeline.iloc[0:0])
    figure = network_figure(nodes, edges)
    assert len(figure.data) == 0 and "relax" in figure.layout.annotations[0].text.lower()
