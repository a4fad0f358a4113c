"""The words of the weekly review's report files, in Chinese and English: its title, section
names, column headers and kinds. The page shows the same words (dashboard.i18n merges this
table into its own), and the report command writes them without Streamlit."""
from __future__ import annotations

# Punctuation only, by design (no Chinese character in the Chinese).
SEPARATORS: dict[str, dict[str, str]] = {
    "word_sep": {"zh": "、", "en": ", "},
}

TEXT: dict[str, dict[str, str]] = {
    **SEPARATORS,
    "col_interval": {"zh": "95% 置信区间", "en": "95% interval"},
    "pp_unit": {"zh": "个百分点", "en": "pp"},
    "wk_scope": {"zh": "范围：{scope}", "en": "Scope: {scope}"},
    "wk_scope_all": {"zh": "全部区域", "en": "all regions"},
    "wk_section_headline": {"zh": "本周概况", "en": "This week at a glance"},
    "wk_section_talk": {"zh": "需要讨论的厅店", "en": "Halls to talk about"},
    "wk_section_trend": {"zh": "近 8 周走势", "en": "The last 8 weeks"},
    "wk_talk_none": {"zh": "本周没有厅店未达标、明显波动或超时积压增加。",
                     "en": "No hall missed a target, moved significantly or let its backlog grow this week."},
    "wk_kind_missed": {"zh": "未达标", "en": "missed target"},
    "wk_kind_down": {"zh": "明显下滑", "en": "moved down"},
    "wk_kind_up": {"zh": "明显提升", "en": "moved up"},
    "wk_kind_backlog": {"zh": "积压增加", "en": "backlog growing"},
    "wk_col_hall": {"zh": "厅店", "en": "Hall"},
    "wk_col_city": {"zh": "地市", "en": "City"},
    "wk_col_why": {"zh": "原因", "en": "Why"},
    "wk_col_kind": {"zh": "类别", "en": "Kind"},
    "wk_col_kpi": {"zh": "指标", "en": "KPI"},
    "wk_col_this": {"zh": "本周", "en": "This week"},
    "wk_col_last": {"zh": "上周", "en": "Last week"},
    "wk_col_change": {"zh": "变化", "en": "Change"},
    "wk_col_avg": {"zh": "4周均值", "en": "4-week average"},
    "wk_col_week": {"zh": "周次", "en": "Week"},
    "wk_col_staff": {"zh": "员工", "en": "Staff"},
    "wk_col_answers": {"zh": "评价数", "en": "Answers"},
    "wk_col_score": {"zh": "平均得分", "en": "Mean score"},
    "wk_col_csat": {"zh": "满意度", "en": "CSAT"},
    "wk_col_contacts": {"zh": "接触客户", "en": "Contacts"},
    "wk_col_converted": {"zh": "成功办理", "en": "Converted"},
    "wk_col_conversion": {"zh": "成功率", "en": "Conversion"},
    "wk_service_stars": {"zh": "服务之星（本周评价得分最高，至少 {n} 条评价）",
                         "en": "Service stars (best survey score this week, at least {n} answers)"},
    "wk_marketing_stars": {"zh": "营销之星（本周成功办理最多，至少接触 {n} 位客户）",
                           "en": "Marketing stars (most conversions this week, at least {n} contacts)"},
    "wk_col_unattributed": {"zh": "未记录员工的接触", "en": "Contacts without a staff id"},
    "wk_trend_axis": {"zh": "周（起始日）", "en": "Week (starting)"},
    "wk_trend_value": {"zh": "比率", "en": "Rate"},
    "wk_report_title": {"zh": "营业厅周回顾 {week}", "en": "Hall weekly review {week}"},
    "wk_report_period": {"zh": "{start} 至 {end}（上周 {last_start} 至 {last_end}）",
                         "en": "{start} to {end} (last week {last_start} to {last_end})"},
}


def text(key: str, lang: str, **values) -> str:
    """The text `key` in `lang` (zh or en), filled in with `values`."""
    words = TEXT[key][lang]
    return words.format(**values) if values else words
