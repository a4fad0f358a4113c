"""Strings of the Training page."""

TEXT: dict[str, dict[str, str]] = {
}
