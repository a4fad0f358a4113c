"""Data status: what each dataset holds and every import so far."""
import streamlit as st

from analytics import logs, storage
from analytics.settings import Settings
from dashboard import access, connection, data, layout
from dashboard.i18n import t, t_markdown

st.title(t("app_title"))
st.subheader(t("page_data_status"))
st.caption(t("data_status_intro"))
admin = (user := access.current_user()) is not None and user.is_admin
if admin:  # where the file lies, and what went wrong on the server, are the server's business
    st.caption(t_markdown("database_file", path=str(Settings.from_env().db_path)))

LOG_LINES = 200
con = connection.cursor()
summary = data.dataset_summary().copy()  # the freshness panel's figures, from the same cache
if summary["rows"].sum() == 0:
    st.info(t("empty_database"))

summary["dataset"] = summary["dataset"].map(data.dataset_label)
st.markdown(f"#### {t('datasets')}")
st.dataframe(
    summary.rename(columns={"dataset": t("col_dataset"), "rows": t("col_rows"),
                            "first_date": t("col_first_date"), "last_date": t("col_last_date")}),
    hide_index=True, width="stretch", placeholder="",
    column_config={t("col_first_date"): st.column_config.DateColumn(format="YYYY-MM-DD"),
                   t("col_last_date"): st.column_config.DateColumn(format="YYYY-MM-DD")})

if not access.can_import():  # file names and counts of every region: for those who import
    st.stop()
st.markdown(f"#### {t('import_log')}")
log = storage.import_log(con)
if log.empty:
    st.caption(t("no_imports"))
else:
    layout.import_log_table(log, key="data_status_log")

if admin:
    db_path = Settings.from_env().db_path
    with st.expander(t("server_log", n=LOG_LINES)):
        st.caption(t_markdown("server_log_file", path=str(logs.log_path(db_path))))
        lines = logs.tail(db_path, LOG_LINES)
        if lines:
            st.code("\n".join(lines), language=None)
        else:
            st.caption(t("server_log_empty"))
