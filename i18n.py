"""Every string the UI shows, in Chinese and English. Chinese is the default.

The strings live in `locales/`, one module per page plus `common`; this module merges them
and refuses a key defined twice. Pages call `ui.t("key")`; a test checks that every key
has both languages and that every key a page uses exists, so the UI can never be half
translated.
"""
from __future__ import annotations

from locales import (common, complaints, engine, hall, import_data, marketing, overview, satisfaction, scorecard,
                     training, weekly)

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"


def _merge(*modules) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in modules:
        for key, texts in module.TEXT.items():
            if key in merged:
                raise ValueError(f"UI string {key!r} is defined twice ({module.__name__})")
            merged[key] = texts
    return merged


# The engine's messages (analytics.messages) share the key space, so a code can never
# shadow a UI string.
TEXT = _merge(common, overview, satisfaction, complaints, marketing, training, hall, import_data, weekly, scorecard,
              engine)
