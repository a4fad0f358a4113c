"""Strings of the Marketing page."""

TEXT: dict[str, dict[str, str]] = {
}
