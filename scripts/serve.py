"""`streamlit …` with deep links to pages working on a fresh server.

app.py declares its pages with st.navigation, but the page files live in pages/, as the
project layout asks. Streamlit 1.67 sees a pages/ folder next to the main script and, until
the main script has run once, serves /marketing with the old folder-based navigation: the
page alone, without app.py's sidebar and filters. Declaring up front that this app does not
use the pages folder that way makes every link behave as if app.py ran first.

    .venv/bin/python scripts/serve.py run server.py [streamlit options]

(server.py serves app.py with the sign-in cookie's route; `run app.py` works too, with a
sign-in that lasts as long as the tab.)
"""
import os
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

PagesManager.uses_pages_directory = False


def _safe_arguments(argv: list[str]) -> list[str]:
    """`run server.py …` with the bind address chosen by analytics.access.serving_arguments
    (127.0.0.1 without an access file); says so on stderr in both languages, and exits
    for a network address without an access file or --open."""
    if len(argv) < 2 or argv[0] != "run":
        return argv
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from analytics import access
    from dashboard import i18n

    args, key, params = access.serving_arguments(argv[2:], os.environ)
    if key is not None:
        for lang in ("zh", "en"):
            print(f"hall-analytics: {i18n.TEXT[key][lang].format(**params)}", file=sys.stderr)
    if key == "serve_network_refused":
        sys.exit(2)
    return [argv[0], argv[1], *args]


if __name__ == "__main__":
    sys.argv[1:] = _safe_arguments(sys.argv[1:])
    sys.exit(cli.main())
