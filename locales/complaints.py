"""Strings of the Complaints page."""

TEXT: dict[str, dict[str, str]] = {
}
