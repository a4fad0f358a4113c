"""The one definition of every dataset: fields, types, keys, header aliases, labels.

The importer recognises files from the aliases here, the sample generator writes its
exports with the first Chinese alias of each field, the storage layer builds its DDL from
the types, and `python -m analytics dictionary` writes docs/data_dictionary.md from it.
Nothing after import sees a raw spreadsheet header.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field


# Field types. Each maps to one DuckDB column type and one coercion rule in `coerce`.
TEXT, CODE, INTEGER, NUMBER, TIMESTAMP, DATE, BOOLEAN, SCORE = (
    "text", "code", "integer", "number", "timestamp", "date", "boolean", "score")

DUCKDB_TYPES = {
    TEXT: "VARCHAR", CODE: "VARCHAR", INTEGER: "BIGINT", NUMBER: "DOUBLE",
    TIMESTAMP: "TIMESTAMP", DATE: "DATE", BOOLEAN: "BOOLEAN", SCORE: "DOUBLE",
}


# Bounds every import applies, whatever the field (a row breaking one is rejected, naming
# its row and column): values beyond them are not data but damage, placeholders or attacks,
# and would break the pages (week arithmetic, number formats, table rendering).
# Dates before these: a 0 read as Excel's day zero (1899-12-30), a 0001-01-01 placeholder.
EARLIEST_EVENT = dt.date(2000, 1, 1)    # a survey answer, ticket, sale or training session
EARLIEST_RECORD = dt.date(1950, 1, 1)   # when a hall opened, a person was hired or left
# A number beyond this is no count, amount or minute a hall has (a thousand trillion);
# doubles hold whole numbers exactly below 2**53, about nine times more.
LARGEST_NUMBER = 1e15
# A cell longer than this is refused in every format: Excel's own limit per cell.
LONGEST_CELL = 32_767


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label_zh: str
    label_en: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    description: str = ""
    # For TEXT fields with a closed vocabulary: raw word -> canonical value.
    vocabulary: dict[str, str] | None = None
    # Inclusive numeric bounds checked at import (None = unbounded).
    minimum: float | None = None
    maximum: float | None = None
    # Written by the importer, never read from a file (derived or provenance fields).
    derived: bool = False
    # Header parts that mean this field when a header holds all parts of one group
    # ('营业收入(元)' holds 收入): recognition by meaning, beyond the exact aliases.
    keywords: tuple[tuple[str, ...], ...] = ()
    # Words read as numbers for a numeric field (ordinal words: 五星 -> 5).
    words: dict[str, float] | None = None
    # Values that fit the bounds but not the field's usual use (1-5 answers in the 0-10
    # recommendation, 0-1 fractions in a 0-100 score) must be confirmed before a commit.
    doubt_check: bool = False
    # The earliest plausible value of a DATE or TIMESTAMP field (None: EARLIEST_EVENT).
    earliest: dt.date | None = None

    @property
    def earliest_date(self) -> dt.date | None:
        if self.type not in (TIMESTAMP, DATE):
            return None
        return self.earliest or EARLIEST_EVENT

    @property
    def all_aliases(self) -> tuple[str, ...]:
        return (self.name, self.label_zh, self.label_en, *self.aliases)


@dataclass(frozen=True)
class Dataset:
    name: str
    label_zh: str
    label_en: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    # When the export carries no key column, the key is a hash of the row's values.
    key_may_be_hashed: bool = False
    description: str = ""
    # Hall code (or name) referenced by each row, checked against the halls table.
    references_hall: bool = True
    # The date that says how fresh the dataset is (latest value = data up to).
    date_field: str | None = None
    # How a later state of a row is told from an earlier one, by the data (not by the
    # order of uploads): the latest of these times, then the status's rank. A row older
    # than the stored one does not replace it. Empty: the latest import wins.
    recency_fields: tuple[str, ...] = ()
    status_rank: dict[str, int] | None = None

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def source_fields(self) -> tuple[Field, ...]:
        """Fields that can be read from a file (everything but derived ones)."""
        return tuple(f for f in self.fields if not f.derived)

    @property
    def required_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def table(self) -> str:
        return self.name


# --- survey scales -----------------------------------------------------------------
# Scales are declared, never guessed from the largest answer seen. A file declares its
# scale in a column (量表/评分制), in the score header ("满意度(1-5分)"), in a mapping
# profile, or through its channel (SMS replies are 3-point). See `importer`.

@dataclass(frozen=True)
class Scale:
    code: str
    label_zh: str
    label_en: str
    minimum: float
    maximum: float
    # The 3-point SMS reply counts down: 1 = 满意 is the best answer.
    best_is_low: bool
    # Raw answers counted as "top box" for CSAT.
    top_box: tuple[float, ...]

    def to_100(self, raw: float) -> float:
        share = (raw - self.minimum) / (self.maximum - self.minimum)
        return round(100.0 * (1.0 - share if self.best_is_low else share), 6)


SCALES: dict[str, Scale] = {
    "sms3": Scale("sms3", "短信三级(1满意/2一般/3不满意)", "SMS 3-point (1 satisfied … 3 dissatisfied)",
                  1, 3, True, (1,)),
    "five": Scale("five", "五分制(1-5)", "5-point (1–5)", 1, 5, False, (4, 5)),
    "ten": Scale("ten", "十分制(0-10)", "10-point (0–10)", 0, 10, False, (9, 10)),
    "four": Scale("four", "四分制(1-4)", "4-point (1–4)", 1, 4, False, (3, 4)),
    "seven": Scale("seven", "七分制(1-7)", "7-point (1–7)", 1, 7, False, (6, 7)),
}

# Words people write instead of a number, on the 5-point scale they come from.
SATISFACTION_WORDS_FIVE = {
    "非常满意": 5, "很满意": 5, "满意": 4, "基本满意": 3, "一般": 3, "不满意": 2,
    "很不满意": 1, "非常不满意": 1,
    "very satisfied": 5, "satisfied": 4, "neutral": 3, "dissatisfied": 2,
    "very dissatisfied": 1,
}
# The same words on the 3-point SMS scale (1 = 满意).
SATISFACTION_WORDS_SMS3 = {
    "满意": 1, "非常满意": 1, "一般": 2, "基本满意": 2, "不满意": 3, "非常不满意": 3,
    "satisfied": 1, "neutral": 2, "dissatisfied": 3,
}

# How a scale may be written in a column, a header or a mapping file.
SCALE_WORDS = {
    "sms3": "sms3", "3": "sms3", "三分制": "sms3", "3分制": "sms3", "三级": "sms3",
    "短信": "sms3", "1-3": "sms3", "1-3分": "sms3",
    "five": "five", "5": "five", "五分制": "five", "5分制": "five", "1-5": "five",
    "1-5分": "five", "5-point": "five",
    "ten": "ten", "10": "ten", "十分制": "ten", "10分制": "ten", "0-10": "ten",
    "0-10分": "ten", "1-10": "ten", "1-10分": "ten", "10-point": "ten",
    "four": "four", "4": "four", "四分制": "four", "4分制": "four", "1-4": "four", "1-4分": "four",
    "4-point": "four",
    "seven": "seven", "7": "seven", "七分制": "seven", "7分制": "seven", "1-7": "seven", "1-7分": "seven",
    "7-point": "seven",
}
# A scale written as a range or a top mark inside a header: (1-5分), 1~5分, 0～10分, 满分10分.
# The range as written -> scale code; a top mark alone names the scale that ends there.
SCALE_RANGES = {(1, 3): "sms3", (1, 5): "five", (0, 10): "ten", (1, 10): "ten", (1, 4): "four", (1, 7): "seven",
                (0, 5): "five"}
SCALE_TOP_MARKS = {5: "five", 10: "ten", 4: "four", 7: "seven"}
_SCALE_RANGE_RE = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:-|~|～|—|–|至|到)\s*(\d{1,2})\s*分")
_SCALE_RANGE_BARE_RE = re.compile(r"^(\d{1,2})\s*(?:-|~|～|—|–|至|到)\s*(\d{1,2})$")
_SCALE_TOP_RE = re.compile(r"满分\s*(\d{1,3})(?!\d)\s*分?|(?<!\d)(\d{1,2})\s*分制")

# Channels whose answers come on a known scale when the file declares none.
CHANNEL_DEFAULT_SCALE = {"短信": "sms3", "SMS": "sms3", "短信回复": "sms3"}


# --- vocabularies ------------------------------------------------------------------
COMPLAINT_STATUS = {
    "open": "open", "处理中": "open", "待处理": "open", "未处理": "open", "未办结": "open",
    "在途": "open", "受理": "open", "已受理": "open", "pending": "open", "in progress": "open",
    "处理中(超时)": "open", "已派单": "open", "待回访": "open", "已转派": "open",
    "resolved": "resolved", "已解决": "resolved", "已办结": "resolved", "办结": "resolved", "已完成": "resolved",
    "已结单": "resolved", "结单": "resolved", "处理完成": "resolved", "已处理完毕": "resolved",
    "已处理": "resolved", "已回复": "resolved",
    "closed": "closed", "已关闭": "closed", "关闭": "closed", "已归档": "closed", "归档": "closed",
    "已结案": "closed", "结案": "closed",
    "reopened": "reopened", "重开": "reopened", "重新打开": "reopened", "已重开": "reopened", "重启": "reopened",
    "二次投诉": "reopened",
}

RESOLUTION_SATISFACTION = {
    "满意": "satisfied", "非常满意": "satisfied", "satisfied": "satisfied",
    "基本满意": "neutral", "一般": "neutral", "neutral": "neutral",
    "不满意": "dissatisfied", "非常不满意": "dissatisfied", "dissatisfied": "dissatisfied",
    "未评价": "unrated", "未回访": "unrated", "unrated": "unrated",
}

SALES_OUTCOME = {
    # A 是否成功 / 是否办理 column says yes or no.
    "是": "converted", "否": "failed", "y": "converted", "n": "failed",
    "成功": "converted", "办理成功": "converted", "已办理": "converted", "成交": "converted",
    "converted": "converted", "success": "converted",
    "意向": "interested", "有意向": "interested", "考虑中": "interested", "interested": "interested",
    "失败": "failed", "拒绝": "failed", "无意向": "failed", "未成功": "failed", "failed": "failed",
}

STAFF_STATUS = {
    "在职": "active", "active": "active", "在岗": "active", "试用": "active", "试用期": "active",
    "休假": "active", "请假": "active", "正式": "active", "实习": "active",
    "离职": "left", "left": "left", "已离职": "left", "inactive": "left",
}


def _f(name, type_, zh, en, *aliases, **kw) -> Field:
    return Field(name, type_, zh, en, tuple(aliases), **kw)


def _k(*groups: str) -> tuple[tuple[str, ...], ...]:
    """Keyword groups written as '收入' or '厅+编号' (every part must appear)."""
    return tuple(tuple(g.split("+")) for g in groups)


HALL_CODE = ("营业厅编码", "厅店编码", "营业厅编号", "厅店编号", "网点编码", "渠道编码", "厅编码",
             "门店编码", "门店编号", "营业厅代码", "厅店代码", "网点编号", "渠道编号", "渠道代码",
             "组织编码", "组织编号", "机构编码", "hall code", "hall id", "store code", "store id", "hall_code", "branch code")
HALL_CODE_KEYS = _k("厅+编号", "网点+编号", "渠道+编号", "门店+编号", "厅+id")
HALL_NAME = ("营业厅名称", "厅店名称", "营业厅", "厅店", "网点名称", "渠道名称", "门店名称", "营业厅名", "厅名",
             "网点", "门店", "组织名称", "机构名称", "hall name", "store name", "hall", "branch")
HALL_NAME_KEYS = _k("厅+名", "网点+名", "门店+名", "渠道+名", "营业厅")
STAFF_ID = ("员工编号", "员工工号", "工号", "营业员工号", "人员编号", "人员工号", "员工号", "员工代码", "营业员编号",
            "营销人员工号", "受理员工号", "服务人员工号", "staff id", "employee id", "staff no", "employee no")
STAFF_ID_KEYS = _k("工号", "员工+编号", "人员+编号", "营业员+编号")

# Ordinal words of the star rating: 五星 / 5星 / ★★★★★ / 五星级.
STAR_WORDS = {**{f"{w}星": n for n, w in enumerate("一二三四五", start=1)},
              **{f"{w}星级": n for n, w in enumerate("一二三四五", start=1)},
              **{f"{n}星": n for n in range(1, 6)}, **{f"{n}星级": n for n in range(1, 6)},
              **{"★" * n: n for n in range(1, 6)}, **{"☆" * n: n for n in range(1, 6)}}

DATASETS: dict[str, Dataset] = {}


def _register(ds: Dataset) -> Dataset:
    DATASETS[ds.name] = ds
    return ds


HALLS = _register(Dataset(
    "halls", "厅店", "Halls",
    date_field="opened_on",
    key=("hall_code",), references_hall=False,
    description="One row per branded service hall (营业厅), with where it sits in the region → city → district tree.",
    fields=(
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True, keywords=HALL_CODE_KEYS,
           description="The operator's code for the hall; kept as text so leading zeros survive."),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME, required=True, keywords=HALL_NAME_KEYS),
        _f("region", TEXT, "区域", "Region", "大区", "片区", "所属区域", "区域名称", "所属大区", "大区名称", "片区名称",
           "归属区域", "所属片区", "region", "area", required=True, keywords=_k("区域", "大区", "片区")),
        _f("city", TEXT, "地市", "City", "城市", "分公司", "所属地市", "地市分公司", "地市名称", "所属城市", "城市名称",
           "归属地市", "所属分公司", "地区", "本地网", "city", required=True, keywords=_k("地市", "城市", "分公司")),
        _f("district", TEXT, "区县", "District", "县区", "所属区县", "区县名称", "县市区", "所属县区", "区县分公司",
           "district", "county", keywords=_k("区县", "县区")),
        _f("hall_type", TEXT, "厅店类型", "Hall type", "营业厅类型", "类型", "网点类型", "厅店类别", "门店类型", "渠道类型",
           "hall type", "store type", keywords=_k("类型", "类别")),
        _f("star_level", INTEGER, "星级", "Star level", "厅店星级", "星级评定", "服务星级", "营业厅星级", "star level",
           "stars", "star rating", minimum=1, maximum=5, words=STAR_WORDS, keywords=_k("星级"),
           description="1–5; ordinal words such as 五星, 5星 or ★★★★★ are read as their number."),
        _f("opened_on", DATE, "开业日期", "Opened on", "开业时间", "成立日期", "开厅日期", "启用日期", "开业年月",
           "opened", "opening date", "open date", keywords=_k("开业", "开厅", "启用", "成立"),
           earliest=EARLIEST_RECORD),
        _f("counters", INTEGER, "柜台数", "Counters", "受理台数", "柜台数量", "窗口数", "台席数", "受理台席数",
           "营业台数", "counter count", "counters", minimum=0, keywords=_k("柜台", "台席", "窗口")),
        _f("self_service_terminals", INTEGER, "自助终端数", "Self-service terminals", "自助终端", "自助终端数量",
           "自助设备数", "自助机数量", "自助终端台数", "自助设备", "self-service terminals", "kiosks", minimum=0,
           keywords=_k("自助")),
    )))

STAFF = _register(Dataset(
    "staff", "员工", "Staff",
    date_field="hired_on",
    key=("staff_id",),
    recency_fields=("left_on", "hired_on"),
    status_rank={"active": 0, "left": 1},
    description="One row per employee of a hall, current or former.",
    fields=(
        _f("staff_id", CODE, "员工编号", "Staff ID", *STAFF_ID, required=True, keywords=STAFF_ID_KEYS),
        _f("staff_name", TEXT, "姓名", "Name", "员工姓名", "人员姓名", "营业员姓名", "name", "staff name",
           "employee name", required=True, keywords=_k("姓名")),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True, keywords=HALL_CODE_KEYS),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME, keywords=HALL_NAME_KEYS),
        _f("role", TEXT, "岗位", "Role", "职位", "岗位名称", "角色", "职务", "岗位类别", "工种", "role", "position",
           "job title", keywords=_k("岗位", "职务", "职位"),
           description="店长/营业员/营销代表/导购/大堂经理… as written in the HR export."),
        _f("hired_on", DATE, "入职日期", "Hired on", "入职时间", "到岗日期", "入司日期", "入司时间", "hire date",
           "hired", "date hired", keywords=_k("入职", "入司", "到岗"), earliest=EARLIEST_RECORD),
        _f("status", TEXT, "在职状态", "Status", "状态", "员工状态", "人员状态", "用工状态", "status",
           vocabulary=STAFF_STATUS, keywords=_k("状态")),
        _f("left_on", DATE, "离职日期", "Left on", "离职时间", "leave date", "left", "date left",
           keywords=_k("离职"), earliest=EARLIEST_RECORD),
    )))

SURVEYS = _register(Dataset(
    "surveys", "满意度调查", "Satisfaction surveys",
    date_field="answered_at",
    key=("response_id",), key_may_be_hashed=True,
    description="One row per customer answer to a satisfaction survey (评价器, 短信, 10086外呼 …).",
    fields=(
        _f("response_id", CODE, "问卷编号", "Response ID", "评价编号", "调查编号", "流水号", "记录编号", "问卷id",
           "答卷编号", "回访流水号", "评价流水号", "回访单号", "回访编号", "调查单号", "答卷序号", "测评编号", "测评id",
           "response id", "survey id", keywords=_k("问卷+编号", "答卷+编号", "回访+编号", "测评+编号", "流水")),
        _f("answered_at", TIMESTAMP, "评价时间", "Answered at", "调查时间", "回复时间", "答卷时间", "评价日期",
           "调查日期", "回访时间", "提交时间", "外呼时间", "参评时间", "短信回复时间", "answered at", "survey time",
           "survey date", "response time", required=True,
           keywords=_k("评价+时间", "调查+时间", "回访+时间", "回复+时间", "外呼+时间", "提交+时间", "答卷+时间")),
        _f("channel", TEXT, "评价渠道", "Channel", "调查渠道", "渠道", "调查方式", "回访方式", "评价方式", "channel",
           "survey channel", keywords=_k("渠道", "方式")),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True, keywords=HALL_CODE_KEYS),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME, keywords=HALL_NAME_KEYS),
        _f("staff_id", CODE, "员工编号", "Staff ID", *STAFF_ID, keywords=STAFF_ID_KEYS),
        _f("scale", TEXT, "量表", "Scale", "评分制", "评分标准", "分制", "量表类型", "scale",
           description="sms3 / five / ten / four / seven. Declared by the file, never guessed from the answers."),
        _f("score", SCORE, "总体满意度", "Overall score", "满意度评分", "满意度", "总体评价", "评分", "整体满意度",
           "综合满意度", "满意度结果", "回复内容", "总体", "整体", "综合评价", "总体评分", "满意度得分",
           "服务评价", "评价", "评价结果", "评价分值", "服务评分", "满意度评价", "overall score", "overall satisfaction", "score", "satisfaction", required=True,
           keywords=_k("总体", "整体", "综合", "满意度", "回复", "评价", "评分"),
           description="The answer as given, on the row's scale; words such as 满意 are mapped."),
        _f("dim_environment", SCORE, "环境评分", "Environment", "厅店环境", "环境", "环境满意度", "environment",
           keywords=_k("环境")),
        _f("dim_attitude", SCORE, "服务态度评分", "Service attitude", "服务态度", "态度", "服务态度满意度", "attitude",
           keywords=_k("态度")),
        _f("dim_expertise", SCORE, "业务能力评分", "Expertise", "业务能力", "专业能力", "专业水平", "业务水平",
           "专业", "专业度", "expertise", keywords=_k("业务能力", "专业", "业务水平", "熟练")),
        _f("dim_efficiency", SCORE, "办理效率评分", "Efficiency", "办理效率", "效率", "办理速度", "办理时效",
           "efficiency", keywords=_k("效率", "速度", "时效")),
        _f("recommend_score", NUMBER, "推荐意愿", "Likelihood to recommend", "推荐度", "推荐意愿评分", "NPS评分",
           "推荐指数", "推荐可能性", "nps", "recommend", "likelihood to recommend", "nps score", minimum=0, maximum=10,
           doubt_check=True, keywords=_k("推荐", "nps")),
        _f("wait_minutes", NUMBER, "等候时长", "Wait (minutes)", "等待时长", "排队时长", "等候时间", "等待时间",
           "排队时间", "wait minutes", "wait time", minimum=0, maximum=24 * 60, keywords=_k("等候", "等待", "排队")),
        _f("business_type", TEXT, "业务类型", "Business type", "办理业务", "业务", "业务名称", "business type",
           keywords=_k("业务")),
        _f("comment", TEXT, "客户留言", "Comment", "意见建议", "评价内容", "备注", "客户意见", "留言", "建议",
           "文字评价", "客户原话", "原话", "回复原文", "comment", "comments",
           keywords=_k("留言", "意见", "建议", "备注", "原话")),
        _f("score_100", NUMBER, "满意度(百分制)", "Score (0–100)", derived=True,
           description="`score` normalised to 0–100 on its declared scale (best answer = 100)."),
        _f("top_box", BOOLEAN, "是否满意(顶格)", "Top box", derived=True,
           description="True for a top-box answer: 4–5 of 5, 9–10 of 10, 3–4 of 4, 6–7 of 7, 1 (满意) of the SMS reply."),
    )))

COMPLAINTS = _register(Dataset(
    "complaints", "投诉工单", "Complaint tickets",
    date_field="received_at",
    key=("ticket_id",),
    recency_fields=("resolved_at", "first_response_at", "received_at"),
    status_rank={"open": 0, "resolved": 1, "closed": 2, "reopened": 3},
    description=("One row per complaint work order; a later state of the same ticket replaces it, "
                 "an earlier one (an older export imported again) does not."),
    fields=(
        _f("ticket_id", CODE, "工单编号", "Ticket ID", "工单号", "投诉单号", "投诉编号", "流水号", "工单流水号",
           "投诉工单号", "工单id", "ticket id", "ticket no", "work order", "complaint id",
           required=True, keywords=_k("工单+编号", "单号")),
        _f("received_at", TIMESTAMP, "受理时间", "Received at", "投诉时间", "登记时间", "建单时间", "创建时间",
           "申告时间", "受理日期", "投诉日期", "received at", "created at", "date received", required=True,
           keywords=_k("受理+时间", "投诉+时间", "登记+时间", "建单", "创建+时间", "申告")),
        _f("channel", TEXT, "投诉渠道", "Channel", "受理渠道", "来源渠道", "渠道", "投诉来源", "来源", "受理方式",
           "channel", "submitted via", keywords=_k("渠道", "来源")),
        _f("category", TEXT, "投诉类别", "Category", "投诉大类", "问题类别", "一级分类", "投诉类型", "问题分类",
           "投诉分类", "业务分类", "category", "product", "issue",
           required=True, keywords=_k("类别", "大类", "一级", "分类", "类型")),
        _f("sub_category", TEXT, "投诉子类", "Sub-category", "投诉小类", "问题子类", "二级分类", "问题细类",
           "问题细项", "投诉原因细项", "细项", "sub category", "subcategory", "sub-issue", "sub-product",
           keywords=_k("子类", "小类", "二级", "细类", "细项")),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True, keywords=HALL_CODE_KEYS),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME, keywords=HALL_NAME_KEYS),
        _f("customer", CODE, "客户号码", "Customer", "用户号码", "手机号码", "投诉号码", "联系电话", "主叫号码",
           "受理号码", "客户电话", "customer", "customer number", "msisdn",
           keywords=_k("手机", "电话", "客户+编号", "用户+编号"),
           description="The customer's masked number as text, e.g. 138****1234."),
        _f("first_response_at", TIMESTAMP, "首次响应时间", "First response at", "首次回复时间", "首次联系时间",
           "响应时间", "首响时间", "首次处理时间", "first response at", "first response",
           keywords=_k("首次", "响应", "首响")),
        _f("resolved_at", TIMESTAMP, "办结时间", "Resolved at", "解决时间", "处理完成时间", "结单时间", "归档时间",
           "关闭时间", "办结日期", "完成时间", "结案时间", "结案日期", "resolved at", "closed at", "date closed",
           keywords=_k("办结", "结单", "结案", "解决+时间", "完成+时间", "归档+时间", "关闭+时间")),
        _f("status", TEXT, "工单状态", "Status", "处理状态", "状态", "办理状态", "当前状态", "status",
           required=True, vocabulary=COMPLAINT_STATUS, keywords=_k("状态")),
        _f("is_repeat", BOOLEAN, "是否重复投诉", "Repeat", "重复投诉", "是否重复", "重复", "repeat", "is repeat",
           keywords=_k("重复")),
        _f("resolution_satisfaction", TEXT, "处理满意度", "Satisfaction with resolution", "回访满意度",
           "客户满意度", "回访结果", "满意度评价", "resolution satisfaction", vocabulary=RESOLUTION_SATISFACTION,
           keywords=_k("满意", "回访结果")),
        _f("compensation_amount", NUMBER, "补偿金额", "Compensation", "赔付金额", "补偿", "赔偿金额", "compensation",
           "compensation amount", minimum=0, keywords=_k("补偿", "赔")),
        _f("description", TEXT, "投诉内容", "Description", "问题描述", "投诉描述", "工单内容", "诉求内容", "客户诉求",
           "内容", "description", "narrative", keywords=_k("内容", "描述", "诉求")),
    )))

SALES = _register(Dataset(
    "sales", "营销记录", "Sales and marketing",
    date_field="sold_at",
    key=("record_id",), key_may_be_hashed=True,
    description=("Marketing at any grain: one row per customer contact (outcome 成功/意向/失败) or one "
                 "aggregated daily report row. Both are stored as the measures contacts, interested, "
                 "converted, revenue so they add up."),
    fields=(
        _f("record_id", CODE, "记录编号", "Record ID", "流水号", "订单编号", "业务流水号", "订单号", "受理单号",
           "record id", "order id", keywords=_k("流水", "订单")),
        _f("sold_at", TIMESTAMP, "营销日期", "Date", "营销时间", "办理时间", "日期", "统计日期", "接触时间",
           "销售日期", "交易时间", "报表日期", "date", "sale date",
           required=True, keywords=_k("办理+时间", "营销+时间", "销售+时间", "交易+时间", "统计+时间", "时间")),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True, keywords=HALL_CODE_KEYS),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME, keywords=HALL_NAME_KEYS),
        _f("staff_id", CODE, "员工编号", "Staff ID", *STAFF_ID, keywords=STAFF_ID_KEYS),
        _f("activity_type", TEXT, "营销活动类型", "Activity type", "活动类型", "营销方式", "营销类型", "活动方式",
           "营销场景", "activity type", "activity", keywords=_k("活动", "营销方式", "场景")),
        _f("product_category", TEXT, "产品类别", "Product category", "产品大类", "业务类别", "业务类型", "产品类型",
           "业务大类", "品类", "product category", required=True, keywords=_k("类别", "大类", "类型", "品类")),
        _f("product_name", TEXT, "产品名称", "Product", "产品", "业务名称", "套餐名称", "商品名称", "办理业务",
           "product", "product name", keywords=_k("名称", "套餐", "商品")),
        _f("outcome", TEXT, "营销结果", "Outcome", "结果", "办理结果", "是否成功", "是否办理", "营销状态", "outcome",
           vocabulary=SALES_OUTCOME, keywords=_k("结果"),
           description="Contact-level rows only: 成功 / 意向 / 失败."),
        _f("contacts", INTEGER, "接触客户数", "Contacts", "接触人数", "接触量", "触达客户数", "接触数", "contacts",
           minimum=0, keywords=_k("接触", "触达"), description="Daily report rows; a contact row counts 1."),
        _f("interested", INTEGER, "意向客户数", "Interested", "意向人数", "意向量", "意向数", "interested", minimum=0,
           keywords=_k("意向")),
        _f("converted", INTEGER, "成功办理数", "Converted", "成功数", "办理量", "成交数", "办理数", "成功量",
           "converted", minimum=0, keywords=_k("成功", "成交", "办理量")),
        _f("revenue", NUMBER, "营收金额", "Revenue", "收入", "金额", "销售额", "营业额", "营业收入", "销售收入", "实收金额",
           "revenue", "amount", minimum=0, keywords=_k("金额", "营收")),
        _f("grain", TEXT, "数据粒度", "Grain", derived=True,
           description="contact (one customer) or daily (an aggregated report row)."),
    )))

TRAINING = _register(Dataset(
    "training", "培训记录", "Training records",
    date_field="trained_on",
    key=("staff_id", "course", "trained_on"),
    description="One row per employee per training session.",
    fields=(
        _f("staff_id", CODE, "员工编号", "Staff ID", *STAFF_ID, "学员工号", "学员编号", required=True,
           keywords=STAFF_ID_KEYS + _k("学员+编号")),
        _f("staff_name", TEXT, "姓名", "Name", "员工姓名", "学员姓名", "参训人员", "name", keywords=_k("姓名")),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, keywords=HALL_CODE_KEYS,
           description="Taken from the staff list when the export leaves it out."),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME, keywords=HALL_NAME_KEYS),
        _f("course", TEXT, "课程名称", "Course", "培训课程", "课程", "培训名称", "培训项目", "培训主题", "course",
           required=True, keywords=_k("课程", "培训+名称", "培训项目", "主题")),
        _f("course_type", TEXT, "课程类型", "Course type", "培训类型", "培训类别", "课程类别", "course type",
           keywords=_k("类型", "类别"), description="岗前培训/服务礼仪/业务知识/营销技巧/自选…"),
        _f("trained_on", DATE, "培训日期", "Date", "培训时间", "开班日期", "上课日期", "参训日期", "date",
           "training date", required=True, keywords=_k("培训+时间", "开班", "上课", "参训+时间")),
        _f("hours", NUMBER, "学时", "Hours", "培训学时", "时长", "课时", "培训时长", "hours", minimum=0, maximum=400,
           keywords=_k("学时", "课时", "时长")),
        _f("score", NUMBER, "考核成绩", "Score", "成绩", "考试成绩", "考试分数", "得分", "分数", "score", minimum=0,
           maximum=100, doubt_check=True, keywords=_k("成绩", "分数", "考试")),
        _f("passed", BOOLEAN, "是否通过", "Passed", "考核结果", "是否合格", "考核结论", "passed",
           keywords=_k("通过", "合格", "结论")),
        _f("class_size", INTEGER, "班级人数", "Class size", "参训人数", "班级规模", "培训人数", "class size", minimum=1,
           keywords=_k("人数", "规模")),
    )))

# Halls first: every other dataset's rows name a hall that must exist.
IMPORT_ORDER = ("halls", "staff", "training", "surveys", "complaints", "sales")


# --- header normalisation ------------------------------------------------------------
_UNIT_RE = re.compile(r"[\(（\[【]([^\)）\]】]*)[\)）\]】]")
_SPACE_RE = re.compile(r"[\s_\-:：*/\\]+")


def header_unit(header: str) -> str | None:
    """The text inside the last bracket of a header: '等候时长（分钟）' -> '分钟'."""
    found = _UNIT_RE.findall(unicodedata.normalize("NFKC", str(header)))
    return found[-1].strip() if found else None


def normalise_header(header: object) -> str:
    """A header reduced to the form the aliases are compared in.

    Full-width characters become half-width (NFKC), bracketed units such as （元）,
    (分钟) or (0-10分) are dropped, spaces, line breaks, underscores and dashes go,
    and Latin letters are lower-cased.
    """
    text = unicodedata.normalize("NFKC", "" if header is None else str(header))
    text = _UNIT_RE.sub("", text)
    text = _SPACE_RE.sub("", text)
    return text.lower()


def alias_index(dataset: Dataset) -> dict[str, str]:
    """Normalised header -> field name, for one dataset."""
    index: dict[str, str] = {}
    for f in dataset.source_fields:
        for alias in f.all_aliases:
            index.setdefault(normalise_header(alias), f.name)
    return index


def scale_from_text(text: object) -> str | None:
    """The scale code named by a cell, a header unit or a mapping file, if any."""
    if text is None:
        return None
    raw = unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "").replace("–", "-")
    if raw in SCALE_WORDS:
        return SCALE_WORDS[raw]
    found = _SCALE_RANGE_BARE_RE.match(raw)
    if found:
        return SCALE_RANGES.get((int(found.group(1)), int(found.group(2))))
    return scale_in_header(raw)


def scale_in_header(header: object) -> str | None:
    """The scale a header declares anywhere in its text: '满意度评价（1-5分）', '总体(满分10分)',
    '评分 0～10分', '十分制'. None when it declares none (or a range no scale has)."""
    if header is None:
        return None
    text = unicodedata.normalize("NFKC", str(header)).replace("～", "~")
    found = _SCALE_RANGE_RE.search(text)
    if found:
        return SCALE_RANGES.get((int(found.group(1)), int(found.group(2))))
    found = _SCALE_TOP_RE.search(text)
    if found:
        return SCALE_TOP_MARKS.get(int(found.group(1) or found.group(2)))
    for word in ("三分制", "五分制", "十分制", "四分制", "七分制"):
        if word in text:
            return SCALE_WORDS[word]
    return None
