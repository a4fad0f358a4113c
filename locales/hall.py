"""Strings of the Hall profile page."""

TEXT: dict[str, dict[str, str]] = {
    "hp_intro": {
        "zh": "选择一个厅店，查看它在四个方面的表现、在地市和区域中的排名，以及员工明细。",
        "en": "Pick a hall to see all four areas for it, how it ranks in its city and region, and its staff.",
    },
    "hp_definitions": {
        "zh": "指标口径与总览相同（见总览页“指标口径”）。排名按 95% 区间的保守端排序，样本少于 30 的排在最后；"
              "“第 3 / 8”表示在 8 个厅中排第 3。员工表：培训为截至期末近 12 个月，营销与满意度为所选期间。",
        "en": "Definitions as on the Overview (see its \"How these figures are computed\"). Ranks use the "
              "pessimistic end of the 95% interval, with fewer than 30 observations ranked last; \"3 / 8\" means "
              "third of 8 halls. Staff table: training over the 12 months to the period end, marketing and "
              "satisfaction in the selected period.",
    },
    "hp_pick_hall": {"zh": "厅店", "en": "Hall"},
    "hp_peer_note": {"zh": "地市 {city} · 区域 {region}", "en": "city {city} · region {region}"},
    "hp_pick_placeholder": {"zh": "选择或输入厅店名称、编码", "en": "Choose or type a hall's name or code"},
    "hp_pick_first": {"zh": "请选择一个厅店（或在侧栏“厅店”中选一个）查看它的档案。",
                      "en": "Choose a hall (or one in the sidebar's Hall filter) to see its profile."},
    "hp_facts": {"zh": "{region} · {city} · {district} · {hall_type} · 编码 {code}",
                 "en": "{region} · {city} · {district} · {hall_type} · code {code}"},
    "hp_ranking": {"zh": "在地市和区域中的排名", "en": "Rank in its city and region"},
    "hp_col_kpi": {"zh": "指标", "en": "KPI"},
    "hp_col_value": {"zh": "本厅", "en": "This hall"},
    "hp_col_n": {"zh": "样本量", "en": "n"},
    "hp_col_city_rank": {"zh": "地市排名", "en": "Rank in city"},
    "hp_col_region_rank": {"zh": "区域排名", "en": "Rank in region"},
    "hp_rank_of": {"zh": "第 {rank} / {of}", "en": "{rank} / {of}"},
    "hp_trends": {"zh": "月度走势", "en": "Month by month"},
    "hp_trend_csat": {"zh": "满意度（CSAT）", "en": "CSAT"},
    "hp_trend_promise": {"zh": "48小时办结率", "en": "Resolved within 48 h"},
    "hp_trend_conversion": {"zh": "营销成功率", "en": "Conversion"},
    "hp_axis_month": {"zh": "月份", "en": "Month"},
    "hp_staff": {"zh": "员工", "en": "Staff"},
    "hp_backlog": {"zh": "未办结工单", "en": "Open tickets"},
    "hp_no_backlog": {"zh": "期末没有未办结的工单。", "en": "No ticket was open at the end of the period."},
    "col_staff_id": {"zh": "员工编号", "en": "Staff ID"},
    "col_staff_name": {"zh": "姓名", "en": "Name"},
    "col_role": {"zh": "岗位", "en": "Role"},
    "col_hired_on": {"zh": "入职日期", "en": "Hired on"},
    "col_staff_status": {"zh": "状态", "en": "Status"},
    "col_trainings": {"zh": "培训次数（12个月）", "en": "Trainings (12 months)"},
    "col_hours": {"zh": "学时", "en": "Hours"},
    "col_has_pre_job": {"zh": "已岗前培训", "en": "Pre-job done"},
    "col_elective_12m": {"zh": "已选修", "en": "Elective done"},
    "col_converted": {"zh": "成功办理", "en": "Converted"},
    "col_ticket_id": {"zh": "工单编号", "en": "Ticket"},
    "col_received_at": {"zh": "受理时间", "en": "Received"},
    "col_category": {"zh": "投诉类别", "en": "Category"},
    "col_age_hours": {"zh": "已过小时", "en": "Age (hours)"},
}
