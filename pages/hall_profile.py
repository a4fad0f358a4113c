"""Hall profile: one hall's four areas, its rank in city and region, its staff and backlog."""
import streamlit as st

from analytics import measures
from analytics.filters import Filters
from analytics.metrics import complaints, marketing, overview, satisfaction
from analytics.metrics import scorecard as sc
from dashboard import charts, data, filter_state, formats, i18n, kpis, layout, scorecard, tables
from dashboard.figures import hall as hall_figures
from dashboard.figures import satisfaction as satisfaction_figures
from dashboard.i18n import t, t_markdown

kpis.page_head("hall_profile", "hp", overview.KPIS)

filters = filter_state.current_filters()
halls = data.hall_directory()
in_scope = filter_state.halls_of(filters)
if in_scope.empty:
    layout.empty_state("no_data")
    st.stop()
labels = dict(zip(in_scope["hall_code"], formats.hall_labels(in_scope)))
# The hall chosen in the sidebar, else the one picked here before, else the manager picks:
# opening on whichever hall sorts first would answer a question nobody asked.
if len(filters.halls) == 1 and st.session_state.get("hp_hall") != filters.halls[0]:
    st.session_state["hp_hall"] = filters.halls[0]
elif st.session_state.get("hp_hall") not in labels:
    st.session_state["hp_hall"] = None
code = st.selectbox(t("hp_pick_hall"), list(labels), format_func=labels.get, key="hp_hall",
                    placeholder=t("hp_pick_placeholder"))
if code is None:
    st.info(t("hp_pick_first"))
    st.stop()
hall = halls.set_index("hall_code").loc[code]
st.subheader(i18n.escape_markdown(hall["hall_name"]), anchor=False)
st.caption(t_markdown("hp_facts", region=hall["region"], city=hall["city"], district=hall["district"] or "—",
                      hall_type=hall["hall_type"] or "—", code=code))

one_hall = filters.with_halls((code,))
headline = data.query(overview.headline, one_hall, compare=data.comparison(one_hall) is not None).set_index("kpi")
# Beside each rate, the same KPI over the hall's city and region (their counts pooled): is
# the hall's figure its own or its area's?
city = Filters(filters.start, filters.end, cities=(hall["city"],))
region = Filters(filters.start, filters.end, regions=(hall["region"],))
around = {"city": data.query(overview.headline, city, compare=False).set_index("kpi"),
          "region": data.query(overview.headline, region, compare=False).set_index("kpi")}


def peer_note(row, key: str) -> str | None:
    if measures.get(key).n_column is None:  # a count: the city's total is not comparable
        return None
    fmt = formats.measure_format(key)
    return t("hp_peer_note", city=formats.format_value(around["city"].loc[key, "value"], fmt),
             region=formats.format_value(around["region"].loc[key, "value"], fmt))


kpis.headline_grid(headline, kpis=overview.KPIS, with_n=False, note=peer_note)

# How fast the hall answers and resolves (medians of its tickets), beside its city and region.
times = {level: data.query(complaints.complaint_summary, level_filters).iloc[0]
         for level, level_filters in (("hall", one_hall), ("city", city), ("region", region))}
for column, (key, field) in zip(st.columns(4), (("hp_first_response", "first_response_median_hours"),
                                                 ("hp_resolution", "resolution_median_hours"))):
    with column:
        kpis.kpi(t(key), times["hall"][field], fmt="float1", delta_good="down")
        st.caption(t("hp_peer_note", city=formats.format_value(times["city"][field], "float1"),
                     region=formats.format_value(times["region"][field], "float1")))

# Rank among the halls of its region (and city), whatever the sidebar's hall choice.
peers = data.query(overview.hall_table, region)
ranking = kpis.ranking_rows(overview.hall_ranking(peers, code))
st.markdown(f"#### {t('hp_ranking')}")
tables.data_table(ranking, columns={"kpi_label": "hp_col_kpi", "value_text": "hp_col_value",
                                   "interval_text": "col_interval", "n": "hp_col_n", "city_place": "hp_col_city_rank",
                                   "region_place": "hp_col_region_rank", "region_best_text": "hp_col_region_best"},
                  formats={"n": "int"}, key="hp_ranking", filters=one_hall, file_stem=f"hall_{code}_ranking")

# A year of months ending with the period, for the hall's trends.
year = overview.training_window(one_hall)
st.markdown(f"#### {t('hp_trends')}")
levels = {"hall": year, "city": overview.training_window(city), "region": overview.training_window(region)}
trend_frames = {level: tuple(data.query(trend, level_filters, grain="month") for trend in
                             (satisfaction.satisfaction_trend, complaints.complaint_trend, marketing.marketing_trend))
                for level, level_filters in levels.items()}
charts.chart(hall_figures.trends(trend_frames), key="hp_trends")

st.markdown(f"#### {t('hp_dimensions')}")
charts.chart(satisfaction_figures.dimensions(
    [(level, data.query(satisfaction.satisfaction_dimensions, level_filters))
     for level, level_filters in (("hall", one_hall), ("city", city), ("region", region))]), key="hp_dimensions")

st.markdown(f"#### {t('hp_staff')}")
staff = data.query(overview.staff_table, one_hall, hall_code=code)
tables.data_table(staff, columns={"staff_id": "col_staff_id", "staff_name": "col_staff_name", "role": "col_role",
                                  "hired_on": "col_hired_on", "status": "col_staff_status",
                                  "trainings": "col_trainings", "hours": "col_hours", "has_pre_job": "col_has_pre_job",
                                  "elective_12m": "col_elective_12m", "contacts": "col_contacts",
                                  "converted": "col_converted", "conversion": "col_conversion",
                                  "responses": "col_responses", "csat": "col_csat"},
                  formats={"hired_on": "date", "trainings": "int", "hours": "float1", "contacts": "int",
                           "converted": "int", "conversion": "percent", "responses": "int", "csat": "percent"},
                  key="hp_staff", filters=one_hall, file_stem=f"hall_{code}_staff")

st.markdown(f"#### {t('hp_backlog')}")
open_tickets = data.query(complaints.backlog, one_hall)
if open_tickets.empty:
    st.caption(t("hp_no_backlog"))
else:
    tables.data_table(open_tickets, columns={"ticket_id": "col_ticket_id", "received_at": "col_received_at",
                                             "category": "col_category", "age_hours": "col_age_hours"},
                      formats={"received_at": "datetime", "age_hours": "float1"}, key="hp_backlog", filters=one_hall,
                      file_stem=f"hall_{code}_backlog")

# The hall's 沟通100 scorecard: its five commitments against its city and region, and the KPIs.
st.subheader(t("sc_profile"))
card = scorecard.scorecard_config()
scorecard.scorecard_comparison(data.query(sc.hall_comparison, filters, hall_code=code, card=card), key="hp_scorecard")
hall_values = data.query(sc.hall_kpis, one_hall, card=card)
with st.expander(t("sc_col_kpi")):
    scorecard.scorecard_kpi_table(hall_values[hall_values["hall_code"] == code], key="hp_scorecard_kpis",
                                  filters=one_hall, file_stem="hall_scorecard")
