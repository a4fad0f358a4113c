"""Codes as words: a coded column's canonical values (open, satisfied, active …) and yes/no
columns in the user's language, wherever a table shows them."""
from __future__ import annotations

from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics import schema
from dashboard.i18n import TEXT, t

# Every column with a declared vocabulary (analytics.schema) and its canonical codes.
# A field name two datasets share (status: of a ticket, of a member of staff) holds both
# vocabularies.
CODED_COLUMNS = MappingProxyType({
    name: frozenset().union(*(field.vocabulary.values() for dataset in schema.DATASETS.values()
                              for field in dataset.fields if field.name == name and field.vocabulary))
    for name in {field.name for dataset in schema.DATASETS.values() for field in dataset.fields if field.vocabulary}})


def _is_yes_no(values: pd.Series) -> bool:
    """A column of True/False (gaps allowed), whatever its dtype."""
    if pd.api.types.is_bool_dtype(values):
        return True
    present = values.dropna()
    return values.dtype == object and not present.empty and all(isinstance(v, (bool, np.bool_)) for v in present)


def scale_name(scale: str) -> str:
    """A declared survey scale (schema's scale codes) in words."""
    key = f"sat_scale_{scale}"
    return t(key) if key in TEXT else scale


def in_words(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Codes shown as words in the user's language: a coded column's canonical values
    (open, satisfied, active …) through `code_<column>_<value>` in the locale, and yes/no
    columns as 是/否. Anything else, such as an unknown code, stays as it is."""
    words = None
    for column in columns:
        values = frame[column]
        if column in CODED_COLUMNS:
            mapping = {v: t(f"code_{column}_{v}") for v in CODED_COLUMNS[column] if f"code_{column}_{v}" in TEXT}
            converted = values.map(lambda v, m=mapping: m.get(v, v))
        elif _is_yes_no(values):
            converted = values.map(lambda v: v if pd.isna(v) else t("word_yes") if v else t("word_no"))
        else:
            continue
        words = frame.copy() if words is None else words
        words[column] = converted
    return frame if words is None else words
