"""Contract: no table on any page shows a raw code (open, satisfied, active, converted …) or
True/False, in either language: codes are rendered as words from the locale."""
from pathlib import Path

import pandas as pd
import pytest

from dashboard import i18n, words
from page_driver import run_page

PAGES = sorted(p for p in (Path(__file__).resolve().parent.parent / "pages").glob("*.py")
               if p.stem not in ("import_data", "data_status"))  # no coded tables before an upload
RAW = set().union(*words.CODED_COLUMNS.values()) | {"True", "False"}


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_table_shows_a_raw_code(page, lang, sample_app_env):
    # The hall profile shows its tables once a hall is chosen.
    at = run_page(str(page), {"hall": "020003"} if page.stem == "hall_profile" else None, lang=lang)
    assert at.dataframe, page.stem
    for frame in (d.value for d in at.dataframe):
        for column in frame.columns:
            values = frame[column]
            assert not pd.api.types.is_bool_dtype(values), (page.stem, column)
            raw = {v for v in values.dropna().astype(str) if v in RAW}
            assert not raw, (page.stem, lang, column, raw)


def test_codes_have_words_in_both_languages():
    for column, values in words.CODED_COLUMNS.items():
        for value in values:
            assert set(i18n.TEXT[f"code_{column}_{value}"]) == {"zh", "en"}, (column, value)
