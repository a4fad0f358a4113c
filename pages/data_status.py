"""Data status: what each dataset holds and every import so far."""
import streamlit as st

import ui
from analytics import schema, storage
from analytics.settings import Settings

st.title(ui.t("app_title"))
st.subheader(ui.t("page_data_status"))
st.caption(ui.t("data_status_intro"))
st.caption(ui.t("database_file", path=Settings.from_env().db_path))

con = ui.cursor()
summary = storage.dataset_summary(con)
if summary["rows"].sum() == 0:
    st.info(ui.t("empty_database"))

lang = ui.language()


def dataset_labels(names: str) -> str:
    return ", ".join(getattr(schema.DATASETS[n], "label_zh" if lang == "zh" else "label_en")
                     for n in (names or "").split(", ") if n in schema.DATASETS)


summary["dataset"] = summary["dataset"].map(dataset_labels)
st.markdown(f"#### {ui.t('datasets')}")
st.dataframe(
    summary.rename(columns={"dataset": ui.t("col_dataset"), "rows": ui.t("col_rows"),
                            "first_date": ui.t("col_first_date"), "last_date": ui.t("col_last_date")}),
    hide_index=True, width="stretch",
    column_config={ui.t("col_first_date"): st.column_config.DateColumn(format="YYYY-MM-DD"),
                   ui.t("col_last_date"): st.column_config.DateColumn(format="YYYY-MM-DD")})

st.markdown(f"#### {ui.t('import_log')}")
log = storage.import_log(con)
if log.empty:
    st.caption(ui.t("no_imports"))
else:
    log["status"] = log["status"].map(lambda s: ui.t(f"status_{s}"))
    log["datasets"] = log["datasets"].map(dataset_labels)
    shown = log[["batch_id", "file_name", "datasets", "rows_read", "accepted", "rejected", "inserted", "updated",
                 "skipped_totals", "started_at", "status"]]
    st.dataframe(shown.rename(columns={
        "batch_id": ui.t("col_batch"), "file_name": ui.t("col_file"), "datasets": ui.t("col_dataset"),
        "rows_read": ui.t("col_rows_read"), "accepted": ui.t("col_accepted"), "rejected": ui.t("col_rejected"),
        "inserted": ui.t("col_inserted"), "updated": ui.t("col_updated"),
        "skipped_totals": ui.t("col_skipped_totals"), "started_at": ui.t("col_started_at"),
        "status": ui.t("col_status")}), hide_index=True, width="stretch")
