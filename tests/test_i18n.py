"""Contract: every UI string exists in Chinese and English, and every key the UI asks for
exists, so no page can be half translated."""
import ast
import re
from pathlib import Path

from analytics import message_text, report_text
from dashboard import i18n
from dashboard.locales import common

ROOT = Path(__file__).resolve().parent.parent
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "dashboard").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]


# The import engine's sentences share the key space but follow their own rules (a few
# join other messages and hold no words; tests/test_messages.py checks them).
UI_TEXT = {key: texts for key, texts in i18n.TEXT.items() if key not in message_text.TEXT}


def test_every_string_has_both_languages():
    for key, texts in i18n.TEXT.items():
        assert set(texts) == set(i18n.LANGUAGES), key
    for key, texts in UI_TEXT.items():
        assert set(texts) == set(i18n.LANGUAGES), key
        for lang, text in texts.items():
            assert text.strip(), f"{key} is empty in {lang}"
        # Both versions take the same placeholders.
        assert set(re.findall(r"{(\w+)}", texts["zh"])) == set(re.findall(r"{(\w+)}", texts["en"])), key


def test_chinese_strings_are_chinese():
    for key, texts in UI_TEXT.items():
        if key in common.SEPARATORS or key in report_text.SEPARATORS:  # punctuation only, by design
            continue
        assert re.search(r"[\u4e00-\u9fff]", texts["zh"]), f"{key}: the Chinese text has no Chinese"


def test_every_key_used_by_the_ui_exists():
    used = set()
    for path in UI_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "t"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                used.add(node.args[0].value)
            if isinstance(node, ast.JoinedStr):  # f"status_{s}" style keys: check the prefix exists
                pass
    missing = used - set(i18n.TEXT)
    assert not missing, f"keys used but not defined: {sorted(missing)}"
    assert used, "no translated string found: the check is not looking at the UI"


def test_no_locale_key_is_written_twice():
    # A dict literal keeps the last of two equal keys without a word: one text silently
    # replaced another (imp_col_source once did).
    seen: dict[str, str] = {}
    repeated = []
    for path in sorted((ROOT / "dashboard" / "locales").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values):
                # The text tables: a key whose value is the {"zh": …, "en": …} dict.
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Dict):
                    where = f"{path.name}:{key.lineno}"
                    if key.value in seen:
                        repeated.append(f"{key.value}: {seen[key.value]} and {where}")
                    seen[key.value] = where
    assert not repeated, repeated
