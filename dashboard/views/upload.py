"""Add articles page: upload .txt, .csv, .jsonl or a .zip of them; a progress bar while they are
extracted; a per-file report of what was added and what was refused and why.

Files are stored under data/uploads/<timestamp>/ with sanitised names (dashboard.data.save_upload),
their articles extracted once and written to the store (dashboard.data.store_articles); new events
appear on every page because the app's caches are keyed on the store version (and the upload folder
joins the corpus folders the app keeps the store current with).
Run by `st.navigation` as a page script (the `__main__` block at the end); `render` is the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import data
from dashboard.uploads import UPLOAD_TYPES, ZIP_LIMITS, FileReport, extract_uploads, unpack_upload
from dashboard.views.common import PageData, header, page_data

UPLOADER_KEY = "upload_files"
REPORT_KEY = "upload_report"
ROUND_KEY = "upload_round"  # a new uploader key after each upload empties it, so files are not added twice


def process(files: list[tuple[str, bytes]], progress: DeltaGenerator) -> list[FileReport]:
    """Unpack, save, extract into the store; files that add nothing are not kept, so they never reach the corpus."""
    members, reports = [], []
    for name, content in files:
        unpacked, refused = unpack_upload(name, content)
        members += unpacked
        reports += refused
    if members:
        paths = data.save_upload([(m.name, m.data) for m in members])
        known_ids, known_hashes = data.known_articles(paths)  # which of these articles the store holds
        done = extract_uploads(zip(members, paths, strict=True), known_ids, known_hashes,
                               on_progress=lambda fraction, text: progress.progress(fraction, text=text),
                               on_extracted=data.store_articles)
        for report, path in zip(done, paths, strict=True):
            if report.articles == 0:
                data.discard_upload(path)
        reports += done
    progress.progress(1.0, text="Done")
    return reports


def show_report(rows: list[dict[str, object]]) -> None:
    table = pd.DataFrame(rows)
    added = int(table["articles added"].sum()) if not table.empty else 0
    events = int(table["events found"].sum()) if not table.empty else 0
    refused = int((table["status"] == "refused").sum()) if not table.empty else 0
    message = f"{added:,} articles added with {events:,} events; {refused:,} files refused."
    (st.success if added else st.warning)(message + (" New events are on every page." if added else ""))
    st.dataframe(table, hide_index=True, key="upload_report_table",
                 column_config={"refused and why": st.column_config.TextColumn(width="large")})


def render(page: PageData | None = None) -> None:
    page = page or page_data()
    header("Add articles", page)
    st.markdown(
        "Upload **.txt** articles (a `date YYYY-MM-DD` line, optional `title`, `source`, `url` lines, a blank "
        "line, then the text), **.csv** or **.jsonl** tables (columns `published` and `text`, optional `id`, "
        "`title`, `source`, `url`), or a **.zip** of them. Articles already in the dashboard are skipped.")
    st.caption(f"Zip limits: {ZIP_LIMITS.max_members:,} files, {ZIP_LIMITS.max_total_bytes // 2**20:,} MiB "
               f"unpacked in all, {ZIP_LIMITS.max_member_bytes // 2**20:,} MiB per file, compression ratio "
               f"{ZIP_LIMITS.max_ratio:,.0f}:1; nested archives and paths outside the archive are refused.")
    files = st.file_uploader("Articles", type=list(UPLOAD_TYPES), accept_multiple_files=True,
                             key=f"{UPLOADER_KEY}_{st.session_state.get(ROUND_KEY, 0)}")
    if st.button("Add these files", key="add_files", type="primary", disabled=not files,
                 icon=":material/upload:"):
        progress = st.progress(0.0, text="Reading the files…")
        reports = process([(f.name, f.getvalue()) for f in files or []], progress)
        st.session_state[REPORT_KEY] = [r.as_row() for r in reports]
        st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
        st.rerun()  # so the sidebar, counts and every page read the new data version
    if st.session_state.get(REPORT_KEY):
        st.subheader("Last upload")
        show_report(st.session_state[REPORT_KEY])


if __name__ == "__main__":
    render()
