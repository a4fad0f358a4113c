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
    # --- shared sidebar filters (ui.global_filters / ui.channel_filter) ---
    "filters": {"zh": "筛选", "en": "Filters"},
    "filter_period": {"zh": "期间", "en": "Period"},
    "filter_period_incomplete": {"zh": "请再选择结束日期；在此之前沿用上一个期间。",
                                 "en": "Pick an end date too; until then the previous period applies."},
    "filter_region": {"zh": "区域", "en": "Region"},
    "filter_city": {"zh": "地市", "en": "City"},
    "filter_hall": {"zh": "营业厅", "en": "Hall"},
    "filter_channel": {"zh": "渠道", "en": "Channel"},
    "filter_all": {"zh": "全部", "en": "All"},
    "filters_no_data": {"zh": "数据库还没有数据，导入后即可按期间和厅店筛选。",
                        "en": "There is no data yet; once imported you can filter by period and hall."},
    "filters_title": {"zh": "筛选条件", "en": "Filters"},
    "desc_period": {"zh": "期间：{start} 至 {end}", "en": "Period: {start} to {end}"},
    "desc_regions": {"zh": "区域：{values}", "en": "Regions: {values}"},
    "desc_cities": {"zh": "地市：{values}", "en": "Cities: {values}"},
    "desc_halls": {"zh": "营业厅：{values}", "en": "Halls: {values}"},
    "desc_channels": {"zh": "渠道：{values}", "en": "Channels: {values}"},
    "drill_to_hall": {"zh": "只看该厅：{hall}", "en": "Show only this hall: {hall}"},
    # --- empty states, tables, downloads, KPIs ---
    "empty_filtered": {
        "zh": "当前筛选条件下没有数据。请放宽期间、区域、地市或营业厅等筛选条件。",
        "en": "No data for the current filters. Widen the period, region, city or hall selection.",
    },
    "go_to_data_page": {"zh": "查看数据概况", "en": "Open data status"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_excel": {"zh": "下载 Excel", "en": "Download Excel"},
    "col_low_sample": {"zh": "样本提示", "en": "Sample"},
    "low_sample_mark": {"zh": "⚠ 样本<{n}", "en": "⚠ n<{n}"},
    "low_sample_note": {"zh": "灰色行的样本少于 {n} 个，结果仅供参考，排名时放在最后。",
                        "en": "Grey rows have fewer than {n} observations: indicative only, ranked last."},
    "targets_unreadable": {"zh": "目标值文件有误，表格暂不按目标着色：{detail}",
                           "en": "The targets file is broken, so tables are not coloured against targets: {detail}"},
    "pp_unit": {"zh": "个百分点", "en": "pp"},
    # --- column headers shared by the metric pages ---
    "col_region": {"zh": "区域", "en": "Region"},
    "col_city": {"zh": "地市", "en": "City"},
    "col_hall_code": {"zh": "营业厅编码", "en": "Hall code"},
    "col_hall_name": {"zh": "营业厅名称", "en": "Hall name"},
    "col_responses": {"zh": "样本量", "en": "Responses"},
    "col_csat": {"zh": "满意度（CSAT）", "en": "CSAT"},
}
