"""Data status: what each dataset holds and every import so far."""
import streamlit as st

import ui
from analytics import logs, storage
from analytics.settings import Settings

st.title(ui.t("app_title"))
st.subheader(ui.t("page_data_status"))
st.caption(ui.t("data_status_intro"))
admin = (user := ui.current_user()) is not None and user.is_admin
if admin:  # where the file lies, and what went wrong on the server, are the server's business
    st.caption(ui.t_markdown("database_file", path=str(Settings.from_env().db_path)))

LOG_LINES = 200
con = ui.cursor()
summary = ui.dataset_summary().copy()  # the freshness panel's figures, from the same cache
if summary["rows"].sum() == 0:
    st.info(ui.t("empty_database"))

summary["dataset"] = summary["dataset"].map(ui.dataset_label)
st.markdown(f"#### {ui.t('datasets')}")
st.dataframe(
    summary.rename(columns={"dataset": ui.t("col_dataset"), "rows": ui.t("col_rows"),
                            "first_date": ui.t("col_first_date"), "last_date": ui.t("col_last_date")}),
    hide_index=True, width="stretch",
    column_config={ui.t("col_first_date"): st.column_config.DateColumn(format="YYYY-MM-DD"),
                   ui.t("col_last_date"): st.column_config.DateColumn(format="YYYY-MM-DD")})

if not ui.can_import():  # file names and counts of every region: for those who import
    st.stop()
st.markdown(f"#### {ui.t('import_log')}")
log = storage.import_log(con)
if log.empty:
    st.caption(ui.t("no_imports"))
else:
    ui.import_log_table(log, key="data_status_log")

if admin:
    db_path = Settings.from_env().db_path
    with st.expander(ui.t("server_log", n=LOG_LINES)):
        st.caption(ui.t_markdown("server_log_file", path=str(logs.log_path(db_path))))
        lines = logs.tail(db_path, LOG_LINES)
        if lines:
            st.code("\n".join(lines), language=None)
        else:
            st.caption(ui.t("server_log_empty"))
