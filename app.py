"""沟通100 Hall Analytics: page config, navigation and the shared sidebar; pages do the rest."""
import streamlit as st

import ui

st.set_page_config(page_title="沟通100 Hall Analytics", page_icon="📶", layout="wide")
ui.sign_in_gate()  # with config/access.toml: nobody sees a page before signing in

pages = {
    ui.t("nav_analysis"): [
        st.Page("pages/overview.py", title=ui.t("page_overview"), icon=":material/dashboard:", default=True),
        st.Page("pages/weekly_review.py", title=ui.t("page_weekly"), icon=":material/co_present:"),
        st.Page("pages/satisfaction.py", title=ui.t("page_satisfaction"), icon=":material/sentiment_satisfied:"),
        st.Page("pages/complaints.py", title=ui.t("page_complaints"), icon=":material/support_agent:"),
        st.Page("pages/marketing.py", title=ui.t("page_marketing"), icon=":material/storefront:"),
        st.Page("pages/training.py", title=ui.t("page_training"), icon=":material/school:"),
        st.Page("pages/scorecard.py", title=ui.t("page_scorecard"), icon=":material/military_tech:"),
        st.Page("pages/hall_profile.py", title=ui.t("page_hall_profile"), icon=":material/store:"),
    ],
    ui.t("nav_data"): [
        *([st.Page("pages/import_data.py", title=ui.t("page_import"), icon=":material/upload_file:")]
          if ui.can_import() else []),
        st.Page("pages/data_status.py", title=ui.t("page_data_status"), icon=":material/database:"),
    ],
}
page = st.navigation(pages)
st.sidebar.markdown(f"### {ui.t('app_title')}")
ui.language_picker()
ui.global_filters()  # pages read the same choice with ui.current_filters()
ui.data_freshness()
page.run()
