"""`streamlit …` with deep links to pages working on a fresh server.

app.py declares its pages with st.navigation, but the page files live in pages/, as the
project layout asks. Streamlit 1.67 sees a pages/ folder next to the main script and, until
the main script has run once, serves /marketing with the old folder-based navigation: the
page alone, without app.py's sidebar and filters. Declaring up front that this app does not
use the pages folder that way makes every link behave as if app.py ran first.

    .venv/bin/python scripts/serve.py run app.py [streamlit options]
"""
import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

PagesManager.uses_pages_directory = False

if __name__ == "__main__":
    sys.exit(cli.main())
