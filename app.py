"""沟通100 Hall Analytics: page config, navigation and the shared sidebar; pages do the rest."""
import streamlit as st

import ui

st.set_page_config(page_title="沟通100 Hall Analytics", page_icon="📶", layout="wide")

pages = [
    st.Page("pages/data_status.py", title=ui.t("page_data_status"), icon=":material/database:", default=True),
]
page = st.navigation(pages)
ui.language_picker()
ui.global_filters()  # pages read the same choice with ui.current_filters()
page.run()
