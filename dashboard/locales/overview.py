"""Strings of the Overview page. Every KPI's name (`kpi_<key>`) comes from its declaration in
analytics.measures, not from here: one label per KPI, wherever it is shown."""
from analytics.measures import MEASURES

TEXT: dict[str, dict[str, str]] = {
    "ov_intro": {
        "zh": "本期各厅的满意度、投诉处理、营销转化和培训情况，与上一期间（整月比上月）对比；下方列出需要关注的厅店。",
        "en": "This period's satisfaction, complaint handling, marketing conversion and training per hall, "
              "against the period before (the month before, for a month); the halls that need attention are listed below.",
    },
    "ov_definitions": {
        "zh": "- 每个比率都附样本量；样本少于 30 且 95% 区间跨过目标值的不作达标判断（区间整体低于目标则判为未达标），排名置后。"
              "颜色：绿=达标，橙=接近，红=未达标。\n"
              "- **需要关注的厅店**按严重程度排序：未达标指标距目标（向零分线）有多远，乘以样本量权重 n/(n+30)，各指标相加。",
        "en": "- Every rate carries its n; a rate from fewer than 30 observations whose 95% interval straddles the "
              "target is not judged (an interval wholly below it is a miss), and ranks last. Colours: green = target "
              "met, amber = close, red = missed.\n"
              "- **Halls needing attention** are ordered by severity: how far each missed KPI sits from its target "
              "(toward the floor), weighted by n/(n+30), added up over the KPIs.",
    },
    "ov_area_satisfaction": {"zh": "客户满意度", "en": "Satisfaction"},
    "ov_area_complaints": {"zh": "投诉处理", "en": "Complaints"},
    "ov_area_marketing": {"zh": "营销转化", "en": "Marketing"},
    "ov_area_training": {"zh": "员工培训（近12个月）", "en": "Training (12 months)"},
    "kpi_n_help": {"zh": "样本量 n = {n}", "en": "n = {n}"},
    "kpi_base_help": {"zh": "基数 {n}", "en": "base {n}"},
    "kpi_target_min": {"zh": "目标：不低于 {target}", "en": "Target: at least {target}"},
    "kpi_target_max": {"zh": "目标：不高于 {target}", "en": "Target: at most {target}"},
    "kpi_no_target": {"zh": "无目标值", "en": "no target"},
    "kpi_verdict_significant": {"zh": "显著", "en": "significant"},
    "kpi_verdict_within_noise": {"zh": "变化在误差范围内", "en": "change within the margin of error"},
    "kpi_verdict_untested": {"zh": "样本不足，变化未检验", "en": "too few to test the change"},
    "kpi_verdict_no_test": {"zh": "不作显著性检验", "en": "not tested for significance"},
    "ov_attention": {"zh": "需要关注的厅店", "en": "Halls needing attention"},
    "ov_attention_caption": {
        "zh": "按严重程度排序：各未达标指标离目标有多远（达到底线即为最远），按样本量加权后相加；不是按未达标项数。"
              "样本不足且区间未越过目标的指标不计。点击热力图中的厅店可只看该厅。",
        "en": "Ordered by severity: how far each missed KPI sits from its target (at its floor, as far as it goes), "
              "weighted by its n and added up; not by the number of misses. KPIs with too few observations whose "
              "interval does not cross the target do not count. Click a hall in the map to narrow to it.",
    },
    "ov_attention_line": {"zh": "**{hall}**（{city}）：未达标 {missed} 项 — {kpis}",
                          "en": "**{hall}** ({city}): {missed} missed — {kpis}"},
    "ov_no_attention": {"zh": "本期没有厅店未达标。", "en": "No hall misses a target this period."},
    "ov_trouble_map": {"zh": "问题地图：厅店 × 指标", "en": "Trouble map: halls × KPIs"},
    "ov_status_good": {"zh": "达标", "en": "Met"},
    "ov_status_warn": {"zh": "接近", "en": "Close"},
    "ov_status_bad": {"zh": "未达标", "en": "Missed"},
    "ov_status_none": {"zh": "样本不足/无数据", "en": "Too few / no data"},
    "ov_hall_table": {"zh": "厅店一览", "en": "All halls"},
    "ov_hall_table_caption": {
        "zh": "每行一个厅店，四个方面并列；可点列名排序，选中一行后可只看该厅。",
        "en": "One row per hall, the four areas side by side; sort by clicking a header, select a row to narrow "
              "to that hall.",
    },
    "col_nps": {"zh": "净推荐值", "en": "NPS"},
    "col_mean_score": {"zh": "平均得分", "en": "Mean score"},
    "col_tickets": {"zh": "投诉工单", "en": "Tickets"},
    "col_promise_48h": {"zh": "48小时办结率", "en": "Within 48 h"},
    "col_promise_due": {"zh": "已满48小时工单", "en": "Tickets due"},
    "col_backlog_over_48h": {"zh": "超48小时未办结", "en": "Open > 48 h"},
    "col_per_1000_contacts": {"zh": "每千次接触投诉", "en": "Per 1,000 contacts"},
    "col_contacts": {"zh": "接触客户数", "en": "Contacts"},
    "col_conversion": {"zh": "营销成功率", "en": "Conversion"},
    "col_revenue": {"zh": "营收（元）", "en": "Revenue (¥)"},
    "col_active_staff": {"zh": "在职员工", "en": "Active staff"},
    "col_coverage": {"zh": "培训覆盖率（12个月）", "en": "Coverage (12 months)"},
    "col_missed": {"zh": "未达标项", "en": "Targets missed"},
}
TEXT.update({f"kpi_{m.key}": {"zh": m.label_zh, "en": m.label_en} for m in MEASURES})
