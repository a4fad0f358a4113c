"""Metrics: each a function of (connection, filters, keyword options) returning a DataFrame.

One module per area — satisfaction, complaints, marketing, training — plus `overview`
(the areas side by side per hall) and `directory` (halls, periods and channels to filter
on). Every query is parameterised DuckDB SQL built from fixed text; the definitions are
written down in docs/metrics.md and in each page's help text.
"""
