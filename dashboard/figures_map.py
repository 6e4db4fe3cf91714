"""Map page figure: where contacts happened, one marker per place sized by its number of contacts.

The base map is Plotly's world topojson. Inside the app it is served by Streamlit's static file
serving from `static/topojson/` (see `.streamlit/config.toml`), so the map draws without internet;
a downloaded HTML file fetches it from Plotly's CDN as usual.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import TOPIC_COLOURS, report_layout, topic_label
from pipeline.schema import TOPICS

# Plotly config for st.plotly_chart: where the browser finds `world_110m.json` (relative to the page).
MAP_CONFIG = {"topojsonURL": "app/static/topojson/", "scrollZoom": True}
NEUTRAL = "rgba(128, 128, 128, {alpha})"  # grey at an alpha reads on light and dark backgrounds


def map_figure(places: pd.DataFrame, title: str = "Where contacts happened") -> go.Figure:
    """Markers at each place from `aggregate.places`, area proportional to contacts, coloured by main topic.

    Points carry `customdata` [location] so a click can list that place's events.
    """
    figure = go.Figure()
    largest = max(int(places["events"].max()), 1) if not places.empty else 1
    for topic in TOPICS:
        subset = places[places["topic"] == topic] if not places.empty else places
        if subset.empty:
            continue
        sizes = 8 + 32 * np.sqrt(subset["events"].to_numpy(dtype=float) / largest)
        hover = [f"<b>{html.escape(str(loc))}</b> ({html.escape(str(country))})<br>{n:,} contact(s)"
                 f"<br>main topic: {topic_label(topic)}"
                 for loc, country, n in zip(subset["location"], subset["location_country"], subset["events"],
                                            strict=True)]
        figure.add_trace(go.Scattergeo(
            lon=subset["longitude"], lat=subset["latitude"], mode="markers", name=topic_label(topic),
            marker={"size": sizes, "color": TOPIC_COLOURS[topic], "opacity": 0.8,
                    "line": {"width": 1, "color": "rgba(255,255,255,0.8)"}},
            customdata=subset[["location"]].to_numpy(), hovertext=hover, hoverinfo="text",
        ))
    figure.update_geos(
        projection_type="natural earth", showcountries=True, countrycolor=NEUTRAL.format(alpha=0.6),
        showland=True, landcolor=NEUTRAL.format(alpha=0.18), showocean=False, showlakes=False,
        coastlinecolor=NEUTRAL.format(alpha=0.7), bgcolor="rgba(0,0,0,0)", showframe=False,
    )
    note = f" ({len(places):,} places; marker size = contacts)" if not places.empty else " (no located contacts)"
    report_layout(figure, title + note, None, None, height=520, legend_title="Main topic")
    figure.update_layout(margin={"l": 0, "r": 0, "t": 60, "b": 0}, clickmode="event+select")
    return figure
