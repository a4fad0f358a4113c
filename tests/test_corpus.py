"""The importer against an independent corpus of operator-style exports (tests/corpus/).

The corpus is written without the importer's vocabulary: header words, layouts and value
forms as the survey platform, SMS callback, 10086 outbound calls, work-order system, CRM,
BI daily report, HR, training ledger and channel master list write them; EXPECTED in each
module is worked out by hand. The files are built in a temp dir and imported through the
real command line (one database, the runs of tests/corpus/_common.RUNS in order), then
per file: the counts (dataset, accepted, rejected, which rows), the field of every column,
and stored values. `test_generated_files` checks the corpus itself (no importer): if it
fails, the generator is wrong. See docs/import.md.
"""
from __future__ import annotations

import fcntl
import os
import pickle
from pathlib import Path

import pytest

from corpus import EXPECTED, build, selfcheck
from corpus.runner import (compare_columns, compare_counts, compare_values, rate_markdown, recognition_rate,
                           run_corpus)

MIN_RATE = 0.95
IDS = [e.test_id for e in EXPECTED]
assert len(set(IDS)) == len(IDS), "corpus test ids must be unique"
BY_ID = dict(zip(IDS, EXPECTED))


def _build_and_run(directory: Path) -> dict:
    build(directory)
    return run_corpus(directory, directory / "corpus.duckdb")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """(directory, outcomes by FileExpect.id). Under pytest-xdist the workers share one
    run (the first builds it under a lock, the others read its pickle)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        directory = tmp_path_factory.mktemp("corpus")
        return directory, _build_and_run(directory)
    shared = tmp_path_factory.getbasetemp().parent / "corpus-shared"
    shared.mkdir(exist_ok=True)
    with open(shared / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "outcomes.pickle"
        if not done.exists():
            outcomes = _build_and_run(shared)
            done.write_bytes(pickle.dumps(outcomes))
        return shared, pickle.loads(done.read_bytes())


def _outcome(corpus, test_id):
    return corpus[1][BY_ID[test_id].id]


def _report(test_id: str, problems: list[str]) -> str:
    e = BY_ID[test_id]
    return f"{e.name} ({e.exercises}):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("test_id", IDS)
def test_generated_files(corpus, test_id):
    """The generated file holds the headers, rows, encoding and sheets EXPECTED describes."""
    problems = selfcheck.check_file(corpus[0], BY_ID[test_id])
    assert not problems, "corpus generator bug, " + _report(test_id, problems)


@pytest.mark.parametrize("test_id", IDS)
def test_counts(corpus, test_id):
    problems = compare_counts(_outcome(corpus, test_id))
    assert not problems, _report(test_id, problems)


@pytest.mark.parametrize("test_id", IDS)
def test_columns(corpus, test_id):
    problems = compare_columns(_outcome(corpus, test_id))
    assert not problems, _report(test_id, problems)


@pytest.mark.parametrize("test_id", IDS)
def test_stored_values(corpus, test_id):
    problems = compare_values(_outcome(corpus, test_id))
    assert not problems, _report(test_id, problems)


def test_main_run_reads_every_file(corpus):
    """Given in reverse dependency order (halls list last), every file of the main run is
    read: exit code 0, no file error, the halls list imported first."""
    main = [o for o in corpus[1].values() if o.expect.run == "main"]
    run = main[0].run
    assert run.report is not None, run.failure()
    errors = [f"{Path(f['file']).name}: {f['error']}" for f in run.report["files"] if f.get("error")]
    assert run.returncode == 0 and not errors, f"exit {run.returncode}; " + "; ".join(errors)
    assert Path(run.argv[-4]).name == "渠道网点基础信息_20261130.xlsx", "the halls list must be given last"
    first = run.report["files"][0]
    assert [s.get("dataset") for s in first["sheets"] if s.get("dataset")] == ["halls"], \
        f"imported first: {Path(first['file']).name}"


def test_recognition_rate(corpus, capsys):
    rates = recognition_rate(corpus[1])
    with capsys.disabled():
        print("\nRecognition rate over the corpus (fields on the right column / fields present):")
        print(rate_markdown(rates))
    low = {ds: f"{row['rate']:.1%}" for ds, row in rates.items() if row["rate"] is not None and row["rate"] < MIN_RATE}
    assert rates["overall"]["rate"] >= MIN_RATE, f"overall {rates['overall']['rate']:.1%} < {MIN_RATE:.0%}; low: {low}"
