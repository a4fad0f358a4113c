"""Page furniture shared by every page: empty states, links to other pages, the sidebar's
data freshness, the sample loader button, the import log table, and the file uploader's
texts in the user's language."""
from __future__ import annotations

import datetime as dt
import json
import logging

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.access import can_import
from dashboard.data import (DATA_PAGE, FRESHNESS_DATASETS, STALE_AFTER_DAYS, dataset_label, dataset_summary, has_data,
                            load_sample_data)
from dashboard.formats import is_missing
from dashboard.i18n import TEXT, join, language, t

logger = logging.getLogger(__name__)


def load_sample_button(key: str) -> None:
    """"Load sample data": shown only while the database is empty, to those who may import."""
    if has_data() or not can_import():
        return
    if st.button(t("load_sample"), key=key, icon=":material/dataset:", type="primary"):
        with st.spinner(t("load_sample_running")):
            results = load_sample_data()
        failed = [r.file for r in results if r.error]
        if failed:
            st.error(t("load_sample_failed", files=join(failed)))
        else:
            st.rerun()


def import_log_table(log: pd.DataFrame, *, key: str) -> None:
    """The import batches of storage.import_log, under translated headers."""
    shown = log.assign(
        status=log["status"].map(lambda s: t(f"status_{s}")),
        datasets=log["datasets"].map(lambda names: join(dataset_label(n) for n in (names or "").split(", ") if n)),
        source=log["source"].map(lambda s: t(f"imp_source_{s}") if s in ("app", "cli", "sample") else (s or "")))
    columns = {"batch_id": "col_batch", "file_name": "col_file", "datasets": "col_dataset",
               "rows_read": "col_rows_read", "accepted": "col_accepted", "rejected": "col_rejected",
               "inserted": "col_inserted", "updated": "col_updated", "skipped_totals": "col_skipped_totals",
               "started_at": "col_started_at", "source": "imp_col_source", "status": "col_status"}
    st.dataframe(shown[list(columns)].rename(columns={c: t(k) for c, k in columns.items()}), hide_index=True,
                 width="stretch", placeholder="", key=key,
                 column_config={t("col_started_at"): st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")})


def data_freshness() -> None:
    """Sidebar: the latest date in each activity dataset, flagged when older than a week."""
    summary = dataset_summary().set_index("dataset")
    today = dt.date.today()
    lines, stale = [], False
    for name in FRESHNESS_DATASETS:
        last = summary.at[name, "last_date"] if name in summary.index else None
        label = dataset_label(name)
        if is_missing(last):
            lines.append(t("fresh_none", dataset=label))
            continue
        age = (today - pd.Timestamp(last).date()).days
        stale = stale or age > STALE_AFTER_DAYS
        key = "fresh_stale" if age > STALE_AFTER_DAYS else "fresh_ok"
        lines.append(t(key, dataset=label, date=pd.Timestamp(last).date().isoformat(), days=age))
    with st.sidebar.expander(t("fresh_title") + (" ⚠" if stale else ""), expanded=stale):
        st.markdown("\n".join(f"- {line}" for line in lines))
        if stale:
            st.caption(t("fresh_stale_note", days=STALE_AFTER_DAYS))


# The file uploader's own words swapped for the locale's (see uploader_in_language); the
# two contents are filled with json.dumps of locale texts: a JSON string is a CSS string.
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
    content: {button}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}
</style>"""


# Streamlit's tables and plotly's chart toolbar write their own texts in English whatever the
# app's language, and take no parameter for them: this script swaps each such text, as it
# appears, for the locale's (a text node that is exactly one of them, and the tooltip, title
# and label attributes that carry them). The map is replaced on each run, so a language
# switch takes effect; one observer serves every run.
WIDGET_TEXTS_SCRIPT = """<script>
window.hallWidgetTexts = {texts};
if (!window.hallWidgetTextsObserver) {{
  const swap = node => {{
    const texts = window.hallWidgetTexts;
    if (node.nodeType === 3) {{
      const word = texts[node.nodeValue.trim()];
      if (word) node.nodeValue = word;
      return;
    }}
    if (node.nodeType !== 1) return;
    for (const name of ["data-title", "aria-label", "title", "placeholder"]) {{
      const word = texts[node.getAttribute(name)];
      if (word) node.setAttribute(name, word);
    }}
    for (const child of node.childNodes) swap(child);
  }};
  window.hallWidgetTextsObserver = new MutationObserver(changes => {{
    for (const change of changes) {{
      if (change.type === "attributes") swap(change.target);
      else for (const node of change.addedNodes) swap(node);
    }}
  }});
  window.hallWidgetTextsObserver.observe(document.body, {{childList: true, subtree: true, attributes: true,
    attributeFilter: ["data-title", "aria-label", "title", "placeholder"]}});
  swap(document.body);
}}
</script>"""


def widget_texts_in_language() -> None:
    """The English texts of Streamlit's and plotly's own controls (WIDGET_TEXTS_SCRIPT) in
    the user's language. Call once per run, in the sidebar."""
    texts = {TEXT[key]["en"]: TEXT[key][language()] for key in TEXT if key.startswith("widget_")}
    st.sidebar.html(WIDGET_TEXTS_SCRIPT.format(texts=json.dumps(texts, ensure_ascii=False)),
                    unsafe_allow_javascript=True)


def share_link() -> None:
    """Sidebar: this page's address with its filters, period and view choices (the URL the
    page keeps them in), in a box whose copy button puts it on the clipboard — to send a
    colleague the same view. Call after the page has run (its view toggles write the URL)."""
    from urllib.parse import urlencode

    base = st.context.url
    if not base:  # no browser (tests run the page on its own)
        return
    query = urlencode({name: st.query_params[name] for name in st.query_params}, safe=",")
    with st.sidebar.expander(t("share_link"), icon=":material/link:"):
        st.caption(t("share_link_help"))
        st.code(base + (f"?{query}" if query else ""), language=None, wrap_lines=True)


def uploader_in_language() -> None:
    """Streamlit's file uploader writes "Upload" and "50MB per file • XLSX, …" in English
    whatever the app's language: the words are swapped for the locale's by CSS (the widget
    offers no parameter for them). Call once on a page with an uploader."""
    limit = st.get_option("server.maxUploadSize")
    st.html(UPLOADER_CSS.format(button=json.dumps(t("uploader_button"), ensure_ascii=False),
                                limit=json.dumps(t("uploader_limit", mb=limit), ensure_ascii=False)))


def empty_state(kind: str = "no_data") -> None:
    """A friendly note instead of an empty page: "empty_database" or "no_data" (nothing
    under the current filters), with a link to the data page. Never raises."""
    st.info(t("empty_database" if kind == "empty_database" else "empty_filtered"), icon=":material/info:")
    if kind == "empty_database":
        load_sample_button(key="empty_state_load_sample")
    page_link(DATA_PAGE, label=t("go_to_data_page"), icon=":material/upload_file:")


def page_link(page: str, *, label: str, icon: str | None = None) -> None:
    """st.page_link that leaves the link out when the page runs on its own (tests), where
    there is no navigation to link into."""
    try:
        st.page_link(page, label=label, icon=icon)
    except StreamlitAPIException:  # a page run on its own (tests, `streamlit run pages/x.py`)
        logger.debug("no navigation to link %s into", page)
