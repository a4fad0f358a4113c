"""Strings of the Satisfaction page."""

TEXT: dict[str, dict[str, str]] = {
    "sat_intro": {
        "zh": "客户评价（评价器、短信、10086 外呼）的样本量、平均得分、满意度（CSAT）与净推荐值（NPS），"
              "按厅店、地市、区域比较，并可查看每一条评价。",
        "en": "Customer survey answers (rating pads, SMS, 10086 call-backs): responses, mean score, CSAT and NPS, "
              "compared across halls, cities and regions, down to each answer.",
    },
    "sat_definitions": {
        "zh": "- **样本量**：期间内的评价条数（可在侧栏按渠道筛选）。\n"
              "- **平均得分（0–100）**：每条评价按其量表折算为 0–100 分（最好 100、最差 0）后平均：5 分制 (s−1)/4×100，"
              "10 分制 s×10，短信三级 (3−s)/2×100（1=满意=100）。不同量表因此可以合并。\n"
              "- **满意度（CSAT）**：顶格评价占比——5 分制 4–5 分、10 分制 9–10 分、短信回复 1（满意），附 95% Wilson 区间。\n"
              "- **净推荐值（NPS）**：在有推荐意愿评分的评价中，推荐者（9–10 分）占比 − 贬损者（0–6 分）占比，范围 −100 至 100。\n"
              "- **分项得分**：环境、态度、专业、效率四项，各自按量表折算为 0–100 分后平均。\n"
              "- **等候时长与满意度**：按等候分钟数分段（0–5、5–10、10–20、20–30、30 以上）的 CSAT 与样本量。\n"
              "- **公平比较**：每个比率都附样本量；样本少于 30 的标 ⚠ 并置灰，排名放在最后；厅店按 CSAT 区间下限排名；"
              "地市、区域先汇总各厅计数再相除，不平均各厅比率；期间内无评价的厅店也会列出（样本量 0）。\n"
              "- **对比**：与上一期间相比（整月比上月、整周比上周，其余比此前同样长的天数；该期间早于数据起始时不作对比）；百分比的变化以百分点表示。目标值见 config/targets.toml。",
        "en": "- **Responses**: survey answers in the period (the sidebar can narrow them to channels).\n"
              "- **Mean score (0–100)**: every answer normalised on its own scale (best 100, worst 0), then averaged: "
              "5-point (s−1)/4×100, 10-point s×10, SMS 3-point (3−s)/2×100 (1 = satisfied = 100), so the scales "
              "can be pooled.\n"
              "- **CSAT**: the share of top-box answers — 4–5 of 5, 9–10 of 10, 1 (satisfied) of the SMS reply — "
              "with its 95% Wilson interval.\n"
              "- **NPS**: % promoters (recommend 9–10) − % detractors (0–6) among answers that carry a recommend "
              "score; from −100 to 100.\n"
              "- **Dimensions**: environment, attitude, expertise and efficiency, each normalised to 0–100 on the "
              "answer's scale.\n"
              "- **Waiting and satisfaction**: CSAT and n by waiting time (0–5, 5–10, 10–20, 20–30, 30+ minutes).\n"
              "- **Fair comparison**: every rate carries its n; fewer than 30 answers is marked ⚠, greyed and ranked "
              "last; halls are ranked by the lower end of the CSAT interval; cities and regions add up their halls' "
              "counts before dividing (never averaging hall rates); halls without answers are listed with n = 0.\n"
              "- **Change**: against the period before (the month before for whole months, the week before for whole weeks, else the days of equal length before; nothing when that starts before the data); changes of percentages are in "
              "percentage points. Targets: config/targets.toml.",
    },
    # KPIs
    "sat_kpi_responses": {"zh": "评价样本量", "en": "Responses"},
    "sat_kpi_mean_score": {"zh": "平均得分（0–100）", "en": "Mean score (0–100)"},
    "sat_kpi_csat": {"zh": "满意度（CSAT）", "en": "CSAT"},
    "sat_kpi_nps": {"zh": "净推荐值（NPS）", "en": "NPS"},
    "sat_help_responses": {"zh": "期间内的评价条数（按所选渠道）。", "en": "Survey answers in the period (selected channels)."},
    "sat_help_mean_score": {"zh": "各量表折算为 0–100 分后的平均。目标 {target}。",
                            "en": "Answers on every scale normalised to 0–100, averaged. Target {target}."},
    "sat_help_csat": {"zh": "顶格评价占比，95% 区间 {low} – {high}（n = {n}）。目标 {target}。",
                      "en": "Share of top-box answers; 95% interval {low} – {high} (n = {n}). Target {target}."},
    "sat_help_nps": {"zh": "推荐者占比 − 贬损者占比，基于 {n} 条带推荐意愿评分的评价。目标 {target}。",
                     "en": "% promoters − % detractors, from {n} answers with a recommend score. Target {target}."},
    "sat_no_target": {"zh": "未设", "en": "none"},
    # sections
    "sat_trend": {"zh": "趋势", "en": "Trend"},
    "sat_grain": {"zh": "时间粒度", "en": "Time grain"},
    "sat_trend_csat": {"zh": "满意度（CSAT）与 95% 区间", "en": "CSAT with 95% interval"},
    "sat_trend_mean": {"zh": "平均得分（0–100）", "en": "Mean score (0–100)"},
    "sat_axis_period_week": {"zh": "周（周一）", "en": "Week (Monday)"},
    "sat_axis_period_month": {"zh": "月", "en": "Month"},
    "sat_trend_caption": {"zh": "所选期间内每周或每月的评价；点上悬停可看样本量。",
                          "en": "Answers of the selected period per week or month; hover a point for its n."},
    "sat_breakdown": {"zh": "厅店、地市、区域比较", "en": "Halls, cities and regions compared"},
    "sat_by": {"zh": "比较层级", "en": "Compare"},
    "sat_breakdown_chart": {"zh": "满意度（CSAT），按 95% 区间下限排序", "en": "CSAT, ranked by the lower end of the 95% interval"},
    "sat_breakdown_caption": {
        "zh": "横线为 95% 区间；虚线为目标值。颜色：绿=达标，橙=接近，红=未达标，灰=样本不足无法判断（⚠ 表示样本少于 30）。",
        "en": "Whiskers are 95% intervals; the dashed line is the target. Colours: green = met, amber = close, "
              "red = missed, grey = too few answers to judge (⚠: fewer than 30).",
    },
    "sat_target_line": {"zh": "目标 {value}", "en": "Target {value}"},
    "sat_status_good": {"zh": "达标", "en": "Target met"},
    "sat_status_warn": {"zh": "接近目标", "en": "Close"},
    "sat_status_bad": {"zh": "未达标", "en": "Missed"},
    "sat_status_none": {"zh": "样本不足", "en": "Too few to judge"},
    "sat_hover_rate": {"zh": "{name}<br>满意度 {value}（95% 区间 {low} – {high}）<br>样本量 {n}",
                       "en": "{name}<br>CSAT {value} (95% interval {low} – {high})<br>n = {n}"},
    "sat_axis_csat": {"zh": "满意度（CSAT）", "en": "CSAT"},
    "sat_distributions": {"zh": "评分分布与影响因素", "en": "Score distribution and drivers"},
    "sat_score_distribution": {"zh": "各量表的评分分布", "en": "Scores on each scale"},
    "sat_axis_score": {"zh": "评分", "en": "Score"},
    "sat_axis_share": {"zh": "占该量表评价的比例", "en": "Share of the scale's answers"},
    "sat_hover_score": {"zh": "评分 {score}：{answers} 条（{share}）", "en": "Score {score}: {answers} answers ({share})"},
    "sat_scale_five": {"zh": "五分制", "en": "5-point"},
    "sat_scale_ten": {"zh": "十分制", "en": "10-point"},
    "sat_scale_sms3": {"zh": "短信三级", "en": "SMS 3-level"},
    "sat_sms_1": {"zh": "1 满意", "en": "1 satisfied"},
    "sat_sms_2": {"zh": "2 一般", "en": "2 neutral"},
    "sat_sms_3": {"zh": "3 不满意", "en": "3 dissatisfied"},
    "sat_dimensions": {"zh": "分项得分（0–100）", "en": "Dimension scores (0–100)"},
    "sat_dim_environment": {"zh": "环境", "en": "Environment"},
    "sat_dim_attitude": {"zh": "服务态度", "en": "Attitude"},
    "sat_dim_expertise": {"zh": "业务专业", "en": "Expertise"},
    "sat_dim_efficiency": {"zh": "办理效率", "en": "Efficiency"},
    "sat_axis_mean_score": {"zh": "平均得分（0–100）", "en": "Mean score (0–100)"},
    "sat_hover_dimension": {"zh": "{name}：{value} 分（{n} 条评价）", "en": "{name}: {value} ({n} answers)"},
    "sat_wait": {"zh": "等候时长与满意度", "en": "Waiting time and CSAT"},
    "sat_axis_wait": {"zh": "等候时长（分钟）", "en": "Waiting time (minutes)"},
    "sat_by_channel": {"zh": "各评价渠道", "en": "By survey channel"},
    "sat_detail": {"zh": "评价明细", "en": "Answers"},
    "sat_detail_caption": {
        "zh": "当前筛选下最新的评价（点击图表中的厅店即可只看该厅的评价）。评论为客户原文。",
        "en": "The latest answers under the current filters (click a hall in a chart to see only its answers). "
              "Comments are the customers' own words.",
    },
    "sat_table_caption": {"zh": "可点列名排序；选中一行（厅店）后可只看该厅。",
                          "en": "Sort by clicking a header; select a hall's row to narrow to that hall."},
    # table headers
    "sat_col_responses_short": {"zh": "样本量 {n}", "en": "n = {n}"},
    "sat_col_channel": {"zh": "评价渠道", "en": "Channel"},
    "sat_col_mean_score": {"zh": "平均得分", "en": "Mean score"},
    "sat_col_csat_low": {"zh": "CSAT 区间下限", "en": "CSAT low"},
    "sat_col_csat_high": {"zh": "CSAT 区间上限", "en": "CSAT high"},
    "sat_col_nps": {"zh": "净推荐值（NPS）", "en": "NPS"},
    "sat_col_nps_responses": {"zh": "NPS 样本量", "en": "NPS answers"},
    "sat_col_wait": {"zh": "平均等候（分钟）", "en": "Mean wait (min)"},
    "sat_col_rank": {"zh": "排名", "en": "Rank"},
    "sat_col_answered_at": {"zh": "评价时间", "en": "Answered at"},
    "sat_col_staff_id": {"zh": "员工工号", "en": "Staff ID"},
    "sat_col_scale": {"zh": "量表", "en": "Scale"},
    "sat_col_score": {"zh": "评分", "en": "Score"},
    "sat_col_score_100": {"zh": "折算得分", "en": "Score (0–100)"},
    "sat_col_top_box": {"zh": "顶格（满意）", "en": "Top box"},
    "sat_col_recommend": {"zh": "推荐意愿", "en": "Recommend"},
    "sat_col_wait_minutes": {"zh": "等候（分钟）", "en": "Wait (min)"},
    "sat_col_business_type": {"zh": "办理业务", "en": "Business"},
    "sat_col_comment": {"zh": "客户评论", "en": "Comment"},
}
