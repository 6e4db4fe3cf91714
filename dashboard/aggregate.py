"""Aggregations of the (filtered) timeline: lanes, country pairs, dyads, relations, network and places.

Pure pandas, no Streamlit and no Plotly, so every number a chart or table shows is unit-tested
here and the figure modules only draw. Vectorised where the page runs it on every rerun (the
dashboard must stay responsive at 100,000 events).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from dashboard.filters import list_values
from pipeline.schema import split_list

ALL_COUNTRIES = "All countries"
DEFAULT_TOPIC = "diplomacy"
LANE_CHOICES = {"pair": "Country pair", "country": "Country", "person": "Person"}
PAIR_JOINER = "–"  # en dash: "RUS–USA" reads as a pair and never occurs in a country code


def main_topics(frame: pd.DataFrame) -> pd.Series:
    """The main (first) topic of each event; events without topics count as diplomacy."""
    if frame.empty:
        return pd.Series([], dtype=str, index=frame.index)
    cells = frame["topics"].fillna("").astype(str)
    first = {cell: main_topic(cell) for cell in cells.unique()}  # few distinct cells: map, don't split each
    return cells.map(first)


def main_topic(topics: str) -> str:
    """Main topic of one `topics` cell."""
    values = split_list(topics)
    return values[0] if values else DEFAULT_TOPIC


def pair_label(countries: str) -> str:
    """The country-pair lane of an event: its distinct countries, sorted and joined ("RUS–USA")."""
    return PAIR_JOINER.join(sorted(set(split_list(countries))))


def lane_labels(frame: pd.DataFrame, lanes: str) -> pd.DataFrame:
    """One row per (event, lane): a pair lane per event, or one lane per country or person in it."""
    if frame.empty:
        return frame.assign(lane=pd.Series([], dtype=str))
    if lanes == "pair":
        unique = frame["countries"].drop_duplicates()
        labels = dict(zip(unique, unique.map(pair_label), strict=True))
        return frame.assign(lane=frame["countries"].map(labels))
    column = "participants" if lanes == "person" else "countries"
    long = list_values(frame, column)
    laned = frame.loc[long.index].assign(lane=long.to_numpy())
    return laned


def country_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per event and unordered pair of its distinct countries: columns row, a, b (a < b).

    `row` is the frame's index label, so pairs can be joined back to the events.
    """
    long = list_values(frame, "countries")
    if long.empty:
        return pd.DataFrame({"row": [], "a": [], "b": []})
    left = pd.DataFrame({"row": long.index.to_numpy(), "a": long.to_numpy(dtype=object)})
    merged = left.merge(left.rename(columns={"a": "b"}), on="row")
    merged = merged[merged["a"] < merged["b"]]
    return merged.reset_index(drop=True)


def dyads(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per event and unordered pair of participants from different countries (the scorer's dyad).

    Each dyad carries both people with their country and role, and the event's date, type, status,
    place, topics, evidence and ids, so a network tool or spreadsheet can read it without joins.
    """
    columns = ["event_id", "date", "date_precision", "event_type", "status", "person_a", "country_a", "role_a",
               "person_b", "country_b", "role_b", "location", "location_country", "topics", "evidence",
               "confidence", "article_id", "url"]
    rows: list[dict[str, object]] = []
    for record in frame.to_dict("records"):
        people = split_list(record["participants"])
        countries = split_list(record["countries"]) + [""] * len(people)
        roles = split_list(record["roles"]) + [""] * len(people)
        for i, j in combinations(range(len(people)), 2):
            if countries[i] and countries[i] == countries[j]:
                continue
            rows.append({**{key: record.get(key, "") for key in columns if key in record},
                         "person_a": people[i], "country_a": countries[i], "role_a": roles[i],
                         "person_b": people[j], "country_b": countries[j], "role_b": roles[j]})
    return pd.DataFrame(rows, columns=columns)


def relation_events(frame: pd.DataFrame, first: str, second: str = ALL_COUNTRIES) -> pd.DataFrame:
    """Events between two countries (both present), or of one country with anyone when `second` is all."""
    if frame.empty or not first:
        return frame.iloc[0:0]
    long = list_values(frame, "countries")
    with_first = set(long.index[long == first])
    if second and second != ALL_COUNTRIES and second != first:
        with_second = set(long.index[long == second])
        chosen = with_first & with_second
    else:
        chosen = with_first
    return frame[frame.index.isin(chosen)]


def monthly_topic_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Contacts per calendar month and main topic: columns month (Timestamp, first day), topic, count."""
    if frame.empty:
        return pd.DataFrame({"month": pd.Series([], dtype="datetime64[ns]"), "topic": [], "count": []})
    months = pd.to_datetime(frame["date"].astype(str).str[:7] + "-01")
    table = pd.DataFrame({"month": months.to_numpy(), "topic": main_topics(frame).to_numpy()})
    counts = table.groupby(["month", "topic"]).size().rename("count").reset_index()
    return counts.sort_values(["month", "topic"]).reset_index(drop=True)


def top_pairs(frame: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The country pairs with most contacts: columns pair ("RUS–USA"), events; busiest first."""
    pairs = country_pairs(frame)
    if pairs.empty:
        return pd.DataFrame({"pair": pd.Series([], dtype=str), "events": pd.Series([], dtype=int)})
    labels = pairs["a"] + PAIR_JOINER + pairs["b"]
    counts = labels.value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return pd.DataFrame({"pair": [p for p, _ in ordered], "events": [int(c) for _, c in ordered]})


def top_people(frame: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The people in most contacts: columns person, events; busiest first (ties alphabetical)."""
    counts = list_values(frame, "participants").value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return pd.DataFrame({"person": [p for p, _ in ordered], "events": [int(c) for _, c in ordered]})


def network(frame: pd.DataFrame, kind: str = "country", max_nodes: int = 60) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Who met whom: nodes (name, contacts, topic) and edges (a, b, weight, topic), busiest nodes only.

    `kind` is "country" or "person". A node's contacts is the number of events it is in; an edge's
    weight the number of events with both; topic is the most frequent main topic (ties alphabetical).
    Only the `max_nodes` busiest nodes are kept so the graph stays legible.
    """
    column = "participants" if kind == "person" else "countries"
    empty_nodes = pd.DataFrame({"name": pd.Series([], dtype=str), "contacts": pd.Series([], dtype=int),
                                "topic": pd.Series([], dtype=str)})
    empty_edges = pd.DataFrame({"a": pd.Series([], dtype=str), "b": pd.Series([], dtype=str),
                                "weight": pd.Series([], dtype=int), "topic": pd.Series([], dtype=str)})
    long = list_values(frame, column)
    if long.empty:
        return empty_nodes, empty_edges
    topics = main_topics(frame)
    members = pd.DataFrame({"row": long.index.to_numpy(), "name": long.to_numpy(dtype=object)})
    members["topic"] = topics.loc[members["row"]].to_numpy()
    contacts = members["name"].value_counts()
    kept = sorted(contacts.index, key=lambda name: (-contacts[name], name))[:max_nodes]
    members = members[members["name"].isin(set(kept))]
    nodes = pd.DataFrame({"name": kept, "contacts": [int(contacts[name]) for name in kept]})
    nodes["topic"] = nodes["name"].map(_modal_topic(members, ["name"]).set_index("name")["topic"])
    pairs = members.merge(members[["row", "name"]].rename(columns={"name": "other"}), on="row")
    pairs = pairs[pairs["name"] < pairs["other"]].rename(columns={"name": "a", "other": "b"})
    if pairs.empty:
        return nodes, empty_edges
    weights = pairs.groupby(["a", "b"]).size().rename("weight").reset_index()
    edges = weights.merge(_modal_topic(pairs, ["a", "b"]), on=["a", "b"])
    edges = edges.sort_values(["weight", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)
    edges["weight"] = edges["weight"].astype(int)
    return nodes, edges


def _modal_topic(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Most frequent topic per key (ties alphabetical), as columns keys + topic."""
    counts = table.groupby([*keys, "topic"]).size().rename("n").reset_index()
    counts = counts.sort_values([*keys, "n", "topic"], ascending=[True] * len(keys) + [False, True])
    return counts.drop_duplicates(keys)[[*keys, "topic"]]


def places(frame: pd.DataFrame) -> pd.DataFrame:
    """Where contacts happened: one row per place with coordinates, events and main topic; busiest first."""
    columns = ["location", "location_country", "latitude", "longitude", "events", "topic"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    located = frame[frame["location"].astype(str).str.strip().ne("") & frame["latitude"].notna()
                    & frame["longitude"].notna()]
    if located.empty:
        return pd.DataFrame(columns=columns)
    table = located[["location", "location_country", "latitude", "longitude"]].assign(topic=main_topics(located))
    keys = ["location", "location_country"]
    grouped = table.groupby(keys).agg(latitude=("latitude", "mean"), longitude=("longitude", "mean"),
                                      events=("topic", "size")).reset_index()
    grouped = grouped.merge(_modal_topic(table, keys), on=keys)
    grouped["events"] = grouped["events"].astype(int)
    return grouped.sort_values(["events", "location"], ascending=[False, True]).reset_index(drop=True)[columns]


def events_at(frame: pd.DataFrame, location: str) -> pd.DataFrame:
    """The events at one place (exact `location` match)."""
    return frame[frame["location"].astype(str) == location]


def busiest_lanes(laned: pd.DataFrame, max_lanes: int) -> tuple[pd.DataFrame, list[str], int]:
    """The rows in the `max_lanes` busiest lanes, those lanes busiest first, and how many lanes there were."""
    if laned.empty:
        return laned, [], 0
    sizes = laned["lane"].value_counts()
    ordered = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    kept = [lane for lane, _ in ordered[:max_lanes]]
    return laned[laned["lane"].isin(set(kept))], kept, len(ordered)


AGGREGATE_PERIODS = {"W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}  # finest first; pandas period codes
PERIOD_NAMES = {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}
MAX_CELLS = 2_000


def lane_periods(laned: pd.DataFrame, code: str = "M") -> pd.Series:
    """Start (a Timestamp) of each row's aggregation period: week (from Monday), month, quarter or year."""
    if laned.empty:
        return pd.Series([], dtype="datetime64[ns]", index=laned.index)
    dates = pd.to_datetime(laned["date"].astype(str))
    return dates.dt.to_period(AGGREGATE_PERIODS[code]).dt.start_time


def choose_period(laned: pd.DataFrame, max_cells: int = MAX_CELLS) -> str:
    """The finest period whose lane × period cells number at most `max_cells` (else years)."""
    for code in AGGREGATE_PERIODS:
        cells = pd.DataFrame({"lane": laned["lane"].to_numpy(), "period": lane_periods(laned, code).to_numpy()})
        if len(cells.drop_duplicates()) <= max_cells:
            return code
    return "Y"


def aggregate_lanes(laned: pd.DataFrame, max_cells: int = MAX_CELLS) -> pd.DataFrame:
    """Events per lane and period, for timelines too dense to draw one marker per event.

    Columns: lane, period (Timestamp of its start), code (W, M, Q, Y), events, topic (the most frequent
    main topic, ties alphabetical) and breakdown ("7 security, 3 conflict, 2 economy").
    """
    if laned.empty:
        return pd.DataFrame({"lane": [], "period": pd.Series([], dtype="datetime64[ns]"), "code": [],
                             "events": pd.Series([], dtype=np.int64), "topic": [], "breakdown": []})
    code = choose_period(laned, max_cells)
    table = pd.DataFrame({"lane": laned["lane"].to_numpy(), "period": lane_periods(laned, code).to_numpy(),
                          "topic": main_topics(laned).to_numpy()})
    by_topic = table.groupby(["lane", "period", "topic"]).size().rename("n").reset_index()
    by_topic = by_topic.sort_values(["lane", "period", "n", "topic"], ascending=[True, True, False, True])
    by_topic["text"] = by_topic["n"].astype(str) + " " + by_topic["topic"].str.replace("_", " ")
    cells = by_topic.groupby(["lane", "period"], sort=False).agg(
        events=("n", "sum"), topic=("topic", "first"), breakdown=("text", lambda t: ", ".join(t.head(4))))
    cells = cells.reset_index()
    cells["events"] = cells["events"].astype(np.int64)
    cells.insert(2, "code", code)
    return cells


def events_in_cell(laned: pd.DataFrame, lane: str, period_start: str, code: str) -> list[str]:
    """Ids of the events an aggregated marker stands for; `laned` must be the rows the figure drew."""
    if laned.empty or code not in AGGREGATE_PERIODS:
        return []
    inside = (laned["lane"] == lane).to_numpy() & (lane_periods(laned, code) == pd.Timestamp(period_start)).to_numpy()
    return laned.loc[inside, "event_id"].astype(str).tolist()
