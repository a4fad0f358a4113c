"""Sample data: a reproducible province of 沟通100 service halls, and its Excel exports.

`generate_frames` builds canonical DataFrames (columns are `schema` field names, values are
what the importer stores: vocabulary fields hold the canonical value such as ``resolved``
or ``converted``, yes/no fields are booleans, scores are numbers on the row's declared
scale, DATE fields are midnight timestamps). `write_exports` writes them the way the
operator's systems export them (title row, export-info row, Chinese headers taken from
`schema`, merged two-level header, totals row, several date spellings, codes as text).
`write_sample_data` writes the shipped sample into ``sample_data/``.

Everything is vectorised with numpy and reproducible from ``seed`` and ``end`` (never
today's date): ``generate_frames(500, 24, density=1.0)`` is a province (~5M surveys,
~1M complaints, ~5M contact rows).

Scale rules
-----------
* density 1.0 per hall-month: ~417 surveys, ~83 complaints, ~417 on-site sales contacts,
  ``2 + 6*density`` marketing events (each one daily-report row per product offered);
  volumes are spread over halls by hall type (旗舰厅 busiest, 校园厅 quietest).
* staff per hall = ``11.5 + 8.5*density`` on average (weighted by hall type): ~20 at
  province density, ~12.6 at ``SAMPLE_DENSITY`` (≈500 staff for 40 halls). Staff include
  those who left during the period.
* training does not scale with density: ~5 sessions per staff-year (pre-job, service
  etiquette, business knowledge, marketing skills, at least one elective a year), i.e.
  ≈10 per staff over 2 years.
* satisfaction sits near the dashboard's default targets (CSAT ≥ 90%, NPS ≥ 30): a
  typical hall has CSAT ~93% (share of top-box answers) and NPS ~45, a handful of halls
  are just under target (85–90%); answers after a long wait (20+ minutes) score lower.
* fewer than 100 halls use 8 cities in 3 regions (珠三角, 粤东, 粤西); 100 or more halls use
  16 cities in 5 regions (adding 粤中, 粤北). Hall codes are area code + 3 digits
  (``020001``), staff ids hall code + 3 digits (``020001007``).

Data stories (deterministic; hall codes are the same at sample and province size)
-----------------------------------------------------------------------------
1. **Slipping complaint resolution at 020003** (广州, see `STORY_SLIPPING_HALL`): time to
   resolve grows month after month over the last 12 months. In the first month ~10% of
   its tickets miss the 48-hour promise (like every other hall), from mid-period on most
   of them do and by the last months ~85% (median resolution ~4 days); first responses
   slow down too, and its complaint volume rises (about twice a normal hall's).
2. **积分兑换 spike in 2026-04** (`spike_month`: six months before ``end``'s month):
   points-redemption complaints run ~5x their usual monthly volume in every hall, mostly
   sub-category 兑换券无法使用 ("e-voucher could not be redeemed, web mall 'upgrading'").
3. **Poor training at 0755006, 0757003, 0754002, 0668002** (`STORY_TRAINING_HALLS`): few
   staff get any training in the year (coverage ~25% against ~97% elsewhere), pre-job
   training is late (40–100 days after hire) or missing, more new hires; and these halls'
   customers are clearly less satisfied: they are the four lowest halls on satisfaction
   (overall score ~15 points lower on the 0–100 basis of `Scale.to_100`; CSAT ~70–80%,
   NPS ~0–15, where a typical hall has CSAT ~93% and NPS ~45).
4. **千兆宽带 converts ~35% on-site vs ~5% at events**: in the contact rows
   (sales_contacts, 现场营销/厅内体验) about a third of approached customers take gigabit
   broadband; in the daily reports of 社区活动/摆摊促销 (sales_daily) about 5% do. Other
   products convert similarly in both (咪咕视频会员 even does better at events).

Exports (`write_exports`)
-------------------------
One workbook per dataset: halls, staff, surveys (sheets 评价器 / 短信回访 / 10086外呼),
complaints, sales_contacts, sales_daily, training. Row 1 title, row 2 "导出时间：…
导出人：系统管理员", (a blank row in surveys and training), the header, the data, and a
last row starting "合计". Headers are each field's `label_zh` or one of its schema aliases,
sometimes with a unit in brackets ("营收金额(元)"); the survey score headers declare the
scale ("总体满意度(1-5分)", "(0-10分)"), the SMS sheet has a 量表 column (三分制); about 3%
of 评价器 scores are written as words (满意 …). Dates: surveys Excel datetimes, staff Excel
dates, complaints "2026/3/19 14:05", sales_daily "2026.3.19", training "2026年3月19日",
sales_contacts "2026-03-19T14:05:22", halls "2015-06-18". complaints.xlsx has a two-level
header (处理时效 over 首次响应时间 / 办结时间). Codes, ids and masked phone numbers are text
cells. ``fmt="csv"`` writes one UTF-8-with-BOM CSV per sheet (surveys_evaluator/_sms/_10086)
with the same headers and totals row, without title rows.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

try:
    import pyarrow as pa
except ImportError:  # pragma: no cover
    pa = None

from . import schema

SAMPLE_DENSITY = 0.13
SAMPLE_HALLS = 40
SAMPLE_MONTHS = 12
DEFAULT_SEED = 20261031
DEFAULT_END = dt.date(2026, 10, 31)

# Province figures per hall-month at density 1.0.
SURVEYS_PER_HALL_MONTH = 5_000_000 / (500 * 24)
COMPLAINTS_PER_HALL_MONTH = 1_000_000 / (500 * 24)
CONTACTS_PER_HALL_MONTH = 5_000_000 / (500 * 24)

STORY_SLIPPING_HALL = "020003"
STORY_TRAINING_HALLS = ("0755006", "0757003", "0754002", "0668002")
PROMISE_HOURS = 48

DAY = 86400
_EPOCH = dt.date(1970, 1, 1)

# --- geography ---------------------------------------------------------------------------
# (region, city, area code, weight for <100 halls, weight for >=100 halls, (district, place) …)
_CITIES = (
    ("珠三角", "广州", "020", 8, 70, (
        ("天河区", "天河路"), ("越秀区", "北京路"), ("海珠区", "江南西"), ("天河区", "体育西路"),
        ("荔湾区", "上下九"), ("白云区", "京溪"), ("番禺区", "市桥"), ("黄埔区", "科学城"),
        ("花都区", "新华"), ("增城区", "荔城"), ("南沙区", "金洲"), ("越秀区", "东风中路"))),
    ("珠三角", "深圳", "0755", 8, 70, (
        ("福田区", "华强北"), ("罗湖区", "东门"), ("南山区", "科技园"), ("福田区", "车公庙"),
        ("南山区", "蛇口"), ("宝安区", "西乡"), ("龙岗区", "布吉"), ("龙华区", "民治"),
        ("光明区", "公明"), ("坪山区", "坪山"))),
    ("珠三角", "佛山", "0757", 5, 40, (
        ("禅城区", "祖庙"), ("南海区", "桂城"), ("顺德区", "大良"), ("南海区", "大沥"),
        ("三水区", "西南"), ("高明区", "荷城"), ("顺德区", "容桂"))),
    ("珠三角", "东莞", "0769", 5, 45, (
        ("莞城街道", "莞城"), ("南城街道", "鸿福路"), ("东城街道", "东城"), ("长安镇", "长安"),
        ("虎门镇", "虎门"), ("常平镇", "常平"), ("塘厦镇", "塘厦"))),
    ("粤中", "中山", "0760", 0, 20, (("石岐区", "孙文西路"), ("东区", "兴中道"), ("小榄镇", "小榄"))),
    ("粤中", "珠海", "0756", 0, 15, (("香洲区", "拱北"), ("香洲区", "吉大"), ("斗门区", "井岸"))),
    ("粤中", "江门", "0750", 0, 20, (("蓬江区", "北街"), ("新会区", "会城"), ("台山市", "台城"))),
    ("粤东", "汕头", "0754", 4, 25, (
        ("金平区", "金砂路"), ("龙湖区", "长平路"), ("澄海区", "澄城"), ("潮阳区", "棉城"),
        ("濠江区", "达濠"), ("潮南区", "峡山"))),
    ("粤东", "潮州", "0768", 3, 15, (("湘桥区", "西荣路"), ("潮安区", "庵埠"), ("饶平县", "黄冈"))),
    ("粤东", "揭阳", "0663", 0, 20, (("榕城区", "榕城"), ("普宁市", "流沙"))),
    ("粤东", "梅州", "0753", 0, 15, (("梅江区", "江南"), ("梅县区", "新城"), ("兴宁市", "兴城"))),
    ("粤西", "湛江", "0759", 4, 25, (
        ("赤坎区", "赤坎"), ("霞山区", "人民大道"), ("麻章区", "麻章"), ("廉江市", "廉江"),
        ("雷州市", "雷城"), ("吴川市", "梅菉"))),
    ("粤西", "茂名", "0668", 3, 20, (
        ("茂南区", "油城路"), ("电白区", "水东"), ("高州市", "高州"), ("化州市", "化州"),
        ("信宜市", "信宜"))),
    ("粤西", "阳江", "0662", 0, 12, (("江城区", "东风路"), ("阳春市", "春城"))),
    ("粤北", "韶关", "0751", 0, 15, (("浈江区", "风度路"), ("武江区", "西河"), ("乐昌市", "乐城"))),
    ("粤北", "清远", "0763", 0, 18, (("清城区", "先锋"), ("清新区", "太和"), ("英德市", "英城"))),
)
_ROADS = ("人民路", "解放路", "建设路", "中山路", "新华路", "东风路", "文化路", "环城路", "滨江路",
          "学府路", "站前路", "工业大道", "迎宾路", "朝阳路", "和平路", "振兴路", "健康路", "光明路",
          "花园路", "青年路")

# hall type: (share after the flagship, volume factor, staff factor, star levels, counters, terminals)
_HALL_TYPES = {
    "旗舰厅": (0.0, 2.0, 1.6, (5, 5), (10, 16), (6, 10)),
    "标准厅": (0.55, 1.0, 1.0, (3, 4), (5, 9), (2, 5)),
    "社区厅": (0.30, 0.7, 0.75, (2, 4), (3, 5), (1, 3)),
    "校园厅": (0.15, 0.6, 0.7, (2, 3), (2, 4), (1, 2)),
}

_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程"
                 "吕丁沈任姚卢钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪莫")
_GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉玲建琳晶欣怡婷雪梅浩宇子轩嘉俊锦颖"
              "晓文斌彬丹凤佳倩思雨诗琪家豪志坚丽珊慧妍宏达")

_ROLES = ("店长", "大堂经理", "营业员", "营销代表", "导购")

# --- surveys ----------------------------------------------------------------------------
_SURVEY_CHANNELS = (("评价器", "five", 0.60), ("短信", "sms3", 0.27), ("10086外呼", "ten", 0.13))
_BUSINESS = (("缴费", .24), ("套餐变更", .17), ("终端购买", .11), ("宽带办理", .10), ("补卡", .09),
             ("业务咨询", .15), ("积分兑换", .05), ("实名登记", .05), ("携号转网", .04))
_GOOD_COMMENTS = ("服务很热情，办理很快", "营业员讲解耐心，点赞", "环境干净整洁", "排队时间短，体验不错",
                  "小姐姐态度很好", "自助终端很方便")
_BAD_COMMENTS = ("排队太久了，只开了两个窗口", "营业员态度冷淡", "办个业务跑了三次", "推销太多，不想听",
                 "讲不清楚资费，说法前后不一致", "自助终端坏了没人管", "积分兑换说系统升级办不了")
_WORDS_FIVE = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}

# --- complaints ---------------------------------------------------------------------------
_COMPLAINT_CATEGORIES = (
    ("积分兑换", 0.09, 1.0, (
        ("兑换券无法使用", .40, ("积分兑换的电子券在有效期内无法核销，网上营业厅提示系统升级",
                               "兑换的话费券过期前多次尝试均无法使用，要求补发")),
        ("积分清零争议", .30, ("积分被清零未收到任何提醒，要求恢复", "年底积分清零规则不清楚")),
        ("兑换礼品未到货", .30, ("积分兑换的礼品一个月未到货", "兑换礼品与页面展示不符")))),
    ("计费争议", 0.30, 1.1, (
        ("收费误差", .45, ("本月话费比平时多扣近百元，要求核查", "宽带已拆机仍在扣月租")),
        ("SP扣费", .35, ("未订购的增值业务被扣费", "手机报扣费但从未订购，要求退费")),
        ("套餐资费不符", .20, ("实际资费与营业员承诺不一致", "套餐内流量未按宣传计费")))),
    ("服务态度", 0.16, 0.8, (
        ("营业员态度差", .50, ("营业员办理业务时态度恶劣", "咨询问题时营业员不耐烦")),
        ("首问推诿", .30, ("营业厅让找10086，10086又让回营业厅", "问题来回推诿无人负责")),
        ("承诺未兑现", .20, ("承诺48小时内回复，至今无人联系", "答应回电一直没有回电")))),
    ("网络质量", 0.25, 1.35, (
        ("信号弱", .50, ("家中室内信号很差经常掉线", "小区地下室没有信号")),
        ("宽带断网", .35, ("宽带频繁断网，报修多次未解决", "宽带断网三天无人上门")),
        ("网速慢", .15, ("晚上高峰期网速很慢", "千兆宽带实测不到一百兆")))),
    ("业务办理", 0.20, 0.9, (
        ("未经同意开通业务", .40, ("营业员未经同意给开通了视频会员", "办理补卡时被开通了增值业务")),
        ("办理差错", .35, ("套餐变更办理错误，扣费异常", "实名信息登记错误")),
        ("办理时间过长", .25, ("办理携号转网等了两个小时", "补卡排队一个多小时")))),
)
_COMPLAINT_CHANNELS = (("10086热线", .52), ("营业厅", .20), ("网上营业厅", .12), ("在线客服", .08),
                       ("微博", .05), ("工信部", .03))
_PHONE_PREFIXES = np.array([134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 157, 158, 159, 178,
                            182, 183, 184, 187, 188, 195, 198])

# --- sales ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Product:
    category: str
    name: str
    price: float
    weight: float          # share of on-site contacts
    conv_onsite: float     # P(成功) on an on-site contact
    int_onsite: float      # P(意向) on an on-site contact
    int_event: float       # P(interested) at an event
    conv_event: float      # P(converted | interested) at an event


_PRODUCTS = (
    _Product("终端", "iPhone 17", 5999, .07, .10, .28, .35, .30),
    _Product("终端", "华为 Mate 80", 5499, .07, .12, .28, .35, .33),
    _Product("终端", "小米 17", 3999, .05, .11, .25, .33, .32),
    _Product("终端", "OPPO Reno 15", 2999, .04, .10, .25, .30, .33),
    # story 4: gigabit broadband sells on-site (35%) but hardly at events (.22 * .23 ≈ 5%)
    _Product("宽带", "千兆宽带", 1200, .14, .35, .25, .22, .23),
    _Product("宽带", "FTTR全屋光宽带", 1680, .05, .18, .25, .40, .42),
    _Product("宽带", "宽带续约", 960, .05, .40, .20, .55, .65),
    _Product("套餐", "5G畅享套餐 128元", 128, .14, .22, .25, .45, .48),
    _Product("套餐", "5G畅享套餐 198元", 198, .06, .12, .25, .35, .33),
    _Product("套餐", "全家享套餐 169元", 169, .07, .18, .25, .40, .42),
    _Product("新业务", "咪咕视频会员", 15, .09, .30, .20, .45, .75),
    _Product("新业务", "视频彩铃", 5, .06, .28, .15, .40, .65),
    _Product("新业务", "和彩云网盘", 10, .06, .25, .18, .40, .60),
    _Product("新业务", "移动看家摄像头", 199, .04, .15, .25, .35, .42),
)
_ONSITE_ACTIVITIES = (("现场营销", .85), ("厅内体验", .15))
# Active marketing (daily reports): activity -> (share of events, contacts per product row,
# P(product offered) by category).
_EVENT_ACTIVITIES = {
    "社区活动": (.35, 10, {"终端": .35, "宽带": .85, "套餐": .6, "新业务": .5}),
    "摆摊促销": (.30, 12, {"终端": .3, "宽带": .8, "套餐": .6, "新业务": .7}),
    "集团上门": (.15, 5, {"终端": .3, "宽带": .5, "套餐": .8, "新业务": .4}),
    "主动营销": (.20, 6, {"终端": .25, "宽带": .6, "套餐": .7, "新业务": .6}),
}

# --- training ------------------------------------------------------------------------------
# (course, course type, hours choices, weight among the regular courses)
_PREJOB = ("新员工岗前培训", "岗前培训", (80, 120, 160), 0)
_COURSES = (
    ("沟通100服务礼仪规范", "服务礼仪", (4, 6), 3),
    ("首问负责制与投诉处理", "服务礼仪", (3, 4), 2),
    ("资费套餐知识更新", "业务知识", (2, 3), 3),
    ("家庭宽带业务知识", "业务知识", (3, 4), 2),
    ("积分兑换与客户回馈规则", "业务知识", (2,), 1),
    ("终端与合约计划", "业务知识", (3, 4), 2),
    ("现场营销技巧", "营销技巧", (4, 6), 2),
    ("终端销售话术", "营销技巧", (3, 4), 2),
    ("集团客户拓展", "营销技巧", (6, 8), 1),
)
_ELECTIVES = (
    ("Office办公技能", "自选", (4, 8), 1),
    ("普通话与沟通表达", "自选", (4, 6), 1),
    ("情绪与压力管理", "自选", (3,), 1),
    ("短视频营销入门", "自选", (4,), 1),
    ("手语服务基础", "自选", (6,), 1),
)

# Canonical vocabulary value -> the word the export systems write.
EXPORT_WORDS = {
    "staff.status": {"active": "在职", "left": "离职"},
    "complaints.status": {"open": "处理中", "resolved": "已办结", "closed": "已关闭", "reopened": "重开"},
    "complaints.resolution_satisfaction": {"satisfied": "满意", "neutral": "基本满意",
                                           "dissatisfied": "不满意", "unrated": "未评价"},
    "sales.outcome": {"converted": "成功", "interested": "意向", "failed": "失败"},
}


# =============================================================================================
# helpers
# =============================================================================================
def _day(d: dt.date) -> int:
    return (d - _EPOCH).days


def _ts(seconds: np.ndarray) -> np.ndarray:
    """int64 epoch seconds (negative = missing) -> datetime64[us] with NaT."""
    out = (np.asarray(seconds, dtype=np.int64) * 1_000_000).astype("datetime64[us]")
    out[np.asarray(seconds) < 0] = np.datetime64("NaT")
    return out


def _month_grid(end: dt.date, months: int):
    """First day (epoch day) and number of days (capped at `end`) of each month."""
    starts, ndays, labels = [], [], []
    y, m = end.year, end.month
    for _ in range(months):
        first = dt.date(y, m, 1)
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        last = min(nxt - dt.timedelta(days=1), end)
        starts.append(_day(first))
        ndays.append((last - first).days + 1)
        labels.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return np.array(starts[::-1]), np.array(ndays[::-1]), labels[::-1]


def spike_month(end: dt.date = DEFAULT_END, months: int = SAMPLE_MONTHS) -> str:
    """'YYYY-MM' of the 积分兑换 spike (story 2)."""
    _, _, labels = _month_grid(end, months)
    y, m = labels[_spike_index(months)]
    return f"{y:04d}-{m:02d}"


def _spike_index(months: int) -> int:
    return months - 7 if months >= 7 else months // 2


def _season(labels) -> np.ndarray:
    f = {1: .95, 2: .82, 3: 1.0, 4: 1.0, 5: 1.03, 6: .98, 7: 1.02, 8: 1.05, 9: 1.1, 10: 1.06,
         11: .98, 12: 1.02}
    return np.array([f[m] for _, m in labels])


def _choice(rng, n: int, weights) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return np.searchsorted(np.cumsum(w / w.sum()), rng.random(n), side="right").clip(0, len(w) - 1)


def _rows_per_hall_month(rng, lam: np.ndarray):
    """Row -> (hall index, month index) for Poisson counts with means lam[h, m]."""
    counts = rng.poisson(lam).ravel()
    hm = np.repeat(np.arange(counts.size), counts)
    months = lam.shape[1]
    return hm // months, hm % months


def _days_in_months(rng, m_idx, m_start, m_ndays) -> np.ndarray:
    return m_start[m_idx] + (rng.random(m_idx.size) * m_ndays[m_idx]).astype(np.int64)


def _str_ids(prefix: str, numbers: np.ndarray) -> pd.Series:
    s = pd.Series(numbers, dtype="int64").astype(str)
    return (prefix + s) if prefix else s


def _yyyymmdd(days: np.ndarray) -> np.ndarray:
    d = days.astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return y * 10000 + m * 100 + dd


def _sequence_ids(days: np.ndarray, width: int, prefix: str = "") -> pd.Series:
    """date (yyyymmdd) + the row's zero-padded number within its day: unique, sortable, text.

    `days` must be sorted."""
    days = np.asarray(days, dtype=np.int64)
    seq = np.arange(days.size, dtype=np.int64) - np.searchsorted(days, days, side="left") + 1
    if seq.size and seq.max() >= 10 ** width:
        raise ValueError("too many rows in one day for the id width")
    return _str_ids(prefix, _yyyymmdd(days) * 10 ** width + seq)


def _take(values, idx, missing=None) -> pd.Series:
    """values[idx] as a pandas string column (None where `missing`), built in Arrow:
    ~10x faster and leaner than converting an object array of millions of strings."""
    idx = np.asarray(idx, dtype=np.int64)
    if missing is not None:
        missing = np.asarray(missing, dtype=bool)
    if pa is None:  # pragma: no cover - pyarrow ships with pandas' string dtype here
        out = np.asarray(list(values), dtype=object)[idx]
        if missing is not None:
            out[missing] = None
        return pd.Series(out, dtype="str")
    taken = pa.array([str(v) for v in values], type=pa.string()).take(pa.array(idx, mask=missing))
    return pd.Series(pd.array(taken, dtype="str"))


def _frame(columns: dict, dataset: str) -> pd.DataFrame:
    ds = schema.DATASETS[dataset]
    allowed = {f.name for f in ds.source_fields}
    unknown = set(columns) - allowed
    if unknown:
        raise AssertionError(f"{dataset}: not schema fields: {unknown}")
    order = [f.name for f in ds.source_fields if f.name in columns]
    return pd.DataFrame({name: columns[name] for name in order})


# =============================================================================================
# halls and staff
# =============================================================================================
def _allocate(total: int, weights: list[int]) -> list[int]:
    w = np.array(weights, dtype=float)
    exact = total * w / w.sum()
    alloc = np.floor(exact).astype(int)
    if total >= len(w):
        alloc = np.maximum(alloc, 1)
    while alloc.sum() > total:
        alloc[np.argmax(alloc - exact)] -= 1
    rem = exact - alloc
    for i in np.argsort(-rem, kind="stable")[: total - alloc.sum()]:
        alloc[i] += 1
    return alloc.tolist()


def _make_halls(rng, n_halls: int, start_day: int):
    big = n_halls >= 100
    cities = [c for c in _CITIES if (c[4] if big else c[3]) > 0]
    alloc = _allocate(n_halls, [c[4] if big else c[3] for c in cities])
    rows = []
    type_names = list(_HALL_TYPES)
    for (region, city, area, _, _, places), count in zip(cities, alloc):
        districts = list(dict.fromkeys(d for d, _ in places))
        names = [(d, p) for d, p in places]
        for road in _ROADS:  # more places when the named ones run out
            for d in districts:
                short = d[:-2] if d.endswith("街道") else d[:-1] if len(d) > 2 else d
                names.append((d, short + road))
        width = max(3, len(str(count)))
        for i in range(count):
            district, place = names[i % len(names)]
            if i >= len(names):
                place += f"{i // len(names) + 1}号"
            htype = "旗舰厅" if i == 0 else type_names[1 + _choice(rng, 1, [t[0] for t in
                                                                           list(_HALL_TYPES.values())[1:]])[0]]
            rows.append((f"{area}{i + 1:0{width}d}", f"{city}{place}沟通100服务厅", region, city, district, htype))
    h = pd.DataFrame(rows, columns=["hall_code", "hall_name", "region", "city", "district", "hall_type"])
    n = len(h)
    spec = [_HALL_TYPES[t] for t in h["hall_type"]]
    lo_hi = lambda k: np.array([s[k] for s in spec])  # noqa: E731
    star, cnt, term = lo_hi(3), lo_hi(4), lo_hi(5)
    h["star_level"] = rng.integers(star[:, 0], star[:, 1] + 1)
    h["opened_on"] = _ts((start_day - rng.integers(200, 20 * 365, n)) * DAY)
    h["counters"] = rng.integers(cnt[:, 0], cnt[:, 1] + 1)
    h["self_service_terminals"] = rng.integers(term[:, 0], term[:, 1] + 1)
    volume = lo_hi(1) * rng.uniform(0.8, 1.2, n)
    staffing = lo_hi(2) * rng.uniform(0.9, 1.1, n)
    return h, volume / volume.mean(), staffing / staffing.mean()


def story_halls(halls: pd.DataFrame) -> dict:
    """The halls each story is told in, for any generated hall list.

    The documented codes when they exist (always at sample and province size), otherwise
    fixed positions in the hall list (tiny test sizes)."""
    codes = halls["hall_code"].tolist()
    slipping = STORY_SLIPPING_HALL if STORY_SLIPPING_HALL in codes else codes[min(2, len(codes) - 1)]
    training = [c for c in STORY_TRAINING_HALLS if c in codes]
    if len(training) < min(3, len(codes) - 1):
        extra = [codes[i] for i in range(len(codes) - 1, 0, -max(1, len(codes) // 5))
                 if codes[i] != slipping and codes[i] not in training]
        training = (training + extra)[: min(4, len(codes) - 1)]
    return {"slipping": slipping, "training": training}


def _names(rng, n: int) -> np.ndarray:
    sur = np.array(_SURNAMES, dtype=object)[rng.integers(0, len(_SURNAMES), n)]
    g1 = np.array(_GIVEN, dtype=object)[rng.integers(0, len(_GIVEN), n)]
    g2 = np.array(_GIVEN, dtype=object)[rng.integers(0, len(_GIVEN), n)]
    two = rng.random(n) < 0.7
    return np.where(two, sur + g1 + g2, sur + g1)


def _make_staff(rng, halls, staffing, density, start_day, end_day, months, poor):
    n_h = len(halls)
    mean = 11.5 + 8.5 * density
    per_hall = np.maximum(4, np.round(mean * staffing)).astype(int)
    hall = np.repeat(np.arange(n_h), per_hall)
    seq = np.concatenate([np.arange(1, k + 1) for k in per_hall])
    n = hall.size
    # roles: 1st = 店长, 2nd = 大堂经理 in halls with >= 8 staff, others drawn
    role = np.array(_ROLES, dtype=object)[2 + _choice(rng, n, [.55, .25, .20])]
    role[seq == 1] = "店长"
    role[(seq == 2) & (per_hall[hall] >= 8)] = "大堂经理"
    opened = (halls["opened_on"].to_numpy().astype("datetime64[D]").astype(np.int64))[hall]
    # hire dates: some during the period (more in the poorly trained halls), the rest before
    p_new = min(0.45, 0.16 * months / 12) * np.where(poor[hall], 1.8, 1.0)
    new = (rng.random(n) < p_new) & (seq > 1)
    before_lo = np.maximum(opened, start_day - 10 * 365)
    hired = before_lo + (rng.random(n) * (start_day - before_lo)).astype(np.int64)
    hired_new = start_day + (rng.random(n) * (end_day - 5 - start_day)).astype(np.int64)
    hired = np.where(new, hired_new, hired)
    # leavers (never the hall manager); student guides leave more often
    p_left = np.minimum(0.6, 0.10 * months / 12 * np.where(role == "导购", 2.5, 1.0))
    left_lo = np.maximum(hired + 30, start_day)
    left = (rng.random(n) < p_left) & (seq > 1) & (left_lo <= end_day)
    left_on = np.where(left, left_lo + (rng.random(n) * (end_day - left_lo + 1)).astype(np.int64), -1)
    codes = halls["hall_code"].to_numpy(dtype=object)
    staff_id = codes[hall] + pd.Series(seq).astype(str).str.zfill(3).to_numpy(dtype=object)
    frame = _frame({
        "staff_id": staff_id,
        "staff_name": _names(rng, n),
        "hall_code": codes[hall],
        "hall_name": halls["hall_name"].to_numpy(dtype=object)[hall],
        "role": role,
        "hired_on": _ts(hired * DAY),
        "status": np.where(left, "left", "active").astype(object),
        "left_on": _ts(np.where(left, left_on * DAY, -1)),
    }, "staff")
    active_to = np.where(left, left_on, end_day)
    return frame, {"hall": hall, "role": role, "from": hired, "to": active_to, "new": new,
                   "manager": np.flatnonzero(seq == 1)}


def _pick_staff(rng, row_hall, row_day, st, weights, tries: int = 8) -> np.ndarray:
    """An active staff member of the row's hall, drawn with `weights` (copies per person)."""
    pool = np.repeat(np.arange(st["hall"].size), weights)
    pool = pool[np.argsort(st["hall"][pool], kind="stable")]
    counts = np.bincount(st["hall"][pool], minlength=st["manager"].size)
    starts = np.cumsum(counts) - counts
    out = np.full(row_hall.size, -1, dtype=np.int64)
    todo = np.arange(row_hall.size)
    for _ in range(tries):
        if todo.size == 0:
            break
        hh = row_hall[todo]
        k = (rng.random(todo.size) * counts[hh]).astype(np.int64)
        cand = pool[starts[hh] + np.minimum(k, np.maximum(counts[hh] - 1, 0))]
        ok = (counts[hh] > 0) & (st["from"][cand] <= row_day[todo]) & (row_day[todo] <= st["to"][cand])
        out[todo[ok]] = cand[ok]
        todo = todo[~ok]
    out[todo] = st["manager"][row_hall[todo]]
    return out


# =============================================================================================
# training
# =============================================================================================
def _make_training(rng, halls, staff, st, start_day, end_day, poor):
    n = st["hall"].size
    city = halls["city"].to_numpy(dtype=object)
    frm = np.maximum(st["from"], start_day)
    to = st["to"]
    years = np.maximum(to - frm + 1, 0) / 365.25
    poor_s = poor[st["hall"]]
    parts = []  # (staff index, course index, day)
    courses = (_PREJOB,) + _COURSES + _ELECTIVES

    # pre-job training for staff hired during the period
    new = np.flatnonzero(st["new"])
    late = rng.random(new.size) < np.where(poor_s[new], 1.0, 0.08)
    delay = np.where(late, rng.integers(40, 101, new.size), rng.integers(2, 26, new.size))
    missing = poor_s[new] & (rng.random(new.size) < 0.55)
    day = st["from"][new] + delay
    keep = ~missing & (day <= to[new]) & (day <= end_day)
    parts.append((new[keep], np.zeros(keep.sum(), dtype=np.int64), day[keep]))

    # regular courses: ~5.4 a staff-year (a tenth of that in the poorly trained halls)
    k = rng.poisson(5.4 * years * np.where(poor_s, 0.05, 1.0))
    who = np.repeat(np.arange(n), k)
    weights = [c[3] for c in _COURSES]
    course = 1 + _choice(rng, who.size, weights)
    parts.append((who, course, frm[who] + (rng.random(who.size) * (to[who] - frm[who] + 1)).astype(np.int64)))

    # electives: at least one a year for anyone active 90+ days (rarely in the poor halls)
    base = np.maximum(1, rng.poisson(1.0 * years)) * (years >= 90 / 365.25)
    k = np.where(poor_s, (rng.random(n) < 0.08) * (years >= 90 / 365.25), base).astype(np.int64)
    who = np.repeat(np.arange(n), k)
    course = 1 + len(_COURSES) + rng.integers(0, len(_ELECTIVES), who.size)
    parts.append((who, course, frm[who] + (rng.random(who.size) * (to[who] - frm[who] + 1)).astype(np.int64)))

    who = np.concatenate([p[0] for p in parts])
    course = np.concatenate([p[1] for p in parts])
    day = np.concatenate([p[2] for p in parts])
    # regular classes run once a week per city and course, on a course-specific weekday
    regular = course > 0
    monday = day - (day + 3) % 7  # 1970-01-01 was a Thursday
    snapped = monday + course % 5
    snapped = np.where(snapped < frm[who], snapped + 7, snapped)
    day = np.where(regular, snapped, day)
    ok = (day >= st["from"][who]) & (day <= to[who]) & (day <= end_day) & (day >= start_day)
    who, course, day = who[ok], course[ok], day[ok]
    t = pd.DataFrame({"who": who, "course": course, "day": day}).drop_duplicates(["who", "course", "day"])
    t = t.sort_values(["day", "who", "course"], kind="stable").reset_index(drop=True)
    who, course, day = (t[c].to_numpy() for c in ("who", "course", "day"))
    m = who.size

    hours_choices = [c[2] for c in courses]
    pick = rng.integers(0, 1_000_000, m)
    hours = np.array([hours_choices[c][p % len(hours_choices[c])] for c, p in zip(course, pick)], dtype=float)
    score = np.clip(np.round(rng.normal(np.where(poor_s[who], 74, 84), 8)), 30, 100)
    # class size: the session's head count, at least the people listed here; a few over 30
    hall_city = city[st["hall"][who]]
    session = pd.Series(list(zip(hall_city, course, day))).factorize()[0]
    listed = np.bincount(session)
    drawn = np.where(rng.random(listed.size) < 0.05, rng.integers(31, 46, listed.size),
                     rng.integers(12, 31, listed.size))
    prejob_sessions = np.zeros(listed.size, dtype=bool)
    prejob_sessions[session[course == 0]] = True
    drawn = np.where(prejob_sessions, rng.integers(8, 25, listed.size), drawn)
    class_size = np.maximum(drawn, listed)[session]
    names = np.array([c[0] for c in courses], dtype=object)
    types = np.array([c[1] for c in courses], dtype=object)
    return _frame({
        "staff_id": staff["staff_id"].to_numpy(dtype=object)[who],
        "staff_name": staff["staff_name"].to_numpy(dtype=object)[who],
        "hall_code": staff["hall_code"].to_numpy(dtype=object)[who],
        "hall_name": staff["hall_name"].to_numpy(dtype=object)[who],
        "course": names[course],
        "course_type": types[course],
        "trained_on": _ts(day * DAY),
        "hours": hours,
        "score": score,
        "passed": score >= 60,
        "class_size": class_size.astype(np.int64),
    }, "training"), (who, course, day)


# =============================================================================================
# surveys
# =============================================================================================
def _scale_answers(u: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Latent satisfaction (≈N(0,1) for an average hall) -> the answer on each row's scale.

    Cut points put ~93% of an average hall's answers in the top box (4–5 of 5, 9–10 of 10,
    1 of the SMS reply); most of the rest are the middle answer."""
    five = 1.0 + np.searchsorted(np.array([-2.8, -2.25, -1.6, -0.45]), u)
    ten = np.clip(np.round(10.3 + 1.25 * u), 0, 10)
    sms = np.where(u > -1.65, 1.0, np.where(u > -2.5, 2.0, 3.0))
    return np.where(scale == 0, five, np.where(scale == 1, sms, ten))


def _make_surveys(rng, halls, staff, st, lam_scale, m_start, m_ndays, months, poor, quality, untrained):
    n_h = len(halls)
    lam = SURVEYS_PER_HALL_MONTH * lam_scale
    h, m = _rows_per_hall_month(rng, lam)
    n = h.size
    day = _days_in_months(rng, m, m_start, m_ndays)
    sec = day * DAY + rng.integers(9 * 3600, 21 * 3600, n)
    order = np.argsort(sec, kind="stable")
    h, m, day, sec = h[order], m[order], day[order], sec[order]
    ch = _choice(rng, n, [c[2] for c in _SURVEY_CHANNELS])
    counter_roles = np.isin(st["role"], ("店长", "大堂经理", "营业员", "营销代表")).astype(np.int64)
    who = _pick_staff(rng, h, day, st, counter_roles)
    has_staff = ch != 2  # 10086 callbacks don't name the clerk
    staff_effect = rng.normal(0, 0.25, st["hall"].size) - 0.3 * untrained
    wait = np.round(rng.gamma(2.0, 4.0, n) * np.where(halls["hall_type"].to_numpy() == "旗舰厅", 1.3, 1.0)[h], 1)
    slope = rng.normal(0, 0.15, n_h)
    u = (quality[h] + staff_effect[who] + slope[h] * (m - months / 2) / 12
         - 0.03 * (wait - 8) + rng.normal(0, 1, n))
    score = _scale_answers(u, ch)
    dims = {}
    for name in ("dim_environment", "dim_attitude", "dim_expertise", "dim_efficiency"):
        d = _scale_answers(u + rng.normal(0, 0.6, n), ch)
        dims[name] = np.where(ch == 1, np.nan, d)  # SMS replies carry one digit only
    recommend = np.where(ch != 2, np.nan, np.clip(np.round(8.7 + (u + rng.normal(0, 1.2, n))), 0, 10))
    low = np.where(ch == 1, score >= 2, np.where(ch == 0, score <= 3, score <= 6))
    commented = rng.random(n) < np.where(low, 0.30, 0.04)
    comment = np.where(low, len(_GOOD_COMMENTS) + rng.integers(0, len(_BAD_COMMENTS), n),
                       rng.integers(0, len(_GOOD_COMMENTS), n))
    return _frame({
        "response_id": _sequence_ids(day, 7),
        "answered_at": _ts(sec),
        "channel": _take([c[0] for c in _SURVEY_CHANNELS], ch),
        "hall_code": _take(halls["hall_code"], h),
        "hall_name": _take(halls["hall_name"], h),
        "staff_id": _take(staff["staff_id"], who, missing=~has_staff),
        "scale": _take([c[1] for c in _SURVEY_CHANNELS], ch),
        "score": score,
        **dims,
        "recommend_score": recommend,
        "wait_minutes": wait,
        "business_type": _take([b[0] for b in _BUSINESS], _choice(rng, n, [b[1] for b in _BUSINESS])),
        "comment": _take(_GOOD_COMMENTS + _BAD_COMMENTS, comment, missing=~commented),
    }, "surveys")


# =============================================================================================
# complaints
# =============================================================================================
def _make_complaints(rng, halls, lam_scale, m_start, m_ndays, months, end_day, slipping):
    cats = _COMPLAINT_CATEGORIES
    lam = COMPLAINTS_PER_HALL_MONTH * lam_scale
    # story 1: over the last 12 months the slipping hall resolves ever more slowly (and
    # draws more complaints, chasers included)
    progress_m = np.clip((np.arange(months) - (months - 12)) / 11.0, 0, 1) if months > 1 else np.zeros(1)
    lam = lam.copy()
    lam[slipping] *= 1.8 + 1.2 * progress_m
    h, m = _rows_per_hall_month(rng, lam)
    cat = _choice(rng, h.size, [c[1] for c in cats])
    # the 积分兑换 spike: four months' worth of extra points complaints in one month
    spike = np.zeros_like(lam)
    spike[:, _spike_index(months)] = lam[:, _spike_index(months)] * cats[0][1] * 4.0
    hs, ms = _rows_per_hall_month(rng, spike)
    is_spike = np.concatenate([np.zeros(h.size, bool), np.ones(hs.size, bool)])
    h, m = np.concatenate([h, hs]), np.concatenate([m, ms])
    cat = np.concatenate([cat, np.zeros(hs.size, dtype=np.int64)])
    n = h.size
    sub = np.empty(n, dtype=np.int64)
    desc_pick = rng.integers(0, 1000, n)
    for c, (_, _, _, subs) in enumerate(cats):
        idx = np.flatnonzero(cat == c)
        sub[idx] = _choice(rng, idx.size, [s[1] for s in subs])
    sub[is_spike] = np.where(rng.random(is_spike.sum()) < 0.8, 0, sub[is_spike])
    day = _days_in_months(rng, m, m_start, m_ndays)
    received = day * 1440 + rng.integers(8 * 60, 22 * 60, n)  # minutes
    order = np.lexsort((received, h))
    h, m, cat, sub, received, is_spike, desc_pick = (a[order] for a in (h, m, cat, sub, received, is_spike, desc_pick))

    # repeats: the same customer (and problem) again within 30 days at the same hall
    phone = (_PHONE_PREFIXES[rng.integers(0, _PHONE_PREFIXES.size, n)].astype(np.int64) * 10000
             + rng.integers(0, 10000, n))
    want = (rng.random(n) < 0.08) & ~is_spike
    back = rng.integers(1, 6, n)
    j = np.maximum(np.arange(n) - back, 0)
    repeat = want & (j < np.arange(n)) & (h[j] == h) & (received - received[j] <= 30 * 1440) \
        & (received > received[j]) & ~want[j]
    phone = np.where(repeat, phone[j], phone)
    cat = np.where(repeat, cat[j], cat)
    sub = np.where(repeat, sub[j], sub)

    # handling times
    cat_factor = np.array([c[2] for c in cats])[cat]
    slip = np.where(h == slipping, 0.8 + 3.8 * progress_m[m], 1.0)
    first_h = np.clip(rng.lognormal(np.log(2.5), 1.0, n) * np.sqrt(slip), 0.05, 60)
    resolve_h = rng.lognormal(np.log(20.0), np.where(h == slipping, 0.35, 0.6), n) * cat_factor * slip
    first_min = received + np.maximum(1, np.round(first_h * 60)).astype(np.int64)
    resolved_min = np.maximum(first_min + 15, received + np.round(resolve_h * 60).astype(np.int64))
    end_min = end_day * 1440 + 23 * 60 + 59
    statuses = ("open", "resolved", "closed", "reopened")
    status = np.where(resolved_min > end_min, 0, 1)
    backlog = (rng.random(n) < 0.003) & (received < (end_day - 30) * 1440)
    status[backlog] = 0
    reopened = (status == 1) & (received > (end_day - 60) * 1440) & (rng.random(n) < 0.03)
    status[reopened] = 3
    closed = (status == 1) & (resolved_min < (end_day - 7) * 1440) & (rng.random(n) < 0.4)
    status[closed] = 2
    done = (status == 1) | (status == 2)
    first_min = np.where(first_min > end_min, -1, first_min)
    resolved_min = np.where(done, resolved_min, -1)

    # resolution satisfaction, by how long it took
    took = (resolved_min - received) / 60
    p = np.where(took[:, None] <= 24, [.55, .20, .05, .20],
                 np.where(took[:, None] <= PROMISE_HOURS, [.40, .25, .12, .23], [.12, .23, .43, .22]))
    pick = (rng.random(n)[:, None] > np.cumsum(p, axis=1)).sum(axis=1).clip(0, 3)
    sat = np.where(done, pick, np.where(status == 3, 2, -1))  # reopened: dissatisfied

    # compensation: billing errors are refunded double (收费误差,双倍返还), some SP refunds
    billing = cat == 1
    comp = np.full(n, np.nan)
    r = rng.random(n)
    err = billing & (sub == 0) & (r < 0.45) & done
    comp[err] = np.round(2 * rng.uniform(3, 150, n)[err], 2)
    sp = billing & (sub == 1) & (r < 0.30) & done
    comp[sp] = 2 * rng.choice([5.0, 6.0, 8.0, 10.0, 15.0, 20.0, 30.0], n)[sp]
    goodwill = (cat == 2) & (r < 0.02) & done
    comp[goodwill] = rng.choice([20.0, 50.0], n)[goodwill]

    # global indexes into the flat lists of sub-categories and descriptions
    sub_list = [sname for *_, subs in cats for sname, _, _ in subs]
    sub_first = np.cumsum([0] + [len(c[3]) for c in cats])[:-1]
    sub_global = sub_first[cat] + sub
    texts = [[t for t in texts] for *_, subs in cats for _, _, texts in subs]
    desc_list = [t for ts in texts for t in ts]
    desc_first = np.cumsum([0] + [len(ts) for ts in texts])[:-1]
    desc_global = desc_first[sub_global] + desc_pick % np.array([len(ts) for ts in texts])[sub_global]

    order = np.argsort(received, kind="stable")
    pick = lambda a: a[order]  # noqa: E731
    phone_s = pd.Series(pick(phone)).astype(str)
    sat = pick(sat)
    return _frame({
        "ticket_id": _sequence_ids(pick(received) // 1440, 8),
        "received_at": _ts(pick(received) * 60),
        "channel": _take([c[0] for c in _COMPLAINT_CHANNELS], _choice(rng, n, [c[1] for c in _COMPLAINT_CHANNELS])),
        "category": _take([c[0] for c in cats], pick(cat)),
        "sub_category": _take(sub_list, pick(sub_global)),
        "hall_code": _take(halls["hall_code"], pick(h)),
        "hall_name": _take(halls["hall_name"], pick(h)),
        "customer": phone_s.str[:3] + "****" + phone_s.str[-4:],
        "first_response_at": _ts(np.where(pick(first_min) < 0, -1, pick(first_min) * 60)),
        "resolved_at": _ts(np.where(pick(resolved_min) < 0, -1, pick(resolved_min) * 60)),
        "status": _take(statuses, pick(status)),
        "is_repeat": pick(repeat),
        "resolution_satisfaction": _take(("satisfied", "neutral", "dissatisfied", "unrated"),
                                         np.maximum(sat, 0), missing=sat < 0),
        "compensation_amount": pick(comp),
        "description": _take(desc_list, pick(desc_global)),
    }, "complaints")


# =============================================================================================
# sales
# =============================================================================================
def _make_contacts(rng, halls, staff, st, lam_scale, m_start, m_ndays):
    lam = CONTACTS_PER_HALL_MONTH * lam_scale
    h, m = _rows_per_hall_month(rng, lam)
    n = h.size
    day = _days_in_months(rng, m, m_start, m_ndays)
    sec = day * DAY + rng.integers(9 * 3600, 21 * 3600, n)
    order = np.argsort(sec, kind="stable")
    h, day, sec = h[order], day[order], sec[order]
    weights = np.select([st["role"] == "营销代表", np.isin(st["role"], ("营业员", "导购", "大堂经理"))],
                        [3, 1], 0)
    weights[st["manager"]] = 1
    who = _pick_staff(rng, h, day, st, weights)
    prod = _choice(rng, n, [p.weight for p in _PRODUCTS])
    conv = np.array([p.conv_onsite for p in _PRODUCTS])[prod]
    inte = np.array([p.int_onsite for p in _PRODUCTS])[prod]
    r = rng.random(n)
    outcome = np.where(r < conv, 0, np.where(r < conv + inte, 1, 2))
    price = np.array([p.price for p in _PRODUCTS])[prod]
    terminal = np.array([p.category == "终端" for p in _PRODUCTS])[prod]
    revenue = np.where(outcome == 0,
                       np.where(terminal, np.round(price * rng.uniform(0.92, 1.0, n)), price), 0.0)
    return _frame({
        "record_id": _sequence_ids(day, 8, "YX"),
        "sold_at": _ts(sec),
        "hall_code": _take(halls["hall_code"], h),
        "hall_name": _take(halls["hall_name"], h),
        "staff_id": _take(staff["staff_id"], who),
        "activity_type": _take([a[0] for a in _ONSITE_ACTIVITIES], _choice(rng, n, [a[1] for a in _ONSITE_ACTIVITIES])),
        "product_category": _take([p.category for p in _PRODUCTS], prod),
        "product_name": _take([p.name for p in _PRODUCTS], prod),
        "outcome": _take(("converted", "interested", "failed"), outcome),
        "revenue": revenue,
    }, "sales")


def _make_daily(rng, halls, volume, density, m_start, m_ndays, season):
    lam = (2 + 6 * density) * np.sqrt(volume)[:, None] * season[None, :]
    h, m = _rows_per_hall_month(rng, lam)
    acts = list(_EVENT_ACTIVITIES)
    act = _choice(rng, h.size, [_EVENT_ACTIVITIES[a][0] for a in acts])
    day = _days_in_months(rng, m, m_start, m_ndays)
    # community events and stalls mostly at the weekend
    weekday = (day + 3) % 7  # 0 = Monday
    to_weekend = np.isin(act, (0, 1)) & (rng.random(h.size) < 0.6) & (weekday < 5)
    moved = day + (5 - weekday) + rng.integers(0, 2, h.size)
    ok = moved < m_start[m] + m_ndays[m]
    day = np.where(to_weekend & ok, moved, day)
    ev = pd.DataFrame({"h": h, "act": act, "day": day}).drop_duplicates().sort_values(["day", "h", "act"])
    h, act, day = (ev[c].to_numpy() for c in ("h", "act", "day"))
    n_ev, n_p = h.size, len(_PRODUCTS)
    offer_p = np.array([[_EVENT_ACTIVITIES[a][2][p.category] for p in _PRODUCTS] for a in acts])
    offered = rng.random((n_ev, n_p)) < offer_p[act]
    bb = [i for i, p in enumerate(_PRODUCTS) if p.name == "千兆宽带"][0]
    offered[:, bb] |= ~offered.any(axis=1)
    ev_i, prod = np.nonzero(offered)
    base = np.array([_EVENT_ACTIVITIES[a][1] for a in acts])[act[ev_i]]
    popularity = np.array([0.6 + 4 * p.weight for p in _PRODUCTS])[prod]
    contacts = np.maximum(1, rng.poisson(base * popularity))
    interested = rng.binomial(contacts, np.array([p.int_event for p in _PRODUCTS])[prod])
    converted = rng.binomial(interested, np.array([p.conv_event for p in _PRODUCTS])[prod])
    price = np.array([p.price for p in _PRODUCTS])[prod]
    terminal = np.array([p.category == "终端" for p in _PRODUCTS])[prod]
    revenue = np.round(converted * price * np.where(terminal, rng.uniform(0.9, 1.0, prod.size), 1.0), 2)
    hh = h[ev_i]
    return _frame({
        "sold_at": _ts(day[ev_i] * DAY),
        "hall_code": _take(halls["hall_code"], hh),
        "hall_name": _take(halls["hall_name"], hh),
        "activity_type": _take(acts, act[ev_i]),
        "product_category": _take([p.category for p in _PRODUCTS], prod),
        "product_name": _take([p.name for p in _PRODUCTS], prod),
        "contacts": contacts.astype(np.int64),
        "interested": interested.astype(np.int64),
        "converted": converted.astype(np.int64),
        "revenue": revenue,
    }, "sales")


# =============================================================================================
# public API: frames
# =============================================================================================
def generate_frames(halls: int = 40, months: int = 12, seed: int = DEFAULT_SEED, density: float = 1.0,
                    end: dt.date = DEFAULT_END) -> dict[str, pd.DataFrame]:
    """Canonical DataFrames for halls, staff, surveys, complaints, sales_contacts,
    sales_daily, training (see the module docstring for sizes and stories).

    ``density=None`` means `SAMPLE_DENSITY`."""
    if density is None:
        density = SAMPLE_DENSITY
    if halls < 1 or months < 1 or density <= 0:
        raise ValueError("halls and months must be >= 1 and density > 0")
    if isinstance(end, dt.datetime):
        end = end.date()
    rng = np.random.default_rng(seed)
    m_start, m_ndays, labels = _month_grid(end, months)
    start_day, end_day = int(m_start[0]), _day(end)
    season = _season(labels)

    hall_df, volume, staffing = _make_halls(rng, halls, start_day)
    stories = story_halls(hall_df)
    codes = hall_df["hall_code"].to_numpy()
    slipping = int(np.flatnonzero(codes == stories["slipping"])[0])
    poor = np.isin(codes, stories["training"])
    quality = rng.normal(0, 0.2, len(hall_df)) - 1.0 * poor
    lam_scale = density * volume[:, None] * season[None, :] * (m_ndays / 30.44)[None, :]

    staff, st = _make_staff(rng, hall_df, staffing, density, start_day, end_day, months, poor)
    training, (t_who, t_course, t_day) = _make_training(rng, hall_df, staff, st, start_day, end_day, poor)
    # staff hired during the period without pre-job training within 30 days
    timely = np.zeros(st["hall"].size, dtype=bool)
    pj = t_course == 0
    timely[t_who[pj & (t_day - st["from"][t_who] <= 30)]] = True
    untrained = st["new"] & ~timely

    surveys = _make_surveys(rng, hall_df, staff, st, lam_scale, m_start, m_ndays, months, poor, quality, untrained)
    # complaints grow less than linearly with a hall's footfall
    c_volume = volume ** 0.8 / np.mean(volume ** 0.8)
    c_scale = density * c_volume[:, None] * season[None, :] * (m_ndays / 30.44)[None, :]
    complaints = _make_complaints(rng, hall_df, c_scale, m_start, m_ndays, months, end_day, slipping)
    contacts = _make_contacts(rng, hall_df, staff, st, lam_scale, m_start, m_ndays)
    daily = _make_daily(rng, hall_df, volume, density, m_start, m_ndays, season)
    return {"halls": hall_df, "staff": staff, "surveys": surveys, "complaints": complaints,
            "sales_contacts": contacts, "sales_daily": daily, "training": training}


# =============================================================================================
# exports
# =============================================================================================
@dataclass(frozen=True)
class _Col:
    field: str
    header: str
    kind: str            # text | int | num | xl_datetime | xl_date | fmt:<style> | bool | word:<key> | const
    total: bool = False
    width: float = 12
    group: str | None = None   # upper header of a two-level header
    value: str | None = None   # for kind == "const"


def _col(dataset: str, field: str, kind: str, alias: str | None = None, unit: str = "", **kw) -> _Col:
    """A column whose header is the field's label_zh or one of its schema aliases (+ a unit)."""
    f = schema.DATASETS[dataset].field(field)
    header = alias or f.label_zh
    if header not in f.all_aliases:
        raise AssertionError(f"{dataset}.{field}: {header!r} is not a schema alias")
    return _Col(field, header + unit, kind, **kw)


_TITLE_PREFIX = "广东移动"


def _layouts() -> dict[str, list[tuple[str, str, str, list[_Col], str | None]]]:
    """dataset -> [(file stem, sheet name, title, columns, survey channel of the sheet or None)]."""
    H, S, V, C, SA, T = "halls", "staff", "surveys", "complaints", "sales", "training"
    halls = [
        _col(H, "hall_code", "text", "厅店编码", width=10), _col(H, "hall_name", "text", "厅店名称", width=28),
        _col(H, "region", "text", "所属区域"), _col(H, "city", "text", "地市分公司"),
        _col(H, "district", "text"), _col(H, "hall_type", "text"), _col(H, "star_level", "int", "厅店星级"),
        _col(H, "opened_on", "fmt:iso_date", "开业时间"), _col(H, "counters", "int", total=True),
        _col(H, "self_service_terminals", "int", total=True),
    ]
    staff = [
        _col(S, "staff_id", "text", "工号", width=12), _col(S, "staff_name", "text"),
        _col(S, "hall_code", "text", width=10), _col(S, "hall_name", "text", width=28),
        _col(S, "role", "text", "岗位名称"), _col(S, "hired_on", "xl_date"),
        _col(S, "status", "word:staff.status"), _col(S, "left_on", "xl_date"),
    ]

    def survey_cols(channel: str, unit: str, id_alias: str, time_alias: str, staff_alias: str, dims: bool,
                    recommend: bool, scale_col: str | None) -> list[_Col]:
        cols = [
            _col(V, "response_id", "text", id_alias, width=18), _col(V, "answered_at", "xl_datetime", time_alias, width=19),
            _col(V, "channel", "text", "评价渠道" if channel == "评价器" else "渠道"),
            _col(V, "hall_code", "text", width=10), _col(V, "hall_name", "text", width=28),
        ]
        if staff_alias:
            cols.append(_col(V, "staff_id", "text", staff_alias, width=12))
        if scale_col:
            cols.append(_Col("scale", schema.SURVEYS.field("scale").label_zh, "const", value=scale_col))
        cols.append(_col(V, "score", "score_words" if channel == "评价器" else "num", unit=unit, width=16))
        if dims:
            cols += [_col(V, d, "num", unit=unit) for d in
                     ("dim_environment", "dim_attitude", "dim_expertise", "dim_efficiency")]
        if recommend:
            cols.append(_col(V, "recommend_score", "num", unit="(0-10分)"))
        cols += [_col(V, "wait_minutes", "num", unit="(分钟)"), _col(V, "business_type", "text", "办理业务"),
                 _col(V, "comment", "text", width=30)]
        return cols

    complaints = [
        _col(C, "ticket_id", "text", width=18), _col(C, "received_at", "fmt:slash_minute", width=16),
        _col(C, "channel", "text"), _col(C, "category", "text"), _col(C, "sub_category", "text", width=16),
        _col(C, "hall_code", "text", "厅店编码", width=10), _col(C, "hall_name", "text", width=28),
        _col(C, "customer", "text", "用户号码", width=13),
        _col(C, "first_response_at", "fmt:slash_minute", width=16, group="处理时效"),
        _col(C, "resolved_at", "fmt:slash_minute", width=16, group="处理时效"),
        _col(C, "status", "word:complaints.status"), _col(C, "is_repeat", "bool"),
        _col(C, "resolution_satisfaction", "word:complaints.resolution_satisfaction", "回访满意度"),
        _col(C, "compensation_amount", "num", unit="(元)", total=True),
        _col(C, "description", "text", width=40),
    ]
    contacts = [
        _col(SA, "record_id", "text", "业务流水号", width=18), _col(SA, "sold_at", "fmt:iso_t", "接触时间", width=20),
        _col(SA, "hall_code", "text", width=10), _col(SA, "hall_name", "text", width=28),
        _col(SA, "staff_id", "text", "营业员工号", width=12), _col(SA, "activity_type", "text", "营销方式"),
        _col(SA, "product_category", "text"), _col(SA, "product_name", "text", width=18),
        _col(SA, "outcome", "word:sales.outcome"), _col(SA, "revenue", "num", unit="(元)", total=True),
    ]
    daily = [
        _col(SA, "sold_at", "fmt:dot_date", "统计日期"), _col(SA, "hall_code", "text", width=10),
        _col(SA, "hall_name", "text", width=28), _col(SA, "activity_type", "text", "活动类型"),
        _col(SA, "product_category", "text"), _col(SA, "product_name", "text", width=18),
        _col(SA, "contacts", "int", total=True), _col(SA, "interested", "int", total=True),
        _col(SA, "converted", "int", total=True), _col(SA, "revenue", "num", unit="(元)", total=True),
    ]
    training = [
        _col(T, "staff_id", "text", width=12), _col(T, "staff_name", "text", "学员姓名"),
        _col(T, "hall_code", "text", width=10), _col(T, "hall_name", "text", width=28),
        _col(T, "course", "text", width=22), _col(T, "course_type", "text", "培训类别"),
        _col(T, "trained_on", "fmt:cn_date", width=16), _col(T, "hours", "num", unit="(小时)", total=True),
        _col(T, "score", "num"), _col(T, "passed", "bool", "是否合格"), _col(T, "class_size", "int"),
    ]
    return {
        "halls": [("halls", "厅店清单", f"{_TITLE_PREFIX} 沟通100厅店清单", halls, None)],
        "staff": [("staff", "员工花名册", f"{_TITLE_PREFIX} 营业厅员工花名册", staff, None)],
        "surveys": [
            ("surveys", "评价器", "沟通100服务厅满意度调查明细表（评价器）",
             survey_cols("评价器", "(1-5分)", "评价编号", "评价时间", "营业员工号", True, False, None), "评价器"),
            ("surveys", "短信回访", "沟通100服务厅满意度调查明细表（短信回访）",
             survey_cols("短信", "", "记录编号", "回复时间", "员工编号", False, False, "三分制"), "短信"),
            ("surveys", "10086外呼", "沟通100服务厅满意度调查明细表（10086外呼）",
             survey_cols("10086外呼", "(0-10分)", "调查编号", "调查时间", "", True, True, None), "10086外呼"),
        ],
        "complaints": [("complaints", "投诉工单", f"{_TITLE_PREFIX} 营业厅投诉工单明细", complaints, None)],
        "sales_contacts": [("sales_contacts", "现场营销明细", f"{_TITLE_PREFIX} 营业厅现场营销接触明细", contacts, None)],
        "sales_daily": [("sales_daily", "营销活动日报", f"{_TITLE_PREFIX} 营销活动日报汇总", daily, None)],
        "training": [("training", "培训记录", f"{_TITLE_PREFIX} 营业厅员工培训记录", training, None)],
    }


_CSV_SLUGS = {"评价器": "evaluator", "短信回访": "sms", "10086外呼": "10086"}


def _parts(ts: pd.Series):
    t = pd.DatetimeIndex(ts)
    return t.year, t.month, t.day, t.hour, t.minute, t.second


def _format_dates(series: pd.Series, style: str) -> list:
    mask = series.isna().to_numpy()
    y, mo, d, hh, mi, ss = (np.asarray(a).tolist() for a in _parts(series.fillna(pd.Timestamp(0))))
    if style == "slash_minute":
        out = [f"{a}/{b}/{c} {e:02d}:{f:02d}" for a, b, c, e, f in zip(y, mo, d, hh, mi)]
    elif style == "dot_date":
        out = [f"{a}.{b}.{c}" for a, b, c in zip(y, mo, d)]
    elif style == "cn_date":
        out = [f"{a}年{b}月{c}日" for a, b, c in zip(y, mo, d)]
    elif style in ("iso_t", "iso_space"):
        sep = "T" if style == "iso_t" else " "
        out = [f"{a:04d}-{b:02d}-{c:02d}{sep}{e:02d}:{f:02d}:{g:02d}" for a, b, c, e, f, g in zip(y, mo, d, hh, mi, ss)]
    elif style == "iso_date":
        out = [f"{a:04d}-{b:02d}-{c:02d}" for a, b, c in zip(y, mo, d)]
    else:
        raise ValueError(style)
    return [None if m else v for v, m in zip(out, mask)]


def _cell_values(frame: pd.DataFrame, col: _Col, for_csv: bool) -> tuple[str, list]:
    """(cell kind s|n|dt|d, values with None for blank)."""
    n = len(frame)
    if col.kind == "const":
        return "s", [col.value] * n
    s = frame[col.field]
    if col.kind == "text":
        return "s", [None if v is None or v != v else str(v) for v in s.astype(object).tolist()]
    if col.kind in ("int", "num"):
        vals = s.astype("float64").to_numpy()
        out = [None if v != v else (int(v) if float(v).is_integer() else float(v)) for v in vals.tolist()]
        return "n", out
    if col.kind == "score_words":
        vals = s.astype("float64").to_numpy()
        out: list = [None if v != v else int(v) for v in vals.tolist()]
        # a small share of evaluator answers is written as a word (非常满意 … 非常不满意)
        for i in range(7, n, 31):
            if out[i] is not None:
                out[i] = _WORDS_FIVE[out[i]]
        return "n", out
    if col.kind in ("xl_datetime", "xl_date"):
        if for_csv:
            return "s", _format_dates(s, "iso_space" if col.kind == "xl_datetime" else "iso_date")
        secs = s.to_numpy().astype("datetime64[us]").astype(np.int64) / 1e6
        serial = secs / DAY + 25569.0
        mask = s.isna().to_numpy()
        return ("dt" if col.kind == "xl_datetime" else "d"), [None if m else v for v, m in zip(serial.tolist(), mask)]
    if col.kind.startswith("fmt:"):
        return "s", _format_dates(s, col.kind[4:])
    if col.kind == "bool":
        return "s", [None if v is None or v != v else ("是" if v else "否") for v in s.astype(object).tolist()]
    if col.kind.startswith("word:"):
        words = EXPORT_WORDS[col.kind[5:]]
        return "s", [None if v is None or v != v else words[v] for v in s.astype(object).tolist()]
    raise ValueError(col.kind)


def _export_info(end: dt.date) -> str:
    when = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(8, 0))
    return f"导出时间：{when:%Y-%m-%d %H:%M:%S}    导出人：系统管理员"


def _totals(frame: pd.DataFrame, cols: list[_Col]) -> list:
    row: list = ["合计"] + [None] * (len(cols) - 1)
    if len(cols) > 1 and not cols[1].total:
        row[1] = f"共{len(frame)}条"
    for j, c in enumerate(cols):
        if c.total and j > 0:
            row[j] = round(float(frame[c.field].astype("float64").sum()), 2)
    return row


def _end_of(frames: dict) -> dt.date:
    latest = None
    for name, f in frames.items():
        for c in f.columns:
            if pd.api.types.is_datetime64_any_dtype(f[c]) and f[c].notna().any():
                v = f[c].max()
                latest = v if latest is None or v > latest else latest
    return latest.date() if latest is not None else DEFAULT_END


def write_exports(frames: dict[str, pd.DataFrame], out_dir: Path, fmt: str = "xlsx") -> list[Path]:
    """Write one export file per dataset (xlsx: several sheets for surveys; csv: one file a sheet)."""
    if fmt not in ("xlsx", "csv"):
        raise ValueError("fmt must be 'xlsx' or 'csv'")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    end = _end_of(frames)
    info = _export_info(end)
    exported_at = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(8, 0))
    layouts = _layouts()
    written: list[Path] = []
    for dataset, sheets in layouts.items():
        if dataset not in frames:
            continue
        frame = frames[dataset]
        if fmt == "csv":
            for stem, sheet, _title, cols, channel in sheets:
                part = frame if channel is None else frame[frame["channel"] == channel]
                name = stem if len(sheets) == 1 else f"{stem}_{_CSV_SLUGS[sheet]}"
                path = out_dir / f"{name}.csv"
                _write_csv(path, part, cols)
                written.append(path)
            continue
        import xlsxwriter

        path = out_dir / f"{sheets[0][0]}.xlsx"
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        # a fixed creation time keeps the files byte-for-byte reproducible
        wb.set_properties({"created": exported_at, "author": "系统管理员"})
        fmts = {
            "title": wb.add_format({"bold": True, "font_size": 14}),
            "info": wb.add_format({"font_color": "#666666"}),
            "header": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center",
                                     "valign": "vcenter", "text_wrap": True}),
            "dt": wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
            "d": wb.add_format({"num_format": "yyyy-mm-dd"}),
            "total": wb.add_format({"bold": True, "top": 1}),
        }
        for _stem, sheet, title, cols, channel in sheets:
            part = frame if channel is None else frame[frame["channel"] == channel]
            _write_sheet(wb.add_worksheet(sheet), fmts, title, info, part, cols,
                         blank_row=dataset in ("surveys", "training"))
        wb.close()
        written.append(path)
    return written


def _write_sheet(ws, fmts, title, info, frame, cols, blank_row: bool) -> None:
    ncol = len(cols)
    for j, c in enumerate(cols):
        ws.set_column(j, j, c.width)
    ws.merge_range(0, 0, 0, ncol - 1, title, None)
    ws.set_row(0, 24, fmts["title"])
    ws.write_string(0, 0, title, fmts["title"])  # same row: still open in constant_memory
    ws.write_string(1, 0, info, fmts["info"])
    r = 3 if blank_row else 2
    grouped = any(c.group for c in cols)
    if grouped:
        # two-level header; merges carry no cell format so constant_memory keeps both rows
        # open (formatted blanks would flush the upper row), the row format styles them
        ws.set_row(r, 20, fmts["header"])
        ws.set_row(r + 1, 20, fmts["header"])
        j = 0
        while j < ncol:
            c = cols[j]
            if c.group:
                k = j
                while k + 1 < ncol and cols[k + 1].group == c.group:
                    k += 1
                if k > j:
                    ws.merge_range(r, j, r, k, c.group, None)
                else:
                    ws.write_string(r, j, c.group)
                j = k + 1
            else:
                ws.merge_range(r, j, r + 1, j, c.header, None)
                j += 1
        for j, c in enumerate(cols):
            if c.group:
                ws.write_string(r + 1, j, c.header, fmts["header"])
        r += 2
    else:
        for j, c in enumerate(cols):
            ws.write_string(r, j, c.header, fmts["header"])
        r += 1
    prepared = [_cell_values(frame, c, for_csv=False) for c in cols]
    writers = []
    for kind, _vals in prepared:
        if kind == "s":
            writers.append((ws.write_string, None))
        elif kind == "n":
            writers.append((None, None))
        else:
            writers.append((ws.write_number, fmts[kind]))
    columns = [v for _, v in prepared]
    n = len(frame)
    write_string, write_number = ws.write_string, ws.write_number
    for i in range(n):
        row = r + i
        for j in range(ncol):
            v = columns[j][i]
            if v is None:
                continue
            fn, f = writers[j]
            if fn is None:  # numbers (or a word in a score column)
                if isinstance(v, str):
                    write_string(row, j, v)
                else:
                    write_number(row, j, v)
            elif f is None:
                fn(row, j, v)
            else:
                fn(row, j, v, f)
    for j, v in enumerate(_totals(frame, cols)):
        if v is None:
            continue
        if isinstance(v, str):
            write_string(r + n, j, v, fmts["total"])
        else:
            write_number(r + n, j, v, fmts["total"])
    ws.freeze_panes(r, 0)


def _write_csv(path: Path, frame: pd.DataFrame, cols: list[_Col]) -> None:
    prepared = [_cell_values(frame, c, for_csv=True)[1] for c in cols]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([c.header for c in cols])
        for row in zip(*prepared):
            w.writerow(["" if v is None else v for v in row])
        w.writerow(["" if v is None else v for v in _totals(frame, cols)])


def write_sample_data(out_dir: Path | None = None) -> list[Path]:
    """Write the shipped sample (40 halls, 12 months, `DEFAULT_SEED`, `SAMPLE_DENSITY`) as xlsx."""
    if out_dir is None:
        from .settings import SAMPLE_DATA_DIR
        out_dir = SAMPLE_DATA_DIR
    frames = generate_frames(halls=SAMPLE_HALLS, months=SAMPLE_MONTHS, seed=DEFAULT_SEED,
                             density=SAMPLE_DENSITY, end=DEFAULT_END)
    return write_exports(frames, Path(out_dir), fmt="xlsx")


if __name__ == "__main__":  # pragma: no cover
    for p in write_sample_data():
        print(p)
