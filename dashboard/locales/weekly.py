"""Strings of the Weekly review page."""

TEXT: dict[str, dict[str, str]] = {
    "page_weekly": {"zh": "周例会", "en": "Weekly review"},
    "wk_intro": {
        "zh": "本周与上周、近 4 周均值对比，需要讨论的厅店及原因，本周员工之星。会议投屏请打开“演示模式”。",
        "en": "This week against last week and the 4-week average, the halls to talk about and why, and the "
              "week's staff stars. Turn on presentation mode for the meeting-room screen.",
    },
    "wk_week": {"zh": "周次（ISO 周，周一至周日）", "en": "Week (ISO week, Monday to Sunday)"},
    "wk_week_option": {"zh": "{label}（{start} 至 {end}）", "en": "{label} ({start} to {end})"},
    "wk_no_week": {"zh": "数据还不满一个完整的周（周一至周日），暂时无法做周回顾。",
                   "en": "The data does not cover one complete week (Monday to Sunday) yet."},
    "wk_follows_period": {"zh": "周次跟随侧栏期间（{start} 至 {end}）中最后一个完整周。",
                          "en": "The week follows the sidebar period ({start} to {end}): its last complete week."},
    "wk_own_week": {"zh": "此处选择的周次优先于侧栏期间（{start} 至 {end}）；更改侧栏期间后回到其中最后一个完整周。",
                    "en": "The week picked here overrides the sidebar period ({start} to {end}); changing the period "
                          "goes back to its last complete week."},
    "wk_no_week_in_period": {"zh": "侧栏期间（{start} 至 {end}）内没有完整的一周：显示数据中最后一个完整周。",
                             "en": "The sidebar period ({start} to {end}) holds no complete week: showing the data's "
                                   "last complete week."},
    "wk_present": {"zh": "演示模式", "en": "Presentation mode"},
    "wk_present_help": {"zh": "隐藏侧边栏、放大字号、每屏一个部分，用“上一页/下一页”切换。链接加 ?present=1 可直接进入。",
                        "en": "Hides the sidebar, enlarges the type, one section per screen with previous/next. "
                              "Add ?present=1 to the link to open it this way."},
    "wk_exit_present": {"zh": "退出演示", "en": "Leave presentation"},
    "wk_previous": {"zh": "上一页", "en": "Previous"},
    "wk_next": {"zh": "下一页", "en": "Next"},
    "wk_page_of": {"zh": "第 {page} / {pages} 页", "en": "{page} / {pages}"},
    "wk_auto": {"zh": "自动翻页（秒，0 = 关闭）", "en": "Advance every (seconds, 0 = off)"},
    "wk_section_stars": {"zh": "本周员工之星", "en": "Staff stars of the week"},
    "wk_note": {"zh": "上周 {last} · 4周均值 {average}", "en": "last week {last} · 4-week average {average}"},
    "wk_talk_rule": {
        "zh": "列入条件：本周有指标未达标（样本≥30 或置信区间整体未达标）；满意度、48小时办结率或营销成功率较上周"
              "显著变化（|z| ≥ 1.96 且至少 3 个百分点，各方向最多 3 个厅）；或超48小时未办结工单增加。",
        "en": "Listed when a KPI missed its target this week (n ≥ 30, or the whole interval past the target); when "
              "CSAT, the 48-hour rate or conversion moved significantly against last week (|z| ≥ 1.96 and at "
              "least 3 points; at most 3 halls each way); or when the backlog open past 48 hours grew.",
    },
    "wk_no_more_stars": {"zh": "（本页没有更多）", "en": "(no more on this screen)"},
    "wk_no_stars": {"zh": "本周没有符合条件的员工。", "en": "Nobody qualifies this week."},
    "wk_export": {"zh": "导出本周回顾", "en": "Export this week's review"},
    "wk_export_html": {"zh": "网页（HTML，含图表）", "en": "Web page (HTML, with charts)"},
    "wk_export_excel": {"zh": "Excel 工作簿", "en": "Excel workbook"},
    "wk_export_pptx": {"zh": "PowerPoint 演示文稿", "en": "PowerPoint deck"},
    "wk_export_no_pptx": {
        "zh": "本机无法把图表导出为图片（plotly 的 kaleido 需要 Chromium，可用 `apt-get install chromium` 安装），"
              "因此不提供 PowerPoint；HTML 与 Excel 不受影响。",
        "en": "Charts cannot be exported as images on this machine (plotly's kaleido needs Chromium: "
              "`apt-get install chromium`), so there is no PowerPoint; HTML and Excel are unaffected.",
    },
}
