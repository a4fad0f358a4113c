"""Strings of the 沟通100 scorecard page (and the scorecard section of the hall profile)."""

TEXT: dict[str, dict[str, str]] = {
    "page_scorecard": {"zh": "沟通100 积分卡", "en": "沟通100 scorecard"},
    "sc_intro": {
        "zh": "按营业厅手册的五项承诺（诚信100、专业100、体验100、关爱100、实现100）给每个厅打分：每个指标按其数值在零分线与目标之间"
              "的位置得 0–100 分，一项承诺的得分是其指标得分的加权平均。",
        "en": "Each hall scored on the handbook's five commitments (诚信100 integrity, 专业100 professional, 体验100 "
              "experience, 关爱100 care, 实现100 fulfilment): each KPI scores 0–100 by where its value sits between "
              "its floor and its target, and a commitment's score is the weighted mean of its KPIs' scores.",
    },
    "sc_definitions": {
        "zh": "承诺由哪些指标组成、权重多少在 `config/scorecard.toml` 中设置；每个指标的目标与零分线在 `config/targets.toml`（全站共用）。"
              "指标得分 = (数值 − 零分线) ÷ (目标 − 零分线) × 100，截取在 0–100 之间；样本少时数值先向所在区域的合并值收缩："
              "收缩值 = (n × 本厅值 + 30 × 区域值) ÷ (n + 30)，所以 4 条评价只让得分稍离区域水平，400 条则基本由本厅决定。"
              "没有数据的指标记为“无数据”，不计入得分（既不算 0 也不算 100）；一项承诺的指标都没有数据时，得分为“无数据”。"
              "达标与否（颜色）按全站同一规则判断：样本≥30，或 95% 置信区间整体在目标的一侧，否则记为“样本少”。"
              "地市与区域按其所有厅的计数合并计算。",
        "en": "Which KPIs make a commitment, and their weights, are set in `config/scorecard.toml`; each KPI's target "
              "and floor in `config/targets.toml` (shared by every page). KPI score = (value − floor) ÷ (target − "
              "floor) × 100, clipped to 0–100; a value from few observations is first shrunk toward its region's "
              "pooled value: shrunk = (n × hall + 30 × region) ÷ (n + 30), so 4 answers move a score a little from "
              "the region's and 400 answers stand on their own. A KPI without data is \"no data\" and does not count "
              "(neither 0 nor 100); a commitment none of whose KPIs has data has no score. Met or missed (the colour) "
              "follows the one rule of every page: n ≥ 30, or the 95% interval wholly on one side of the target, "
              "else \"low sample\". Cities and regions are scored on the pooled counts of their halls.",
    },
    "sc_heat": {"zh": "厅店 × 承诺得分", "en": "Halls × commitments"},
    "sc_heat_caption": {"zh": "格内为得分（0–100）；⚠ 表示有指标无数据或样本少（样本少的已向区域值收缩）；空白为无数据。点击格子查看其指标与明细。",
                        "en": "Scores 0–100; ⚠: some KPIs have no data or a low sample (shrunk toward the region); blank: no data. "
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
    "sc_col_floor": {"zh": "零分线", "en": "Floor (scores 0)"},
    "sc_col_kpi_score": {"zh": "指标得分", "en": "KPI score"},
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
