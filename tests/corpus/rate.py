"""`python -m tests.corpus.rate`: build the corpus in a temp dir, import it through the
command line, print the recognition rate per dataset (and one line per corpus file), and
rewrite the table between the `<!-- rate -->` and `<!-- /rate -->` markers of
docs/import.md.

    python -m tests.corpus.rate              # print and update docs/import.md
    python -m tests.corpus.rate --no-write   # print only
    python -m tests.corpus.rate --doc FILE   # update another file
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
from pathlib import Path

from . import build
from .runner import ROOT, compare_columns, compare_counts, compare_values, rate_markdown, recognition_rate, run_corpus

START, END = "<!-- rate -->", "<!-- /rate -->"
DOC = ROOT / "docs" / "import.md"


def measure() -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        build(tmp)
        outcomes = run_corpus(Path(tmp), Path(tmp) / "corpus.duckdb")
    return outcomes, recognition_rate(outcomes)


def rewrite(doc: Path, table: str, when: str) -> None:
    text = doc.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{doc}: no {START} … {END} markers")
    block = f"{START}\n_Measured {when} by `python -m tests.corpus.rate`._\n\n{table}\n{END}"
    doc.write_text(pattern.sub(lambda _: block, text, count=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus.rate", description=__doc__.splitlines()[0])
    parser.add_argument("--doc", type=Path, default=DOC, help="Markdown file holding the markers")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    outcomes, rates = measure()
    for out in outcomes.values():
        problems = compare_counts(out) + compare_columns(out) + compare_values(out)
        status = "ok  " if not problems else "FAIL"
        print(f"{status} {out.expect.test_id:28} {out.expect.name}" + (f"  — {problems[0]}" if problems else ""))
    table = rate_markdown(rates)
    print()
    print(table)
    if not args.no_write:
        rewrite(args.doc, table, dt.date.today().isoformat())
        print(f"\nupdated {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
