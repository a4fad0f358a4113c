#!/usr/bin/env bash
# Start the dashboard: install runtime requirements into .venv (if needed), load the
# shipped sample data when the database is empty, then run Streamlit.
#
#   bash scripts/run.sh                      # http://localhost:8501
#   bash scripts/run.sh --server.port 8600   # extra arguments go to `streamlit run`
#
# Database: $HALL_ANALYTICS_DB, default data/hall_analytics.duckdb.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh --runtime
.venv/bin/python -m analytics sample --if-empty
# scripts/serve.py is `streamlit` with deep links to pages working on a fresh server.
# server.py is app.py plus the route that sets the sign-in cookie (analytics/sessions.py).
exec .venv/bin/python scripts/serve.py run server.py "$@"
