"""An independent corpus of operator-style export files for the importer.

Written without reading the importer's vocabulary (analytics/schema.py, sample.py, the
alias lists): header words, layouts and value forms are the operator systems' own, and
each module's EXPECTED is worked out by hand from the canonical fields. One module per
source system; `build(directory)` writes every file, `EXPECTED` lists what each must give.
How it is run and scored: runner.py; the rate table: `python -m tests.corpus.rate`.
"""
from __future__ import annotations

from pathlib import Path

from . import (crm_ledger, daily_marketing, hall_evaluator, hall_master, hr_roster, outbound_10086,
               public_complaints, questionnaire, sms_callback, survey_platform, training_ledger, work_orders)
from ._common import RUNS, Absent, Check, FileExpect, Sheet

SYSTEMS = [hall_master, hr_roster, survey_platform, sms_callback, outbound_10086, hall_evaluator, questionnaire,
           work_orders, public_complaints, crm_ledger, daily_marketing, training_ledger]

EXPECTED: list[FileExpect] = [e for module in SYSTEMS for e in module.EXPECTED]


def build(directory: str | Path) -> list[Path]:
    """Write every corpus file (and mapping file) into `directory`; returns the paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return [p for module in SYSTEMS for p in module.write(directory)]


__all__ = ["RUNS", "SYSTEMS", "EXPECTED", "build", "FileExpect", "Sheet", "Check", "Absent"]
