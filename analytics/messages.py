"""What the import engine tells its user: a code with parameters, rendered from a locale table.

The engine (readers, coerce, recognise, importer, storage) never writes a sentence. It
builds a `Message(code, **params)`; the sentence of each code, in Chinese and English,
is in `analytics/message_text.py`, and the page and the command line render it in their
language with `render(message, lang)`. Nothing is translated by reading English text.

A `Message` is a `str` whose value is its English sentence: the log, `--json`, the
rejections table and the tests read it as text, and `message.code` / `message.params`
say what it is. Parameters are rendered by kind:

    Message          rendered in the same language (a message inside a message)
    Label(zh, en)    the words of a dataset, field, scale or part, per language
    Items([...])     a list, joined as the language writes one (、 or ", ")
    Clauses([...])   several messages, joined by ； or "; "
    anything else    as given (file and sheet names, headers, cell values, numbers),
                     with the template's format spec ({n:,}, {value:g}); text passes
                     through the caller's `escape` (the page's Markdown escape)
"""
from __future__ import annotations

import string
from typing import Any, Callable, NamedTuple

from analytics.message_text import TEXT

LANGUAGES = ("zh", "en")
_LIST_SEPARATOR = {"zh": "、", "en": ", "}
_CLAUSE_SEPARATOR = {"zh": "；", "en": "; "}


class Label(NamedTuple):
    """A word the engine names (a dataset, a field, a scale) in each language."""
    zh: str
    en: str


class Items(list):
    """A list parameter: rendered item by item, joined as the language joins a list."""
    separator = _LIST_SEPARATOR


class Clauses(Items):
    """Several messages in one (a row's reasons, a file's sheets)."""
    separator = _CLAUSE_SEPARATOR


class Message(str):
    """A problem, warning or piece of evidence: `code` names its sentence in
    analytics/message_text.py, `params` fill it in. Its str value is the English sentence."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params):
        if code not in TEXT:
            raise KeyError(f"no message {code!r} in analytics/message_text.py")
        self = super().__new__(cls, _render(code, params, "en"))
        self.code, self.params = code, params
        return self

    def render(self, lang: str, *, escape: Callable[[str], str] | None = None) -> str:
        if lang == "en" and escape is None:
            return str.__str__(self)
        return _render(self.code, self.params, lang, escape)

    def __reduce__(self):  # a str subclass would otherwise be rebuilt from its text alone
        return _rebuild, (self.code, self.params)

    def __repr__(self) -> str:
        return f"Message({self.code!r}, {self.params!r})"


def _rebuild(code: str, params: dict) -> Message:
    return Message(code, **params)


def _value(value: Any, lang: str, escape: Callable[[str], str] | None) -> Any:
    if isinstance(value, Message):
        return value.render(lang, escape=escape)
    if isinstance(value, Label):
        return getattr(value, lang)
    if isinstance(value, Items):
        return value.separator[lang].join(str(_value(item, lang, escape)) for item in value)
    if escape is not None and isinstance(value, str):
        return escape(value)
    return value


def _render(code: str, params: dict, lang: str, escape: Callable[[str], str] | None = None) -> str:
    return TEXT[code][lang].format(**{name: _value(value, lang, escape) for name, value in params.items()})


def render(text: str | None, lang: str, *, escape: Callable[[str], str] | None = None) -> str:
    """`text` in `lang`: a Message in that language; any other text as it is (a
    value, a name, an old reason read back from the database). `escape` is applied to
    the text that came from outside (file and sheet names, headers, cell values, or the
    whole of a text that is not a Message), never to the sentence around it: the page
    passes its Markdown escape, so an uploaded value cannot become a link or an image."""
    if text is None:
        return ""
    if isinstance(text, Message):
        return text.render(lang, escape=escape)
    return escape(str(text)) if escape is not None else str(text)


def clauses(parts: list) -> Message | str:
    """One message of several (a row's reasons, a file's sheets); one part is itself."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    return Message("clauses", parts=Clauses(parts))


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses (for the locale table's tests)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
