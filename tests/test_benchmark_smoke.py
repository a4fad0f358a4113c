"""The province benchmark at toy scale, so the script cannot rot: it builds its database,
times two pages, the import and the pandas baseline, and writes its tables (the full-scale
run is `make bench`, not a test; timings here mean nothing and are not checked)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_script_runs_end_to_end_at_toy_scale(tmp_path):
    out = tmp_path / "performance.md"
    out.write_text("# Performance\n\nEarlier text that must survive.\n", encoding="utf-8")
    command = [sys.executable, "benchmarks/run.py", "--halls", "4", "--months", "2", "--density", "0.05",
               "--runs", "1", "--import-rows", "500", "--complaint-rows", "300", "--pages", "overview,import_data",
               "--only", "pages,import,baseline", "--work", str(tmp_path / "work"), "--out", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "Earlier text that must survive." in text
    assert "| overview |" in text and "| import_data |" in text
    assert "sales_contacts_500.xlsx" in text and "complaints_300.xlsx" in text
    assert text.count("<!-- province:begin -->") == 1
    # A second run replaces its block instead of adding one.
    result = subprocess.run(command[:-1] + [str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and out.read_text(encoding="utf-8").count("<!-- province:begin -->") == 1
