"""Strings of the Satisfaction page."""

TEXT: dict[str, dict[str, str]] = {
}
