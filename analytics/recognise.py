"""Recognise a sheet by meaning: which dataset it holds and which column is which field.

A stage of the import pipeline (read → find header → **recognise** → coerce → check → key →
write). Every column is scored against every field of a dataset twice:

* from its header, normalised (`schema.normalise_header`) and folded to its parts
  (`fold_header`: 调查日期 and 调查时间 are one thing, so are 工单号 and 工单编号, 营业额
  and 营业金额): an exact alias is 1.0, a folded alias 0.9, a header holding all parts of
  one of the field's keyword groups ('营业收入' holds 收入) 0.5–0.85, a header holding an
  alias ('服务态度评分' holds 服务态度) 0.45–0.8;
* from its values (a sample of the first rows): the share that parse as the field's type,
  fall inside its bounds or scale, belong to its vocabulary, or name a known hall or staff
  member. The header score is weighed by that share; a column whose header says nothing
  can still be a field from its values alone, when they are unmistakable (every value in
  the status vocabulary, every code a known hall).

Columns are then given to fields as one best assignment per sheet (highest score first,
each column and each field at most once), and a dataset is recognised when its required
fields are covered. Every assignment keeps its score and its evidence, and every column its
runner-up candidates, for the preview and the mapping editor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import coerce, schema
from .messages import Label, Message, clauses

# Scores: see the module docstring. A pair below ASSIGN_AT is no evidence at all.
EXACT, FOLDED = 1.0, 0.9
ASSIGN_AT = 0.3
VALUE_SAMPLE = 200

# Header endings that say the same thing in different words (after normalise_header).
_FOLDS = (
    (re.compile(r"(日期|时间|时刻|时点)$"), "时间"),
    (re.compile(r"(编号|编码|代码|号码|id|号)$"), "编号"),
    (re.compile(r"(金额|收入|额)$"), "金额"),
    (re.compile(r"(满意度|评分|得分|分数|打分|评价)$"), "评分"),
    (re.compile(r"(人数|数量|量|数)$"), "数"),
)
_CJK = re.compile(r"[\u3400-\u9fff]")


def fold_header(normalised: str) -> str:
    """A normalised header with its ending folded to one word per meaning."""
    for pattern, word in _FOLDS:
        folded = pattern.sub(word, normalised)
        if folded != normalised:
            return folded
    return normalised


@dataclass(frozen=True)
class Candidate:
    field: str
    score: float
    evidence: Message


@dataclass
class Assignment:
    """Columns given to fields for one dataset: position -> Candidate (the chosen one), and
    every column's ranked candidates (runners-up included)."""
    dataset: str
    chosen: dict[int, Candidate] = field(default_factory=dict)
    candidates: dict[int, list[Candidate]] = field(default_factory=dict)

    @property
    def columns(self) -> dict[int, str]:
        return {pos: c.field for pos, c in self.chosen.items()}

    @property
    def total(self) -> float:
        return sum(c.score for c in self.chosen.values())


def _index_terms():
    exact, folded, keywords, contained = {}, {}, [], []
    for ds in schema.DATASETS.values():
        for f in ds.source_fields:
            key = (ds.name, f.name)
            aliases = {schema.normalise_header(a) for a in f.all_aliases} - {""}
            for alias in aliases:
                exact.setdefault(alias, set()).add(key)
                folded.setdefault(fold_header(alias), set()).add(key)
                if len(alias) >= 2 and _CJK.search(alias):
                    contained.append((alias, key))
            for group in f.keywords:
                keywords.append((group, key, min(0.85, 0.5 + 0.06 * sum(len(p) for p in group))))
    return exact, folded, keywords, contained


_EXACT, _FOLDED_INDEX, _KEYWORDS, _CONTAINED = _index_terms()
# Longer than any header a person writes: a title, a note or a comment, never a header.
_MAX_HEADER = 40


@lru_cache(maxsize=16384)
def header_scores(header: str) -> dict[tuple[str, str], Candidate]:
    """(dataset, field) -> the best header-only candidate for one raw header."""
    norm = schema.normalise_header(header)
    if not norm or len(norm) > _MAX_HEADER or not any(ch.isalpha() for ch in norm):
        return {}
    folded = fold_header(norm)
    out: dict[tuple[str, str], Candidate] = {}

    def offer(key, score, evidence):
        if key not in out or score > out[key].score:
            out[key] = Candidate(key[1], score, evidence)

    for key in _EXACT.get(norm, ()):
        offer(key, EXACT, Message("ev_known_header", header=header))
    for key in _FOLDED_INDEX.get(folded, ()):
        offer(key, FOLDED, Message("ev_folded_header", header=header))
    if _CJK.search(norm):
        for group, key, score in _KEYWORDS:
            if all(part in norm or part in folded for part in group):
                offer(key, score, Message("ev_holds", header=header, words="+".join(group)))
        for alias, key in _CONTAINED:
            if alias in norm and alias != norm:
                offer(key, min(0.8, 0.45 + 0.3 * len(alias) / len(norm)), Message("ev_holds", header=header, words=alias))
    else:
        for group, key, score in _KEYWORDS:
            if all(part in norm for part in group):
                offer(key, score, Message("ev_holds", header=header, words="+".join(group)))
    return out


# --- values ----------------------------------------------------------------------------
def value_fit(f: schema.Field, cells: list, known: dict[str, set[str]]) -> tuple[float | None, str]:
    """(share of the sample's filled cells that fit the field, evidence); None when the
    sample has no filled cell (nothing to weigh)."""
    filled = [c for c in cells if not coerce.is_blank(c)][:VALUE_SAMPLE]
    if not filled:
        return None, Message("ev_no_values")
    n = len(filled)
    if f.name in _KNOWN_WORDS and known.get(f.name):
        codes = known[f.name]
        hits = sum(1 for c in filled if coerce.clean_text(c) in codes
                   or (f.name != "hall_name" and coerce.restore_code(c, codes) is not None))
        # No known code is evidence against one (a call centre's 坐席工号 is not a hall's
        # staff); a name may be spelt another way, so only a known one is evidence.
        if hits or f.name != "hall_name":
            return hits / n, Message("ev_known_values", hits=hits, n=n, what=_KNOWN_WORDS[f.name])
    if f.vocabulary:
        lookup = coerce.vocabulary_lookup(f.vocabulary)
        hits = sum(1 for c in filled if (coerce.clean_text(c) or "").lower() in lookup)
        return hits / n, Message("ev_vocabulary", hits=hits, n=n)
    if f.type in (schema.TIMESTAMP, schema.DATE):
        _, problems, _ = coerce.coerce_datetime(filled, f.name)
        good = n - len(problems)
        return good / n, Message("ev_dates", hits=good, n=n)
    if f.type in (schema.NUMBER, schema.INTEGER):
        values, problems = coerce.coerce_number(filled, f.name, integer=f.type == schema.INTEGER, words=f.words)
        good = [v for v in values if v is not None]
        inside = [v for v in good if (f.minimum is None or v >= f.minimum) and (f.maximum is None or v <= f.maximum)]
        return len(inside) / n, Message("ev_numbers", hits=len(inside), n=n)
    if f.type == schema.SCORE:
        words = schema.SATISFACTION_WORDS_FIVE
        good = 0
        for c in filled:
            text = (coerce.clean_text(c) or "").lower()
            if text in words:
                good += 1
                continue
            values, _ = coerce.coerce_number([c], f.name)
            if values[0] is not None and 0 <= values[0] <= 10:
                good += 1
        return good / n, Message("ev_scores", hits=good, n=n)
    if f.type == schema.BOOLEAN:
        _, problems = coerce.coerce_boolean(filled, f.name)
        return (n - len(problems)) / n, Message("ev_yes_no", hits=n - len(problems), n=n)
    if f.type == schema.CODE:
        good = sum(1 for c in filled if len(coerce.clean_text(c) or "") <= 40)
        return good / n, Message("ev_code_like", hits=good, n=n)
    # Free text: names, words, comments; a column of bare numbers or dates is not one.
    good = sum(1 for c in filled if isinstance(c, str) and not _looks_numeric(c))
    return good / n, Message("ev_text", hits=good, n=n)


_KNOWN_WORDS = {"hall_code": Label("营业厅编码", "halls"), "hall_name": Label("营业厅名称", "hall names"),
                "staff_id": Label("员工编号", "staff")}
_KNOWN_CODES = Label("编码", "codes")
# The fields a dataset defines rather than references: a halls list brings new hall codes.
_DEFINES = {"halls": ("hall_code", "hall_name"), "staff": ("staff_id",)}


def _looks_numeric(text: str) -> bool:
    stripped = text.strip().replace(",", "").replace(".", "", 1).replace("-", "", 1)
    return stripped.isdigit()


# Fields a column may be given from its values alone, and the share that it takes.
_VALUE_ONLY = {"hall_code": 0.8, "staff_id": 0.8}
_VALUE_ONLY_SCORE = {"hall_code": 0.55, "staff_id": 0.45}
_VOCABULARY_ONLY, _VOCABULARY_ONLY_SCORE = 0.9, 0.4


def assign(headers: list[str], columns: list[list] | None, dataset: str,
           known: dict[str, set[str]] | None = None, *, fixed: dict[int, str] | None = None) -> Assignment:
    """The best assignment of `headers` (with `columns`, each column's sample cells, or
    None for headers alone) to the fields of `dataset`. `fixed` (position -> field) are
    assignments made by a mapping: kept, and their fields and columns taken."""
    ds = schema.DATASETS[dataset]
    known = {k: v for k, v in (known or {}).items() if k not in _DEFINES.get(dataset, ())}
    result = Assignment(dataset)
    pairs: list[tuple[float, int, Candidate]] = []
    for pos, header in enumerate(headers):
        scored = header_scores(header) if header else {}
        ranked = []
        for f in ds.source_fields:
            base = scored.get((dataset, f.name))
            if columns is None:
                if base is not None:
                    ranked.append(base)
                continue
            if base is not None:
                fit, why = value_fit(f, columns[pos], known)
                score = base.score if fit is None else base.score * (0.35 + 0.65 * fit)
                ranked.append(Candidate(f.name, round(score, 3), base.evidence if fit is None else clauses([base.evidence, why])))
            elif _value_only(f):
                found = _value_only_candidate(f, columns[pos], known)
                if found is not None:
                    ranked.append(found)
        ranked.sort(key=lambda c: c.score, reverse=True)
        result.candidates[pos] = ranked
        pairs.extend((c.score, pos, c) for c in ranked)
    taken_fields: set[str] = set()
    for pos, name in (fixed or {}).items():
        result.chosen[pos] = Candidate(name, 1.0, Message("ev_mapping"))
        taken_fields.add(name)
    # Highest score first; on a tie the earlier column (exports put the main column first).
    for score, pos, candidate in sorted(pairs, key=lambda p: (-p[0], p[1])):
        if score < ASSIGN_AT or pos in result.chosen or candidate.field in taken_fields:
            continue
        result.chosen[pos] = candidate
        taken_fields.add(candidate.field)
    return result


def _value_only(f: schema.Field) -> bool:
    return f.name in _VALUE_ONLY or bool(f.vocabulary)


def _value_only_candidate(f: schema.Field, cells: list, known: dict[str, set[str]]) -> Candidate | None:
    """A field for a column whose header says nothing of it, from unmistakable values
    only: known hall or staff codes, or words of the field's own vocabulary."""
    filled = [c for c in cells if not coerce.is_blank(c)][:VALUE_SAMPLE]
    if not filled:
        return None
    if f.name in _VALUE_ONLY:
        codes = known.get(f.name) or set()
        if not codes:
            return None
        hits = sum(1 for c in filled if coerce.clean_text(c) in codes)
        if hits / len(filled) >= _VALUE_ONLY[f.name]:
            return Candidate(f.name, _VALUE_ONLY_SCORE[f.name], Message("ev_known_values", hits=hits, n=len(filled), what=_KNOWN_CODES))
        return None
    lookup = coerce.vocabulary_lookup(f.vocabulary)
    hits = sum(1 for c in filled if (coerce.clean_text(c) or "").lower() in lookup)
    # Yes/no words belong to many fields: they say nothing of which one.
    distinct = {(coerce.clean_text(c) or "").lower() for c in filled}
    if hits / len(filled) >= _VOCABULARY_ONLY and not distinct <= _YES_NO:
        return Candidate(f.name, _VOCABULARY_ONLY_SCORE, Message("ev_vocabulary", hits=hits, n=len(filled)))
    return None


_YES_NO = {"是", "否", "y", "n", "1", "0"}


def missing_required(dataset: str, fields) -> list[str]:
    """The required fields of `dataset` that `fields` leave uncovered. A hall may be named
    instead of coded, and a training row's hall comes from the staff list."""
    ds = schema.DATASETS[dataset]
    have = set(fields)
    missing = [f for f in ds.required_fields if f not in have]
    if dataset != "halls" and "hall_code" in missing and "hall_name" in have:
        missing.remove("hall_code")
    for any_of in _ONE_OF.get(dataset, ()):
        if not have & set(any_of):
            missing.append(any_of[0])
    return missing


# Fields of which a dataset needs at least one (a sales row is a contact with an outcome,
# or a daily report with a contact count).
_ONE_OF = {"sales": (("outcome", "contacts"),)}


def header_strength(headers: list[str]) -> float:
    """How much a row looks like a header: the best dataset's header-only assignment."""
    return max(assign(headers, None, name).total for name in schema.DATASETS)


@dataclass
class Recognition:
    dataset: str | None
    assignment: Assignment
    missing: list[str]
    # When not recognised: the dataset the sheet looks most like.
    nearest: str | None = None


# What covering every required field adds to a dataset's total: enough to settle a near
# tie, not enough for a dataset that means little of the sheet to beat the one it means.
COMPLETE_BONUS = 1.0


def recognise(headers: list[str], columns: list[list] | None, known: dict[str, set[str]] | None = None) -> Recognition:
    """The dataset of a sheet and its columns' fields: the dataset that means most of the
    sheet (its assignment's total, plus COMPLETE_BONUS when its required fields are all
    covered). Recognised when that dataset is complete; otherwise it is the nearest."""
    scored = []
    for name in schema.DATASETS:
        assignment = assign(headers, columns, name, known)
        missing = missing_required(name, assignment.columns.values())
        scored.append((assignment.total + (0 if missing else COMPLETE_BONUS), not missing, name, assignment, missing))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    _, complete, name, assignment, missing = scored[0]
    if complete:
        return Recognition(name, assignment, [])
    return Recognition(None, assignment, missing, nearest=name)
