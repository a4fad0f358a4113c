"""Strings of the Overview page."""

TEXT: dict[str, dict[str, str]] = {
}
