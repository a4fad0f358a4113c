"""Strings of the Marketing page."""

TEXT: dict[str, dict[str, str]] = {
    "mkt_intro": {
        "zh": "营销接触 → 有意向 → 成功办理的漏斗、营销成功率与收入，按厅店、地市、区域、产品、活动类型和营销人员比较。",
        "en": "The contact → interested → converted funnel, conversion and revenue, compared across halls, cities, "
              "regions, products, activity types and staff.",
    },
    "mkt_definitions": {
        "zh": '- **数据口径**：逐条接触记录（成功 / 意向 / 失败）每条计 1 次接触；营销日报行自带接触、意向、成功数与收入。所有数字都是这些数量的合计，从不数行数，所以两种记录可以相加。成功办理的接触一定也算有意向。\n- **期间**：按营销时间筛选，含首尾两天。\n- **漏斗**：接触 → 有意向 → 成功，每一级给出占接触的比例和占上一级的比例。\n- **公平比较**：接触少于 30 次的比率标 ⚠ 并置灰，排名放在最后；按成功率区间下限排名（3 次全成功不会排在 100 次里成功 40 次之前）；地市、区域先汇总各厅计数再相除；期间内没有营销记录的厅店也会列出（接触 0）。\n- **营销人员**：按记录上的员工编号归属；营销日报没有员工编号，不进入人员排名。\n- **渠道**：侧栏的渠道筛选不适用于营销数据。',
        "en": "- **Counting**: a contact-level row (converted / interested / failed) is one contact; a daily report row carries its own contacts, interested, converted and revenue. Every figure sums these measures and never counts rows, so both kinds add up. A converted contact was also interested.\n- **Period**: by the time of the sale, first and last day included.\n- **Funnel**: contacts → interested → converted, each stage with its share of contacts and of the stage before.\n- **Fair comparison**: a rate from fewer than 30 contacts is marked ⚠, greyed and ranked last; ranking uses the lower end of the interval (3 out of 3 never beats 40 out of 100); cities and regions add up their halls' counts before dividing; halls without sales are listed with 0 contacts.\n- **Staff**: by the staff id on the record; daily reports carry no staff id and are left out of the staff ranking.\n- **Channels**: the sidebar's channel filter does not apply to sales.",
    },
    # KPI tiles: labels and definitions come from analytics.measures
    # funnel and trend
    "mkt_funnel": {"zh": "营销漏斗", "en": "Funnel"},
    "mkt_stage_contacts": {"zh": "接触", "en": "Contacts"},
    "mkt_stage_interested": {"zh": "有意向", "en": "Interested"},
    "mkt_stage_converted": {"zh": "成功", "en": "Converted"},
    "mkt_funnel_hover": {"zh": "{stage}：{count}<br>占接触 {share}<br>占上一级 {previous}",
                         "en": "{stage}: {count}<br>{share} of contacts<br>{previous} of the stage before"},
    "mkt_trend": {"zh": "趋势", "en": "Trend"},
    "mkt_grain": {"zh": "时间粒度", "en": "Time grain"},
    "mkt_axis_contacts": {"zh": "接触次数", "en": "Contacts"},
    "mkt_axis_conversion": {"zh": "营销成功率", "en": "Conversion"},
    "mkt_axis_period_week": {"zh": "周（周一）", "en": "Week (Monday)"},
    "mkt_axis_period_month": {"zh": "月", "en": "Month"},
    "mkt_trend_caption": {"zh": "柱：接触次数（左轴）；线：营销成功率与 95% 区间（右轴）。",
                          "en": "Bars: contacts (left axis); line: conversion with its 95% interval (right axis)."},
    "mkt_hover_trend": {"zh": "{period}：成功率 {value}（{low} – {high}），接触 {n}",
                        "en": "{period}: conversion {value} ({low} – {high}), {n} contacts"},
    "mkt_target_line": {"zh": "目标 {value}", "en": "Target {value}"},
    # halls, cities, regions
    "mkt_breakdown": {"zh": "厅店、地市、区域比较", "en": "Halls, cities and regions compared"},
    "mkt_by": {"zh": "比较层级", "en": "Compare"},
    "mkt_breakdown_chart": {"zh": "营销成功率与 95% 区间（按区间下限排名）",
                            "en": "Conversion with 95% interval (ranked by its lower end)"},
    "mkt_status_good": {"zh": "达标", "en": "On target"},
    "mkt_status_warn": {"zh": "接近目标", "en": "Near target"},
    "mkt_status_bad": {"zh": "未达标", "en": "Below target"},
    "mkt_status_none": {"zh": "样本不足，不评判", "en": "Too few to judge"},
    "mkt_hover_rate": {"zh": "{name}<br>成功率 {value}（95% 区间 {low} – {high}）<br>接触 {n}",
                       "en": "{name}<br>Conversion {value} (95% interval {low} – {high})<br>{n} contacts"},
    "mkt_breakdown_caption": {"zh": "横线为 95% 区间；⚠ 表示接触少于 30 次，只有区间整体落在目标一侧时才着色评判。",
                              "en": "Whiskers are 95% intervals; ⚠ marks fewer than 30 contacts, judged only when the "
                                    "whole interval lies on one side of the target."},
    "mkt_table_caption": {"zh": "选中一行，可只看该厅。", "en": "Select a row to narrow to that hall."},
    # products and activities
    "mkt_products": {"zh": "产品与活动类型", "en": "Products and activity types"},
    "mkt_dim": {"zh": "按", "en": "By"},
    "mkt_dim_product_category": {"zh": "产品类别", "en": "Product category"},
    "mkt_dim_product_name": {"zh": "产品", "en": "Product"},
    "mkt_dim_activity_type": {"zh": "活动类型", "en": "Activity type"},
    "mkt_heatmap": {"zh": "各产品在不同活动类型中的营销成功率", "en": "Conversion of each product by activity type"},
    "mkt_heatmap_caption": {"zh": "颜色越深成功率越高；⚠ 表示接触少于 30 次。悬停可看区间与接触数。",
                            "en": "Darker is higher conversion; ⚠ marks fewer than 30 contacts. Hover for the "
                                  "interval and contacts."},
    "mkt_axis_activity": {"zh": "活动类型", "en": "Activity type"},
    "mkt_axis_product": {"zh": "产品", "en": "Product"},
    "mkt_hover_cell": {"zh": "{product} · {activity}<br>成功率 {value}（{low} – {high}）<br>接触 {n}，成功 {converted}",
                       "en": "{product} · {activity}<br>Conversion {value} ({low} – {high})<br>{n} contacts, "
                             "{converted} converted"},
    # staff
    "mkt_staff": {"zh": "营销人员排名", "en": "Staff ranking"},
    "mkt_staff_caption": {
        "zh": "按成功率区间下限排名，接触少于 30 次的排在最后。另有 {n} 次接触（占 {share}）来自营销日报，没有员工编号，未计入本表。",
        "en": "Ranked by the lower end of the conversion interval; fewer than 30 contacts ranked last. Another {n} "
              "contacts ({share}) come from daily reports without a staff id and are not in this table.",
    },
    "mkt_staff_short_period": {"zh": "单个员工一个月的接触不多，放宽期间（例如近 12 个月）排名更可靠。",
                               "en": "One person has few contacts in a month; a longer period (say 12 months) ranks "
                                     "more reliably."},
    # detail
    "mkt_detail": {"zh": "营销明细", "en": "Sales records"},
    "mkt_detail_caption": {"zh": "逐条接触记录与营销日报行，最新在前。", "en": "Contact rows and daily report rows, newest first."},
    "mkt_grain_contact": {"zh": "逐条接触", "en": "Contact"},
    "mkt_grain_daily": {"zh": "营销日报", "en": "Daily report"},
    "mkt_outcome_converted": {"zh": "成功", "en": "Converted"},
    "mkt_outcome_interested": {"zh": "意向", "en": "Interested"},
    "mkt_outcome_failed": {"zh": "失败", "en": "Failed"},
    # table headers
    "mkt_col_rank": {"zh": "排名", "en": "Rank"},
    "mkt_col_contacts": {"zh": "接触", "en": "Contacts"},
    "mkt_col_interested": {"zh": "有意向", "en": "Interested"},
    "mkt_col_converted": {"zh": "成功", "en": "Converted"},
    "mkt_col_conversion": {"zh": "营销成功率", "en": "Conversion"},
    "mkt_col_conversion_low": {"zh": "区间下限", "en": "Interval low"},
    "mkt_col_conversion_high": {"zh": "区间上限", "en": "Interval high"},
    "mkt_col_interest_rate": {"zh": "意向率", "en": "Interest rate"},
    "mkt_col_revenue": {"zh": "收入（元）", "en": "Revenue (CNY)"},
    "mkt_col_revenue_per_contact": {"zh": "单次接触收入", "en": "Revenue per contact"},
    "mkt_col_product_category": {"zh": "产品类别", "en": "Product category"},
    "mkt_col_product_name": {"zh": "产品", "en": "Product"},
    "mkt_col_activity_type": {"zh": "活动类型", "en": "Activity type"},
    "mkt_col_staff_id": {"zh": "员工编号", "en": "Staff id"},
    "mkt_col_staff_name": {"zh": "员工姓名", "en": "Staff name"},
    "mkt_col_sold_at": {"zh": "营销时间", "en": "Time"},
    "mkt_col_grain": {"zh": "记录类型", "en": "Record type"},
    "mkt_col_outcome": {"zh": "结果", "en": "Outcome"},
    "mkt_col_record_id": {"zh": "记录编号", "en": "Record id"},
}
