"""Training: coverage, pre-job training, electives, hours, pass rate and large classes for the
period; halls / cities / regions compared fairly; coverage against satisfaction; course
types and trend; large classes; the staff behind the figures."""
import streamlit as st

from analytics.metrics import training
from dashboard import charts, data, drill, filter_state, formats, kpis, tables
from dashboard.figures import training as training_figures
from dashboard.i18n import t, t_markdown

# This period's figures beside coverage over the 12 months to its end (staff are expected
# to train once a year, so a month's coverage says little on its own).
KPIS = ("active_staff", "coverage", "coverage_12m", "onboarding_rate", "elective_rate", "hours_per_head", "pass_rate",
        "large_sessions")
kpis.page_head("training", "trn", KPIS)

filters = filter_state.current_filters()
kpis.kpi_section(filters, KPIS)
targets = kpis.current_targets()
STAFF_ROWS = 500


def count(value) -> str:
    return formats.format_value(value, "int")


# --- halls, cities, regions ------------------------------------------------------------------
st.subheader(t("trn_breakdown"))
by = filter_state.view_choice("trn_by", ["hall", "city", "region"], label="trn_by", words="by_")
ranked = data.query(training.training_by, filters, by=by).reset_index(drop=True)
charts.rate_bars(ranked, by=by, rate="coverage", n_column="active_staff", target="coverage", prefix="trn",
                 axis_key="trn_axis_coverage", hover_values=lambda r: {"n": count(r["active_staff"])}, x_max=1.04,
                 target_position="top left", text_outside_below=0.15)

AREA_COLUMNS = {"active_staff": "trn_col_active_staff", "trained_staff": "trn_col_trained_staff",
                "coverage": "trn_col_coverage", "coverage_low": "trn_col_coverage_low",
                "coverage_high": "trn_col_coverage_high", "new_hires": "trn_col_new_hires",
                "onboarding_rate": "trn_col_onboarding_rate", "elective_rate": "trn_col_elective_rate",
                "hours_per_head": "trn_col_hours_per_head", "pass_rate": "trn_col_pass_rate",
                "large_sessions": "trn_col_large_sessions"}
AREA_FORMATS = {"rank": "int", "active_staff": "int", "trained_staff": "int", "coverage": "percent",
                "coverage_low": "percent", "coverage_high": "percent", "new_hires": "int",
                "onboarding_rate": "percent", "elective_rate": "percent", "hours_per_head": "float1",
                "pass_rate": "percent", "large_sessions": "int"}
event = tables.data_table(ranked, columns={"rank": "trn_col_rank", **tables.PLACE_COLUMNS[by], **AREA_COLUMNS},
                          formats=AREA_FORMATS,
                          targets={"coverage": "coverage", "onboarding_rate": "onboarding_rate",
                                   "elective_rate": "elective_rate"},
                          key=f"trn_by_table_{by}", filters=filters, file_stem=f"training_by_{by}",
                          selectable=by == "hall")
if by == "hall":
    st.caption(t("trn_table_caption"))
    selected = drill.hall_from_table_selection(event, ranked)
    if selected:
        drill.hall_drill_button(selected, key="trn_drill")

# --- coverage against satisfaction ----------------------------------------------------------
st.subheader(t("trn_cvs"))
measure = filter_state.view_choice("trn_cvs_y", ["csat", "mean_score"], label="trn_cvs_y", words="trn_cvs_")
halls = data.query(training.coverage_vs_satisfaction, filters)
fig = training_figures.coverage_vs_satisfaction(halls, measure, targets)
charts.chart(fig, key="trn_cvs_chart", on_select=drill.drill_on_select("trn_cvs_chart"), selection_mode="points")
st.caption(t("trn_cvs_caption") + " " + t("click_to_drill"))

# --- course types and trend ------------------------------------------------------------------
courses = data.query(training.training_by_course_type, filters)
if courses.empty:
    st.subheader(t("trn_course_types"))
    st.caption(t("trn_no_training"))
else:
    left, right = st.columns(2)
    with left:
        st.subheader(t("trn_course_types"))
        charts.chart(training_figures.course_types(courses), key="trn_course_chart")
    with right:
        st.subheader(t("trn_trend"))
        grain = filter_state.view_choice("trn_grain", ["week", "month"], label="trn_grain", words="grain_")
        trend = data.query(training.training_trend, filters, grain=grain)
        charts.chart(training_figures.trend(trend, grain), key="trn_trend_chart")
    tables.data_table(courses, columns={"course_type": "trn_col_course_type", "sessions": "trn_col_sessions",
                                        "attendances": "trn_col_attendances", "hours": "trn_col_hours",
                                        "passed": "trn_col_passed", "graded": "trn_col_graded",
                                        "pass_rate": "trn_col_pass_rate"},
                      formats={"sessions": "int", "attendances": "int", "hours": "float1", "passed": "int",
                               "graded": "int", "pass_rate": "percent"},
                      key="trn_course_table", filters=filters, file_stem="training_by_course_type")

# --- large classes -----------------------------------------------------------------------------
st.subheader(t("trn_large"))
large = data.query(training.large_sessions, filters)
if large.empty:
    st.caption(t("trn_large_none"))
else:
    st.caption(t("trn_large_caption", n=count(len(large))))
    tables.data_table(large, columns={"trained_on": "trn_col_trained_on", "hall_code": "col_hall_code",
                                      "hall_name": "col_hall_name", "course": "trn_col_course",
                                      "course_type": "trn_col_course_type", "class_size": "trn_col_class_size",
                                      "attendances": "trn_col_recorded"},
                      formats={"trained_on": "date", "class_size": "int", "attendances": "int"},
                      statuses={"class_size": ["bad"] * len(large)}, key="trn_large_table", filters=filters,
                      file_stem="training_large_classes")

# --- the staff behind the figures ----------------------------------------------------------------
st.subheader(t("trn_staff"))
hall = filters.halls[0] if len(filters.halls) == 1 else None
staff = data.query(training.staff_training, filters, hall_code=hall)
if hall:
    names = data.hall_directory().set_index("hall_code")["hall_name"]
    st.caption(t_markdown("trn_staff_caption_hall", hall=names.get(hall, hall), n=count(len(staff))))
else:
    st.caption(t("trn_staff_caption_scope", n=count(len(staff)), limit=count(STAFF_ROWS)))
    staff = staff.head(STAFF_ROWS)
tables.data_table(staff, columns={
    "staff_id": "trn_col_staff_id", "staff_name": "trn_col_staff_name", "hall_code": "col_hall_code",
    "role": "trn_col_role", "hired_on": "trn_col_hired_on", "left_on": "trn_col_left_on",
    "status": "trn_col_status", "trainings": "trn_col_trainings", "hours": "trn_col_hours",
    "has_pre_job": "trn_col_has_pre_job", "pre_job_days_after_hire": "trn_col_pre_job_days",
    "elective_12m": "trn_col_elective_12m"},
    formats={"hired_on": "date", "left_on": "date", "trainings": "int", "hours": "float1",
             "pre_job_days_after_hire": "int"},
    key="trn_staff_table", filters=filters, file_stem="staff_training")
