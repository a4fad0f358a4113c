"""The Chinese version of the import engine's messages.

The engine (readers, coerce, importer, storage) writes its file errors, sheet warnings,
row rejection reasons and undo refusals in English, with the variable parts (file and
sheet names, headers, cell values, numbers, dates) embedded. `to_chinese` rewrites them
from an ordered list of (regular expression, Chinese template) pairs, `PATTERNS` below:
each English form sits next to its Chinese text. Named groups are carried over into the
template unchanged, except for a few kinds, chosen by the group's name (digits at the
end are ignored, so `msg2` is a `msg`):

    msg      a message in its own right, translated recursively
    fields   required-field labels "营业厅编码/Hall code, 地市/City" -> "营业厅编码、地市"
    dataset  a dataset's English label ("Complaint tickets") -> its Chinese label
    scale    a survey scale's English label ("5-point (1–5)") -> its Chinese label
    part     the complaint time that is out of order ("first response", "resolution")
    suffix   a file suffix, or "(none)"
    found    the fields found in an unrecognised header, or "no known field"

Compound messages are taken apart and their parts translated the same way: reasons
joined with "; " (FileResult.error joins one "sheet 'S': ..." per sheet the same way),
and a "file name: " or "column label: " in front of a message. A text no pattern covers is
returned unchanged, so nothing is ever lost; `untranslated` lists what was left in
English, and the tests run real imports through it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import schema

# Groups that hold a column label, file or sheet name: anything but ": ", so that
# "file.xlsx: 营业厅编码: 'x' is not a number" splits at the file name first.
_L = r"(?:(?!: ).)+?"


def _p(regex: str) -> re.Pattern[str]:
    return re.compile(regex.replace("{L}", _L), re.DOTALL)


# Most specific first: the first pattern that matches the whole text (and whose `msg`
# groups translate) wins.
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # --- file structure (importer.parse_file, write_file, import_paths) -----------------
    (_p(r"sheet '(?P<sheet>.*?)': (?P<msg>.+)"),
     "工作表“{sheet}”：{msg}"),
    (_p(r"the file has no data"),
     "文件中没有数据"),
    (_p(r"empty sheet"),
     "空工作表"),
    (_p(r"nothing was imported — the write failed \((?P<detail>.*)\)"),
     "未导入任何数据——写入数据库失败（{detail}）"),
    (_p(r"cannot be opened \((?P<detail>.*)\)"),
     "无法打开文件（{detail}）"),

    # --- recognition evidence (recognise.py), parts joined by "; " ---------------------------
    (_p(r"'(?P<header>.*)' is a known header"), "“{header}”是已知的表头"),
    (_p(r"'(?P<header>.*)' reads as a known header"), "“{header}”与已知表头同义"),
    (_p(r"'(?P<header>.*)' holds (?P<words>[^;']+)"), "“{header}”含有“{words}”"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are known halls"), "{a}/{n} 个值是已知的营业厅编码"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are known hall names"), "{a}/{n} 个值是已知的营业厅名称"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are known staff"), "{a}/{n} 个值是已知的员工编号"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are known codes"), "{a}/{n} 个值是已知的编码"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are words of its vocabulary"), "{a}/{n} 个值属于该字段的取值词表"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are dates"), "{a}/{n} 个值是日期"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are numbers in range"), "{a}/{n} 个值是范围内的数字"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are scores or satisfaction words"), "{a}/{n} 个值是评分或满意度用语"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are yes/no"), "{a}/{n} 个值是“是/否”"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values look like codes"), "{a}/{n} 个值像编码"),
    (_p(r"(?P<a>\d+)/(?P<n>\d+) values are text"), "{a}/{n} 个值是文字"),
    (_p(r"given by the mapping"), "由列映射指定"),
    (_p(r"no values"), "没有值"),

    # --- reading files (readers.py; the engine puts "file name: " in front) ---------------
    (_p(r"the file is empty \(0 bytes\)\."),
     "文件是空的（0 字节）。"),
    (_p(r"unsupported file type (?P<suffix>\S+); expected one of (?P<suffixes>.+)\."),
     "文件类型不受支持：{suffix}；应为以下类型之一：{suffixes}。"),
    (_p(r"this is not an Excel workbook \(the file does not start like \.xlsx or \.xls\); "
        r"if it is a CSV export, save it with the \.csv extension\."),
     "这不是 Excel 工作簿（文件开头既不像 .xlsx 也不像 .xls）；如果是 CSV 导出文件，请以 .csv 扩展名保存。"),
    (_p(r"the workbook is damaged \(not a valid zip archive\)\."),
     "工作簿已损坏（不是有效的 zip 压缩包）。"),
    (_p(r"this is a zip archive but not an Excel workbook\."),
     "这是一个 zip 压缩包，但不是 Excel 工作簿。"),
    (_p(r"the workbook is password-protected; remove the password and export again\."),
     "工作簿设有密码保护；请取消密码后重新导出。"),
    (_p(r"the workbook is encrypted or password-protected; remove the password and export again\."),
     "工作簿已加密或设有密码保护；请取消密码后重新导出。"),
    (_p(r"the workbook cannot be read \((?P<detail>.*)\)\."),
     "无法读取工作簿（{detail}）。"),
    (_p(r"(?P<file>{L}), sheet (?P<sheet>.+?): cannot be read \((?P<detail>.*)\)\."),
     "{file}，工作表“{sheet}”：无法读取（{detail}）。"),
    (_p(r"the text is neither UTF-8 nor GBK/GB18030 \(first undecodable byte on line (?P<line>\d+)\); "
        r"the file may mix encodings — save it again from Excel as 'CSV UTF-8'\."),
     "文本既不是 UTF-8 编码，也不是 GBK/GB18030 编码（第 {line} 行出现第一个无法解码的字节）；"
     "文件可能混用了多种编码——请在 Excel 中另存为“CSV UTF-8”格式。"),
    (_p(r"the workbook would unpack to (?P<big>[\d,.]+) MB from (?P<small>[\d,.]+) MB \(more than "
        r"(?P<ratio>\d+)× or (?P<gb>[\d.]+) GB\); refused as a possible decompression bomb\. Export the data "
        r"again, or split it\."),
     "工作簿解压后将达 {big} MB（文件本身 {small} MB，超过 {ratio} 倍或 {gb} GB），疑为“解压炸弹”，已拒绝。请重新导出，或拆分后再导入。"),
    (_p(r"row (?P<row>\d+) has a cell longer than (?P<limit>[\d,]+) characters; an export cell holds at most "
        r"32,767 \(Excel's limit\), so the file is damaged or not an export\."),
     "第 {row} 行有一个单元格超过 {limit} 个字符；导出文件的单元格最多 32767 个字符（Excel 的上限），文件可能已损坏或并非系统导出。"),
    (_p(r"the file mixes encodings — UTF-8 Chinese text up to line (?P<line>\d+), then bytes in another "
        r"encoding \(GBK\?\); save it again from Excel as 'CSV UTF-8'\."),
     "文件混用了两种编码：第 {line} 行之前是 UTF-8 中文，之后是另一种编码（GBK？）；请在 Excel 中另存为“CSV UTF-8”。"),
    (_p(r"the sheet could not be checked \((?P<detail>.*)\); nothing from it is imported — please report this file"),
     "无法检查此工作表（{detail}）；其中的数据均未导入——请把这个文件反馈给我们"),
    (_p(r"only a header \(row (?P<row>\d+)\): no data rows below it"),
     "只有表头（第 {row} 行），下面没有数据行"),
    (_p(r"(?P<label>{L}): control characters removed from (?P<n>[\d,]+) cell\(s\), first on row (?P<row>\d+)"),
     "{label}：已从 {n} 个单元格中删除控制字符，首次出现在第 {row} 行"),
    (_p(r"the workbook has (?P<n>[\d,]+) formula cell\(s\) with no stored result, read as empty: open it in "
        r"Excel and save it \(or paste values\), then import again"),
     "工作簿中有 {n} 个公式单元格没有保存计算结果，读出来是空的：请用 Excel 打开并保存（或粘贴为数值）后再导入"),
    (_p(r"this is a binary file, not a CSV text export\."),
     "这是二进制文件，不是 CSV 文本导出文件。"),
    (_p(r"the CSV cannot be parsed \((?P<detail>.*)\)\."),
     "无法解析 CSV 文件（{detail}）。"),

    # --- headers and mappings (importer.parse_sheet, recognise, Mapping) ------------------
    (_p(r"not recognised: no row in the first (?P<n>\d+) looks like a header with known columns "
        r"\(e\.g\. (?P<examples>.+?)\)\. Give a column mapping\."),
     "无法识别：前 {n} 行中没有一行像是含已知列的表头（例如 {examples}）。请指定列映射。"),
    (_p(r"not recognised: the headers look most like (?P<dataset_zh>.+?) \((?P<dataset_en>.+?)\) but lack "
        r"(?P<fields>.+?); found (?P<found>.+)\. Rename the columns, or give a column mapping\."),
     "无法识别：表头最接近“{dataset_zh}”，但缺少必填字段 {fields}；已找到：{found}。请修改列名，或指定列映射。"),
    (_p(r"the mapping leaves required fields unmapped: (?P<fields>.+)"),
     "列映射没有对应以下必填字段：{fields}"),
    (_p(r"mapping names columns not in this sheet: (?P<columns>.+)"),
     "列映射中的这些列在本工作表中不存在：{columns}"),
    (_p(r"column '(?P<header>.*)' appears twice; the first one \(column (?P<letter>[A-Z]+)\) is used"),
     "列“{header}”出现了两次；使用第一次出现的那一列（第 {letter} 列）"),
    (_p(r"the sheet has (?P<rows>[\d,]+) data rows, over the limit of (?P<limit>[\d,]+) rows per sheet; "
        r"split the export into smaller files"),
     "工作表有 {rows} 行数据，超过每个工作表 {limit} 行的上限；请把导出文件拆分成几个较小的文件"),
    (_p(r"(?P<source>{L}): 'dataset' must be one of (?P<names>.+), got (?P<value>.*)"),
     "{source}：“dataset”必须是 {names} 之一，实际为 {value}"),
    (_p(r"(?P<source>{L}): unknown field\(s\) for (?P<code>\S+): (?P<names>.+)"),
     "{source}：数据集 {code} 没有这些字段：{names}"),
    (_p(r"(?P<source>{L}): unknown scale (?P<value>.*); use one of (?P<names>.+)"),
     "{source}：未知的量表 {value}；请使用 {names} 之一"),

    # --- sheet warnings ----------------------------------------------------------------
    (_p(r"(?P<n>[\d,]+) row\(s\) replaced an earlier import of the same (?P<labels>.+) \(latest import wins\)"),
     "{n} 行替换了之前导入的同一{labels}的记录（以最新导入为准）"),
    (_p(r"(?P<n>[\d,]+) row\(s\) older than what is stored: kept the stored"),
     "{n} 行比数据库中已有的记录更旧：保留已有记录"),
    (_p(r"(?P<n>[\d,]+) value\(s\) of (?P<label>.+?) not understood, stored empty \(e\.g\. (?P<examples>.*)\)"),
     "{label} 有 {n} 个值无法识别，已存为空值（例如 {examples}）"),
    (_p(r"(?P<n>[\d,]+) value\(s\) of (?P<label>.+?) outside (?P<bounds>\S+–\S+|[≥≤] \S+), stored empty "
        r"\(e\.g\. (?P<examples>.*)\)"),
     "{label} 有 {n} 个值超出允许范围（{bounds}），已存为空值（例如 {examples}）"),
    (_p(r"(?P<n>[\d,]+) row\(s\) wait for (?P<halls>[\d,]+) hall code\(s\) not in the halls list: (?P<codes>.+?); "
        r"they are kept and counted once the halls list has them"),
     "{n} 行数据所属的 {halls} 个营业厅编码不在厅店清单中：{codes}；这些行已保留，待厅店清单加入这些厅后即计入统计"),
    (_p(r"(?P<label>{L}): (?P<n>[\d,]+) value\(s\) written as percentages were read as points of the 0–100 "
        r"scale \(e\.g\. (?P<example>.*) → (?P<value>\S+)\)"),
     "{label}：{n} 个以百分数书写的值已按百分制分数读取（例如 {example} → {value}）"),
    (_p(r"(?P<label>{L}): (?P<n>[\d,]+) value\(s\) written as words were read as numbers "
        r"\(e\.g\. (?P<example>.*) → (?P<value>\S+)\)"),
     "{label}：{n} 个以文字书写的值已读作数字（例如 {example} → {value}）"),
    (_p(r"(?P<label>{L}): (?P<n>[\d,]+) code\(s\) had lost their leading zeros and were matched to known halls "
        r"\(e\.g\. (?P<a>\S+) → (?P<b>\S+)\)"),
     "{label}：{n} 个编码丢失了开头的 0，已按已知营业厅补全（例如 {a} → {b}）"),
    (_p(r"(?P<label>{L}): every value is between (?P<low>\S+) and (?P<high>\S+), but the field is on the 0–10 "
        r"scale; answers on a 1–5 scale would give a wrong NPS\. Map the column to another field, or confirm "
        r"that the values are on the 0–10 scale"),
     "{label}：所有值都在 {low} 到 {high} 之间，但该字段是 0–10 分制；若是 1–5 分的答案，NPS 会算错。"
     "请把该列映射到其他字段，或确认这些值确为 0–10 分"),
    (_p(r"(?P<label>{L}): every value is between (?P<low>\S+) and (?P<high>\S+), but the field is on the 0–100 "
        r"scale; fractions would all fail\. Confirm that the values are points, or correct the file"),
     "{label}：所有值都在 {low} 到 {high} 之间，但该字段是百分制；若是小数比例，所有人都会判为不及格。"
     "请确认这些值确为分数，或修正文件"),
    (_p(r"(?P<label>{L}): the sheet declares the 0–10 scale but every answer is between (?P<low>\S+) and "
        r"(?P<high>\S+); confirm the scale, or declare the 5-point scale"),
     "{label}：工作表声明的是 0–10 分制，但所有答案都在 {low} 到 {high} 之间；请确认量表，或改为声明五分制"),
    (_p(r"nothing was imported — values need to be confirmed: (?P<msg>.+) \(confirm on the Import page, or run "
        r"the import with --confirm-doubts\)"),
     "未导入任何数据——有需要确认的值：{msg}（请在“导入数据”页面确认，或在命令行加 --confirm-doubts 再导入）"),
    (_p(r"only hidden sheets hold data \((?P<sheets>.+)\); include hidden sheets to import them"),
     "只有隐藏的工作表中有数据（{sheets}）；如需导入，请选择包含隐藏工作表"),
    (_p(r"(?P<label>{L}): dates such as '(?P<value>.*)' were read as month/day/year "
        r"\(no day above 12 in the column tells otherwise\)"),
     "{label}：“{value}”这类日期已按“月/日/年”读取（该列中没有大于 12 的日，无法判断为“日/月/年”）"),

    # --- cell values (coerce.py; "label" is the column's header in the file) ---------------
    (_p(r"(?P<label>{L}): '(?P<value>.*)' is not a known value \(expected one of (?P<allowed>.*) "
        r"or their Chinese words\)"),
     "{label}：“{value}”不是可识别的取值（应为 {allowed} 或对应的中文词）"),
    (_p(r"(?P<label>{L}): '(?P<value>.*)' is not a number"),
     "{label}：“{value}”不是数字"),
    (_p(r"(?P<label>{L}): '(?P<value>.*)' should be a whole number"),
     "{label}：“{value}”应为整数"),
    (_p(r"(?P<label>{L}): '(?P<value>.*)' is not yes/no \(是/否, Y/N, 通过/未通过 …\)"),
     "{label}：“{value}”不是“是/否”（可填 是/否、Y/N、通过/未通过 …）"),
    (_p(r"(?P<label>{L}): (?P<value>.*) is not a date \(numbers in a date column must be Excel date serials\)"),
     "{label}：{value} 不是日期（日期列中的数字必须是 Excel 日期序列值）"),
    (_p(r"(?P<label>{L}): '(?P<value>.*)' is a time without a date"),
     "{label}：“{value}”只有时间，没有日期"),
    (_p(r"(?P<label>{L}): '(?P<value>.*)' is not a date \(expected e\.g\. (?P<examples>.+) or an Excel date\)"),
     "{label}：“{value}”不是日期（应为 {examples} 这样的格式，或 Excel 日期）"),
    (_p(r"(?P<label>{L}): '(?P<value>.*)' is ambiguous — this column mixes day/month/year and "
        r"month/day/year dates"),
     "{label}：“{value}”有歧义——该列同时有“日/月/年”和“月/日/年”两种写法的日期"),
    (_p(r"(?P<label>{L}): '(?P<value>.*)' is not a valid date"),
     "{label}：“{value}”不是有效的日期"),

    # --- row checks (importer._validate_*, _check_keys) ----------------------------------
    (_p(r"unknown hall code '(?P<value>.*)' \(not in the halls list; import the halls list first\)"),
     "未知的营业厅编码“{value}”（不在厅店清单中；请先导入厅店清单）"),
    (_p(r"unknown hall name '(?P<value>.*)' \(not in the halls list\)"),
     "未知的营业厅名称“{value}”（不在厅店清单中）"),
    (_p(r"no hall for staff '(?P<value>.*)': the export has no hall column and the staff list "
        r"does not know this person"),
     "员工“{value}”找不到所属营业厅：导出文件没有营业厅列，员工名单中也没有此人"),
    (_p(r"required field (?P<field>.+?) \((?P<field_en>.+)\) is empty"),
     "必填字段“{field}”为空"),
    (_p(r"score (?P<value>\S+) is outside the declared (?P<scale>.+) scale \((?P<low>\S+)–(?P<high>\S+)\)"),
     "评分 {value} 超出所声明量表“{scale}”的范围（{low}–{high}）"),
    (_p(r"(?P<field>.+?) (?P<value>\S+) is outside (?P<bounds>\S+–\S+|[≥≤] \S+)"),
     "{field} {value} 超出允许范围（{bounds}）"),
    (_p(r"(?P<field>.+?) (?P<stamp>\S+(?: \S+)?) is in the future"),
     "{field} {stamp} 晚于导入时间，是未来的时间"),
    (_p(r"scale '(?P<value>.*)' is not one of (?P<names>.+?) \(三分制/五分制/十分制\)"),
     "量表“{value}”无法识别，应为 {names}（三分制/五分制/十分制）之一"),
    (_p(r"no scale declared for the score: add a 量表 column \(三分制/五分制/十分制\), a header such as "
        r"(?P<example>.+?), or a mapping with a scale; scales are never guessed"),
     "评分没有声明量表：请添加“量表”列（三分制/五分制/十分制）、使用“{example}”这样的表头，"
     "或在列映射中指定量表；系统不会猜测量表"),
    (_p(r"(?P<part>first response|resolution) time (?P<stamp>.+?) is before the ticket was received "
        r"\((?P<received>.+)\)"),
     "{part}时间 {stamp} 早于工单受理时间（{received}）"),
    (_p(r"(?P<n>\d+) ticket\(s\) resolved/closed without a resolution time \(办结时间\): kept as resolved, "
        r"outside the 48-hour rate"),
     "{n} 张工单状态为已办结/已关闭但没有办结时间：按已办结保留，不计入48小时办结率"),
    (_p(r"left on (?P<left>\S+) before being hired on (?P<hired>\S+)"),
     "离职日期 {left} 早于入职日期 {hired}"),
    (_p(r"neither an outcome \(营销结果: 成功/意向/失败, one contact\) nor a contact count "
        r"\(接触客户数, a daily report\) is given"),
     "既没有营销结果（营销结果：成功/意向/失败，即一次客户接触），也没有接触客户数（接触客户数，即日报）"),
    (_p(r"(?P<a>\S+) interested is more than (?P<b>\S+) contacts"),
     "意向客户数 {a} 大于接触客户数 {b}"),
    (_p(r"(?P<a>\S+) converted is more than (?P<b>\S+) interested"),
     "成功办理数 {a} 大于意向客户数 {b}"),
    (_p(r"duplicate key: the same (?P<labels>.+?) \((?P<key>.*)\) as row (?P<row>\d+)"),
     "主键重复：{labels}（{key}）与第 {row} 行相同"),

    # --- undo and the database (storage.UndoRefused, DatabaseBusyError) ---------------------
    (_p(r"There is no import batch (?P<batch>\d+)\."),
     "没有导入批次 {batch}。"),
    (_p(r"Batch (?P<batch>\d+) was already undone\."),
     "导入批次 {batch} 已经撤销过了。"),
    (_p(r"Batch (?P<batch>\d+) cannot be undone: batch (?P<later>\d+) later updated some of its rows "
        r"\((?P<dataset>.+)\)\. Undo batch (?P=later) first\."),
     "导入批次 {batch} 不能撤销：之后的导入批次 {later} 更新了它的部分记录（{dataset}）。请先撤销导入批次 {later}。"),
    (_p(r"The database (?P<path>.+?) is in use by another program \(process (?P<pid>\d+)\)\. Stop the running "
        r"app \(or use its Import page\), or point --db / HALL_ANALYTICS_DB at another file, then try again\."),
     "数据库 {path} 正被另一个程序（进程 {pid}）使用。请先停止正在运行的应用（或改用应用的“导入数据”页面），"
     "或用 --db / HALL_ANALYTICS_DB 指定另一个数据库文件，然后重试。"),
    (_p(r"The database (?P<path>.+?) is in use by another program\. Stop the running "
        r"app \(or use its Import page\), or point --db / HALL_ANALYTICS_DB at another file, then try again\."),
     "数据库 {path} 正被另一个程序使用。请先停止正在运行的应用（或改用应用的“导入数据”页面），"
     "或用 --db / HALL_ANALYTICS_DB 指定另一个数据库文件，然后重试。"),
]

# How compound messages are put together, in English and in Chinese.
JOIN_EN, JOIN_ZH = "; ", "；"      # several reasons of a row, several sheets of a file
PREFIX_EN, PREFIX_ZH = ": ", "："  # "file name: message", "column label: message"
SPLIT_ANY_UP_TO, SPLIT_GROUP_MAX = 10, 6


# --- the variable parts that are not carried over as they are ---------------------------
_FIELD_LABELS = {f"{f.label_zh}/{f.label_en}": f.label_zh for ds in schema.DATASETS.values() for f in ds.fields}
_DATASET_LABELS = {ds.label_en: ds.label_zh for ds in schema.DATASETS.values()}
_SCALE_LABELS = {s.label_en: s.label_zh for s in schema.SCALES.values()}
_PARTS = {"first response": "首次响应", "resolution": "办结"}


def _fields(value: str) -> tuple[str, bool]:
    labels = [_FIELD_LABELS.get(item) for item in value.split(", ")]
    if None in labels:
        return value, False
    return "、".join(labels), True


def _lookup(table: dict[str, str]):
    return lambda value: (table[value], True) if value in table else (value, False)


_CONVERT = {
    "fields": _fields,
    "dataset": _lookup(_DATASET_LABELS),
    "scale": _lookup(_SCALE_LABELS),
    "part": _lookup(_PARTS),
    "suffix": lambda value: ("（无扩展名）", True) if value == "(none)" else (value, True),
    "found": lambda value: ("无已知字段", True) if value == "no known field" else (value, True),
}
# The kinds whose conversion can fail: left in English, they are reported by `untranslated`.
_MUST_CONVERT = {"fields", "dataset", "scale", "part"}


def _kind(group: str) -> str:
    return group.rstrip("0123456789")


# --- English to Chinese ----------------------------------------------------------------
# Internally every step returns (result, covered, clean): `covered` when every part of the
# text matched a pattern; `clean` when, besides, no carried-over value spans a "; " (a
# message ending in a value could otherwise swallow an untranslated reason after it).
_LATIN = re.compile(r"[A-Za-z]")


def to_chinese(text: str) -> str:
    """The Chinese version of an import engine message; parts no pattern covers stay as
    they are (a text matching nothing comes back unchanged)."""
    if not text:
        return text
    return _translate(text)[0]


def translate(text: str, lang: str) -> str:
    """`text` in the UI language `lang` ("zh" or "en"; the engine writes English)."""
    return to_chinese(text) if lang == "zh" else text


def _split_best(text: str, sep: str, leaf) -> tuple[list, bool, bool]:
    """`text` made of parts joined by `sep`, regrouped so that as many parts as possible
    are covered by a pattern (some messages contain `sep` themselves): most parts covered
    cleanly, then most covered, then more and smaller messages. `leaf(segment)` returns
    (result, covered, clean); this returns ([result of each group], covered, clean)."""
    pieces = text.split(sep)
    n = len(pieces)
    # A message holds a separator or two of its own (a value a few more): with many
    # parts, only regroup a few at a time, so a file error over 50 sheets stays fast.
    longest = n if n <= SPLIT_ANY_UP_TO else SPLIT_GROUP_MAX
    # best[i]: ((clean parts, covered parts, groups), results, covered, clean) for pieces[:i]
    best: list[tuple | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0), [], True, True)
    for i in range(1, n + 1):
        for j in range(max(0, i - longest), i):
            (clean_n, covered_n, groups), results, covered, clean = best[j]
            out, ok, tidy = leaf(sep.join(pieces[j:i]))
            score = (clean_n + (i - j if tidy else 0), covered_n + (i - j if ok else 0), groups + 1)
            if best[i] is None or score > best[i][0]:
                best[i] = (score, results + [out], covered and ok, clean and tidy)
    _, results, covered, clean = best[n]
    return results, covered, clean


@lru_cache(maxsize=8192)
def _translate(text: str) -> tuple[str, bool, bool]:
    if not _LATIN.search(text):
        return text, True, True  # nothing English in it: already Chinese, or only values
    if JOIN_EN not in text:
        return _translate_one(text)
    parts, covered, clean = _split_best(text, JOIN_EN, _translate_one)
    if JOIN_EN.join(parts) == text:
        return text, False, False  # nothing translated: keep the English joins too
    return JOIN_ZH.join(parts), covered, clean


@lru_cache(maxsize=8192)
def _translate_one(text: str) -> tuple[str, bool, bool]:
    """One message, perhaps behind a "name: " prefix (not split at "; ")."""
    if not _LATIN.search(text):
        return text, True, True
    fallback = None
    for regex, template in PATTERNS:
        match = regex.fullmatch(text)
        if match is None:
            continue
        values, covered, clean = {}, True, True
        for name, value in match.groupdict().items():
            value = value or ""
            kind = _kind(name)
            if kind == "msg":
                values[name], ok, tidy = _translate(value)
            elif kind in _CONVERT:
                (values[name], ok), tidy = _CONVERT[kind](value), JOIN_EN not in value
            else:
                values[name], ok, tidy = value, True, JOIN_EN not in value
            covered, clean = covered and ok, clean and tidy
        result = (template.format(**values), covered, covered and clean)
        if result[2]:
            return result
        if fallback is None or (covered and not fallback[1]):
            fallback = result
    # "file name: message" or "label: message": the prefix is carried over.
    at = text.find(PREFIX_EN)
    while at > 0:
        prefix, rest = text[:at], text[at + len(PREFIX_EN):]
        out, covered, clean = _translate(rest)
        result = (prefix + PREFIX_ZH + out, covered, clean and JOIN_EN not in prefix)
        if result[2]:
            return result
        if out != rest and (fallback is None or (covered and not fallback[1])):
            fallback = result
        at = text.find(PREFIX_EN, at + 1)
    return fallback or (text, False, False)


# --- what was left in English -------------------------------------------------------------
def untranslated(text: str) -> list[str]:
    """The English fragments of `text` (an engine message, or its `to_chinese` version)
    that no pattern covered; [] when the Chinese version is complete."""
    if not text:
        return []
    return list(_leftovers(to_chinese(text))[0])


def _reverse(template: str) -> re.Pattern[str]:
    """A regular expression matching what `template` produces, its groups named as the
    template's fields (a field used twice must repeat its value)."""
    parts, seen, pos = [], set(), 0
    for field in re.finditer(r"\{(\w+)\}", template):
        parts.append(re.escape(template[pos:field.start()]))
        name = field.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
        seen.add(name)
        pos = field.end()
    parts.append(re.escape(template[pos:]))
    return re.compile("".join(parts), re.DOTALL)


_REVERSED = [_reverse(template) for _, template in PATTERNS]
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|'[^']*'|\"[^\"]*\"|「[^」]*」")
_TOKEN_WITH_MARKS = re.compile(r"\S*[\d._/\\@#]\S*")  # file names, paths, codes: not prose
_WORD = re.compile(r"[A-Za-z]{2,}")


def _looks_english(text: str) -> bool:
    """Whether `text` holds English words outside quoted values, file names and codes."""
    bare = _TOKEN_WITH_MARKS.sub(" ", _QUOTED.sub(" ", text))
    return bool(_WORD.search(bare))


@lru_cache(maxsize=8192)
def _leftovers(text: str) -> tuple[tuple[str, ...], bool, bool]:
    """(English fragments, covered, clean) of a text made by `to_chinese`."""
    if not _LATIN.search(text):
        return (), True, True
    if JOIN_ZH not in text:
        return _leftovers_one(text)
    parts, covered, clean = _split_best(text, JOIN_ZH, _leftovers_one)
    return tuple(item for found in parts for item in found), covered, clean


@lru_cache(maxsize=8192)
def _leftovers_one(text: str) -> tuple[tuple[str, ...], bool, bool]:
    if not _LATIN.search(text):
        return (), True, True
    fallback = None
    for regex in _REVERSED:
        match = regex.fullmatch(text)
        if match is None:
            continue
        found, clean = [], True
        for name, value in match.groupdict().items():
            kind = _kind(name)
            if kind == "msg":
                more, _, tidy = _leftovers(value)
                found += more
            else:
                if kind in _MUST_CONVERT and _looks_english(value):
                    found.append(value)  # a label that should have become Chinese
                tidy = JOIN_ZH not in value
            clean = clean and tidy
        result = (tuple(found), not found, not found and clean)
        if result[2]:
            return result
        if fallback is None or (result[1] and not fallback[1]):
            fallback = result
    at = text.find(PREFIX_ZH)
    while at > 0:
        found, covered, clean = _leftovers(text[at + len(PREFIX_ZH):])
        result = (found, covered, clean and JOIN_ZH not in text[:at])
        if result[2]:
            return result
        if fallback is None or (covered and not fallback[1]):
            fallback = result
        at = text.find(PREFIX_ZH, at + 1)
    if fallback is not None:
        return fallback
    english = _looks_english(text)
    return ((text,) if english else ()), not english, not english
