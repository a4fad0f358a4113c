"""The Streamlit side of the app: everything a page needs besides the analytics.

One module per concern, lowest first: `i18n` (texts and language), `connection` (the
DuckDB connection and the query cache), `access` (sign-in), `data` (scoped queries),
`filter_state` (sidebar filters and the URL), `formats`, `theme`, `chart_text`, `layout`,
`kpis`, `tables`, `charts`, `drill`, `scorecard`, `presentation`, and `figures` (each
page's charts built from the analytics' frames). Pages read widgets, call `analytics`
and draw through these; `analytics` never imports them.
"""
