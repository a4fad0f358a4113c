"""UI strings, one module per page plus the shared ones; `i18n.TEXT` merges them."""
