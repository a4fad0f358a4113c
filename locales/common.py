"""Strings shared by every page: app frame, filters, tables, downloads, empty states."""

# Punctuation that joins other texts (facts under a tile, names in a list): no words.
SEPARATORS: dict[str, dict[str, str]] = {
    "list_sep": {"zh": " · ", "en": " · "},
    "word_sep": {"zh": "、", "en": ", "},
    "how_facts": {"zh": "（{facts}）", "en": "({facts})"},
}

TEXT: dict[str, dict[str, str]] = {
    **SEPARATORS,
    "app_title": {"zh": "沟通100 营业厅分析", "en": "沟通100 Hall Analytics"},
    "language": {"zh": "语言 / Language", "en": "Language / 语言"},
    "page_data_status": {"zh": "数据概况", "en": "Data status"},
    "page_overview": {"zh": "总览", "en": "Overview"},
    "page_satisfaction": {"zh": "客户满意度", "en": "Satisfaction"},
    "page_complaints": {"zh": "投诉处理", "en": "Complaints"},
    "page_marketing": {"zh": "营销转化", "en": "Marketing"},
    "page_training": {"zh": "员工培训", "en": "Training"},
    "page_hall_profile": {"zh": "厅店档案", "en": "Hall profile"},
    "nav_analysis": {"zh": "分析", "en": "Analysis"},
    "nav_data": {"zh": "数据", "en": "Data"},
    "how_computed": {"zh": "指标口径", "en": "How these figures are computed"},
    "how_interval_wilson": {"zh": "95% Wilson 区间，样本少于 {n} 标 ⚠", "en": "95% Wilson interval, ⚠ below n = {n}"},
    "how_interval_poisson": {"zh": "95% 泊松（Byar）区间，分母少于 {n} 标 ⚠",
                             "en": "95% Poisson (Byar) interval, ⚠ below n = {n}"},
    "how_interval_normal": {"zh": "95% 区间（由离散程度算出），样本少于 {n} 标 ⚠",
                            "en": "95% interval from the spread, ⚠ below n = {n}"},
    "how_change": {
        "zh": "**对比**：整月比上一个自然月，整周（ISO 周）比上一周，其余比此前同样长的天数；该期间早于数据起始时不作对比。"
              "变化经检验（比率用两比例 z 检验，均值与 NPS 用两均值 z 检验，计数用泊松检验，两边样本都需达到最少样本）"
              "后标为“显著”或“变化在误差范围内”，样本不足时不检验；百分比的变化以百分点表示。目标值见 config/targets.toml。",
        "en": "**Change**: a whole month against the calendar month before, a whole ISO week against the week before, "
              "else the days of equal length before; nothing when that starts before the data. A change is tested "
              "(two-proportion z-test for shares, two-mean z-test for means and NPS, Poisson test for counts, each "
              "side with at least the minimum n) and called \"significant\" or \"within the margin of error\"; "
              "too few to test, it is not tested. Changes of percentages are in percentage points. Targets: "
              "config/targets.toml.",
    },
    "grain_week": {"zh": "按周", "en": "Weekly"},
    "grain_month": {"zh": "按月", "en": "Monthly"},
    "by_hall": {"zh": "按厅店", "en": "By hall"},
    "by_city": {"zh": "按地市", "en": "By city"},
    "by_region": {"zh": "按区域", "en": "By region"},
    "vs_previous_month": {"zh": "与上月（{start} 至 {end}）相比", "en": "Compared with the month before ({start} to {end})"},
    "vs_previous_months": {"zh": "与此前 {n} 个月（{start} 至 {end}）相比",
                           "en": "Compared with the {n} months before ({start} to {end})"},
    "vs_previous_week": {"zh": "与上周（{start} 至 {end}）相比", "en": "Compared with the week before ({start} to {end})"},
    "vs_previous_weeks": {"zh": "与此前 {n} 周（{start} 至 {end}）相比",
                          "en": "Compared with the {n} weeks before ({start} to {end})"},
    "vs_previous_days": {"zh": "与此前同样长的 {n} 天（{start} 至 {end}）相比",
                         "en": "Compared with the {n} days before ({start} to {end})"},
    "no_previous": {"zh": "对比期间（{start} 至 {end}）早于数据起始日期，不作对比。",
                    "en": "The period to compare with ({start} to {end}) starts before the data, so nothing is "
                          "compared."},
    "detail_rows": {"zh": "明细（最近 {n} 条）", "en": "Detail rows (latest {n})"},
    "click_to_drill": {"zh": "点击图中的厅店或表格中的行，即可只看该厅。", "en": "Click a hall in a chart or a row in a table to narrow to it."},
    "data_status_intro": {
        "zh": "数据库中各数据集的记录数与时间范围，以及每一次导入的记录。",
        "en": "How many rows each dataset holds and the dates they cover, and every import so far.",
    },
    "database_file": {"zh": "数据库文件：{path}", "en": "Database file: {path}"},
    "datasets": {"zh": "数据集", "en": "Datasets"},
    "import_log": {"zh": "导入记录", "en": "Import log"},
    "no_imports": {"zh": "还没有导入任何文件。", "en": "Nothing has been imported yet."},
    "empty_database": {
        "zh": "数据库是空的。在“导入数据”页上传导出文件，或载入示例数据（命令行：`python -m analytics sample`）。",
        "en": "The database is empty. Upload exports on the Import data page, or load the sample data "
              "(command line: `python -m analytics sample`).",
    },
    "database_busy_page": {
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
    "filter_preset": {"zh": "快捷期间", "en": "Quick periods"},
    "preset_this_month": {"zh": "本月", "en": "This month"},
    "preset_last_month": {"zh": "上月", "en": "Last month"},
    "preset_last_4_weeks": {"zh": "近4周", "en": "Last 4 weeks"},
    "preset_this_quarter": {"zh": "本季度", "en": "This quarter"},
    "preset_last_12_months": {"zh": "近12个月", "en": "Last 12 months"},
    "preset_year_to_date": {"zh": "本年至今", "en": "Year to date"},
    "preset_all": {"zh": "全部", "en": "All"},
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
    "go_to_data_page": {"zh": "去导入数据", "en": "Go to Import data"},
    "page_import": {"zh": "导入数据", "en": "Import data"},
    "access_broken": {"zh": "访问控制配置有误，应用已停止以免数据外泄：{detail}",
                      "en": "The access configuration is broken; the app stops rather than run open: {detail}"},
    "sign_in": {"zh": "登录", "en": "Sign in"},
    "sign_in_user": {"zh": "用户名", "en": "User name"},
    "sign_in_password": {"zh": "密码", "en": "Password"},
    "sign_in_button": {"zh": "登录", "en": "Sign in"},
    "sign_in_failed": {"zh": "用户名或密码不正确。", "en": "Wrong user name or password."},
    "sign_in_locked": {
        "zh": "登录失败次数过多，此用户名或此地址已被暂时锁定，请在 {until} 之后再试。",
        "en": "Too many failed sign-ins: this user name or this address is locked for now; try again after {until}."},
    "open_mode_banner": {
        "zh": "此服务器未配置访问控制文件（config/access.toml），却以 --open 方式对网络开放：任何能访问它的人都能查看、导入和撤销数据。",
        "en": "This server has no access file (config/access.toml) and was opened to the network with --open: anyone who "
              "can reach it may see, import and undo data."},
    "local_only_refused": {
        "zh": "此服务器未配置访问控制文件，只允许本机访问。请管理员配置 config/access.toml 后再通过网络使用。",
        "en": "This server has no access file and serves this machine only. An administrator must set up "
              "config/access.toml before it is used over the network."},
    "serve_local_only": {
        "zh": "未找到访问控制文件 {path}：只在本机 127.0.0.1 上提供服务。要对网络开放，请先配置访问控制文件（或明确使用 --open）。",
        "en": "No access file at {path}: serving this machine only (127.0.0.1). To serve a network, set up the access "
              "file (or pass --open explicitly)."},
    "serve_open_warning": {
        "zh": "警告：未配置访问控制文件 {path}，却使用了 --open：网络上任何人都能查看、导入和撤销数据。每个页面都会显示这条警告。",
        "en": "Warning: no access file at {path}, and --open given: anyone on the network may see, import and undo data. "
              "Every page shows this warning."},
    "serve_network_refused": {
        "zh": "未配置访问控制文件 {path}，不能监听网络地址 {address}。请先配置访问控制文件，或明确使用 --open。",
        "en": "No access file at {path}: refusing to listen on the network address {address}. Set up the access file, "
              "or pass --open explicitly."},
    "signed_in_as": {"zh": "已登录：{name}（{role}）", "en": "Signed in: {name} ({role})"},
    "sign_out": {"zh": "退出登录", "en": "Sign out"},
    "sign_in_sso": {"zh": "使用单位统一认证登录", "en": "Sign in with your organisation's account"},
    "sso_unknown": {"zh": "统一认证账号 {email} 未在本系统的访问配置中登记，请联系管理员。",
                    "en": "The account {email} is not registered in this dashboard's access file; ask an admin."},
    "sso_leave": {"zh": "退出统一认证（换一个账号）", "en": "Leave the single sign-on (to use another account)"},
    "sign_out_everywhere": {"zh": "全部退出", "en": "Sign out everywhere"},
    "sign_out_everywhere_help": {"zh": "在所有浏览器和设备上退出：此前的登录全部失效。",
                                 "en": "Sign out in every browser and on every device: every earlier sign-in ends."},
    "session_ended": {"zh": "登录已失效（已在别处退出，或账号、密码有变动），请重新登录。",
                      "en": "Your sign-in has ended (signed out elsewhere, or the account or password changed); "
                            "please sign in again."},
    "role_admin": {"zh": "管理员", "en": "admin"},
    "role_analyst": {"zh": "数据分析员", "en": "analyst"},
    "role_regional_manager": {"zh": "区域经理", "en": "regional manager"},
    "role_viewer": {"zh": "只读用户", "en": "viewer"},
    "no_import_rights": {"zh": "只有管理员和数据分析员可以导入或撤销数据。", "en": "Only admins and analysts may import or undo."},
    "load_sample": {"zh": "载入示例数据", "en": "Load sample data"},
    "load_sample_running": {"zh": "正在载入示例数据（约 10 秒）…", "en": "Loading the sample data (about 10 s)…"},
    "load_sample_failed": {"zh": "示例数据未能全部载入：{files}", "en": "Some sample files could not be loaded: {files}"},
    # --- data freshness (sidebar of every page) ---
    "fresh_title": {"zh": "数据新鲜度", "en": "Data freshness"},
    "fresh_ok": {"zh": "{dataset}：截至 {date}（{days} 天前）", "en": "{dataset}: up to {date} ({days} days ago)"},
    "fresh_stale": {"zh": "⚠ {dataset}：截至 {date}（{days} 天前）", "en": "⚠ {dataset}: up to {date} ({days} days ago)"},
    "fresh_none": {"zh": "{dataset}：暂无数据", "en": "{dataset}: no data yet"},
    "fresh_stale_note": {"zh": "标 ⚠ 的数据集最新日期已超过 {days} 天，请导入最新的导出文件。",
                         "en": "Datasets marked ⚠ have nothing newer than {days} days: import the latest exports."},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_excel": {"zh": "下载 Excel", "en": "Download Excel"},
    "col_low_sample": {"zh": "样本提示", "en": "Sample"},
    "col_interval": {"zh": "95% 置信区间", "en": "95% interval"},
    "col_n_of": {"zh": "{label} 样本量", "en": "{label} n"},
    "col_base_of": {"zh": "{label} 基数", "en": "{label} base"},
    "col_interval_of": {"zh": "{label} 95% 区间", "en": "{label} 95% interval"},
    "low_sample_values": {"zh": "⚠ 样本<{n}：{columns}", "en": "⚠ n<{n}: {columns}"},
    "low_sample_note": {"zh": "灰色数值的样本少于 {n} 个（每个数值按其自身样本量），仅供参考，不作达标着色，排名时放在最后。",
                        "en": "Grey values rest on fewer than {n} observations (each by its own n): indicative only, "
                              "not coloured against the target, ranked last."},
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
