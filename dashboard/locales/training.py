"""Strings of the Training page."""

TEXT: dict[str, dict[str, str]] = {
    "trn_intro": {
        "zh": "员工培训覆盖率、岗前培训、选修、学时、考核通过率与大班授课，按厅店、地市、区域比较，并与客户满意度对照。",
        "en": "Staff training coverage, pre-job training, electives, hours, pass rate and large classes, compared "
              "across halls, cities and regions and set beside customer satisfaction.",
    },
    "trn_definitions": {
        "zh": '期间含首尾两天。\n- 按人统计的指标（在岗、覆盖、岗前、选修、学时）归属员工名单上的厅店；按记录统计的指标（通过率、场次）归属培训记录上的厅店。\n- **公平比较**：在岗员工少于 30 人标 ⚠，只有区间整体落在目标一侧时才着色评判；厅店按覆盖率区间下限排名，样本不足的排在最后；地市、区域先汇总各厅人数再相除。\n- **本期与近12个月**：本页的比较、图表和人员表看所选期间本身；总览按截至期间末的 12 个月评判培训覆盖（员工一年至少培训一次，一个月的覆盖率说明不了太多），本页顶部两者并列。',
        "en": "The period includes its first and last day.\n- Staff-based figures (active, coverage, pre-job, electives, hours) belong to the hall of the staff list; record-based ones (pass rate, sessions) to the hall on the training record.\n- **Fair comparison**: fewer than 30 active staff is marked ⚠ and judged only when the whole interval lies on one side of the target; halls are ranked by the lower end of the coverage interval, low samples last; cities and regions add up their halls' counts before dividing.\n- **This period and 12 months**: this page's comparisons, charts and staff table show the selected period itself; the Overview judges training over the 12 months to the period end (staff should train at least once a year; one month says little); the tiles at the top show both.",
    },
    # KPI tiles: labels and definitions come from analytics.measures
    "trn_target_line": {"zh": "目标 {value}", "en": "Target {value}"},
    # halls, cities, regions
    "trn_breakdown": {"zh": "厅店、地市、区域比较", "en": "Halls, cities and regions compared"},
    "trn_by": {"zh": "比较层级", "en": "Compare"},
    "trn_breakdown_chart": {"zh": "培训覆盖率与 95% 区间（按区间下限排名）",
                            "en": "Training coverage with 95% interval (ranked by its lower end)"},
    "trn_axis_coverage": {"zh": "培训覆盖率", "en": "Training coverage"},
    "trn_status_good": {"zh": "达标", "en": "On target"},
    "trn_status_warn": {"zh": "接近目标", "en": "Near target"},
    "trn_status_bad": {"zh": "未达标", "en": "Below target"},
    "trn_status_none": {"zh": "样本不足，不评判", "en": "Too few to judge"},
    "trn_hover_rate": {"zh": "{name}<br>覆盖率 {value}（95% 区间 {low} – {high}）<br>在岗员工 {n}",
                       "en": "{name}<br>Coverage {value} (95% interval {low} – {high})<br>{n} active staff"},
    "trn_breakdown_caption": {
        "zh": "横线为 95% 区间；⚠ 表示在岗员工少于 30 人（单个厅店通常如此），只有区间整体落在目标一侧时才着色评判。",
        "en": "Whiskers are 95% intervals; ⚠ marks fewer than 30 active staff (usual for one hall), judged only "
              "when the whole interval lies on one side of the target.",
    },
    "trn_table_caption": {"zh": "选中一行，可只看该厅。", "en": "Select a row to narrow to that hall."},
    # coverage vs satisfaction
    "trn_cvs": {"zh": "培训覆盖率与客户满意度", "en": "Training coverage and customer satisfaction"},
    "trn_cvs_y": {"zh": "满意度指标", "en": "Satisfaction measure"},
    "trn_cvs_mean_score": {"zh": "平均得分（0–100）", "en": "Mean score (0–100)"},
    "trn_cvs_csat": {"zh": "满意度（CSAT）", "en": "CSAT"},
    "trn_cvs_caption": {
        "zh": "每个点是一个厅店，点的大小为评价样本量，颜色为区域；虚线为目标。标出名称的厅店覆盖率和满意度都未达标。",
        "en": "One point per hall, sized by survey responses, coloured by region; dashed lines are targets. Named "
              "halls miss both the coverage and the satisfaction target.",
    },
    "trn_hover_cvs": {"zh": "{name}（{region}）<br>覆盖率 {coverage}（在岗 {staff}）<br>{measure}：{value}（样本 {n}）",
                      "en": "{name} ({region})<br>Coverage {coverage} ({staff} active staff)<br>{measure}: {value} "
                            "({n} responses)"},
    # course types and trend
    "trn_course_types": {"zh": "按课程类型", "en": "By course type"},
    "trn_axis_course_type": {"zh": "课程类型", "en": "Course type"},
    "trn_axis_attendances": {"zh": "参训人次", "en": "Attendances"},
    "trn_hover_course": {"zh": "{course}<br>参训 {attendances} 人次，{sessions} 场<br>学时 {hours}，通过率 {pass_rate}",
                         "en": "{course}<br>{attendances} attendances, {sessions} sessions<br>{hours} hours, pass "
                               "rate {pass_rate}"},
    "trn_trend": {"zh": "趋势", "en": "Trend"},
    "trn_grain": {"zh": "时间粒度", "en": "Time grain"},
    "trn_trend_attendances": {"zh": "参训人次", "en": "Attendances"},
    "trn_trend_staff": {"zh": "参训员工（去重）", "en": "Staff trained (distinct)"},
    "trn_axis_people": {"zh": "人次 / 人数", "en": "Attendances / staff"},
    "trn_axis_period_week": {"zh": "周（周一）", "en": "Week (Monday)"},
    "trn_axis_period_month": {"zh": "月", "en": "Month"},
    "trn_hover_trend": {"zh": "{period}：参训 {attendances} 人次，{staff} 名员工，{hours} 学时",
                        "en": "{period}: {attendances} attendances, {staff} staff, {hours} hours"},
    "trn_no_training": {"zh": "期间内筛选范围没有任何培训记录。", "en": "No training was recorded in scope during the period."},
    # large classes
    "trn_large": {"zh": "大班授课（超过 30 人）", "en": "Large classes (over 30 people)"},
    "trn_large_caption": {"zh": "共 {n} 场，班级人数最多的在前。大班授课效果往往打折扣。",
                          "en": "{n} sessions, largest first. Large classes tend to teach less."},
    "trn_large_none": {"zh": "期间内没有超过 30 人的培训场次。", "en": "No session of the period had more than 30 people."},
    # staff
    "trn_staff": {"zh": "员工培训明细", "en": "Staff training"},
    "trn_staff_caption_hall": {"zh": "{hall} 在岗员工 {n} 人，期间内未培训的排在前面。",
                               "en": "{n} active staff of {hall}; those not trained in the period come first."},
    "trn_staff_caption_scope": {
        "zh": "筛选范围内在岗员工 {n} 人，期间内未培训的排在前面（最多显示 {limit} 人；在侧栏或图中选一个厅可看该厅全部员工）。",
        "en": "{n} active staff in scope; those not trained in the period come first (at most {limit} shown; pick "
              "one hall in the sidebar or a chart to see all of its staff).",
    },
    # table headers
    "trn_col_rank": {"zh": "排名", "en": "Rank"},
    "trn_col_active_staff": {"zh": "在岗员工", "en": "Active staff"},
    "trn_col_trained_staff": {"zh": "已培训", "en": "Trained"},
    "trn_col_coverage": {"zh": "培训覆盖率", "en": "Coverage"},
    "trn_col_coverage_low": {"zh": "区间下限", "en": "Interval low"},
    "trn_col_coverage_high": {"zh": "区间上限", "en": "Interval high"},
    "trn_col_new_hires": {"zh": "新员工", "en": "New hires"},
    "trn_col_onboarding_rate": {"zh": "岗前培训及时率", "en": "Pre-job on time"},
    "trn_col_elective_rate": {"zh": "选修完成率", "en": "Elective completion"},
    "trn_col_hours_per_head": {"zh": "人均学时", "en": "Hours per head"},
    "trn_col_pass_rate": {"zh": "考核通过率", "en": "Pass rate"},
    "trn_col_large_sessions": {"zh": "大班场次", "en": "Large classes"},
    "trn_col_course_type": {"zh": "课程类型", "en": "Course type"},
    "trn_col_course": {"zh": "课程", "en": "Course"},
    "trn_col_sessions": {"zh": "场次", "en": "Sessions"},
    "trn_col_attendances": {"zh": "参训人次", "en": "Attendances"},
    "trn_col_hours": {"zh": "学时", "en": "Hours"},
    "trn_col_passed": {"zh": "通过", "en": "Passed"},
    "trn_col_graded": {"zh": "有考核结果", "en": "Graded"},
    "trn_col_trained_on": {"zh": "培训日期", "en": "Date"},
    "trn_col_class_size": {"zh": "班级人数", "en": "Class size"},
    "trn_col_recorded": {"zh": "登记参训人次", "en": "Attendances recorded"},
    "trn_col_staff_id": {"zh": "员工编号", "en": "Staff id"},
    "trn_col_staff_name": {"zh": "员工姓名", "en": "Staff name"},
    "trn_col_role": {"zh": "岗位", "en": "Role"},
    "trn_col_hired_on": {"zh": "入职日期", "en": "Hired on"},
    "trn_col_left_on": {"zh": "离职日期", "en": "Left on"},
    "trn_col_status": {"zh": "状态", "en": "Status"},
    "trn_col_trainings": {"zh": "期间培训次数", "en": "Trainings in period"},
    "trn_col_has_pre_job": {"zh": "已岗前培训", "en": "Pre-job done"},
    "trn_col_pre_job_days": {"zh": "入职后第几天岗前培训", "en": "Pre-job day after hire"},
    "trn_col_elective_12m": {"zh": "近 12 个月选修", "en": "Elective (12 months)"},
}
