"""Strings of the Complaints page."""

TEXT: dict[str, dict[str, str]] = {
    "cmp_intro": {
        "zh": "投诉工单的数量与投诉率、48 小时办结承诺、办结时长、积压工单、重复与重开投诉和赔付，"
              "按厅店、地市、区域比较，并可查看每一张工单。",
        "en": "Complaint tickets: volume and rate, the 48-hour promise, resolution time, backlog, repeat and "
              "reopened complaints and compensation, compared across halls, cities and regions, down to each ticket.",
    },
    "cmp_definitions": {
        "zh": '- **截至时点**：期末（最后一天的 24 点），若晚于现在则为现在。截至该时点没有办结时间、或办结时间在其后的工单算作未办结，所以回看以前的期间看到的是当时的积压。\n- **首次响应 / 办结时长**：受理到首次响应 / 办结的小时数。中位数与 P90（线性插值）只计已办结工单，因此旁边同时给出积压和 Kaplan–Meier 估计。\n- **含未办结的办结时长（Kaplan–Meier）**：受理后 t 小时仍未办结的工单比例的估计，未办结工单按其已过时长作删失处理；其中位数与“只计已办结”的中位数并列，未办结工单不会被忽略。\n- **积压**：截至期末仍未办结的工单，其平均与最长已过时长，以及其中超过 48 小时的数量。\n- **公平比较**：每个比率都附样本量；样本少于 30 的标 ⚠ 并置灰，排名放在最后，除非 95% 区间整体在目标一侧；厅店按 48 小时办结率区间下限排名；地市、区域先汇总各厅计数再相除。',
        "en": "- **As of**: the end of the period (midnight after its last day), or now if earlier. A ticket is open as of then if it has no resolution time or one after that moment, so an old period shows the backlog as it was then.\n- **First response / resolution time**: hours from received to first response / resolution. Median and P90 (linear interpolation) count resolved tickets only, so the backlog and a Kaplan–Meier estimate are shown beside them.\n- **Resolution time with open tickets (Kaplan–Meier)**: the estimated share of tickets still unresolved t hours after receipt, open tickets censored at their age; its median is shown beside the resolved-only median, so open tickets never vanish.\n- **Backlog**: open tickets as of the period end, their mean and oldest age, and how many are past 48 hours.\n- **Fair comparison**: every rate carries its n; fewer than 30 is marked ⚠, greyed and ranked last unless its whole 95% interval is on one side of the target; halls are ranked by the lower end of the 48-hour interval; cities and regions add up their halls' counts before dividing.",
    },
    # KPIs
    # KPI tiles: labels and definitions come from analytics.measures; these add the counts behind them
    "cmp_kpi_resolution": {"zh": "办结时长中位数（小时）", "en": "Median resolution (hours)"},
    "cmp_help_resolution": {
        "zh": "只计已办结工单；P90 {p90} 小时。含未办结工单（按已过时长删失）的 Kaplan–Meier 中位数：{km} 小时。首次响应中位数 {first} 小时。",
        "en": "Resolved tickets only; P90 {p90} h. Kaplan–Meier median with open tickets censored at their age: "
              "{km} h. Median first response {first} h.",
    },
    "cmp_note_per_1000": {"zh": "每千条评价 {per_responses}（评价 {responses} 条）",
                          "en": "per 1,000 survey answers {per_responses} ({responses} answers)"},
    "cmp_note_backlog": {"zh": "截至 {as_of}：未办结共 {open} 张，最久 {max} 小时",
                         "en": "as of {as_of}: {open} open, the oldest {max} h"},
    "cmp_backlog_as_of": {
        "zh": "积压为截至 {as_of} 的状态（期末，或当前时刻，取较早者），按已导入的导出文件：数据截至 {data_end}，"
              "此后办结的工单要等下一次导入才会显示为已办结。",
        "en": "The backlog as of {as_of} (the period end, or now if earlier), as the imported exports knew it: "
              "the data runs to {data_end}; a ticket resolved since shows as resolved after the next import."},
    "cmp_note_repeat": {"zh": "导出文件自带的重复标记：{flagged} 张", "en": "the export's own repeat flag: {flagged}"},
    "cmp_km_caption": {
        "zh": "办结时长中位数只计已办结工单；含未办结工单的 Kaplan–Meier 中位数为 **{km} 小时**。",
        "en": "The median resolution counts resolved tickets only; the Kaplan–Meier median with open tickets is "
              "**{km} h**.",
    },
    # trend
    "cmp_trend": {"zh": "趋势", "en": "Trend"},
    "cmp_grain": {"zh": "时间粒度", "en": "Time grain"},
    "cmp_trend_caption": {"zh": "所选期间内按受理周或月统计；柱=工单数（左轴），线=48小时办结率（右轴）。",
                          "en": "The selected period by week or month received; bars = tickets (left), line = "
                                "resolved within 48 h (right)."},
    "cmp_axis_tickets": {"zh": "工单数", "en": "Tickets"},
    "cmp_axis_promise": {"zh": "48小时办结率", "en": "Resolved within 48 h"},
    "cmp_axis_period_week": {"zh": "受理周（周一）", "en": "Week received (Monday)"},
    "cmp_axis_period_month": {"zh": "受理月", "en": "Month received"},
    "cmp_target_line": {"zh": "目标 {value}", "en": "Target {value}"},
    # categories
    "cmp_categories": {"zh": "投诉类别", "en": "Categories"},
    "cmp_category_breakdown": {"zh": "类别 → 子类别（工单数）", "en": "Category → sub-category (tickets)"},
    "cmp_category_trend": {"zh": "各类别工单数随时间变化", "en": "Tickets by category over time"},
    "cmp_category_by_hall": {"zh": "各厅店的投诉类别", "en": "Complaint categories by hall"},
    "cmp_broken": {"zh": "违背48小时承诺的工单（按厅店）", "en": "Tickets that broke the 48-hour promise, by hall"},
    "cmp_broken_caption": {
        "zh": "违背承诺最多的 {n} 个厅店；共 {halls} 个厅店 {total} 张工单超过 48 小时才办结或仍未办结。",
        "en": "The {n} halls that broke it most often; {total} tickets in {halls} halls were resolved after 48 "
              "hours or are still open past them."},
    "cmp_no_broken": {"zh": "本期没有违背 48 小时承诺的工单。", "en": "No ticket broke the 48-hour promise."},
    "cmp_hover_broken": {"zh": "{hall}<br>违背承诺 {broken} 张 / 已满 48 小时 {due} 张（48小时办结率 {rate}）",
                         "en": "{hall}<br>{broken} broken of {due} due (resolved within 48 h: {rate})"},
    "cmp_category_by_hall_caption": {
        "zh": "工单最多的 {n} 个厅店（共 {of} 个有工单）× 类别：某类别的激增集中在哪些厅店一目了然；悬停可看占该厅工单的比例。",
        "en": "The {n} halls with the most tickets (of {of} with any) × category: whether a category's spike "
              "comes from a few halls shows at a glance; hover for its share of the hall's tickets."},
    "cmp_hover_category_hall": {"zh": "{hall}<br>{category}：{tickets} 张（占该厅 {total} 张的 {share}）",
                                "en": "{hall}<br>{category}: {tickets} tickets ({share} of the hall's {total})"},
    "cmp_categories_caption": {"zh": "点击内圈类别可展开其子类别；堆叠柱中某一类别的突增（如积分兑换）即一次集中投诉。",
                               "en": "Click a category in the inner ring to open its sub-categories; a jump of one "
                                     "colour in the stacked bars (such as points redemption) is a wave of complaints."},
    "cmp_hover_tickets": {"zh": "工单", "en": "Tickets"},
    "cmp_hover_share": {"zh": "占全部", "en": "Of all"},
    # by hall / city / region
    "cmp_breakdown": {"zh": "厅店、地市、区域比较", "en": "Halls, cities and regions compared"},
    "cmp_by": {"zh": "比较层级", "en": "Compare"},
    "cmp_breakdown_chart": {"zh": "48小时办结率，按 95% 区间下限排序",
                            "en": "Resolved within 48 h, ranked by the lower end of the 95% interval"},
    "cmp_breakdown_caption": {
        "zh": "横线为 95% 区间；虚线为目标值。颜色：绿=达标，橙=接近，红=未达标，灰=样本不足无法判断（⚠ 表示已满 48 小时的工单少于 30 张；"
              "区间整体低于目标的仍判为未达标）。",
        "en": "Whiskers are 95% intervals; the dashed line is the target. Colours: green = met, amber = close, red = "
              "missed, grey = too few to judge (⚠: fewer than 30 tickets due; an interval wholly below the target "
              "is still a miss).",
    },
    "cmp_status_good": {"zh": "达标", "en": "Target met"},
    "cmp_status_warn": {"zh": "接近目标", "en": "Close"},
    "cmp_status_bad": {"zh": "未达标", "en": "Missed"},
    "cmp_status_none": {"zh": "样本不足", "en": "Too few to judge"},
    "cmp_hover_rate": {"zh": "{name}<br>48小时办结 {value}（95% 区间 {low} – {high}）<br>{within} / {due} 张",
                       "en": "{name}<br>Within 48 h {value} (95% interval {low} – {high})<br>{within} of {due} tickets"},
    "cmp_table_caption": {"zh": "可点列名排序；选中一行（厅店）后可只看该厅。",
                          "en": "Sort by clicking a header; select a hall's row to narrow to that hall."},
    # resolution
    "cmp_resolution": {"zh": "办结时长", "en": "Resolution time"},
    "cmp_histogram": {"zh": "已办结工单的用时与未办结工单的已过时长", "en": "Time to resolve, and age of open tickets"},
    "cmp_resolved_in": {"zh": "在该时长内办结", "en": "Resolved in that time"},
    "cmp_still_open": {"zh": "仍未办结（已过该时长）", "en": "Still open, aged"},
    "cmp_axis_band": {"zh": "小时", "en": "Hours"},
    "cmp_promise_48": {"zh": "48 小时承诺", "en": "48-hour promise"},
    "cmp_curve": {"zh": "受理后仍未办结的比例（Kaplan–Meier）", "en": "Share still open after receipt (Kaplan–Meier)"},
    "cmp_axis_hours": {"zh": "受理后小时数", "en": "Hours after receipt"},
    "cmp_axis_share_open": {"zh": "仍未办结的比例", "en": "Share still open"},
    "cmp_km_median": {"zh": "中位数 {km} 小时", "en": "Median {km} h"},
    "cmp_hover_curve": {"zh": "受理后 {hours} 小时：{share} 仍未办结", "en": "{hours} h after receipt: {share} still open"},
    # backlog and detail
    "cmp_backlog": {"zh": "积压工单（截至期末，最久的在前）", "en": "Backlog at the period end, oldest first"},
    "cmp_backlog_caption": {"zh": "红色为已超过 48 小时承诺的工单。选中一行可只看该厅。",
                            "en": "Red: past the 48-hour promise. Select a row to narrow to that hall."},
    "cmp_no_backlog": {"zh": "期末没有未办结的工单。", "en": "No ticket was open at the period end."},
    "cmp_detail": {"zh": "工单明细", "en": "Tickets"},
    "cmp_detail_caption": {
        "zh": "当前筛选下最新受理的工单（点击图表中的厅店即可只看该厅）。问题描述为客户原文。",
        "en": "The latest tickets under the current filters (click a hall in a chart to see only its tickets). "
              "Descriptions are the customers' own words.",
    },
    # table headers
    "cmp_col_rank": {"zh": "排名", "en": "Rank"},
    "cmp_col_tickets": {"zh": "工单数", "en": "Tickets"},
    "cmp_col_per_1000_contacts": {"zh": "每千次接触投诉", "en": "Per 1,000 contacts"},
    "cmp_col_promise": {"zh": "48小时办结率", "en": "Within 48 h"},
    "cmp_col_promise_low": {"zh": "区间下限", "en": "Within 48 h low"},
    "cmp_col_promise_high": {"zh": "区间上限", "en": "Within 48 h high"},
    "cmp_col_promise_due": {"zh": "已满48小时工单", "en": "Tickets due"},
    "cmp_col_open_backlog": {"zh": "未办结", "en": "Open"},
    "cmp_col_backlog_over_48h": {"zh": "超48小时未办结", "en": "Open > 48 h"},
    "cmp_col_resolution_median": {"zh": "办结时长中位数（小时）", "en": "Median resolution (h)"},
    "cmp_col_resolution_p90": {"zh": "办结时长 P90（小时）", "en": "P90 resolution (h)"},
    "cmp_col_reopen_rate": {"zh": "重开率", "en": "Reopen rate"},
    "cmp_col_repeat_rate": {"zh": "30天重复投诉率", "en": "Repeat rate"},
    "cmp_col_compensation": {"zh": "赔付（元）", "en": "Compensation (¥)"},
    "cmp_col_ticket_id": {"zh": "工单号", "en": "Ticket"},
    "cmp_col_received_at": {"zh": "受理时间", "en": "Received"},
    "cmp_col_channel": {"zh": "投诉渠道", "en": "Channel"},
    "cmp_col_category": {"zh": "类别", "en": "Category"},
    "cmp_col_sub_category": {"zh": "子类别", "en": "Sub-category"},
    "cmp_col_status": {"zh": "状态", "en": "Status"},
    "cmp_col_age_hours": {"zh": "已过时长（小时）", "en": "Age (h)"},
    "cmp_col_over_promise": {"zh": "超48小时", "en": "Past 48 h"},
    "cmp_col_customer": {"zh": "客户", "en": "Customer"},
    "cmp_col_first_response": {"zh": "首次响应（小时）", "en": "First response (h)"},
    "cmp_col_resolution_hours": {"zh": "办结用时（小时）", "en": "Resolution (h)"},
    "cmp_col_repeat": {"zh": "30天内重复", "en": "Repeat (30 d)"},
    "cmp_col_resolution_satisfaction": {"zh": "处理满意度", "en": "Satisfaction with handling"},
    "cmp_col_description": {"zh": "问题描述", "en": "Description"},
}
