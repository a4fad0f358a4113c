"""Strings of the 沟通100 scorecard page (and the scorecard section of the hall profile)."""

TEXT: dict[str, dict[str, str]] = {
    "page_scorecard": {"zh": "沟通100 积分卡", "en": "沟通100 scorecard"},
    "sc_intro": {
        "zh": "按营业厅手册的五项承诺（诚信100、专业100、体验100、关爱100、实现100）给每个厅打分：每项承诺由若干指标组成，"
              "得分 = 达标指标的权重之和 ÷ 可评判指标的权重之和 × 100。",
        "en": "Each hall scored on the handbook's five commitments (诚信100 integrity, 专业100 professional, 体验100 "
              "experience, 关爱100 care, 实现100 fulfilment): a commitment's score is the weight of its KPIs that "
              "meet their target over the weight of those that can be judged, × 100.",
    },
    "sc_definitions": {
        "zh": "指标、目标与权重在 `config/scorecard.toml` 中设置。指标达标按全站同一规则判断：样本≥30，或 95% 置信区间整体"
              "在目标的一侧。没有数据的指标记为“无数据”，样本不足以判断的记为“样本少”，两者都不计入得分（既不算 0 也不算 100）；"
              "一项承诺的指标都无法判断时，得分为“无数据”。地市与区域的得分按其所有厅的计数合并计算。",
        "en": "KPIs, targets and weights are set in `config/scorecard.toml`. A KPI meets its target by the one rule of "
              "every page: n ≥ 30, or the 95% interval wholly on one side of the target. A KPI without data is "
              "\"no data\" and one with too few observations to judge is \"low sample\"; neither counts (neither 0 "
              "nor 100). A commitment none of whose KPIs can be judged has no score. Cities and regions are scored "
              "on the pooled counts of their halls.",
    },
    "sc_heat": {"zh": "厅店 × 承诺得分", "en": "Halls × commitments"},
    "sc_heat_caption": {"zh": "格内为得分（0–100）；⚠ 表示有指标因无数据或样本少未计入；空白为无数据。点击格子查看其指标与明细。",
                        "en": "Scores 0–100; ⚠: some KPIs not counted (no data or low sample); blank: no data. "
                              "Click a cell for its KPIs and the rows behind them."},
    "sc_table": {"zh": "得分表", "en": "Score table"},
    "sc_commitment_integrity": {"zh": "诚信100", "en": "诚信100 Integrity"},
    "sc_commitment_professional": {"zh": "专业100", "en": "专业100 Professional"},
    "sc_commitment_experience": {"zh": "体验100", "en": "体验100 Experience"},
    "sc_commitment_care": {"zh": "关爱100", "en": "关爱100 Care"},
    "sc_commitment_fulfilment": {"zh": "实现100", "en": "实现100 Fulfilment"},
    "sc_col_judged": {"zh": "可评判指标数", "en": "KPIs judged"},
    "sc_compare": {"zh": "与所在地市、区域对比", "en": "Against its city and region"},
    "sc_pick_hall": {"zh": "厅店", "en": "Hall"},
    "sc_level_hall": {"zh": "本厅", "en": "This hall"},
    "sc_level_city": {"zh": "地市：{name}", "en": "City: {name}"},
    "sc_level_region": {"zh": "区域：{name}", "en": "Region: {name}"},
    "sc_axis_score": {"zh": "得分", "en": "Score"},
    "sc_trend": {"zh": "月度得分走势（当前筛选范围合并计算）", "en": "Scores month by month (the current selection pooled)"},
    "sc_axis_month": {"zh": "月份", "en": "Month"},
    "sc_drill": {"zh": "{hall} · {commitment}：指标明细", "en": "{hall} · {commitment}: its KPIs"},
    "sc_drill_hint": {"zh": "在上方热力表中点击一个格子，或在此选择厅店与承诺。", "en": "Click a cell of the heat table above, or pick here."},
    "sc_pick_commitment": {"zh": "承诺", "en": "Commitment"},
    "sc_col_kpi": {"zh": "指标", "en": "KPI"},
    "sc_col_value": {"zh": "数值", "en": "Value"},
    "sc_col_target": {"zh": "目标", "en": "Target"},
    "sc_col_n": {"zh": "样本量", "en": "n"},
    "sc_col_weight": {"zh": "权重", "en": "Weight"},
    "sc_col_state": {"zh": "判定", "en": "Verdict"},
    "sc_state_met": {"zh": "✅ 达标", "en": "✅ met"},
    "sc_state_missed": {"zh": "❌ 未达标", "en": "❌ missed"},
    "sc_state_low_sample": {"zh": "⚠ 样本少", "en": "⚠ low sample"},
    "sc_state_no_data": {"zh": "— 无数据", "en": "— no data"},
    "sc_rows_behind": {"zh": "指标背后的记录", "en": "The rows behind"},
    "sc_no_score": {"zh": "无数据", "en": "no data"},
    "sc_profile": {"zh": "沟通100 积分卡", "en": "沟通100 scorecard"},
    "sc_broken": {"zh": "积分卡配置有误：{detail}", "en": "The scorecard configuration is broken: {detail}"},
}
