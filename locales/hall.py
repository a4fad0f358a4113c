"""Strings of the Hall profile page."""

TEXT: dict[str, dict[str, str]] = {
}
