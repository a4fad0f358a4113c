"""Every string the UI shows, in Chinese and English. Chinese is the default.

Pages call `ui.t("key")`; a test checks that every key has both languages and that every
key a page uses exists here, so the UI can never be half translated.
"""
from __future__ import annotations

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"zh": "沟通100 营业厅分析", "en": "沟通100 Hall Analytics"},
    "language": {"zh": "语言 / Language", "en": "Language / 语言"},
    "page_data_status": {"zh": "数据概况", "en": "Data status"},
    "data_status_intro": {
        "zh": "数据库中各数据集的记录数与时间范围，以及每一次导入的记录。",
        "en": "How many rows each dataset holds and the dates they cover, and every import so far.",
    },
    "database_file": {"zh": "数据库文件：{path}", "en": "Database file: {path}"},
    "datasets": {"zh": "数据集", "en": "Datasets"},
    "import_log": {"zh": "导入记录", "en": "Import log"},
    "no_imports": {"zh": "还没有导入任何文件。", "en": "Nothing has been imported yet."},
    "empty_database": {
        "zh": "数据库是空的。运行 `python -m analytics sample` 载入示例数据，或用 `python -m analytics import 文件…` 导入导出文件。",
        "en": "The database is empty. Run `python -m analytics sample` to load the sample data, or "
              "`python -m analytics import FILE…` to import exports.",
    },
    "database_busy": {
        "zh": "数据库正被另一个程序使用（可能是命令行导入）。请等它完成后刷新页面。详情：{detail}",
        "en": "The database is in use by another program (perhaps a command-line import). Refresh when it "
              "has finished. Details: {detail}",
    },
    "col_dataset": {"zh": "数据集", "en": "Dataset"},
    "col_rows": {"zh": "记录数", "en": "Rows"},
    "col_first_date": {"zh": "最早日期", "en": "First date"},
    "col_last_date": {"zh": "最新日期", "en": "Latest date"},
    "col_batch": {"zh": "批次", "en": "Batch"},
    "col_file": {"zh": "文件", "en": "File"},
    "col_rows_read": {"zh": "读取行数", "en": "Rows read"},
    "col_accepted": {"zh": "接受", "en": "Accepted"},
    "col_rejected": {"zh": "拒绝", "en": "Rejected"},
    "col_inserted": {"zh": "新增", "en": "New"},
    "col_updated": {"zh": "更新", "en": "Updated"},
    "col_skipped_totals": {"zh": "跳过合计行", "en": "Totals rows skipped"},
    "col_started_at": {"zh": "开始时间", "en": "Started"},
    "col_status": {"zh": "状态", "en": "Status"},
    "status_committed": {"zh": "已提交", "en": "committed"},
    "status_undone": {"zh": "已撤销", "en": "undone"},
}
