"""Every KPI the dashboard shows, declared once: what it is made of, over which window, how
it is judged, and what it is called. Pages, the weekly review, the scorecard, exports and
docs/metrics.md read these; nothing else names a KPI's counts, label or definition.

A declaration's `counts` are columns of its area's count frame (analytics/metrics/<area>.py):
    share   (successes, trials)            value = successes / trials, Wilson interval
    rate    (events, exposure)             value = scale × events / exposure, Poisson interval
    nps     (promoters, detractors, n)     value = 100 × (promoters − detractors) / n
    mean    (sum, sum_of_squares, n)       value = sum / n, normal interval from the spread
    ratio   (total, n)                     value = total / n, no interval (see `no_interval`)
    count   (count,)                       a number of things; no interval, judged as it is
    sum     (total,)                       money; no interval
Windows: "period" (inside the chosen days), "as_of" (the state at the period end),
"12m" (the 12 months ending with the period end), "carried" (every ticket open at the week's
end, whenever it came in).
"""
from __future__ import annotations

from dataclasses import dataclass

AREAS = ("satisfaction", "complaints", "marketing", "training")
KINDS = ("share", "rate", "nps", "mean", "ratio", "count", "sum")
WINDOWS = ("period", "as_of", "12m", "carried")
FORMATS = ("percent", "int", "float1", "money")
MIN_N = 30  # a value from fewer observations is marked ⚠ and judged only when its interval is clear


@dataclass(frozen=True)
class Measure:
    key: str
    area: str
    kind: str
    counts: tuple[str, ...]
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str
    higher_is_better: bool = True
    window: str = "period"
    format: str = "percent"
    scale: float = 1.0
    target: str | None = None     # entry of config/targets.toml (shared by windows of one figure)
    min_n: int = MIN_N
    no_interval: str | None = None  # why a ratio has none (said in docs/metrics.md)
    census: bool = False          # a headcount of everyone, not a sample: its change is not tested

    @property
    def n_column(self) -> str | None:
        """The count a value rests on (its n); None for counts and sums."""
        return None if self.kind in ("count", "sum") else self.counts[-1]

    @property
    def interval(self) -> str | None:
        return {"share": "wilson", "rate": "poisson", "nps": "normal", "mean": "normal"}.get(self.kind)

    @property
    def display_format(self) -> str:
        """How the value is written on screen and in reports (money as whole yuan)."""
        return "int" if self.format == "money" else self.format

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def definition(self, lang: str) -> str:
        return self.definition_zh if lang == "zh" else self.definition_en


def _m(key, area, kind, counts, label_zh, label_en, definition_zh, definition_en, **options) -> Measure:
    return Measure(key, area, kind, tuple(counts), label_zh, label_en, definition_zh, definition_en, **options)


MEASURES: tuple[Measure, ...] = (
    # --- satisfaction ---------------------------------------------------------------------
    _m("responses", "satisfaction", "count", ["responses"], "评价样本量", "Survey answers",
       "期内收到的满意度评价条数。", "Survey answers received in the period.", format="int"),
    _m("mean_score", "satisfaction", "mean", ["score_sum", "score_sq_sum", "responses"],
       "平均得分（0–100）", "Mean score (0–100)",
       "每条评价按其声明的量表折算为 0–100 分（最好 100、最差 0）后的平均：5 分制 (s−1)/4×100，10 分制 s×10，"
       "短信三级 (3−s)/2×100（1=满意=100），所以 3、5、10 分制可合并。",
       "Every answer normalised to 0–100 on its declared scale (best 100, worst 0), averaged: 5-point "
       "(s−1)/4×100, 10-point s×10, SMS 3-point (3−s)/2×100 (1 = satisfied = 100), so the scales pool.", format="float1", target="mean_score"),
    _m("csat", "satisfaction", "share", ["top_box", "responses"], "满意度（CSAT）", "CSAT",
       "顶格评价占比：5 分制 4–5 分、10 分制 9–10 分、短信回复 1（满意）。",
       "Share of top-box answers: 4–5 of 5, 9–10 of 10, 1 (satisfied) of the SMS reply.", target="csat"),
    _m("nps", "satisfaction", "nps", ["promoters", "detractors", "nps_responses"], "净推荐值（NPS）", "NPS",
       "带推荐意愿分的评价中，推荐者（9–10 分）占比减贬损者（0–6 分）占比，−100 至 100。",
       "Among answers with a recommend score, % promoters (9–10) − % detractors (0–6); −100 to 100.",
       format="float1", scale=100, target="nps"),
    _m("wait_minutes", "satisfaction", "mean", ["wait_sum", "wait_sq_sum", "wait_responses"],
       "平均等待时长（分钟）", "Mean waiting time (minutes)",
       "填写了等待时长的评价中，客户等候办理的平均分钟数。",
       "Mean minutes customers waited, over the answers that record a waiting time.",
       higher_is_better=False, format="float1", target="wait_minutes"),
    _m("long_wait_share", "satisfaction", "share", ["long_waits", "wait_responses"], "超时等待占比", "Share kept waiting",
       "填写了等待时长的评价中，等待超过计分卡设定分钟数（默认 15 分钟）的占比。",
       "Among answers that record a waiting time, the share that waited longer than the scorecard's limit "
       "(15 minutes by default).", higher_is_better=False, target="long_wait_share"),
    _m("csat_after_long_wait", "satisfaction", "share", ["long_wait_top_box", "long_waits"],
       "超时等待客户满意度", "CSAT of customers kept waiting",
       "等待超过计分卡设定分钟数的客户中，给出顶格评价的占比。",
       "CSAT among the customers who waited longer than the scorecard's limit.", target="csat_after_long_wait"),
    # --- complaints -----------------------------------------------------------------------
    _m("tickets", "complaints", "count", ["tickets"], "投诉工单", "Complaint tickets",
       "期内受理的投诉工单数。", "Complaint tickets received in the period.", higher_is_better=False, format="int"),
    _m("per_1000_contacts", "complaints", "rate", ["tickets", "contacts"], "每千次接触投诉量",
       "Complaints per 1,000 contacts",
       "投诉工单数 ÷ 同厅同期营销接触客户数 × 1000。", "Tickets ÷ the same halls' sales contacts in the period × 1,000.",
       higher_is_better=False, format="float1", scale=1000, target="per_1000_contacts"),
    _m("per_1000_responses", "complaints", "rate", ["tickets", "responses"], "每千条评价投诉量",
       "Complaints per 1,000 survey answers",
       "投诉工单数 ÷ 同厅同期满意度评价条数 × 1000。", "Tickets ÷ the same halls' survey answers in the period × 1,000.",
       higher_is_better=False, format="float1", scale=1000),
    _m("promise_48h", "complaints", "share", ["within_48h", "promise_due"], "48小时办结率", "Resolved within 48 h",
       "48 小时内办结的工单 ÷ 已满 48 小时的工单（已办结的，及受理超过 48 小时仍未办结的）；未满 48 小时的未办结工单不计。",
       "Tickets resolved within 48 hours ÷ tickets whose 48 hours have run out (resolved ones, and open ones "
       "older than 48 hours); an open ticket younger than 48 hours is not counted yet.", target="promise_48h"),
    _m("backlog_over_48h", "complaints", "count", ["backlog_over_48h"], "超48小时未办结（本期受理）",
       "Open over 48 h (received in the period)",
       "本期受理、截至期末（或当前时刻，取较早者）仍未办结且已超过 48 小时的工单。",
       "Tickets received in the period still open at its end (or now, if earlier) and older than 48 hours.",
       higher_is_better=False, window="as_of", format="int", target="backlog_over_48h"),
    _m("broken_48h", "complaints", "count", ["broken_48h"], "违背48小时承诺", "48-hour promise broken",
       "本期受理的工单中，超过 48 小时才办结、或截至期末已超过 48 小时仍未办结的张数（48小时办结率的分母减分子）。",
       "Tickets received in the period that were resolved after more than 48 hours, or are still open past "
       "48 hours at its end (the 48-hour rate's denominator minus its numerator).",
       higher_is_better=False, window="as_of", format="int"),
    _m("carried_over_48h", "complaints", "count", ["carried_over_48h"], "超48小时未办结（含往期）",
       "Open over 48 h (all carried)",
       "截至周末仍未办结且已超过 48 小时的全部工单，无论何时受理：该厅带入下周的积压。",
       "Every ticket still open at the week's end and older than 48 hours, whenever it came in: what the hall "
       "carries into next week.", higher_is_better=False, window="carried", format="int", target="backlog_over_48h"),
    _m("reopen_rate", "complaints", "share", ["reopened", "tickets"], "重开率", "Reopen rate",
       "状态为“重开”的工单 ÷ 工单数。", "Tickets with status reopened ÷ tickets.", higher_is_better=False),
    _m("repeat_rate", "complaints", "share", ["repeat_30d", "tickets"], "重复投诉率（30天）",
       "Repeat complaints (30 days)",
       "同一客户、同一类别在前一次投诉后 30 天内再次投诉的工单 ÷ 工单数（回溯全部已存工单）。",
       "Tickets from a customer who complained in the same category in the 30 days before ÷ tickets (looked up "
       "over every stored ticket).", higher_is_better=False, target="repeat_rate"),
    _m("first_contact_resolution", "complaints", "share", ["resolved_first_time", "resolved"], "一次解决率",
       "First-contact resolution",
       "已办结工单中，未重开且 30 天内无重复投诉的占比。",
       "Among resolved tickets, the share neither reopened nor followed by a repeat within 30 days.",
       target="first_contact_resolution"),
    _m("feedback_rate", "complaints", "share", ["feedback", "resolved"], "回访反馈率",
       "Feedback returned to the customer",
       "已办结工单中，回访联系到客户（满意、一般或不满意）的占比。",
       "Among resolved tickets, the share whose follow-up call reached the customer (satisfied, neutral or "
       "dissatisfied).", target="feedback_rate"),
    _m("billing_disputes_per_1000", "complaints", "rate", ["billing_disputes", "contacts"],
       "计费争议投诉（每千次接触）", "Billing disputes per 1,000 contacts",
       "类别为计费争议的工单 ÷ 同期营销接触 × 1000。", "Billing-dispute tickets ÷ contacts in the period × 1,000.",
       higher_is_better=False, format="float1", scale=1000, target="billing_disputes_per_1000"),
    _m("consent_complaints_per_1000", "complaints", "rate", ["consent_complaints", "contacts"],
       "未经同意开通投诉（每千次接触）", "Business opened without consent per 1,000 contacts",
       "子类为未经同意开通业务的工单 ÷ 同期营销接触 × 1000。",
       "Tickets for business opened without consent ÷ contacts in the period × 1,000.",
       higher_is_better=False, format="float1", scale=1000, target="consent_complaints_per_1000"),
    _m("broken_promises_per_1000", "complaints", "rate", ["broken_promises", "contacts"],
       "承诺未兑现投诉（每千次接触）", "Broken promises per 1,000 contacts",
       "子类为承诺未兑现的工单 ÷ 同期营销接触 × 1000。", "Tickets for a broken promise ÷ contacts in the period × 1,000.",
       higher_is_better=False, format="float1", scale=1000, target="broken_promises_per_1000"),
    _m("first_contact_breaches_per_1000", "complaints", "rate", ["first_contact_breaches", "contacts"],
       "首问推诿投诉（每千次接触）", "First-contact ownership breaches per 1,000 contacts",
       "子类为首问推诿的工单 ÷ 同期营销接触 × 1000。",
       "Tickets for first-contact ownership refused ÷ contacts in the period × 1,000.",
       higher_is_better=False, format="float1", scale=1000, target="first_contact_breaches_per_1000"),
    _m("compensation", "complaints", "sum", ["compensation"], "赔付金额（元）", "Compensation (¥)",
       "期内受理工单的赔付金额合计。", "Compensation paid on the period's tickets, added up.",
       higher_is_better=False, format="money"),
    # --- marketing ------------------------------------------------------------------------
    _m("contacts", "marketing", "count", ["contacts"], "营销接触", "Contacts",
       "期内营销接触客户数（逐笔记录每行 1 次，日报行按其合计）。",
       "Customer contacts in the period (a contact row counts 1, a daily report row its total).", format="int"),
    _m("interested", "marketing", "count", ["interested"], "有意向", "Interested",
       "期内表示有意向的接触数（成功办理的也计为有意向）。",
       "Contacts in the period that showed interest (a converted contact was also interested).", format="int"),
    _m("converted", "marketing", "count", ["converted"], "成功办理", "Converted",
       "期内成功办理的接触数。", "Contacts in the period that ended in a sale.", format="int"),
    _m("conversion", "marketing", "share", ["converted", "contacts"], "营销成功率", "Conversion",
       "成功办理数 ÷ 接触客户数（逐笔记录与日报合计）。", "Converted ÷ contacts (contact rows and daily reports added up).",
       target="conversion"),
    _m("interest_rate", "marketing", "share", ["interested", "contacts"], "意向率", "Interest rate",
       "有意向的接触 ÷ 接触客户数（成功办理的也计为有意向）。",
       "Interested ÷ contacts (a converted contact was also interested)."),
    _m("revenue", "marketing", "sum", ["revenue"], "营收（元）", "Revenue (¥)", "期内营销记录的收入合计。",
       "Revenue of the period's sales rows, added up.", format="money"),
    _m("revenue_per_contact", "marketing", "ratio", ["revenue", "contacts"], "单次接触收入（元）",
       "Revenue per contact (¥)", "营收 ÷ 接触客户数。", "Revenue ÷ contacts.", format="float1",
       no_interval="日报行只给出合计，没有逐次接触的收入分布 / daily report rows give totals only, so the spread "
                   "per contact is unknown"),
    # --- training -------------------------------------------------------------------------
    _m("active_staff", "training", "count", ["active_staff"], "在岗员工（期内）", "Active staff (in the period)",
       "期内任一天在岗的员工（入职不晚于期末且离职不早于期初，以日期为准、不看状态列），按员工名单所属厅店。",
       "Staff employed on any day of the period (hired by its end, not left before its start; dates decide, not "
       "the status column), by the staff list's hall.", format="int", census=True),
    _m("coverage", "training", "share", ["trained_staff", "active_staff"], "培训覆盖率（本期）",
       "Training coverage (this period)",
       "期内在岗员工中，期内至少参加过一次培训的占比。",
       "Among staff active in the period, the share with at least one training dated inside it.",
       target="coverage"),
    _m("coverage_12m", "training", "share", ["trained_staff", "active_staff"], "培训覆盖率（近12个月）",
       "Training coverage (12 months)",
       "截至期末近 12 个月内在岗的员工中，这 12 个月内至少参加过一次培训的占比（员工应每年至少培训一次）。",
       "Among staff active in the 12 months to the period end, the share trained at least once in them (staff "
       "are expected to train at least once a year).", window="12m", target="coverage"),
    _m("onboarding_rate", "training", "share", ["onboarded_in_time", "new_hires"], "岗前培训及时率（本期入职）",
       "Pre-job training in time (hired in the period)",
       "期内入职、30 天期限已过或已参加岗前培训的员工中，入职 30 天内完成首次岗前培训的占比（第 30 天算及时，"
       "第 31 天算迟；仍在 30 天内且未培训的不计入）。",
       "Among staff hired in the period whose 30 days are over (or who had it), the share whose first pre-job "
       "training came within 30 days of hire (day 30 is on time, day 31 late; those still inside their 30 days "
       "without it are left out).", target="onboarding_rate"),
    _m("onboarding_rate_12m", "training", "share", ["onboarded_in_time", "new_hires"], "岗前培训及时率（近12个月）",
       "Pre-job training in time (12 months)",
       "同上，入职日期在截至期末的近 12 个月内。", "As above, for staff hired in the 12 months to the period end.",
       window="12m", target="onboarding_rate"),
    _m("elective_rate", "training", "share", ["elective_staff", "active_at_end"], "选修完成率（近12个月）",
       "Elective completion (12 months)",
       "期末在岗员工中，截至期末近 12 个月内至少完成一门自选课程的占比（n = 期末在岗员工）。",
       "Among staff active at the period end (n), the share with an elective (自选) course in the 12 months to it.",
       window="as_of", target="elective_rate"),
    _m("hours_per_head", "training", "mean", ["hours", "hours_sq", "active_staff"], "人均学时", "Hours per head",
       "期内在岗员工期内培训学时的平均。", "Training hours in the period per active member of staff.", format="float1"),
    _m("pass_rate", "training", "share", ["passed", "graded"], "考核通过率", "Pass rate",
       "期内有考核结果的培训记录中，通过的占比（按培训记录所在厅店）。",
       "Passed ÷ training rows with a result in the period (by the hall on the training row)."),
    _m("large_sessions", "training", "count", ["large_sessions"], "大班授课（>30 人）", "Large classes (>30)",
       "期内班级人数超过 30 人的培训场次（同厅、同课程、同日为一场）。",
       "Sessions in the period (hall, course and day) with more than 30 people.", higher_is_better=False,
       format="int"),
)

MEASURE_BY_KEY: dict[str, Measure] = {m.key: m for m in MEASURES}


def get(key: str) -> Measure:
    try:
        return MEASURE_BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown KPI {key!r}; declared: {', '.join(MEASURE_BY_KEY)}") from None
