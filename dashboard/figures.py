"""Plotly figures of the timeline. Every builder takes the filtered table and returns a go.Figure.

Hover text and labels come from article text, so they are HTML-escaped before Plotly sees
them (Plotly renders a subset of HTML in hover labels).
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from pipeline.schema import TOPICS, split_list

TOPIC_COLOURS: dict[str, str] = {
    "climate": "#2ca02c", "nuclear_arms": "#d62728", "security": "#1f77b4", "conflict": "#8c564b",
    "economy": "#ff7f0e", "energy": "#bcbd22", "aid": "#17becf", "health": "#e377c2",
    "human_rights": "#9467bd", "migration": "#7f7f7f", "territory": "#aec7e8", "diplomacy": "#393b79",
}
LANE_CHOICES = {"pair": "Country pair", "country": "Country", "person": "Person"}
EVENT_SYMBOLS = {"meeting": "circle", "call": "diamond", "summit": "star"}


def main_topic(topics: str) -> str:
    values = split_list(topics)
    return values[0] if values else "diplomacy"


def lane_labels(frame: pd.DataFrame, lanes: str) -> pd.DataFrame:
    """One row per (event, lane): a pair lane per event, or one lane per country or person in it."""
    if lanes == "pair":
        labels = frame["countries"].map(lambda c: "–".join(sorted(set(split_list(c)))))
        return frame.assign(lane=labels)
    column = "participants" if lanes == "person" else "countries"
    exploded = frame.assign(lane=frame[column].map(lambda c: list(dict.fromkeys(split_list(c))))).explode("lane")
    return exploded[exploded["lane"].notna() & (exploded["lane"] != "")]


def hover_text(row: pd.Series) -> str:
    """Hover label of one event: who (as what), where, when (with precision), topics, evidence."""
    people = split_list(row["participants"])
    roles = split_list(row["roles"]) + [""] * len(people)
    countries = split_list(row["countries"]) + [""] * len(people)
    who = "<br>".join(
        f"{html.escape(name)} ({html.escape(country)}{', ' + html.escape(role) if role else ''})"
        for name, country, role in zip(people, countries, roles, strict=False)
    )
    evidence = "<br>".join(textwrap.wrap(html.escape(str(row["evidence"])), 90)[:6])
    place = html.escape(str(row["location"])) if row["location"] else "place not stated"
    return (f"<b>{html.escape(str(row['event_type']).title())}</b> · {html.escape(str(row['status']))}<br>"
            f"{html.escape(str(row['date']))} ({html.escape(str(row['date_precision']))})<br>{who}<br>"
            f"{place}<br>topics: {html.escape(str(row['topics']))}<br><i>{evidence}</i>")


def timeline_figure(frame: pd.DataFrame, lanes: str = "pair", max_lanes: int = 40) -> go.Figure:
    """Events on a date axis, one lane per country pair / country / person, coloured by main topic.

    Planned contacts are drawn hollow; marker shape says meeting, call or summit. Only the busiest
    `max_lanes` lanes are drawn so the chart stays readable; the title says when lanes were dropped.
    """
    figure = go.Figure()
    laned = lane_labels(frame, lanes) if not frame.empty else frame.assign(lane=[])
    lane_sizes = laned["lane"].value_counts() if not laned.empty else pd.Series(dtype=int)
    kept = list(lane_sizes.index[:max_lanes])
    laned = laned[laned["lane"].isin(kept)] if kept else laned
    for topic in TOPICS:
        subset = laned[laned["topics"].map(main_topic) == topic] if not laned.empty else laned
        if subset.empty:
            continue
        symbols = [EVENT_SYMBOLS.get(t, "circle") + ("-open" if s == "planned" else "")
                   for t, s in zip(subset["event_type"], subset["status"], strict=True)]
        figure.add_trace(go.Scatter(
            x=pd.to_datetime(subset["date"]), y=subset["lane"], mode="markers", name=topic.replace("_", " "),
            marker={"color": TOPIC_COLOURS[topic], "size": 11, "symbol": symbols, "line": {"width": 2,
                    "color": TOPIC_COLOURS[topic]}},
            customdata=subset[["event_id"]].to_numpy(),
            hovertext=[hover_text(row) for _, row in subset.iterrows()], hoverinfo="text",
        ))
    dropped = len(lane_sizes) - len(kept)
    title = f"Diplomatic contacts over time, by {LANE_CHOICES.get(lanes, lanes).lower()}"
    if dropped > 0:
        title += f" (busiest {len(kept)} of {len(lane_sizes)} lanes)"
    figure.update_layout(
        title=title, xaxis_title="Date of contact", yaxis_title=LANE_CHOICES.get(lanes, lanes),
        legend_title="Main topic", height=max(360, 28 * len(kept) + 160), hovermode="closest",
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(kept)), "automargin": True},
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
    )
    return figure
