"""Training: coverage, pre-job training, electives, hours, pass rate and large classes for the
period; halls / cities / regions compared fairly; coverage against satisfaction; course
types and trend; large classes; the staff behind the figures."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from analytics.metrics import training
from analytics.stats import LOW_SAMPLE

# This period's figures beside coverage over the 12 months to its end (staff are expected
# to train once a year, so a month's coverage says little on its own).
KPIS = ("active_staff", "coverage", "coverage_12m", "onboarding_rate", "elective_rate", "hours_per_head", "pass_rate",
        "large_sessions")
ui.page_head("training", "trn", KPIS)

filters = ui.current_filters()
ui.kpi_section(filters, KPIS)
targets = ui.current_targets()
STAFF_ROWS = 500


def pct(value) -> str:
    return ui.format_value(value, "percent")


def count(value) -> str:
    return ui.format_value(value, "int")


def target_text(name: str) -> str:
    return pct(targets[name].value) if name in targets else ui.t("trn_no_target")


# --- halls, cities, regions ------------------------------------------------------------------
st.subheader(ui.t("trn_breakdown"))
by = ui.view_choice("trn_by", ["hall", "city", "region"], label="trn_by", words="by_")
ranked = ui.query(training.training_by, filters, by=by).reset_index(drop=True)
ui.rate_bars(ranked, by=by, rate="coverage", n_column="active_staff", target="coverage", prefix="trn",
             axis_key="trn_axis_coverage", hover_values=lambda r: {"n": count(r["active_staff"])}, x_max=1.04,
             target_position="top left", text_outside_below=0.15)

PLACE = {"hall": {"region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
                  "hall_name": "col_hall_name"},
         "city": {"region": "col_region", "city": "col_city"}, "region": {"region": "col_region"}}
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
event = ui.data_table(ranked, columns={"rank": "trn_col_rank", **PLACE[by], **AREA_COLUMNS}, formats=AREA_FORMATS,
                      targets={"coverage": "coverage", "onboarding_rate": "onboarding_rate",
                               "elective_rate": "elective_rate"},
                      key=f"trn_by_table_{by}", filters=filters, file_stem=f"training_by_{by}",
                      selectable=by == "hall")
if by == "hall":
    st.caption(ui.t("trn_table_caption"))
    selected = ui.hall_from_table_selection(event, ranked)
    if selected:
        ui.hall_drill_button(selected, key="trn_drill")

# --- coverage against satisfaction ----------------------------------------------------------
st.subheader(ui.t("trn_cvs"))
measure = ui.view_choice("trn_cvs_y", ["csat", "mean_score"], label="trn_cvs_y", words="trn_cvs_")
halls = ui.query(training.coverage_vs_satisfaction, filters)
halls = halls[halls["coverage"].notna() & halls[measure].notna()].reset_index(drop=True)
shown = pct if measure == "csat" else (lambda v: ui.format_value(v, "float1"))
largest = max(1, int(halls["responses"].max())) if len(halls) else 1
sizes = 8 + 26 * (halls["responses"] / largest) ** 0.5
# Halls that miss both targets are named on the chart.
coverage_bad = [ui.judged("coverage", v, lo, hi, n) == "bad" for v, lo, hi, n in
                zip(halls["coverage"], halls["coverage_low"], halls["coverage_high"], halls["active_staff"])]
measure_bad = [n >= LOW_SAMPLE and ui.judged(measure, v) == "bad" for v, n in zip(halls[measure], halls["responses"])]
named = [c and m for c, m in zip(coverage_bad, measure_bad)]
# Named halls alternate their label above and below (by satisfaction), so neighbours don't collide.
ordered = sorted((i for i in halls.index if named[i]), key=lambda i: (halls.at[i, measure], halls.at[i, "coverage"]))
positions = {i: "bottom right" if k % 2 == 0 else "top right" for k, i in enumerate(ordered)}
fig = go.Figure()
for colour, region in zip(ui.PALETTE, halls["region"].unique()):
    part = halls[halls["region"] == region]
    fig.add_trace(go.Scatter(
        x=part["coverage"], y=part[measure], mode="markers+text", name=region,
        marker=dict(size=sizes[part.index], color=colour, opacity=0.75, line=dict(width=1, color="white")),
        text=[name if named[i] else "" for i, name in zip(part.index, part["hall_name"])],
        textposition=[positions.get(i, "top right") for i in part.index], textfont=dict(size=11),
        customdata=part[["hall_code"]].to_numpy(),
        hovertext=[ui.t("trn_hover_cvs", name=r["hall_name"], region=r["region"], coverage=pct(r["coverage"]),
                        staff=count(r["active_staff"]), measure=ui.t(f"trn_cvs_{measure}"), value=shown(r[measure]),
                        n=count(r["responses"])) for _, r in part.iterrows()],
        hoverinfo="text"))
for name, axis in (("coverage", "x"), (measure, "y")):
    if name in targets:
        label = ui.t("trn_target_line", value=pct(targets[name].value) if name != "mean_score"
                     else ui.format_value(targets[name].value, "float1"))
        line = dict(line_dash="dash", line_color=ui.STATUS_COLOURS["bad"], line_width=1,
                    annotation_text=label, annotation_font_size=11)
        if axis == "x":
            fig.add_vline(x=targets[name].value, annotation_position="bottom left", **line)
        else:
            fig.add_hline(y=targets[name].value, annotation_position="bottom right", **line)
fig.update_xaxes(tickformat=".0%", range=[-0.04, 1.08], title_text=ui.t("trn_axis_coverage"))
fig.update_yaxes(tickformat=".0%" if measure == "csat" else None, title_text=ui.t(f"trn_cvs_{measure}"))
fig.update_layout(height=460)
ui.chart(fig, key="trn_cvs_chart", on_select=ui.drill_on_select("trn_cvs_chart"), selection_mode="points")
st.caption(ui.t("trn_cvs_caption") + " " + ui.t("click_to_drill"))

# --- course types and trend ------------------------------------------------------------------
courses = ui.query(training.training_by_course_type, filters)
if courses.empty:
    st.subheader(ui.t("trn_course_types"))
    st.caption(ui.t("trn_no_training"))
else:
    left, right = st.columns(2)
    with left:
        st.subheader(ui.t("trn_course_types"))
        fig = go.Figure(go.Bar(
            x=courses["attendances"], y=courses["course_type"], orientation="h", marker_color=ui.PALETTE[0],
            text=[count(v) for v in courses["attendances"]], textposition="outside", cliponaxis=False,
            hovertext=[ui.t("trn_hover_course", course=r["course_type"], attendances=count(r["attendances"]),
                            sessions=count(r["sessions"]), hours=ui.format_value(r["hours"], "float1"),
                            pass_rate=pct(r["pass_rate"])) for _, r in courses.iterrows()],
            hoverinfo="text"))
        fig.update_yaxes(autorange="reversed", automargin=True, title_text=ui.t("trn_axis_course_type"))
        fig.update_xaxes(title_text=ui.t("trn_axis_attendances"))
        fig.update_layout(height=320)
        ui.chart(fig, key="trn_course_chart")
    with right:
        st.subheader(ui.t("trn_trend"))
        grain = ui.view_choice("trn_grain", ["week", "month"], label="trn_grain", words="grain_")
        trend = ui.query(training.training_trend, filters, grain=grain)
        hover = [ui.t("trn_hover_trend", period=pd.Timestamp(p).strftime("%Y-%m-%d"), attendances=count(a),
                      staff=count(s), hours=ui.format_value(h, "float1"))
                 for p, a, s, h in zip(trend["period"], trend["attendances"], trend["staff_trained"], trend["hours"])]
        fig = go.Figure()
        fig.add_trace(go.Bar(x=trend["period"], y=trend["attendances"], name=ui.t("trn_trend_attendances"),
                             marker_color="#b9d3ea", hovertext=hover, hoverinfo="text"))
        fig.add_trace(go.Scatter(x=trend["period"], y=trend["staff_trained"], mode="lines+markers",
                                 name=ui.t("trn_trend_staff"), line=dict(color=ui.PALETTE[1]), hovertext=hover,
                                 hoverinfo="text"))
        fig.update_yaxes(title_text=ui.t("trn_axis_people"), rangemode="tozero")
        fig.update_xaxes(title_text=ui.t(f"trn_axis_period_{grain}"), **ui.period_ticks(trend["period"], grain))
        fig.update_layout(height=320)
        ui.chart(fig, key="trn_trend_chart")
    ui.data_table(courses, columns={"course_type": "trn_col_course_type", "sessions": "trn_col_sessions",
                                    "attendances": "trn_col_attendances", "hours": "trn_col_hours",
                                    "passed": "trn_col_passed", "graded": "trn_col_graded",
                                    "pass_rate": "trn_col_pass_rate"},
                  formats={"sessions": "int", "attendances": "int", "hours": "float1", "passed": "int", "graded": "int",
                           "pass_rate": "percent"},
                  key="trn_course_table", filters=filters, file_stem="training_by_course_type")

# --- large classes -----------------------------------------------------------------------------
st.subheader(ui.t("trn_large"))
large = ui.query(training.large_sessions, filters)
if large.empty:
    st.caption(ui.t("trn_large_none"))
else:
    st.caption(ui.t("trn_large_caption", n=count(len(large))))
    ui.data_table(large, columns={"trained_on": "trn_col_trained_on", "hall_code": "col_hall_code",
                                  "hall_name": "col_hall_name", "course": "trn_col_course",
                                  "course_type": "trn_col_course_type", "class_size": "trn_col_class_size",
                                  "attendances": "trn_col_recorded"},
                  formats={"trained_on": "date", "class_size": "int", "attendances": "int"},
                  statuses={"class_size": ["bad"] * len(large)}, key="trn_large_table", filters=filters,
                  file_stem="training_large_classes")

# --- the staff behind the figures ----------------------------------------------------------------
st.subheader(ui.t("trn_staff"))
hall = filters.halls[0] if len(filters.halls) == 1 else None
staff = ui.query(training.staff_training, filters, hall_code=hall)
staff = staff.sort_values(["trainings", "hall_code", "staff_id"], kind="stable").reset_index(drop=True)
if hall:
    names = ui.hall_directory().set_index("hall_code")["hall_name"]
    st.caption(ui.t_markdown("trn_staff_caption_hall", hall=names.get(hall, hall), n=count(len(staff))))
else:
    st.caption(ui.t("trn_staff_caption_scope", n=count(len(staff)), limit=count(STAFF_ROWS)))
    staff = staff.head(STAFF_ROWS)
staff["status"] = staff["status"].map(lambda s: ui.t(f"trn_status_{s}") if s in ("active", "left") else s)
ui.data_table(staff, columns={
    "staff_id": "trn_col_staff_id", "staff_name": "trn_col_staff_name", "hall_code": "col_hall_code",
    "role": "trn_col_role", "hired_on": "trn_col_hired_on", "left_on": "trn_col_left_on",
    "status": "trn_col_status", "trainings": "trn_col_trainings", "hours": "trn_col_hours",
    "has_pre_job": "trn_col_has_pre_job", "pre_job_days_after_hire": "trn_col_pre_job_days",
    "elective_12m": "trn_col_elective_12m"},
    formats={"hired_on": "date", "left_on": "date", "trainings": "int", "hours": "float1",
             "pre_job_days_after_hire": "int"},
    key="trn_staff_table", filters=filters, file_stem="staff_training")
