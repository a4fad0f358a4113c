"""Command line: `python -m analytics import|sample|generate|undo|log|report|dictionary`.

Exit codes: 0 when every file was read (rejected rows included), 1 when any file could
not be read or recognised, 2 for a usage error. Errors are one line per file on stderr,
never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from . import importer, logs, messages, schema, storage
from .settings import SAMPLE_DATA_DIR, Settings


def _open(args) -> "duckdb.DuckDBPyConnection":  # noqa: F821 - only a type hint
    return storage.connect(Settings.from_env(args.db).db_path)


# The command line's own words around the engine's messages, in both languages.
_TEXT = {
    "file_ok": {"en": "✓ {file} (batch {batch})", "zh": "✓ {file}（批次 {batch}）"},
    "file_error": {"en": "✗ {file}: {error}", "zh": "✗ {file}：{error}"},
    "sheet_error": {"en": "    sheet {sheet}: {error}", "zh": "    工作表 {sheet}：{error}"},
    "sheet": {"en": "    sheet {sheet} → {dataset}: read {read}, accepted {accepted} (new {new}, updated {updated}, "
                    "unchanged {unchanged}), rejected {rejected}, skipped {totals} totals / {blank} blank / "
                    "{notes} note rows",
              "zh": "    工作表 {sheet} → {dataset}：读取 {read} 行，接受 {accepted} 行（新增 {new}，更新 {updated}，"
                    "未变 {unchanged}），拒绝 {rejected} 行，跳过合计行 {totals} / 空行 {blank} / 备注行 {notes}"},
    "warning": {"en": "      ! {text}", "zh": "      ！{text}"},
    "row": {"en": "      row {row}{column}: {reason}", "zh": "      第 {row} 行{column}：{reason}"},
    "column": {"en": ", {column}", "zh": "，{column}"},
    "more": {"en": "      … {n} more", "zh": "      …… 另有 {n} 条"},
    "undo_dataset": {"en": "{dataset}: removed {removed}, restored {restored}",
                     "zh": "{dataset}：删除 {removed} 行，恢复 {restored} 行"},
    "undone": {"en": "Batch {batch} undone.", "zh": "批次 {batch} 已撤销。"},
    "sample_skipped": {"en": "The database already holds data; sample not loaded.",
                       "zh": "数据库中已有数据，未载入样例数据。"},
    "no_sample": {"en": "hall-analytics: no sample files in {folder}", "zh": "hall-analytics：{folder} 中没有样例文件"},
    "report_bad_week": {"en": "hall-analytics: --week {week} is not an ISO week such as 2026-W43",
                        "zh": "hall-analytics：--week {week} 不是 2026-W43 这样的 ISO 周"},
    "report_no_data": {"en": "hall-analytics: no data for the week {week} in this scope ({scope}); nothing written",
                       "zh": "hall-analytics：{week} 在此范围（{scope}）内没有数据，未写出文件"},
    "report_empty_db": {"en": "hall-analytics: the database holds no complete week; nothing written",
                        "zh": "hall-analytics：数据库中还没有完整的一周，未写出文件"},
    "report_unknown_user": {"en": "hall-analytics: --user {user} is not in the access file {path}",
                            "zh": "hall-analytics：访问配置文件 {path} 中没有用户 {user}"},
    "report_no_access_file": {"en": "hall-analytics: --user needs an access file (config/access.toml); there is none",
                              "zh": "hall-analytics：--user 需要访问配置文件（config/access.toml），但没有找到"},
    "report_no_pptx": {"en": "hall-analytics: no PowerPoint: charts cannot be exported as images here "
                             "(plotly's kaleido needs Chromium)",
                       "zh": "hall-analytics：未写 PowerPoint：本机无法把图表导出为图片（plotly 的 kaleido 需要 Chromium）"},
}


# One line per file and per problem, whatever the names hold: a newline or a terminal control
# sequence in a file, sheet or header name (or a quoted value) is written as an escape.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text) -> str:
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def _render(text, lang: str) -> str:
    """A message for the terminal: what it quotes from outside kept on one line."""
    return messages.render(text, lang, escape=one_line)


def _print_human(results: list[importer.FileResult], lang: str) -> None:
    def say(key, **values):
        print(_TEXT[key][lang].format(**{k: one_line(v) if isinstance(v, str) else v for k, v in values.items()}))

    def message(text):
        return _render(text, lang)

    for res in results:
        if res.error:
            say("file_error", file=res.file, error=message(res.problem))
        else:
            say("file_ok", file=res.file, batch=res.batch_id)
        for sheet in res.sheets:
            if sheet.error:
                if sheet.error.code != "sheet_empty":
                    say("sheet_error", sheet=sheet.sheet, error=message(sheet.error))
                continue
            ds = schema.DATASETS[sheet.dataset]
            say("sheet", sheet=sheet.sheet, dataset=ds.label_zh if lang == "zh" else ds.name, read=sheet.rows_read,
                accepted=sheet.accepted, new=sheet.inserted, updated=sheet.updated, unchanged=sheet.unchanged,
                rejected=sheet.rejected, totals=sheet.skipped_totals, blank=sheet.skipped_blank,
                notes=sheet.skipped_notes)
            for warning in sheet.warnings:
                say("warning", text=message(warning))
            for error in sheet.errors[:20]:
                column = _TEXT["column"][lang].format(column=error.column) if error.column else ""
                say("row", row=error.row, column=column, reason=message(error.reason))
            if len(sheet.errors) > 20:
                say("more", n=len(sheet.errors) - 20)


def cmd_import(args) -> int:
    mapping = None
    if args.mapping:
        try:
            mapping = importer.Mapping.from_file(args.mapping)
        except importer.MappingError as exc:
            print(f"hall-analytics: {_render(exc.message, args.lang)}", file=sys.stderr)
            return 2
        except (OSError, ValueError) as exc:  # not JSON/TOML, or not found
            print(f"hall-analytics: mapping {args.mapping}: {exc}", file=sys.stderr)
            return 2
    con = _open(args)
    results = importer.import_paths(con, args.files, mapping=mapping, source="cli",
                                    max_rows=Settings.from_env(args.db).max_rows_per_sheet,
                                    confirm_doubts=args.confirm_doubts, include_hidden=args.include_hidden)
    if args.save_mapping and mapping is not None:
        for res in results:
            for sheet in res.sheets:
                if sheet.header_signature and sheet.error is None:
                    storage.save_mapping_profile(con, name=args.save_mapping, dataset=mapping.dataset,
                                                 header_signature=sheet.header_signature,
                                                 columns={k: v for k, v in mapping.columns.items()},
                                                 scale=mapping.scale)
                    break
    con.close()
    if args.json:
        print(json.dumps({"files": [r.as_dict() for r in results]}, ensure_ascii=False, default=str))
    else:
        _print_human(results, args.lang)
    failed = [r for r in results if r.error]
    for res in failed:
        print(f"hall-analytics: {_render(res.error, args.lang)}", file=sys.stderr)
    return 1 if failed else 0


def cmd_sample(args) -> int:
    con = _open(args)
    if args.if_empty and not storage.is_empty(con):
        print(_TEXT["sample_skipped"][args.lang])
        return 0
    files = sorted(SAMPLE_DATA_DIR.glob("*.xlsx"))
    if not files:
        print(_TEXT["no_sample"][args.lang].format(folder=SAMPLE_DATA_DIR), file=sys.stderr)
        return 1
    results = importer.import_paths(con, files, source="sample")
    con.close()
    _print_human(results, args.lang)
    return 1 if any(r.error for r in results) else 0


def cmd_generate(args) -> int:
    from . import sample

    frames = sample.generate_frames(halls=args.halls, months=args.months, seed=args.seed, density=args.density)
    paths = sample.write_exports(frames, Path(args.out), fmt=args.format)
    for path in paths:
        print(path)
    return 0


def cmd_undo(args) -> int:
    con = _open(args)
    try:
        summary = storage.undo_batch(con, args.batch)
    except storage.UndoRefused as exc:
        print(f"hall-analytics: {_render(exc.message, args.lang)}", file=sys.stderr)
        return 1
    for dataset, counts in summary.items():
        print(_TEXT["undo_dataset"][args.lang].format(dataset=dataset, **counts))
    print(_TEXT["undone"][args.lang].format(batch=args.batch))
    return 0


def cmd_log(args) -> int:
    con = _open(args)
    log = storage.import_log(con)
    log["file_name"] = log["file_name"].map(one_line)
    print(log.to_string(index=False) if not log.empty else "No imports yet.")
    return 0


def cmd_dictionary(args) -> int:
    from .dictionary import data_dictionary_markdown

    text = data_dictionary_markdown()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


def cmd_report(args) -> int:
    """`report weekly`: the week's review as HTML, Excel and PowerPoint files in --out, the
    same as the Weekly review page exports; the paths on stdout, one a line."""
    import pandas as pd

    from . import access, report, weekly_report
    from .filters import Filters
    from .metrics import directory, weekly
    from .targets import load_targets

    lang, say = args.lang, (lambda key, **values: print(_TEXT[key][args.lang].format(**values), file=sys.stderr))
    scope = None
    if args.user:
        try:
            config = access.load_access()
        except access.AccessConfigError as exc:
            print(f"hall-analytics: {one_line(exc)}", file=sys.stderr)
            return 2
        if config is None:
            say("report_no_access_file")
            return 2
        if args.user not in config.users:
            say("report_unknown_user", user=one_line(args.user), path=config.path)
            return 2
        scope = config.users[args.user][0].scope
    if args.week and weekly.parse_week(args.week) is None:
        say("report_bad_week", week=one_line(args.week))
        return 2
    con = _open(args)
    try:
        bounds = directory.data_period(con, scope).iloc[0]
        weeks = (weekly.complete_weeks(bounds["first_date"], bounds["last_date"])
                 if bounds["first_date"] is not None else [])
        if not weeks:
            say("report_empty_db")
            return 1
        iso = weekly.parse_week(args.week) if args.week else weeks[0]
        label = weekly.week_label(*iso)
        filters = Filters(*weekly.week_bounds(*iso), regions=tuple(args.region or ()),
                          cities=tuple(args.city or ()), scope=scope)
        halls = directory.hall_directory(con, scope)
        names = dict(zip(halls["hall_code"], halls["hall_name"]))
        # A manager's report names their regions when no narrower choice was made.
        named = filters if filters.regions or filters.cities or not scope else Filters(
            filters.start, filters.end, regions=scope)
        scope_words = weekly_report.scope_label(named, names, lang)
        headline = weekly.weekly_headline(con, filters).set_index("kpi")
        counted = headline.loc[["responses", "tickets"], "this_week"].fillna(0).any()
        if not counted and pd.isna(headline.loc["conversion", "this_week"]):  # no answer, ticket or sale
            say("report_no_data", week=label, scope=one_line(scope_words))
            return 1
        review = weekly_report.build(con, filters, label, lang=lang, targets=load_targets(), scope=scope_words)
    finally:
        con.close()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"weekly_review_{label}" + "".join(f"_{one_line(n)}" for n in [*(args.region or ()), *(args.city or ())])
    files = [(out / f"{stem}.html", report.to_html), (out / f"{stem}.xlsx", report.to_excel)]
    if report.image_export_available():
        files.append((out / f"{stem}.pptx", report.to_pptx))
    for path, write in files:
        path.write_bytes(write(review))
        print(path)
    if len(files) < 3:
        say("report_no_pptx")
    return 0


def cmd_hash_password(args) -> int:
    """A password hash for config/access.toml; the password comes from the terminal (not
    echoed) or, piped, from the first line of standard input."""
    import getpass

    from .access import hash_password

    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if not password:
        print("hall-analytics: an empty password is not allowed", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description="沟通100 Hall Analytics data tools")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p):
        p.add_argument("--db", help="database file (default: $HALL_ANALYTICS_DB or data/hall_analytics.duckdb)")
        return p

    def with_lang(p):
        p.add_argument("--lang", choices=("zh", "en"), default="zh",
                       help="language of the messages (default zh; --json always gives the English text)")
        return p

    p = with_db(sub.add_parser("import", help="import Excel/CSV exports"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--mapping", metavar="FILE", help="JSON/TOML column mapping: {dataset, columns: {header: field}, scale}")
    p.add_argument("--save-mapping", metavar="NAME",
                   help="save --mapping as a profile applied automatically to files with the same headers")
    p.add_argument("--json", action="store_true", help="print one JSON object with every file's counts and errors")
    p.add_argument("--confirm-doubts", action="store_true",
                   help="store values the check doubts (e.g. 1-5 answers in a 0-10 field) as given")
    p.add_argument("--include-hidden", action="store_true", help="also import hidden sheets (skipped by default)")
    with_lang(p)
    p.set_defaults(func=cmd_import)

    p = with_db(sub.add_parser("sample", help="load the shipped sample data"))
    p.add_argument("--if-empty", action="store_true", help="only when the database holds no data")
    with_lang(p)
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("generate", help="write sample exports of any size")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--halls", type=int, default=40)
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--seed", type=int, default=20261031)
    p.add_argument("--density", type=float, default=None,
                   help="rows per hall-month relative to a province (1.0); default: the shipped sample's")
    p.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    p.set_defaults(func=cmd_generate)

    p = with_lang(with_db(sub.add_parser("undo", help="undo an import batch")))
    p.add_argument("batch", type=int)
    p.set_defaults(func=cmd_undo)

    p = with_lang(with_db(sub.add_parser("log", help="list import batches")))
    p.set_defaults(func=cmd_log)

    p = with_lang(with_db(sub.add_parser("report", help="write a review's files (weekly: HTML, Excel, PowerPoint)")))
    p.add_argument("kind", choices=("weekly",))
    p.add_argument("--week", metavar="2026-W43", help="ISO week (default: the last complete one in the data)")
    p.add_argument("--region", action="append", metavar="R", help="only this region (repeatable)")
    p.add_argument("--city", action="append", metavar="C", help="only this city (repeatable)")
    p.add_argument("--user", metavar="NAME", help="a user of the access file: their region scope applies")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the files to (made if missing)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("hash-password", help="print a password hash for config/access.toml")
    p.set_defaults(func=cmd_hash_password)

    p = sub.add_parser("dictionary", help="print (or write) the data dictionary as Markdown")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(func=cmd_dictionary)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if "db" in vars(args):  # a command on a database logs beside it, as the app does
        logs.configure(Settings.from_env(args.db).db_path)
    try:
        code = args.func(args)
        sys.stdout.flush()  # inside the try: a closed pipe shows here, not in Python's exit
        return code
    except storage.DatabaseBusyError as exc:
        print(f"hall-analytics: {_render(exc.message, args.lang)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("hall-analytics: interrupted; the file being imported was not committed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`log | head`): say nothing more; Python would print a
        # traceback when it flushes stdout at exit, so stdout goes to /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a command ended by a closed pipe
