"""Sentences of the import engine's messages (analytics.messages.Message), by code.

The engine builds `Message(code, **params)`; the page and the command line render it from
here. Parameter kinds are described in analytics/messages.py. The English sentence is also
what --json, the log and the rejections table keep.
"""

TEXT: dict[str, dict[str, str]] = {
    # --- putting messages together ----------------------------------------------------------
    "clauses": {"en": "{parts}", "zh": "{parts}"},
    "in_file": {"en": "{file}: {msg}", "zh": "{file}：{msg}"},
    "in_sheet": {"en": "sheet '{sheet}': {msg}", "zh": "工作表“{sheet}”：{msg}"},

    # --- reading files (readers.py) ---------------------------------------------------------
    "file_empty": {"en": "the file is empty (0 bytes).", "zh": "文件是空的（0 字节）。"},
    "file_type_unsupported": {
        "en": "unsupported file type {suffix}; expected one of {suffixes}.",
        "zh": "文件类型不受支持：{suffix}；应为以下类型之一：{suffixes}。"},
    "file_unopenable": {"en": "cannot be opened ({detail})", "zh": "无法打开文件（{detail}）"},
    "not_excel": {
        "en": "this is not an Excel workbook (the file does not start like .xlsx or .xls); if it is a CSV "
              "export, save it with the .csv extension.",
        "zh": "这不是 Excel 工作簿（文件开头既不像 .xlsx 也不像 .xls）；如果是 CSV 导出文件，请以 .csv 扩展名保存。"},
    "workbook_damaged": {"en": "the workbook is damaged (not a valid zip archive).",
                         "zh": "工作簿已损坏（不是有效的 zip 压缩包）。"},
    "zip_not_workbook": {"en": "this is a zip archive but not an Excel workbook.",
                         "zh": "这是一个 zip 压缩包，但不是 Excel 工作簿。"},
    "workbook_bomb": {
        "en": "the workbook would unpack to {unpacked_mb:,.0f} MB from {packed_mb:,.1f} MB (more than {ratio}× or "
              "{limit_gb:g} GB); refused as a possible decompression bomb. Export the data again, or split it.",
        "zh": "工作簿解压后将达 {unpacked_mb:,.0f} MB（文件本身 {packed_mb:,.1f} MB，超过 {ratio} 倍或 {limit_gb:g} GB），"
              "疑为“解压炸弹”，已拒绝。请重新导出，或拆分后再导入。"},
    "workbook_password": {"en": "the workbook is password-protected; remove the password and export again.",
                          "zh": "工作簿设有密码保护；请取消密码后重新导出。"},
    "workbook_encrypted": {
        "en": "the workbook is encrypted or password-protected; remove the password and export again.",
        "zh": "工作簿已加密或设有密码保护；请取消密码后重新导出。"},
    "workbook_unreadable": {"en": "the workbook cannot be read ({detail}).", "zh": "无法读取工作簿（{detail}）。"},
    "sheet_unreadable": {"en": "sheet {sheet} cannot be read ({detail}).",
                         "zh": "无法读取工作表“{sheet}”（{detail}）。"},
    "text_undecodable": {
        "en": "the text is neither UTF-8 nor GBK/GB18030 (first undecodable byte on line {line}); the file may mix "
              "encodings — save it again from Excel as 'CSV UTF-8'.",
        "zh": "文本既不是 UTF-8 编码，也不是 GBK/GB18030 编码（第 {line} 行出现第一个无法解码的字节）；"
              "文件可能混用了多种编码——请在 Excel 中另存为“CSV UTF-8”格式。"},
    "text_mixed_encodings": {
        "en": "the file mixes encodings — UTF-8 Chinese text up to line {line}, then bytes in another encoding "
              "(GBK?); save it again from Excel as 'CSV UTF-8'.",
        "zh": "文件混用了两种编码：第 {line} 行之前是 UTF-8 中文，之后是另一种编码（GBK？）；请在 Excel 中另存为“CSV UTF-8”。"},
    "binary_not_csv": {"en": "this is a binary file, not a CSV text export.",
                       "zh": "这是二进制文件，不是 CSV 文本导出文件。"},
    "csv_cell_too_long": {
        "en": "row {row} has a cell longer than {limit:,} characters; an export cell holds at most 32,767 "
              "(Excel's limit), so the file is damaged or not an export.",
        "zh": "第 {row} 行有一个单元格超过 {limit:,} 个字符；导出文件的单元格最多 32767 个字符（Excel 的上限），"
              "文件可能已损坏或并非系统导出。"},
    "csv_unparsable": {"en": "the CSV cannot be parsed ({detail}).", "zh": "无法解析 CSV 文件（{detail}）。"},
    "file_not_regular": {"en": "this is not a regular file (a device, a pipe or a directory); nothing was read.",
                         "zh": "这不是普通文件（而是设备、管道或目录），未读取任何内容。"},
    "file_too_big": {"en": "the file is {size_mb:,.0f} MB, over the limit of {limit_mb:,.0f} MB; split the export.",
                     "zh": "文件大小 {size_mb:,.0f} MB，超过 {limit_mb:,.0f} MB 的上限；请拆分导出文件。"},
    "csv_too_many_lines": {
        "en": "the CSV has {lines:,} lines, more than the limit of {limit:,} data rows per sheet allows; split the "
              "export into smaller files (refused before reading it).",
        "zh": "CSV 文件有 {lines:,} 行，超过每个工作表 {limit:,} 行数据的上限；请拆分成几个较小的文件（未读取即已拒绝）。"},
    "csv_line_too_long": {
        "en": "line {line:,} is {size_mb:,.1f} MB long (a line may be at most {limit_mb:g} MB); the file is damaged "
              "or not an export.",
        "zh": "第 {line:,} 行长达 {size_mb:,.1f} MB（每行最多 {limit_mb:g} MB）；文件可能已损坏或并非系统导出。"},
    "sheet_declares_too_many_rows": {
        "en": "sheet {sheet} declares {rows:,} rows ({ref}), over the limit of {limit:,} rows per sheet; split the "
              "export into smaller files (refused before reading it).",
        "zh": "工作表“{sheet}”声明有 {rows:,} 行（{ref}），超过每个工作表 {limit:,} 行的上限；请拆分成较小的文件（未读取即已拒绝）。"},
    "sheet_too_sparse": {
        "en": "sheet {sheet} spans {ref} ({area:,} cells) but holds {cells:,} cell(s); reading it would take "
              "gigabytes. Delete the far rows and columns (or copy the data to a new sheet) and save again.",
        "zh": "工作表“{sheet}”的范围是 {ref}（{area:,} 个单元格），但只有 {cells:,} 个单元格有内容，读取它要占用数 GB 内存。"
              "请删除远处多余的行和列（或把数据复制到新工作表）后重新保存。"},

    # --- the worker process that reads and checks a file (worker.py) -----------------------------
    "worker_crashed": {
        "en": "reading the file stopped the reader ({signal}); nothing was imported. The file is damaged, or needs "
              "more than the {memory_mb:,} MB a file may use; export it again or split it.",
        "zh": "读取此文件时读取程序中止（{signal}），未导入任何数据。文件可能已损坏，或所需内存超过每个文件 {memory_mb:,} MB "
              "的上限；请重新导出或拆分后再导入。"},
    "worker_out_of_memory": {
        "en": "reading the file needs more than the {memory_mb:,} MB a file may use; nothing was imported. Split the "
              "export into smaller files.",
        "zh": "读取此文件所需内存超过每个文件 {memory_mb:,} MB 的上限，未导入任何数据。请把导出文件拆分成几个较小的文件。"},
    "worker_cpu_limit": {
        "en": "reading the file took more than {seconds:,} s of processor time, the limit per file; nothing was "
              "imported. Split the export into smaller files.",
        "zh": "读取此文件耗用的处理器时间超过每个文件 {seconds:,} 秒的上限，未导入任何数据。请拆分成几个较小的文件。"},
    "worker_timeout": {
        "en": "reading the file took longer than {seconds:,} s, the limit per file; nothing was imported. Split the "
              "export into smaller files.",
        "zh": "读取此文件用时超过每个文件 {seconds:,} 秒的上限，未导入任何数据。请拆分成几个较小的文件。"},
    "worker_result_too_large": {
        "en": "the checked rows of this file are over {limit_mb:,} MB, the limit per file; nothing was imported. "
              "Split the export into smaller files.",
        "zh": "此文件检查后的数据超过每个文件 {limit_mb:,} MB 的上限，未导入任何数据。请拆分成几个较小的文件。"},
    "worker_failed": {
        "en": "the file could not be checked (an error in the checker, logged on the server); nothing was imported "
              "— please report this file.",
        "zh": "无法检查此文件（检查程序出错，详情已记入服务器日志），未导入任何数据——请把这个文件反馈给我们。"},
    "formulas_without_values": {
        "en": "the workbook has {n:,} formula cell(s) with no stored result, read as empty: open it in Excel and "
              "save it (or paste values), then import again",
        "zh": "工作簿中有 {n:,} 个公式单元格没有保存计算结果，读出来是空的：请用 Excel 打开并保存（或粘贴为数值）后再导入"},

    # --- a file as a whole (importer.parse_file, write_file) -------------------------------------
    "file_no_data": {"en": "the file has no data", "zh": "文件中没有数据"},
    "only_hidden": {"en": "only hidden sheets hold data ({sheets}); include hidden sheets to import them",
                    "zh": "只有隐藏的工作表中有数据（{sheets}）；如需导入，请选择包含隐藏工作表"},
    "doubts_unconfirmed": {
        "en": "nothing was imported — values need to be confirmed: {doubts} (confirm on the Import page, or run "
              "the import with --confirm-doubts)",
        "zh": "未导入任何数据——有需要确认的值：{doubts}（请在“导入数据”页面确认，或在命令行加 --confirm-doubts 再导入）"},
    "write_failed": {"en": "nothing was imported — the write failed ({detail})",
                     "zh": "未导入任何数据——写入数据库失败（{detail}）"},

    # --- headers and mappings (importer.parse_sheet, Mapping) ---------------------------------
    "sheet_empty": {"en": "empty sheet", "zh": "空工作表"},
    "sheet_check_failed": {
        "en": "the sheet could not be checked ({detail}); nothing from it is imported — please report this file",
        "zh": "无法检查此工作表（{detail}）；其中的数据均未导入——请把这个文件反馈给我们"},
    "no_header": {
        "en": "not recognised: no row in the first {n} looks like a header with known columns (e.g. {examples}). "
              "Give a column mapping.",
        "zh": "无法识别：前 {n} 行中没有一行像是含已知列的表头（例如 {examples}）。请指定列映射。"},
    "not_recognised": {
        "en": "not recognised: the headers look most like {dataset_zh} ({dataset_en}) but lack {missing}; found "
              "{found}. Rename the columns, or give a column mapping.",
        "zh": "无法识别：表头最接近“{dataset_zh}”，但缺少必填字段 {missing}；已找到：{found}。请修改列名，或指定列映射。"},
    "no_known_field": {"en": "no known field", "zh": "无已知字段"},
    "header_only": {"en": "only a header (row {row}): no data rows below it",
                    "zh": "只有表头（第 {row} 行），下面没有数据行"},
    "too_many_rows": {
        "en": "the sheet has {rows:,} data rows, over the limit of {limit:,} rows per sheet; split the export into "
              "smaller files",
        "zh": "工作表有 {rows:,} 行数据，超过每个工作表 {limit:,} 行的上限；请把导出文件拆分成几个较小的文件"},
    "mapping_required_unmapped": {"en": "the mapping leaves required fields unmapped: {fields}",
                                  "zh": "列映射没有对应以下必填字段：{fields}"},
    "mapping_columns_missing": {"en": "mapping names columns not in this sheet: {columns}",
                                "zh": "列映射中的这些列在本工作表中不存在：{columns}"},
    "column_twice": {"en": "column '{header}' appears twice; the first one (column {letter}) is used",
                     "zh": "列“{header}”出现了两次；使用第一次出现的那一列（第 {letter} 列）"},
    "mapping_bad_dataset": {"en": "{source}: 'dataset' must be one of {names}, got {value}",
                            "zh": "{source}：“dataset”必须是 {names} 之一，实际为 {value}"},
    "mapping_unknown_fields": {"en": "{source}: unknown field(s) for {dataset}: {names}",
                               "zh": "{source}：数据集 {dataset} 没有这些字段：{names}"},
    "mapping_unknown_scale": {"en": "{source}: unknown scale {value}; use one of {names}",
                              "zh": "{source}：未知的量表 {value}；请使用 {names} 之一"},

    # --- recognition evidence (recognise.py) -----------------------------------------------------
    "ev_known_header": {"en": "'{header}' is a known header", "zh": "“{header}”是已知的表头"},
    "ev_folded_header": {"en": "'{header}' reads as a known header", "zh": "“{header}”与已知表头同义"},
    "ev_holds": {"en": "'{header}' holds {words}", "zh": "“{header}”含有“{words}”"},
    "ev_known_values": {"en": "{hits}/{n} values are known {what}", "zh": "{hits}/{n} 个值是已知的{what}"},
    "ev_vocabulary": {"en": "{hits}/{n} values are words of its vocabulary", "zh": "{hits}/{n} 个值属于该字段的取值词表"},
    "ev_dates": {"en": "{hits}/{n} values are dates", "zh": "{hits}/{n} 个值是日期"},
    "ev_numbers": {"en": "{hits}/{n} values are numbers in range", "zh": "{hits}/{n} 个值是范围内的数字"},
    "ev_scores": {"en": "{hits}/{n} values are scores or satisfaction words", "zh": "{hits}/{n} 个值是评分或满意度用语"},
    "ev_yes_no": {"en": "{hits}/{n} values are yes/no", "zh": "{hits}/{n} 个值是“是/否”"},
    "ev_code_like": {"en": "{hits}/{n} values look like codes", "zh": "{hits}/{n} 个值像编码"},
    "ev_text": {"en": "{hits}/{n} values are text", "zh": "{hits}/{n} 个值是文字"},
    "ev_mapping": {"en": "given by the mapping", "zh": "由列映射指定"},
    "ev_no_values": {"en": "no values", "zh": "没有值"},

    # --- sheet warnings (importer) ------------------------------------------------------------
    "control_chars_removed": {
        "en": "{label}: control characters removed from {n} cell(s), first on row {row}",
        "zh": "{label}：已从 {n} 个单元格中删除控制字符，首次出现在第 {row} 行"},
    "percent_as_points": {
        "en": "{label}: {n} value(s) written as percentages were read as points of the 0–100 scale "
              "(e.g. {example} → {value:g})",
        "zh": "{label}：{n} 个以百分数书写的值已按百分制分数读取（例如 {example} → {value:g}）"},
    "words_as_numbers": {
        "en": "{label}: {n} value(s) written as words were read as numbers (e.g. {example} → {value:g})",
        "zh": "{label}：{n} 个以文字书写的值已读作数字（例如 {example} → {value:g}）"},
    "values_not_understood": {
        "en": "{n} value(s) of {label} not understood, stored empty (e.g. {examples})",
        "zh": "{label} 有 {n} 个值无法识别，已存为空值（例如 {examples}）"},
    "values_out_of_bounds": {
        "en": "{n} value(s) of {label} outside {bounds}, stored empty (e.g. {examples})",
        "zh": "{label} 有 {n} 个值超出允许范围（{bounds}），已存为空值（例如 {examples}）"},
    "rows_waiting": {
        "en": "{n:,} row(s) wait for {halls} hall code(s) not in the halls list: {codes}{more}; they are kept and "
              "counted once the halls list has them",
        "zh": "{n:,} 行数据所属的 {halls} 个营业厅编码不在厅店清单中：{codes}{more}；这些行已保留，待厅店清单加入这些厅后即计入统计"},
    "zeros_restored": {
        "en": "{label}: {n} code(s) had lost their leading zeros and were matched to known halls (e.g. {given} → "
              "{restored})",
        "zh": "{label}：{n} 个编码丢失了开头的 0，已按已知营业厅补全（例如 {given} → {restored}）"},
    "resolved_without_time": {
        "en": "{n} ticket(s) resolved/closed without a resolution time (办结时间): kept as resolved, outside the "
              "48-hour rate",
        "zh": "{n} 张工单状态为已办结/已关闭但没有办结时间：按已办结保留，不计入48小时办结率"},
    "dates_month_first": {
        "en": "{label}: dates such as '{value}' were read as month/day/year (no day above 12 in the column tells "
              "otherwise)",
        "zh": "{label}：“{value}”这类日期已按“月/日/年”读取（该列中没有大于 12 的日，无法判断为“日/月/年”）"},
    "rows_replaced": {"en": "{n} row(s) replaced an earlier import of the same {key} (latest import wins)",
                      "zh": "{n} 行替换了之前导入的同一{key}的记录（以最新导入为准）"},
    "rows_older": {"en": "{n} row(s) older than what is stored: kept the stored",
                   "zh": "{n} 行比数据库中已有的记录更旧：保留已有记录"},

    # --- doubts: confirmed before the commit (importer._check_doubts) ------------------------------
    "doubt_nps_scale": {
        "en": "{label}: every value is between {low:g} and {high:g}, but the field is on the 0–10 scale; answers "
              "on a 1–5 scale would give a wrong NPS. Map the column to another field, or confirm that the values "
              "are on the 0–10 scale",
        "zh": "{label}：所有值都在 {low:g} 到 {high:g} 之间，但该字段是 0–10 分制；若是 1–5 分的答案，NPS 会算错。"
              "请把该列映射到其他字段，或确认这些值确为 0–10 分"},
    "doubt_fraction_points": {
        "en": "{label}: every value is between {low:g} and {high:g}, but the field is on the 0–100 scale; "
              "fractions would all fail. Confirm that the values are points, or correct the file",
        "zh": "{label}：所有值都在 {low:g} 到 {high:g} 之间，但该字段是百分制；若是小数比例，所有人都会判为不及格。"
              "请确认这些值确为分数，或修正文件"},
    "doubt_declared_ten": {
        "en": "{label}: the sheet declares the 0–10 scale but every answer is between {low:g} and {high:g}; "
              "confirm the scale, or declare the 5-point scale",
        "zh": "{label}：工作表声明的是 0–10 分制，但所有答案都在 {low:g} 到 {high:g} 之间；请确认量表，或改为声明五分制"},

    # --- cell values (coerce.py; "label" is the column's header in the file) ------------------------
    "not_a_known_value": {
        "en": "{label}: '{value}' is not a known value (expected one of {allowed} or their Chinese words)",
        "zh": "{label}：“{value}”不是可识别的取值（应为 {allowed} 或对应的中文词）"},
    "not_a_number": {"en": "{label}: '{value}' is not a number", "zh": "{label}：“{value}”不是数字"},
    "number_not_finite": {"en": "{label}: '{value}' is not a finite number", "zh": "{label}：“{value}”不是有限的数值"},
    "number_too_large": {"en": "{label}: {value} is beyond ±{limit:,.0f}, more than any real figure",
                         "zh": "{label}：{value} 超出 ±{limit:,.0f}，不是真实的数据"},
    "cell_too_long": {
        "en": "a cell of {length:,} characters, more than the {limit:,} a cell may hold (Excel's limit)",
        "zh": "单元格长达 {length:,} 个字符，超过每个单元格 {limit:,} 个字符的上限（Excel 的上限）"},
    "date_too_early": {"en": "{field} {stamp} is before {earliest}, too early to be real",
                       "zh": "{field} {stamp} 早于 {earliest}，不是真实的日期"},
    "not_whole_number": {"en": "{label}: '{value}' should be a whole number", "zh": "{label}：“{value}”应为整数"},
    "not_yes_no": {"en": "{label}: '{value}' is not yes/no (是/否, Y/N, 通过/未通过 …)",
                   "zh": "{label}：“{value}”不是“是/否”（可填 是/否、Y/N、通过/未通过 …）"},
    "number_not_date": {
        "en": "{label}: {value} is not a date (numbers in a date column must be Excel date serials)",
        "zh": "{label}：{value} 不是日期（日期列中的数字必须是 Excel 日期序列值）"},
    "time_without_date": {"en": "{label}: '{value}' is a time without a date", "zh": "{label}：“{value}”只有时间，没有日期"},
    "not_a_date": {"en": "{label}: '{value}' is not a date (expected e.g. {examples} or an Excel date)",
                   "zh": "{label}：“{value}”不是日期（应为 {examples} 这样的格式，或 Excel 日期）"},
    "date_ambiguous": {
        "en": "{label}: '{value}' is ambiguous — this column mixes day/month/year and month/day/year dates",
        "zh": "{label}：“{value}”有歧义——该列同时有“日/月/年”和“月/日/年”两种写法的日期"},
    "invalid_date": {"en": "{label}: '{value}' is not a valid date", "zh": "{label}：“{value}”不是有效的日期"},

    # --- row checks (importer._validate_*, _check_keys) ----------------------------------------
    "unknown_hall_name": {"en": "unknown hall name '{value}' (not in the halls list)",
                          "zh": "未知的营业厅名称“{value}”（不在厅店清单中）"},
    "no_hall_for_staff": {
        "en": "no hall for staff '{value}': the export has no hall column and the staff list does not know this "
              "person",
        "zh": "员工“{value}”找不到所属营业厅：导出文件没有营业厅列，员工名单中也没有此人"},
    "required_empty": {"en": "required field {field_zh} ({field_en}) is empty", "zh": "必填字段“{field_zh}”为空"},
    "value_out_of_bounds": {"en": "{field} {value:g} is outside {bounds}", "zh": "{field} {value:g} 超出允许范围（{bounds}）"},
    "in_future": {"en": "{field} {stamp} is in the future", "zh": "{field} {stamp} 晚于导入时间，是未来的时间"},
    "scale_unknown": {"en": "scale '{value}' is not one of {names} (三分制/五分制/十分制)",
                      "zh": "量表“{value}”无法识别，应为 {names}（三分制/五分制/十分制）之一"},
    "scale_missing": {
        "en": "no scale declared for the score: add a 量表 column (三分制/五分制/十分制), a header such as {example}, "
              "or a mapping with a scale; scales are never guessed",
        "zh": "评分没有声明量表：请添加“量表”列（三分制/五分制/十分制）、使用“{example}”这样的表头，"
              "或在列映射中指定量表；系统不会猜测量表"},
    "score_outside_scale": {"en": "score {value:g} is outside the declared {scale} scale ({low:g}–{high:g})",
                            "zh": "评分 {value:g} 超出所声明量表“{scale}”的范围（{low:g}–{high:g}）"},
    "time_before_received": {"en": "{part} time {stamp} is before the ticket was received ({received})",
                             "zh": "{part}时间 {stamp} 早于工单受理时间（{received}）"},
    "left_before_hired": {"en": "left on {left} before being hired on {hired}",
                          "zh": "离职日期 {left} 早于入职日期 {hired}"},
    "no_outcome_nor_contacts": {
        "en": "neither an outcome (营销结果: 成功/意向/失败, one contact) nor a contact count (接触客户数, a daily "
              "report) is given",
        "zh": "既没有营销结果（营销结果：成功/意向/失败，即一次客户接触），也没有接触客户数（接触客户数，即日报）"},
    "interested_over_contacts": {"en": "{interested:g} interested is more than {contacts:g} contacts",
                                 "zh": "意向客户数 {interested:g} 大于接触客户数 {contacts:g}"},
    "converted_over_interested": {"en": "{converted:g} converted is more than {interested:g} interested",
                                  "zh": "成功办理数 {converted:g} 大于意向客户数 {interested:g}"},
    "duplicate_key": {"en": "duplicate key: the same {labels} ({key}) as row {row}",
                      "zh": "主键重复：{labels}（{key}）与第 {row} 行相同"},

    # --- undo and the database (storage) ---------------------------------------------------------
    "undo_unknown": {"en": "There is no import batch {batch}.", "zh": "没有批次 {batch}。"},
    "undo_already_undone": {"en": "Batch {batch} was already undone.", "zh": "批次 {batch} 已经撤销过了。"},
    "undo_overwritten": {
        "en": "Batch {batch} cannot be undone: batch {later} later updated some of its rows ({dataset}). Undo batch "
              "{later} first.",
        "zh": "批次 {batch} 不能撤销：之后的批次 {later} 更新了它的部分记录（{dataset}）。请先撤销批次 {later}。"},
    "undo_orphans": {
        "en": "Batch {batch} cannot be undone: it added {halls:,} hall(s) that {rows:,} row(s) of {dataset} still "
              "refer to (e.g. hall {example}). Undo the batches of those rows first.",
        "zh": "批次 {batch} 不能撤销：它新增的 {halls:,} 个营业厅仍被{dataset}中的 {rows:,} 条记录引用（例如营业厅 {example}）。"
              "请先撤销那些记录所在的批次。"},
    "database_busy": {
        "en": "The database {path} is in use by another program{process}. Stop the running app (or use its Import "
              "page), or point --db / HALL_ANALYTICS_DB at another file, then try again.",
        "zh": "数据库 {path} 正被另一个程序{process}使用。请先停止正在运行的应用（或改用应用的“导入数据”页面），"
              "或用 --db / HALL_ANALYTICS_DB 指定另一个数据库文件，然后重试。"},
    "database_busy_process": {"en": " (process {pid})", "zh": "（进程 {pid}）"},
}
