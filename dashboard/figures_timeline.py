"""The timeline: contacts on a date axis in swimlanes, coloured by main topic, shaped by event type.

Three drawing modes, chosen by how many markers the lanes hold, so the page stays responsive
from the 100-event sample to 100,000 events:

- up to `DETAIL_LIMIT` markers: SVG markers, one per event and lane, with the full hover;
- up to `WEBGL_LIMIT`: the same markers drawn with WebGL (`Scattergl`);
- beyond: one marker per lane and period (week, month, quarter or year: the finest that keeps
  the chart under `aggregate.MAX_CELLS` markers), sized by its number of contacts and coloured by
  its main topic, so even 100,000 events send the browser a few hundred kilobytes.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.aggregate import (
    LANE_CHOICES,
    PERIOD_NAMES,
    aggregate_lanes,
    busiest_lanes,
    lane_labels,
    main_topics,
)
from dashboard.figures import EVENT_SYMBOLS, TOPIC_COLOURS, hover_text, report_layout, topic_label
from pipeline.schema import TOPICS

DETAIL_LIMIT = 2_000
WEBGL_LIMIT = 6_000
MAX_LANES = 40
LANE_COLUMNS = ["event_id", "date", "topics", "countries", "participants"]
QUICK_RANGES = [
    {"count": 1, "label": "1 m", "step": "month", "stepmode": "backward"},
    {"count": 6, "label": "6 m", "step": "month", "stepmode": "backward"},
    {"count": 1, "label": "1 y", "step": "year", "stepmode": "backward"},
    {"count": 5, "label": "5 y", "step": "year", "stepmode": "backward"},
    {"step": "all", "label": "all"},
]


def timeline_mode(markers: int, detail_limit: int = DETAIL_LIMIT, webgl_limit: int = WEBGL_LIMIT) -> str:
    """"svg", "webgl" or "aggregate", by the number of markers to draw."""
    if markers > webgl_limit:
        return "aggregate"
    return "webgl" if markers > detail_limit else "svg"


def drawn_rows(frame: pd.DataFrame, lanes: str, max_lanes: int = MAX_LANES) -> tuple[pd.DataFrame, list[str], int]:
    """The (event, lane) rows the timeline draws, its lanes, and how many lanes there were in all.

    Only the columns lanes and periods need are carried (copying 22 text columns of 200,000
    exploded rows would cost more than the whole chart); `_with_details` adds the rest when drawn.
    """
    slim = frame[[c for c in LANE_COLUMNS if c in frame.columns]]
    return busiest_lanes(lane_labels(slim, lanes), max_lanes)


def _with_details(frame: pd.DataFrame, laned: pd.DataFrame) -> pd.DataFrame:
    """The drawn rows with every column of their events (for hover text); needs a unique frame index."""
    return frame.loc[laned.index].assign(lane=laned["lane"].to_numpy())


def timeline_figure(frame: pd.DataFrame, lanes: str = "pair", max_lanes: int = MAX_LANES,
                    detail_limit: int = DETAIL_LIMIT, webgl_limit: int = WEBGL_LIMIT) -> go.Figure:
    """Events on a date axis, one lane per country pair / country / person, coloured by main topic.

    Planned contacts are drawn hollow; marker shape says meeting (circle), call (diamond) or summit
    (star). Only the busiest `max_lanes` lanes are drawn; the title says when lanes were dropped and
    when markers stand for several contacts. A range slider and quick-range buttons sit under the axis.
    Points carry `customdata`: the event id, or (lane, period start, topic) when aggregated.
    """
    lane_name = LANE_CHOICES.get(lanes, lanes)
    laned, kept, total_lanes = drawn_rows(frame, lanes, max_lanes)
    mode = timeline_mode(len(laned), detail_limit, webgl_limit)
    figure = go.Figure()
    period = ""
    if mode == "aggregate":
        period = _add_aggregated(figure, laned)
    else:
        laned = _with_details(frame, laned)
        _add_events(figure, laned, webgl=mode == "webgl")
        _add_legend_key(figure, laned)
    title = f"Diplomatic contacts over time, by {lane_name.lower()}"
    notes = []
    if total_lanes > len(kept):
        notes.append(f"busiest {len(kept)} of {total_lanes} lanes")
    if mode == "aggregate":
        notes.append(f"marker size = contacts per {period}, colour = its main topic")
    if notes:
        title += f" ({'; '.join(notes)})"
    report_layout(figure, title, "Date of contact", lane_name, height=max(380, 26 * len(kept) + 230),
                  legend_title="Main topic")
    figure.update_layout(hovermode="closest", clickmode="event+select", dragmode="zoom",
                         meta={"mode": mode, "events": int(frame.shape[0])})
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(kept)), type="category")
    figure.update_xaxes(type="date", rangeslider={"visible": True, "thickness": 0.06},
                        rangeselector={"buttons": QUICK_RANGES, "x": 0, "y": 1.0, "yanchor": "bottom"})
    return figure


def _add_events(figure: go.Figure, laned: pd.DataFrame, webgl: bool) -> None:
    """One marker per event and lane, one trace per main topic (so the legend is the topic key)."""
    if laned.empty:
        return
    topics = main_topics(laned)
    trace_type = go.Scattergl if webgl else go.Scatter
    for topic in TOPICS:
        subset = laned[topics == topic]
        if subset.empty:
            continue
        columns = ["event_type", "status", "date", "date_precision", "participants", "roles", "countries",
                   "location", "topics", "evidence", "n_sources"]
        records = subset[[c for c in columns if c in subset.columns]].to_dict("records")
        symbols = [EVENT_SYMBOLS.get(r["event_type"], "circle") + ("-open" if r["status"] == "planned" else "")
                   for r in records]
        figure.add_trace(trace_type(
            x=pd.to_datetime(subset["date"].astype(str)), y=subset["lane"], mode="markers", name=topic_label(topic),
            legendgroup=topic, showlegend=False,
            marker={"color": TOPIC_COLOURS[topic], "size": 11, "symbol": symbols,
                    "line": {"width": 2, "color": TOPIC_COLOURS[topic]}},
            customdata=subset[["event_id"]].to_numpy(),
            hovertext=[hover_text(r) for r in records], hoverinfo="text",
        ))


def _add_legend_key(figure: go.Figure, laned: pd.DataFrame) -> None:
    """Legend entries that do not depend on the first marker of a trace: a filled circle per topic
    (clicking it toggles that topic) and the shape key (meeting, call, summit, planned)."""
    if laned.empty:
        return
    present = set(main_topics(laned))
    for topic in TOPICS:
        if topic in present:
            figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=topic_label(topic), legendgroup=topic,
                                        marker={"color": TOPIC_COLOURS[topic], "size": 10, "symbol": "circle"},
                                        hoverinfo="skip", legend="legend"))
    grey = "rgba(128, 128, 128, 0.9)"
    for label, symbol in (("meeting", "circle"), ("call", "diamond"), ("summit", "star"), ("planned", "circle-open")):
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label, legendgroup=f"shape-{label}",
                                    marker={"color": grey, "size": 10, "symbol": symbol, "line": {"color": grey,
                                                                                                 "width": 2}},
                                    hoverinfo="skip", legend="legend2"))
    figure.update_layout(legend2={"title": {"text": "Marker "}, "orientation": "h", "x": 1.0, "xanchor": "right",
                                  "y": 1.0, "yanchor": "bottom"})


def _add_aggregated(figure: go.Figure, laned: pd.DataFrame) -> str:
    """One marker per lane and period, its area proportional to the number of contacts, coloured by the
    period's main topic; returns the period name for the title."""
    cells = aggregate_lanes(laned)
    if cells.empty:
        return "period"
    largest = max(int(cells["events"].max()), 1)
    trace_type = go.Scattergl if len(cells) > DETAIL_LIMIT else go.Scatter
    for topic in TOPICS:
        subset = cells[cells["topic"] == topic]
        if subset.empty:
            continue
        sizes = 6 + 24 * np.sqrt(subset["events"].to_numpy() / largest)
        hover = [f"<b>{n:,} contacts</b> · {html.escape(str(lane))}<br>{PERIOD_NAMES[code]} from {start:%Y-%m-%d}"
                 f"<br>{html.escape(breakdown)}"
                 for n, lane, start, code, breakdown in zip(subset["events"], subset["lane"], subset["period"],
                                                           subset["code"], subset["breakdown"], strict=True)]
        figure.add_trace(trace_type(
            x=subset["period"], y=subset["lane"], mode="markers", name=topic_label(topic), legendgroup=topic,
            marker={"color": TOPIC_COLOURS[topic], "size": sizes, "opacity": 0.75, "sizemode": "diameter"},
            customdata=np.column_stack([subset["lane"].to_numpy(dtype=object),
                                        subset["period"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
                                        subset["code"].to_numpy(dtype=object)]),
            hovertext=hover, hoverinfo="text",
        ))
    return PERIOD_NAMES[str(cells["code"].iloc[0])]
