"""What every figure shares: the topic palette, event-type markers, hover text and report-ready layout.

Hover text and labels come from article text, so they are HTML-escaped before Plotly sees them
(Plotly renders a subset of HTML in hover labels). The builders themselves live in
`figures_timeline`, `figures_relations`, `figures_network` and `figures_map`, one per page, so no
module grows past a screenful of concerns.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping

import plotly.graph_objects as go

from pipeline.schema import TOPICS, split_list

# Colour-blind-aware categorical palette (Tableau 10 plus two), readable on white and on Streamlit's
# dark background alike; one colour per topic in schema order.
TOPIC_COLOURS: dict[str, str] = {
    "climate": "#2ca02c", "nuclear_arms": "#d62728", "security": "#1f77b4", "conflict": "#8c564b",
    "economy": "#ff7f0e", "energy": "#bcbd22", "aid": "#17becf", "health": "#e377c2",
    "human_rights": "#9467bd", "migration": "#7f7f7f", "territory": "#6baed6", "diplomacy": "#5254a3",
}
assert set(TOPIC_COLOURS) == set(TOPICS), "every schema topic needs a colour"
EVENT_SYMBOLS = {"meeting": "circle", "call": "diamond", "summit": "star"}
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 13}


def topic_label(topic: str) -> str:
    """How a topic reads in a legend: `nuclear_arms` -> `nuclear arms`."""
    return topic.replace("_", " ")


def hover_text(row: Mapping[str, object]) -> str:
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
    status = str(row["status"])
    try:
        sources = int(row.get("n_sources") or 0)  # merged events only
    except (TypeError, ValueError):
        sources = 0
    reported = f"<br>reported by {sources} articles" if sources > 1 else ""
    return (f"<b>{html.escape(str(row['event_type']).title())}</b> · {html.escape(status)}<br>"
            f"{html.escape(str(row['date']))} (precision: {html.escape(str(row['date_precision']))})<br>{who}<br>"
            f"{place}<br>topics: {html.escape(str(row['topics']).replace('_', ' '))}<br><i>{evidence}</i>{reported}")


def report_layout(figure: go.Figure, title: str, x_title: str | None, y_title: str | None,
                  height: int = 460, legend_title: str | None = None) -> go.Figure:
    """Title, axis titles, margins and font an analyst can paste into a report as they are."""
    figure.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left"}, height=height, font=FONT,
        margin={"l": 10, "r": 10, "t": 70, "b": 40}, legend_title_text=legend_title,
        hoverlabel={"align": "left"},
    )
    if x_title is not None:
        figure.update_xaxes(title_text=x_title, automargin=True)
    if y_title is not None:
        figure.update_yaxes(title_text=y_title, automargin=True)
    return figure


def empty_figure(title: str, message: str) -> go.Figure:
    """A figure that says why it is empty instead of drawing blank axes."""
    figure = go.Figure()
    figure.add_annotation(text=html.escape(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                          font={"size": 15})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return report_layout(figure, title, None, None, height=300)

