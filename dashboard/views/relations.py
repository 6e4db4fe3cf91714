"""Relations page: two countries (or one against all) — contacts per month by topic, the list of those
contacts, and the busiest country pairs and people in the filtered events.

Run by `st.navigation` as a page script (the `__main__` block at the end); `render` is the page.
"""

from __future__ import annotations

import streamlit as st

from dashboard import exports
from dashboard.aggregate import ALL_COUNTRIES, monthly_topic_counts, relation_events, top_pairs, top_people
from dashboard.figures_relations import monthly_figure, ranking_figure
from dashboard.views.common import PageData, chart, empty_state, events_table, header, page_data

FIRST_KEY = "a"
SECOND_KEY = "b"
TOP = 15


def relation_title(first: str, second: str) -> str:
    """Chart title for a pair, or for one country against all."""
    if second in (ALL_COUNTRIES, first):
        return f"Contacts of {first} with any country, per month, by main topic"
    return f"Contacts between {first} and {second}, per month, by main topic"


def render(page: PageData | None = None) -> None:
    page = page or page_data()
    header("Relations", page)
    if empty_state(page):
        return
    countries = page.overview.options.get("countries", [])
    left, right = st.columns(2)
    first = left.selectbox("Country", countries, key=FIRST_KEY, bind="query-params",
                           help="Countries ordered by number of contacts in all events")
    second = right.selectbox("…with", [ALL_COUNTRIES, *countries], key=SECOND_KEY, bind="query-params",
                             help="Another country, or all countries")
    if not first:
        st.info("Pick a country to see its relations.")
        return
    second = ALL_COUNTRIES if not second or second == first else second
    events = relation_events(page.filtered, first, second)
    pair_name = first if second == ALL_COUNTRIES else f"{first}–{second}"
    st.caption(f"{len(events):,} contacts of {pair_name} in the filtered events")
    stem = exports.export_stem(page.filters, f"relations-{pair_name}")
    chart(monthly_figure(monthly_topic_counts(events), relation_title(first, second)), "relations_monthly", stem)
    st.subheader(f"The {len(events):,} contacts")
    if events.empty:
        st.warning(f"No contacts of {pair_name} in the filtered events: pick another pair, "
                   "choose “All countries”, or relax the sidebar filters.")
    else:
        events_table(events, key="relations_table", height=min(38 * len(events) + 40, 420))
    st.subheader("Overall, in the filtered events")
    left, right = st.columns(2)
    with left:
        chart(ranking_figure(top_pairs(page.filtered, TOP), "pair", f"Top {TOP} country pairs by contacts",
                             "Country pair"), "relations_pairs", exports.export_stem(page.filters, "top-pairs"))
    with right:
        chart(ranking_figure(top_people(page.filtered, TOP), "person", f"Top {TOP} people by contacts", "Person"),
              "relations_people", exports.export_stem(page.filters, "top-people"))


if __name__ == "__main__":
    render()
