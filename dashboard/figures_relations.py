"""Relations page figures: contacts per month stacked by topic, and the busiest pairs and people."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import TOPIC_COLOURS, empty_figure, report_layout, topic_label
from pipeline.schema import TOPICS


def count_ticks(largest: int) -> dict[str, object]:
    """Whole-number ticks for a count axis (Plotly would label 0.5 steps "0, 1, 1, 2" with a "d" format)."""
    return {"tick0": 0, "dtick": max(1, -(-largest // 8)), "tickformat": "d"}


def monthly_figure(counts: pd.DataFrame, title: str) -> go.Figure:
    """Stacked bars: contacts per month (x), one bar segment per main topic, from `monthly_topic_counts`."""
    if counts.empty:
        return empty_figure(title, "No contacts between these countries in the filtered events.")
    figure = go.Figure()
    for topic in TOPICS:
        subset = counts[counts["topic"] == topic]
        if subset.empty:
            continue
        figure.add_trace(go.Bar(
            x=subset["month"], y=subset["count"], name=topic_label(topic), marker_color=TOPIC_COLOURS[topic],
            hovertemplate="%{x|%B %Y}: %{y} contact(s)<extra>" + topic_label(topic) + "</extra>",
        ))
    figure.update_layout(barmode="stack", bargap=0.15)
    figure.update_xaxes(type="date", dtick="M12" if counts["month"].nunique() > 24 else None)
    stacked = counts.groupby("month")["count"].sum().max()
    figure.update_yaxes(rangemode="tozero", **count_ticks(int(stacked)))
    return report_layout(figure, title, "Month of contact", "Contacts (events)", legend_title="Main topic")


def ranking_figure(table: pd.DataFrame, label_column: str, title: str, y_title: str) -> go.Figure:
    """Horizontal bars of a ranking table (label column + `events`), busiest on top."""
    if table.empty:
        return empty_figure(title, "Nothing to rank in the filtered events.")
    figure = go.Figure(go.Bar(
        x=table["events"], y=table[label_column], orientation="h", marker_color=TOPIC_COLOURS["diplomacy"],
        customdata=table[[label_column]].to_numpy(), hovertemplate="%{y}: %{x} contact(s)<extra></extra>",
    ))
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(table[label_column].tolist())),
                        type="category")
    figure.update_xaxes(rangemode="tozero", **count_ticks(int(table["events"].max())))
    return report_layout(figure, title, "Contacts (events)", y_title, height=max(300, 24 * len(table) + 120))
