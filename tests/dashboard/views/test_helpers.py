"""The pure helpers inside the page modules: chart selections, table rows, node filters, titles."""

from __future__ import annotations

import pandas as pd

from dashboard.aggregate import ALL_COUNTRIES
from dashboard.data import Overview, PageRows
from dashboard.filters import Filters
from dashboard.views.common import PageData, chosen_report, event_by_id, point_values, selected_points
from dashboard.views.events import selected_row
from dashboard.views.network import add_to_filter, filter_key
from dashboard.views.relations import relation_title
from dashboard.views.timeline import selected_event_ids
from tests.dashboard.conftest import many_events


def page_of(frame) -> PageData:
    return PageData(Overview("test", len(frame), {}, None), Filters(), PageRows(frame, len(frame), {}))


def test_selection_points_and_customdata():
    event = {"selection": {"points": [{"customdata": ["e1"]}, {"customdata": "e2"}, {"x": 1}, "junk"]}}
    assert len(selected_points(event)) == 3
    assert point_values(event) == [["e1"], ["e2"]]
    assert point_values(None) == [] and point_values({"selection": {}}) == []


def test_timeline_selection_gives_event_ids_for_single_and_aggregated_markers(timeline):
    page = page_of(timeline)
    assert selected_event_ids(page, [["e2"], ["e1"], ["e2"]], "pair") == ["e2", "e1"]
    big = many_events(200)
    page = page_of(big)
    row = big.iloc[0]
    from dashboard.aggregate import lane_periods, pair_label
    from dashboard.figures_timeline import drawn_rows

    drawn = drawn_rows(big, "pair")[0]
    start = lane_periods(drawn, "M").loc[drawn["event_id"] == row["event_id"]].iloc[0]
    found = selected_event_ids(page, [[pair_label(row["countries"]), str(start.date()), "M"]], "pair")
    assert row["event_id"] in found
    assert all(big.set_index("event_id").loc[found, "date"].str[:7] == row["date"][:7])


def test_table_selection_maps_positions_to_event_ids(timeline):
    shown = timeline.reset_index(drop=True)
    assert selected_row({"selection": {"rows": [2]}}, shown) == "e3"
    assert selected_row({"selection": {"rows": []}}, shown) is None
    assert selected_row({"selection": {"rows": [99]}}, shown) is None
    assert selected_row(None, shown) is None
    assert event_by_id(timeline, "e4")["event_type"] == "call" and event_by_id(timeline, "nope") is None


def test_network_click_adds_a_filter_value_once():
    state: dict = {"country": ["RUS"]}
    add_to_filter(state, filter_key("country"), "USA")
    add_to_filter(state, filter_key("country"), "USA")
    add_to_filter(state, filter_key("person"), "Joe Biden")
    assert state == {"country": ["RUS", "USA"], "person": ["Joe Biden"]}


def test_relation_titles():
    assert relation_title("RUS", "USA") == "Contacts between RUS and USA, per month, by main topic"
    assert relation_title("RUS", ALL_COUNTRIES).startswith("Contacts of RUS with any country")


def test_events_table_pages_in_the_chosen_order():
    from dashboard.views.events import table_page

    frame = many_events(25)
    rows, pages = table_page(frame, "newest first", 1, rows=10)
    assert pages == 3 and len(rows) == 10 and rows["date"].is_monotonic_decreasing
    last, _ = table_page(frame, "newest first", 3, rows=10)
    assert len(last) == 5 and last.iloc[-1]["date"] == frame["date"].min()
    clamped, _ = table_page(frame, "most confident", 99, rows=10)
    assert len(clamped) == 5 and clamped["confidence"].is_monotonic_decreasing
    assert len(table_page(frame.iloc[0:0], "oldest first", 1)[0]) == 0


def test_the_article_view_shows_the_report_the_url_names_else_the_best():
    sources = pd.DataFrame({"source_event_id": ["best", "second", "third"], "article_id": ["a", "b", "c"],
                            "source_rank": [0, 1, 2]})
    assert chosen_report(sources, "third")["article_id"] == "c"
    assert chosen_report(sources, None)["article_id"] == "a"
    assert chosen_report(sources, "a report of another event")["article_id"] == "a"
    assert chosen_report(sources.iloc[0:0], "best") is None
