#!/usr/bin/env bash
# Run the whole test suite: install dev requirements into .venv (if needed) and
# Debian's chromium + fonts-noto-cjk (apt-get, when root and missing), then pytest
# across all cores. Extra arguments go to pytest; its exit code is passed through.
#
#   bash scripts/test.sh
#   bash scripts/test.sh -k importer -m "not browser"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh --browser
exec .venv/bin/python -m pytest -n auto "$@"
