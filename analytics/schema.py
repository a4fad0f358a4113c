"""The one definition of every dataset: fields, types, keys, header aliases, labels.

The importer recognises files from the aliases here, the sample generator writes its
exports with the first Chinese alias of each field, the storage layer builds its DDL from
the types, and `python -m analytics dictionary` writes docs/data_dictionary.md from it.
Nothing after import sees a raw spreadsheet header.
"""
from __future__ import annotations

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
}

# Channels whose answers come on a known scale when the file declares none.
CHANNEL_DEFAULT_SCALE = {"短信": "sms3", "SMS": "sms3", "短信回复": "sms3"}


# --- vocabularies ------------------------------------------------------------------
COMPLAINT_STATUS = {
    "open": "open", "处理中": "open", "待处理": "open", "未处理": "open", "未办结": "open",
    "在途": "open", "受理": "open", "已受理": "open", "pending": "open", "in progress": "open",
    "resolved": "resolved", "已解决": "resolved", "已办结": "resolved", "办结": "resolved",
    "已处理": "resolved", "已回复": "resolved",
    "closed": "closed", "已关闭": "closed", "关闭": "closed", "已归档": "closed", "归档": "closed",
    "reopened": "reopened", "重开": "reopened", "重新打开": "reopened", "已重开": "reopened",
    "二次投诉": "reopened",
}

RESOLUTION_SATISFACTION = {
    "满意": "satisfied", "非常满意": "satisfied", "satisfied": "satisfied",
    "基本满意": "neutral", "一般": "neutral", "neutral": "neutral",
    "不满意": "dissatisfied", "非常不满意": "dissatisfied", "dissatisfied": "dissatisfied",
    "未评价": "unrated", "未回访": "unrated", "unrated": "unrated",
}

SALES_OUTCOME = {
    "成功": "converted", "办理成功": "converted", "已办理": "converted", "成交": "converted",
    "converted": "converted", "success": "converted",
    "意向": "interested", "有意向": "interested", "考虑中": "interested", "interested": "interested",
    "失败": "failed", "拒绝": "failed", "无意向": "failed", "未成功": "failed", "failed": "failed",
}

STAFF_STATUS = {
    "在职": "active", "active": "active", "在岗": "active", "试用": "active", "试用期": "active",
    "离职": "left", "left": "left", "已离职": "left", "inactive": "left",
}


def _f(name, type_, zh, en, *aliases, **kw) -> Field:
    return Field(name, type_, zh, en, tuple(aliases), **kw)


HALL_CODE = ("营业厅编码", "厅店编码", "营业厅编号", "厅店编号", "网点编码", "渠道编码", "厅编码",
             "hall code", "hall id", "store code", "hall_code")
HALL_NAME = ("营业厅名称", "厅店名称", "营业厅", "厅店", "网点名称", "渠道名称", "hall name", "store name")
STAFF_ID = ("员工编号", "员工工号", "工号", "营业员工号", "staff id", "employee id", "staff no")

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
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True,
           description="The operator's code for the hall; kept as text so leading zeros survive."),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME, required=True),
        _f("region", TEXT, "区域", "Region", "大区", "片区", "所属区域", "region", required=True),
        _f("city", TEXT, "地市", "City", "城市", "分公司", "所属地市", "地市分公司", "city", required=True),
        _f("district", TEXT, "区县", "District", "县区", "所属区县", "district"),
        _f("hall_type", TEXT, "厅店类型", "Hall type", "营业厅类型", "类型", "网点类型", "hall type"),
        _f("star_level", INTEGER, "星级", "Star level", "厅店星级", "星级评定", "star level", "stars",
           minimum=1, maximum=5),
        _f("opened_on", DATE, "开业日期", "Opened on", "开业时间", "成立日期", "opened", "opening date"),
        _f("counters", INTEGER, "柜台数", "Counters", "受理台数", "柜台数量", "counter count", minimum=0),
        _f("self_service_terminals", INTEGER, "自助终端数", "Self-service terminals", "自助终端",
           "自助终端数量", "self-service terminals", "kiosks", minimum=0),
    )))

STAFF = _register(Dataset(
    "staff", "员工", "Staff",
    date_field="hired_on",
    key=("staff_id",),
    description="One row per employee of a hall, current or former.",
    fields=(
        _f("staff_id", CODE, "员工编号", "Staff ID", *STAFF_ID, required=True),
        _f("staff_name", TEXT, "姓名", "Name", "员工姓名", "name", "staff name", required=True),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME),
        _f("role", TEXT, "岗位", "Role", "职位", "岗位名称", "角色", "role", "position",
           description="店长/营业员/营销代表/导购/大堂经理… as written in the HR export."),
        _f("hired_on", DATE, "入职日期", "Hired on", "入职时间", "到岗日期", "hire date", "hired"),
        _f("status", TEXT, "在职状态", "Status", "状态", "员工状态", "status", vocabulary=STAFF_STATUS),
        _f("left_on", DATE, "离职日期", "Left on", "离职时间", "leave date", "left"),
    )))

SURVEYS = _register(Dataset(
    "surveys", "满意度调查", "Satisfaction surveys",
    date_field="answered_at",
    key=("response_id",), key_may_be_hashed=True,
    description="One row per customer answer to a satisfaction survey (评价器, 短信, 10086外呼 …).",
    fields=(
        _f("response_id", CODE, "问卷编号", "Response ID", "评价编号", "调查编号", "流水号", "记录编号",
           "response id", "survey id"),
        _f("answered_at", TIMESTAMP, "评价时间", "Answered at", "调查时间", "回复时间", "答卷时间",
           "评价日期", "answered at", "survey time", required=True),
        _f("channel", TEXT, "评价渠道", "Channel", "调查渠道", "渠道", "channel"),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME),
        _f("staff_id", CODE, "员工编号", "Staff ID", *STAFF_ID),
        _f("scale", TEXT, "量表", "Scale", "评分制", "评分标准", "分制", "scale",
           description="sms3 / five / ten. Declared by the file, never guessed from the answers."),
        _f("score", SCORE, "总体满意度", "Overall score", "满意度评分", "满意度", "总体评价", "评分",
           "overall score", "overall satisfaction", "score", required=True,
           description="The answer as given, on the row's scale; words such as 满意 are mapped."),
        _f("dim_environment", SCORE, "环境评分", "Environment", "厅店环境", "环境", "environment"),
        _f("dim_attitude", SCORE, "服务态度评分", "Service attitude", "服务态度", "态度", "attitude"),
        _f("dim_expertise", SCORE, "业务能力评分", "Expertise", "业务能力", "专业能力", "专业水平", "expertise"),
        _f("dim_efficiency", SCORE, "办理效率评分", "Efficiency", "办理效率", "效率", "办理速度", "efficiency"),
        _f("recommend_score", NUMBER, "推荐意愿", "Likelihood to recommend", "推荐度", "推荐意愿评分",
           "NPS评分", "recommend", "likelihood to recommend", "nps score", minimum=0, maximum=10),
        _f("wait_minutes", NUMBER, "等候时长", "Wait (minutes)", "等待时长", "排队时长", "等候时间",
           "wait minutes", "wait time", minimum=0, maximum=24 * 60),
        _f("business_type", TEXT, "业务类型", "Business type", "办理业务", "业务", "business type"),
        _f("comment", TEXT, "客户留言", "Comment", "意见建议", "评价内容", "备注", "comment", "comments"),
        _f("score_100", NUMBER, "满意度(百分制)", "Score (0–100)", derived=True,
           description="`score` normalised to 0–100 on its declared scale (best answer = 100)."),
        _f("top_box", BOOLEAN, "是否满意(顶格)", "Top box", derived=True,
           description="True for a top-box answer: 4–5 of 5, 9–10 of 10, 1 (满意) of the SMS reply."),
    )))

COMPLAINTS = _register(Dataset(
    "complaints", "投诉工单", "Complaint tickets",
    date_field="received_at",
    key=("ticket_id",),
    description="One row per complaint work order; a later export of the same ticket replaces it.",
    fields=(
        _f("ticket_id", CODE, "工单编号", "Ticket ID", "工单号", "投诉单号", "投诉编号", "流水号",
           "ticket id", "ticket no", "work order", required=True),
        _f("received_at", TIMESTAMP, "受理时间", "Received at", "投诉时间", "登记时间", "建单时间",
           "received at", "created at", required=True),
        _f("channel", TEXT, "投诉渠道", "Channel", "受理渠道", "来源渠道", "渠道", "channel"),
        _f("category", TEXT, "投诉类别", "Category", "投诉大类", "问题类别", "一级分类", "category",
           required=True),
        _f("sub_category", TEXT, "投诉子类", "Sub-category", "投诉小类", "问题子类", "二级分类",
           "sub category", "subcategory"),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME),
        _f("customer", CODE, "客户号码", "Customer", "用户号码", "手机号码", "投诉号码", "联系电话",
           "customer", "customer number", "msisdn",
           description="The customer's masked number as text, e.g. 138****1234."),
        _f("first_response_at", TIMESTAMP, "首次响应时间", "First response at", "首次回复时间",
           "首次联系时间", "响应时间", "first response at", "first response"),
        _f("resolved_at", TIMESTAMP, "办结时间", "Resolved at", "解决时间", "处理完成时间", "结单时间",
           "resolved at", "closed at"),
        _f("status", TEXT, "工单状态", "Status", "处理状态", "状态", "status", required=True,
           vocabulary=COMPLAINT_STATUS),
        _f("is_repeat", BOOLEAN, "是否重复投诉", "Repeat", "重复投诉", "是否重复", "repeat", "is repeat"),
        _f("resolution_satisfaction", TEXT, "处理满意度", "Satisfaction with resolution", "回访满意度",
           "客户满意度", "resolution satisfaction", vocabulary=RESOLUTION_SATISFACTION),
        _f("compensation_amount", NUMBER, "补偿金额", "Compensation", "赔付金额", "补偿", "compensation",
           "compensation amount", minimum=0),
        _f("description", TEXT, "投诉内容", "Description", "问题描述", "投诉描述", "工单内容", "description"),
    )))

SALES = _register(Dataset(
    "sales", "营销记录", "Sales and marketing",
    date_field="sold_at",
    key=("record_id",), key_may_be_hashed=True,
    description=("Marketing at any grain: one row per customer contact (outcome 成功/意向/失败) or one "
                 "aggregated daily report row. Both are stored as the measures contacts, interested, "
                 "converted, revenue so they add up."),
    fields=(
        _f("record_id", CODE, "记录编号", "Record ID", "流水号", "订单编号", "业务流水号", "record id"),
        _f("sold_at", TIMESTAMP, "营销日期", "Date", "营销时间", "办理时间", "日期", "统计日期",
           "接触时间", "date", "sale date", required=True),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE, required=True),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME),
        _f("staff_id", CODE, "员工编号", "Staff ID", *STAFF_ID),
        _f("activity_type", TEXT, "营销活动类型", "Activity type", "活动类型", "营销方式", "营销类型",
           "activity type", "activity"),
        _f("product_category", TEXT, "产品类别", "Product category", "产品大类", "业务类别",
           "product category", required=True),
        _f("product_name", TEXT, "产品名称", "Product", "产品", "业务名称", "套餐名称", "product",
           "product name"),
        _f("outcome", TEXT, "营销结果", "Outcome", "结果", "办理结果", "outcome", vocabulary=SALES_OUTCOME,
           description="Contact-level rows only: 成功 / 意向 / 失败."),
        _f("contacts", INTEGER, "接触客户数", "Contacts", "接触人数", "接触量", "触达客户数", "contacts",
           minimum=0, description="Daily report rows; a contact row counts 1."),
        _f("interested", INTEGER, "意向客户数", "Interested", "意向人数", "意向量", "interested", minimum=0),
        _f("converted", INTEGER, "成功办理数", "Converted", "成功数", "办理量", "成交数", "converted",
           minimum=0),
        _f("revenue", NUMBER, "营收金额", "Revenue", "收入", "金额", "销售额", "营业额", "revenue",
           minimum=0),
        _f("grain", TEXT, "数据粒度", "Grain", derived=True,
           description="contact (one customer) or daily (an aggregated report row)."),
    )))

TRAINING = _register(Dataset(
    "training", "培训记录", "Training records",
    date_field="trained_on",
    key=("staff_id", "course", "trained_on"),
    description="One row per employee per training session.",
    fields=(
        _f("staff_id", CODE, "员工编号", "Staff ID", *STAFF_ID, required=True),
        _f("staff_name", TEXT, "姓名", "Name", "员工姓名", "学员姓名", "name"),
        _f("hall_code", CODE, "营业厅编码", "Hall code", *HALL_CODE,
           description="Taken from the staff list when the export leaves it out."),
        _f("hall_name", TEXT, "营业厅名称", "Hall name", *HALL_NAME),
        _f("course", TEXT, "课程名称", "Course", "培训课程", "课程", "培训名称", "course", required=True),
        _f("course_type", TEXT, "课程类型", "Course type", "培训类型", "培训类别", "course type",
           description="岗前培训/服务礼仪/业务知识/营销技巧/自选…"),
        _f("trained_on", DATE, "培训日期", "Date", "培训时间", "开班日期", "date", "training date",
           required=True),
        _f("hours", NUMBER, "学时", "Hours", "培训学时", "时长", "课时", "hours", minimum=0, maximum=400),
        _f("score", NUMBER, "考核成绩", "Score", "成绩", "考试成绩", "score", minimum=0, maximum=100),
        _f("passed", BOOLEAN, "是否通过", "Passed", "考核结果", "是否合格", "passed"),
        _f("class_size", INTEGER, "班级人数", "Class size", "参训人数", "班级规模", "class size", minimum=1),
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
    return SCALE_WORDS.get(raw)
