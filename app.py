"""沟通100 Hall Analytics: page config, navigation and the shared sidebar; pages do the rest."""
import streamlit as st

from dashboard import access, filter_state, i18n, layout
from dashboard.i18n import t

st.set_page_config(page_title="沟通100 Hall Analytics", page_icon="📶", layout="wide")
access.sign_in_gate()  # with config/access.toml: nobody sees a page before signing in

pages = {
    t("nav_analysis"): [
        st.Page("pages/overview.py", title=t("page_overview"), icon=":material/dashboard:", default=True),
        st.Page("pages/weekly_review.py", title=t("page_weekly"), icon=":material/co_present:"),
        st.Page("pages/satisfaction.py", title=t("page_satisfaction"), icon=":material/sentiment_satisfied:"),
        st.Page("pages/complaints.py", title=t("page_complaints"), icon=":material/support_agent:"),
        st.Page("pages/marketing.py", title=t("page_marketing"), icon=":material/storefront:"),
        st.Page("pages/training.py", title=t("page_training"), icon=":material/school:"),
        st.Page("pages/scorecard.py", title=t("page_scorecard"), icon=":material/military_tech:"),
        st.Page("pages/hall_profile.py", title=t("page_hall_profile"), icon=":material/store:"),
    ],
    t("nav_data"): [
        *([st.Page("pages/import_data.py", title=t("page_import"), icon=":material/upload_file:")]
          if access.can_import() else []),
        st.Page("pages/data_status.py", title=t("page_data_status"), icon=":material/database:"),
    ],
}
page = st.navigation(pages)
st.sidebar.markdown(f"### {t('app_title')}")
i18n.language_picker()
layout.widget_texts_in_language()  # Streamlit's and plotly's own English texts, in the user's language
filter_state.global_filters()  # pages read the same choice with filter_state.current_filters()
layout.data_freshness()
page.run()
layout.share_link()  # after the page: its view toggles have written the URL by then
