"""The import engine: recognise, coerce, check and store the operator's exports.

`import_file` takes one file's bytes and returns a `FileResult`; it never raises for bad
input. Each file's accepted rows are written in one transaction with one import batch id,
so a failure leaves the database as it was. Re-importing a file changes nothing; a newer
state of a stored key replaces the stored row and is counted as updated, an older one
keeps the stored (storage.upsert decides by the data's own times and status).

The pipeline, stage by stage (each a function of its own, tested on its own):
 read        readers.read_file: every sheet's cells, merged ranges and visibility;
 find header find_header / find_header_with_mapping: the header row below title and
             export-info rows, one or two levels (a group header's scale kept);
 sort rows   classify_rows: data, blank, totals (合计/总计/小计/Total) and note rows;
 recognise   recognise.recognise / apply_mapping: the dataset and one field per column,
             from header words and values, with evidence;
 coerce      _build_frame: each column to its field's type (coerce.*), value maps and
             constants applied; an optional value not understood is stored empty;
 check       _validate_common and _validate_<dataset>, _check_doubts: contradictions reject
             a row, values to confirm hold the file back;
 key         _check_keys: duplicate keys in the file, row keys and hashes;
 write       write_file: one transaction per file, one batch, rejections kept.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import stat
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import coerce, readers, recognise, schema, storage
from .messages import Items, Label, Message, clauses

log = logging.getLogger(__name__)

HEADER_SCAN_ROWS = 30
TOTALS_RE = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|汇\s*总|total|sub\s*-?\s*total|grand\s+total)\s*[:：]?\s*$",
                       re.IGNORECASE)
# The first letters of every totals word: a cheap test before the regular expression.
_TOTALS_FIRST = set("合总小汇tTsSgG")
NOTE_RE = re.compile(r"^\s*(注|备注|说明|制表|导出|数据来源|打印|审核|填报)")


# --- results ------------------------------------------------------------------------
class MappingError(ValueError):
    """A mapping file or profile that cannot be used; `message` says why."""

    def __init__(self, code: str, **params):
        self.message = Message(code, **params)
        super().__init__(self.message)


@dataclass
class RowError:
    row: int            # spreadsheet row number, 1-based as Excel shows it
    column: str | None  # the source header, or None for a row-level reason
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class SheetResult:
    sheet: str
    dataset: str | None = None
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_totals: int = 0
    skipped_blank: int = 0
    skipped_notes: int = 0
    header_row: int | None = None
    column_map: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    found_fields: list[str] = field(default_factory=list)
    missing_fields: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    mapping_profile: str | None = None
    error: str | None = None
    header_signature: str | None = None
    headers: list[str] = field(default_factory=list)  # the header row as read (for a column mapping)
    suggested_dataset: str | None = None  # when not recognised: the dataset the headers look most like
    field_columns: dict[str, str] = field(default_factory=dict)   # field -> column letter in the sheet
    evidence: dict[str, dict] = field(default_factory=dict)       # header -> {field, confidence, evidence}
    candidates: dict[str, list] = field(default_factory=dict)     # header -> [(field, score)], best first
    unread: dict[str, int] = field(default_factory=dict)          # optional field -> values stored empty
    waiting_rows: int = 0                                         # rows of halls not in the halls list yet
    waiting_halls: list[str] = field(default_factory=list)
    waiting_hall_names: dict[str, str] = field(default_factory=dict)
    doubts: list[str] = field(default_factory=list)               # values a person must confirm
    kept_stored: int = 0                                          # rows older than the stored ones
    # Not serialised: the accepted rows (canonical fields) and the rejected source rows.
    frame: pd.DataFrame | None = field(default=None, repr=False)
    rejected_rows: pd.DataFrame | None = field(default=None, repr=False)
    # Not serialised: the rows whose optional value was not understood, per field (no
    # default may fill them: the warning says they are stored empty).
    unread_rows: dict[str, set[int]] = field(default_factory=dict, repr=False)

    @property
    def skipped(self) -> int:
        return self.skipped_totals + self.skipped_blank + self.skipped_notes

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet, "dataset": self.dataset, "rows_read": self.rows_read,
            "accepted": self.accepted, "rejected": self.rejected, "updated": self.updated,
            "inserted": self.inserted, "unchanged": self.unchanged, "skipped": self.skipped,
            "skipped_totals": self.skipped_totals, "skipped_blank": self.skipped_blank,
            "skipped_notes": self.skipped_notes, "header_row": self.header_row,
            "column_map": self.column_map, "ignored_columns": self.ignored_columns,
            "missing_fields": self.missing_fields, "warnings": self.warnings,
            "mapping_profile": self.mapping_profile, "error": self.error,
            "errors": [e.as_dict() for e in self.errors],
            "field_columns": self.field_columns, "evidence": self.evidence, "unread": self.unread,
            "waiting_rows": self.waiting_rows, "waiting_halls": self.waiting_halls, "doubts": self.doubts,
            "kept_stored": self.kept_stored, "headers": self.headers,
        }


@dataclass
class FileResult:
    file: str
    sheets: list[SheetResult] = field(default_factory=list)
    error: str | None = None
    batch_id: int | None = None
    size: int = 0
    sha256: str = ""
    committed: bool = False
    started_at: dt.datetime | None = None
    hidden_sheets: list[str] = field(default_factory=list)  # left out unless asked for
    # What the worker process that parsed the file used at most (None: parsed in-process).
    worker_peak_mb: float | None = None

    def release(self) -> None:
        """Drop the parsed rows once written (a command-line run holds many files)."""
        for sheet in self.sheets:
            sheet.frame = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def problem(self) -> Message | None:
        """The error without the file's name in front (for a line that names the file already)."""
        if isinstance(self.error, Message) and self.error.code == "in_file":
            return self.error.params["msg"]
        return self.error

    def as_dict(self) -> dict:
        return {"file": self.file, "sheets": [s.as_dict() for s in self.sheets], "error": self.error,
                "batch_id": self.batch_id, "sha256": self.sha256, "size": self.size,
                "hidden_sheets": self.hidden_sheets}


@dataclass
class Mapping:
    """An explicit column mapping: source header -> field (None = ignore the column), with
    per-field value maps (source value -> stored value: 'Closed with explanation' ->
    'resolved') and constants for fields the file lacks (a one-hall file's hall code, a
    survey's scale)."""
    dataset: str
    columns: dict[str, str | None]
    scale: str | None = None
    name: str | None = None
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    constants: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: str | Path) -> "Mapping":
        path = Path(path)
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: dict, source: str = "mapping") -> "Mapping":
        dataset = data.get("dataset")
        if dataset not in schema.DATASETS:
            raise MappingError("mapping_bad_dataset", source=source, names=Items(schema.DATASETS), value=repr(dataset))
        fields = set(schema.DATASETS[dataset].field_names)
        columns = {str(k): (v or None) for k, v in (data.get("columns") or {}).items()}
        values = {str(f): {str(k): str(v) for k, v in (m or {}).items()} for f, m in (data.get("values") or {}).items()}
        constants = {str(k): v for k, v in (data.get("constants") or {}).items()}
        scale = data.get("scale", constants.pop("scale", None))
        unknown = sorted({v for v in columns.values() if v and v not in fields} | (set(values) - fields)
                         | (set(constants) - fields))
        if unknown:
            raise MappingError("mapping_unknown_fields", source=source, dataset=dataset, names=Items(unknown))
        if scale is not None and schema.scale_from_text(scale) is None:
            raise MappingError("mapping_unknown_scale", source=source, value=repr(scale), names=Items(schema.SCALES))
        return cls(dataset, columns, schema.scale_from_text(scale) if scale else None, data.get("name"),
                   values, constants)

    def as_dict(self) -> dict:
        return {"dataset": self.dataset, "columns": self.columns, "scale": self.scale, "name": self.name,
                "values": self.values, "constants": self.constants}


def mapping_extras_from_text(dataset: str, values_text: str, constants_text: str
                             ) -> tuple[dict[str, dict[str, str]], dict[str, str], list[tuple[str, dict]]]:
    """Value maps and constants of a mapping as a person types them, one per line:
    'status: Closed with explanation = resolved' and 'hall_code = 075501' (a field by its
    name or its Chinese or English label). Returns (values, constants, problems), each
    problem a message code with its parameters."""
    ds = schema.DATASETS[dataset]
    by_label = {}
    for f in ds.source_fields:
        for label in (f.name, f.label_zh, f.label_en):
            by_label[label.strip().lower()] = f.name
    values: dict[str, dict[str, str]] = {}
    constants: dict[str, str] = {}
    problems: list[tuple[str, dict]] = []

    def lines(text: str, separator: str, form: str, pair: bool):
        """(field, rest) of each filled line `field<separator>rest` whose field is known
        (rest 'a = b' when `pair`); every other line is a problem."""
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            name, found, rest = line.replace("：", ":").partition(separator)
            left, equals, right = rest.partition("=")
            if not (found and name.strip() and rest.strip()) or (pair and not (equals and left.strip() and right.strip())):
                problems.append(("imp_mapping_bad_line", {"n": n, "line": line.strip(), "form": form}))
            elif (field_name := by_label.get(name.strip().lower())) is None:
                problems.append(("imp_mapping_bad_field", {"field": name.strip()}))
            else:
                yield field_name, rest

    for field_name, rest in lines(values_text, ":", "字段: 原值 = 标准值", pair=True):
        source, _, stored = rest.partition("=")
        values.setdefault(field_name, {})[source.strip()] = stored.strip()
    for field_name, value in lines(constants_text, "=", "字段 = 值", pair=False):
        constants[field_name] = value.strip()
    return values, constants, problems


def mapping_extras_as_text(mapping: "Mapping | None") -> tuple[str, str]:
    """The inverse of mapping_extras_from_text, to pre-fill the editor."""
    if mapping is None:
        return "", ""
    values = "\n".join(f"{f}: {k} = {v}" for f, m in mapping.values.items() for k, v in m.items())
    constants = "\n".join(f"{f} = {v}" for f, v in mapping.constants.items())
    return values, constants


@dataclass
class ImportContext:
    """What validation needs to know beyond the file itself."""
    halls: dict[str, str]        # hall_code -> hall_name
    staff_halls: dict[str, str]  # staff_id -> hall_code
    now: dt.datetime
    profiles: list[dict]

    @classmethod
    def from_db(cls, con, now: dt.datetime | None = None) -> "ImportContext":
        return cls(storage.known_halls(con), storage.staff_halls(con), now or dt.datetime.now(),
                   storage.mapping_profiles(con))

    def learn_from(self, sheet: "SheetResult") -> None:
        """Add a checked halls list's halls, or a staff list's staff, for the sheets and
        files checked after it."""
        if sheet.frame is None or sheet.error is not None:
            return
        if sheet.dataset == "halls":
            self.halls.update(dict(zip(sheet.frame["hall_code"], sheet.frame["hall_name"])))
        elif sheet.dataset == "staff":
            self.staff_halls.update(dict(zip(sheet.frame["staff_id"], sheet.frame["hall_code"])))

    @property
    def known(self) -> dict[str, set[str]]:
        """Known codes and names by field, as recognition weighs values against them."""
        return {"hall_code": set(self.halls), "hall_name": set(self.halls.values()), "staff_id": set(self.staff_halls)}


# --- headers ------------------------------------------------------------------------
def fill_merged(rows: list[list], merged) -> None:
    """Give every cell of a merged range the value of its top-left cell (in place)."""
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value


def header_signature(headers: list[str]) -> str:
    """Identifies a header layout, for applying saved mapping profiles automatically."""
    names = "|".join(schema.normalise_header(h) for h in headers if not coerce.is_blank(h))
    return hashlib.sha1(names.encode("utf-8")).hexdigest()[:16]


def _best_header_score(text: str) -> float:
    return max((c.score for c in recognise.header_scores(text).values()), default=0.0)


def _combine(parent, child) -> str:
    """One header from a two-level header's group (parent) and column (child) cells: the
    child, or the two together when they mean more ('收入' under '营销' reads as 营销收入);
    the group alone only over a blank child (a group names what its columns share, so it
    would give every column under it the same field)."""
    parent = "" if coerce.is_blank(parent) else str(parent).strip()
    child = "" if coerce.is_blank(child) else str(child).strip()
    if not parent or parent == child:
        return child
    if not child:
        return parent
    return max((child, parent + child), key=_best_header_score)


@dataclass
class Header:
    index: int                 # 0-based row of the (last) header row
    names: list[str]           # one per column
    parents: list[str]         # the group header above each column ("" when single-level)


def find_header(rows: list[list]) -> Header | None:
    """The header among the first rows, or None when nothing looks like one.

    Tries each of the first rows alone and combined with the row above it (two-level
    headers), and keeps the one that means most fields of any dataset (by header words);
    ties go to the earlier, single-level reading.
    """
    best, best_score = None, 1.5
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        single = _row_headers(rows[r])
        candidates = [Header(r, single, [""] * len(single))]
        if r > 0 and _may_be_child_row(single):
            parents = _group_row(_row_headers(rows[r - 1]))
            if any(p and p != c for p, c in zip(parents, single)):
                # Before the single reading, so that a tie keeps the group headers (their
                # scale applies to the columns under them).
                candidates.insert(0, Header(r, [_combine(p, c) for p, c in zip(parents, single)],
                                            [p if p != c else "" for p, c in zip(parents, single)]))
        for header in candidates:
            score = recognise.header_strength(header.names)
            if score > best_score + 1e-9:
                best, best_score = header, score
    return best


def _may_be_child_row(cells: list[str]) -> bool:
    """Whether a row may be the lower level of a two-level header: header words, not data.
    A row with more than one number or date among its cells is a data row (combining it
    with the header above would read '组织名称' + a hall's name as a header)."""
    filled = [c for c in cells if c]
    data_like = sum(1 for c in filled if _DATA_CELL.match(c))
    return bool(filled) and data_like <= 1


_DATA_CELL = re.compile(r"^[\s\d.,:：/\-年月日时分秒%￥¥+]+$|^\d{4}-\d{2}-\d{2}")


def _group_row(cells: list[str]) -> list[str]:
    """The group header cells of the row above a header, or blanks when that row is a
    title (one text across the whole width: a merged title block is not a group)."""
    filled = [c for c in cells if c]
    if len(filled) == len(cells) and len(set(filled)) == 1 and len(cells) > 2:
        return [""] * len(cells)
    if len(set(filled)) == 1 and len(filled) == 1:
        return [""] * len(cells)
    return cells


def _row_headers(row: list) -> list[str]:
    return [("" if coerce.is_blank(v) else str(v).strip()) for v in row]


def find_header_with_mapping(rows: list[list], mapping: "Mapping | None", profiles: list[dict]):
    """(Header, mapping to apply) for a sheet.

    A saved profile whose header signature matches a row wins (its columns may be named
    nothing like the aliases); then an explicit mapping, whose header is the row naming
    most of its source columns; then recognition alone.
    """
    scan = rows[:HEADER_SCAN_ROWS]
    if mapping is None:
        by_signature = {p["header_signature"]: p for p in profiles}
        for r, row in enumerate(scan):
            saved = by_signature.get(header_signature(_row_headers(row)))
            if saved:
                names = _row_headers(row)
                return Header(r, names, [""] * len(names)), Mapping(
                    saved["dataset"], saved["columns"], saved.get("scale"), saved["name"],
                    saved.get("values") or {}, saved.get("constants") or {})
        return find_header(rows), None
    wanted = {schema.normalise_header(k) for k in mapping.columns}
    hits = [sum(schema.normalise_header(v) in wanted for v in _row_headers(row)) for row in scan]
    if hits and max(hits) > 0:
        r = hits.index(max(hits))
        names = _row_headers(scan[r])
        return Header(r, names, [""] * len(names)), mapping
    return find_header(rows), mapping


def recognise_headers(headers: list[str]) -> tuple[str | None, dict[int, str], str | None]:
    """(dataset, column map, explanation when not recognised) from the headers alone."""
    found = recognise.recognise(headers, None)
    return found.dataset, found.assignment.columns, (
        None if found.dataset else _not_recognised(headers, found))


def _not_recognised(headers: list[str], found: "recognise.Recognition") -> str:
    ds = schema.DATASETS[found.nearest]
    found_labels = [f"{ds.field(f).label_zh}({headers[p]})" for p, f in found.assignment.columns.items()]
    return Message("not_recognised", dataset_zh=ds.label_zh, dataset_en=ds.label_en,
                   missing=_field_labels(ds, found.missing),
                   found=Items(found_labels) if found_labels else Message("no_known_field"))


def _field_labels(ds, names) -> Items:
    """Fields as a message names them: 营业厅编码 in Chinese, 营业厅编码/Hall code in English."""
    return Items(Label(ds.field(f).label_zh, f"{ds.field(f).label_zh}/{ds.field(f).label_en}") for f in names)


def suggest_columns(headers: list[str], dataset: str, columns: list[list] | None = None,
                    known: dict[str, set[str]] | None = None) -> dict[str, str]:
    """source header -> field of `dataset` its name (and values, when given) suggest; the
    starting point of a column mapping."""
    assignment = recognise.assign(headers, columns, dataset, known)
    return {headers[p]: f for p, f in assignment.columns.items()}


def column_candidates(headers: list[str], dataset: str, columns: list[list] | None = None,
                      known: dict[str, set[str]] | None = None, top: int = 3) -> dict[str, list[tuple[str, float]]]:
    """source header -> its likeliest fields of `dataset` with their scores, best first
    (the runner-up candidates the mapping editor offers)."""
    assignment = recognise.assign(headers, columns, dataset, known)
    return {headers[p]: [(c.field, c.score) for c in ranked[:top]]
            for p, ranked in assignment.candidates.items() if headers[p] and ranked}


def apply_mapping(headers: list[str], mapping: Mapping, columns: list[list] | None = None,
                  known: dict[str, set[str]] | None = None) -> tuple[recognise.Assignment, list[str]]:
    """Assignment from an explicit mapping; columns it does not name are recognised as
    usual (unless it names them as ignored)."""
    wanted = {schema.normalise_header(k): v for k, v in mapping.columns.items()}
    fixed, taken, unmatched, ignored = {}, set(), set(wanted), set()
    for pos, header in enumerate(headers):
        key = schema.normalise_header(header)
        if key in wanted:
            unmatched.discard(key)
            if wanted[key] and wanted[key] not in taken:
                fixed[pos] = wanted[key]
                taken.add(wanted[key])
            else:
                ignored.add(pos)
    visible = [("" if p in ignored else h) for p, h in enumerate(headers)]
    assignment = recognise.assign(visible, columns, mapping.dataset, known, fixed=fixed)
    for name in mapping.constants:  # a constant stands for the file's column
        for pos in [p for p, c in assignment.chosen.items() if c.field == name and p not in fixed]:
            del assignment.chosen[pos]
    originals = {schema.normalise_header(k): k for k in mapping.columns}
    return assignment, [originals[k] for k in sorted(unmatched)]


# --- rows ---------------------------------------------------------------------------
def classify_rows(rows: list[list]) -> tuple[list[int], int, int, int]:
    """(data row positions, blank count, totals count, note count).

    Runs over every cell of every file, so the common case is kept cheap: a first pass
    drops only "" and None; a row's kind depends on the exact blank test (whitespace,
    NaN) only when few cells are left, and only then is it applied.
    """
    data, blank, totals, notes = [], 0, 0, 0
    is_blank, first_letters, totals_re = coerce.is_blank, _TOTALS_FIRST, TOTALS_RE
    for i, row in enumerate(rows):
        filled = [v for v in row if v != "" and v is not None]
        if len(filled) <= 3:
            filled = [v for v in filled if not is_blank(v)]
        if not filled:
            blank += 1
            continue
        is_totals = False
        for v in filled:
            if v.__class__ is str and (v[0] in first_letters or v[0].isspace()) \
                    and v.lstrip()[:1] in first_letters and totals_re.match(v):
                is_totals = True
                break
        if is_totals:
            totals += 1
        elif len(filled) == 1 and isinstance(filled[0], str) and (NOTE_RE.match(filled[0]) or "：" in filled[0]):
            notes += 1
        else:
            data.append(i)
    return data, blank, totals, notes


def _stable_hash(frame: pd.DataFrame) -> pd.Series:
    """A 64-bit hash of each row, stable across runs (pandas' fixed hash key). Columns are
    hashed as they are typed (the coercion makes the types the same for the same file), so
    nothing is turned into text first."""
    hashed = pd.util.hash_pandas_object(frame, index=False).tolist()
    return pd.Series([format(h, "016x") for h in hashed], index=frame.index, dtype=object)


class _Rejections:
    def __init__(self, n: int):
        self.reasons: dict[int, list[tuple[str | None, str]]] = {}
        self.n = n

    def add(self, position: int, column: str | None, reason: str) -> None:
        self.reasons.setdefault(int(position), []).append((column, reason))

    def add_mask(self, mask, column: str | None, reason) -> None:
        """Reject every row where `mask` is true; `reason` may be a function of the row position."""
        for pos in np.flatnonzero(np.asarray(mask, dtype=bool)):
            self.add(pos, column, reason(pos) if callable(reason) else reason)

    @property
    def rejected(self) -> np.ndarray:
        keep = np.zeros(self.n, dtype=bool)
        keep[list(self.reasons)] = True
        return keep


def parse_sheet(raw: readers.RawSheet, ctx: ImportContext, mapping: Mapping | None = None,
                *, max_rows: int | None = None, on_column=None) -> SheetResult:
    """Everything but the write, as the pipeline's stages: find the header, sort the rows
    (data, blank, totals, notes), recognise the columns, then coerce, check and key them."""
    result = SheetResult(sheet=raw.name)
    rows = raw.rows
    fill_merged(rows, raw.merged)
    if not any(not coerce.is_blank(v) for row in rows[:HEADER_SCAN_ROWS * 4] for v in row):
        result.error = Message("sheet_empty")
        return result
    header, profile = find_header_with_mapping(rows, mapping, ctx.profiles)
    if header is None:
        result.error = Message("no_header", n=HEADER_SCAN_ROWS, examples=Items(["营业厅编码", "工单编号", "评价时间"]))
        # The likeliest header for a mapping: the early row with the most text cells.
        guess = max(rows[:HEADER_SCAN_ROWS], key=lambda row: sum(isinstance(v, str) and bool(v.strip()) for v in row))
        result.headers = _row_headers(guess)
        result.header_signature = header_signature(result.headers)
        return result
    headers = header.names
    result.header_row = header.index + 1
    result.header_signature = header_signature(headers)
    result.headers = list(headers)

    body = rows[header.index + 1:]
    positions, result.skipped_blank, result.skipped_totals, result.skipped_notes = classify_rows(body)
    result.rows_read = len(positions)
    sample = [body[p] for p in positions[:recognise.VALUE_SAMPLE]]
    columns = [[row[c] if c < len(row) else "" for row in sample] for c in range(len(headers))]
    known = ctx.known
    if profile is not None:
        assignment, unmatched = apply_mapping(headers, profile, columns, known)
        dataset_name = profile.dataset
        result.mapping_profile = profile.name or "explicit mapping"
        if unmatched:
            result.warnings.append(Message("mapping_columns_missing", columns=Items(unmatched)))
        ds = schema.DATASETS[dataset_name]
        missing = recognise.missing_required(dataset_name, [*assignment.columns.values(), *profile.constants])
        if missing:
            result.dataset = dataset_name
            result.missing_fields = missing
            result.found_fields = list(assignment.columns.values())
            result.error = Message("mapping_required_unmapped", fields=_field_labels(ds, missing))
            return result
    else:
        found = recognise.recognise(headers, columns, known)
        assignment = found.assignment
        if found.dataset is None:
            result.found_fields = list(assignment.columns.values())
            result.missing_fields = found.missing
            result.suggested_dataset = found.nearest
            result.error = _not_recognised(headers, found)
            result.candidates = _candidates_of(headers, assignment)
            return result
        dataset_name = found.dataset
    colmap = assignment.columns
    ds = schema.DATASETS[dataset_name]
    result.dataset = dataset_name
    result.column_map = {headers[p]: f for p, f in colmap.items()}
    result.field_columns = {f: _column_letter(p) for p, f in colmap.items()}
    result.evidence = {headers[p]: {"field": c.field, "confidence": c.score, "evidence": c.evidence}
                       for p, c in assignment.chosen.items()}
    result.candidates = _candidates_of(headers, assignment)
    result.found_fields = list(colmap.values())
    result.ignored_columns = [h for p, h in enumerate(headers) if p not in colmap and h]
    seen_names = {}
    for p, h in enumerate(headers):
        if h and schema.normalise_header(h) in seen_names and p not in colmap:
            result.warnings.append(Message("column_twice", header=h,
                                           letter=_column_letter(seen_names[schema.normalise_header(h)])))
        seen_names.setdefault(schema.normalise_header(h), p)

    if not positions:
        result.error = Message("header_only", row=result.header_row)
        return result
    if max_rows is not None and result.rows_read > max_rows:
        result.error = Message("too_many_rows", rows=result.rows_read, limit=max_rows)
        return result
    row_numbers = np.array([header.index + 2 + p for p in positions], dtype=np.int64)
    data_rows = [body[p] for p in positions]
    _build_frame(ds, header, colmap, data_rows, row_numbers, ctx, profile, result, on_column)
    return result


def _candidates_of(headers, assignment) -> dict[str, list[tuple[str, float]]]:
    return {headers[p]: [(c.field, c.score) for c in ranked[:3]]
            for p, ranked in assignment.candidates.items() if headers[p] and ranked}


def _unique_names(headers: list[str]) -> list[str]:
    """Headers as column names of the rejected-rows table: a blank header becomes its
    column letter, a repeated one gets its letter added ('备注 (F)')."""
    names, seen = [], set()
    for i, header in enumerate(headers):
        name = header or _column_letter(i)
        if name in seen:
            name = f"{name} ({_column_letter(i)})"
        seen.add(name)
        names.append(name)
    return names


def _column_letter(pos: int) -> str:
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _value_mapped(cells: list, value_map: dict[str, str]) -> list:
    """Cells with a mapping's value map applied (compared as trimmed, case-folded text)."""
    lookup = {unicodedata.normalize("NFKC", str(k)).strip().lower(): v for k, v in value_map.items()}
    out = []
    for cell in cells:
        text = coerce.clean_text(cell)
        out.append(lookup.get(text.lower(), cell) if text is not None else cell)
    return out


def _examples(cells: list, positions) -> str:
    shown = []
    for p in positions:
        text = coerce.clean_text(cells[p])
        if text is not None and text not in shown:
            shown.append(text)
        if len(shown) == 3:
            break
    return ", ".join(f"'{t}'" for t in shown)


# One encoder for every row's _raw (json.dumps with options builds a new one per call).
_RAW_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)


def _build_frame(ds, header: Header, colmap, data_rows, row_numbers, ctx, profile, result, on_column=None) -> None:
    """Coerce every field's column (`on_column(done, total)` after each, for a progress
    bar: on a large sheet this is where the time goes), then check and key the rows."""
    headers = header.names
    n = len(data_rows)
    rejections = _Rejections(n)
    by_field = {f: p for p, f in colmap.items()}
    source_header = {f: headers[p] for p, f in colmap.items()}
    constants = dict(profile.constants) if profile is not None else {}
    value_maps = dict(profile.values) if profile is not None else {}
    for name in constants:
        source_header.setdefault(name, ds.field(name).label_zh)

    def cells(field_name):
        if field_name not in by_field:
            return [constants[field_name]] * n
        # One pass over the rows per mapped field: measured faster than transposing them all.
        pos = by_field[field_name]
        return [row[pos] if pos < len(row) else "" for row in data_rows]

    columns: dict[str, list] = {}
    scales = None
    if ds.name == "surveys":
        scales = _survey_scales(header, by_field, cells, profile, rejections, source_header, n)
    for done, f in enumerate(ds.source_fields, start=1):
        if on_column is not None:
            on_column(done, len(ds.source_fields))
        if f.name not in by_field and f.name not in constants:
            columns[f.name] = [None] * n
            continue
        label = f"{source_header[f.name]}"
        raw_cells = cells(f.name)
        if f.name in value_maps:
            raw_cells = _value_mapped(raw_cells, value_maps[f.name])
        if f.type == schema.SCORE and scales is not None:
            raw_cells = _words_to_scores(raw_cells, scales)
        warnings: list[str] = []
        if f.vocabulary:
            values, problems = coerce.coerce_vocabulary(raw_cells, f.vocabulary, label)
        elif f.type in (schema.TEXT, schema.CODE):
            # A code is folded to half width (０２０００１ is 020001); free text is kept as
            # written, its full-width punctuation included.
            values, problems = coerce.coerce_text(raw_cells, fold=f.type == schema.CODE)
            values, cleaned = coerce.strip_control_characters(values)
            if cleaned:
                result.warnings.append(Message("control_chars_removed", label=label, n=len(cleaned),
                                               row=int(row_numbers[cleaned[0]])))
        elif f.type in (schema.NUMBER, schema.SCORE, schema.INTEGER):
            points = f.maximum == 100 and f.minimum == 0
            values, problems = coerce.coerce_number(raw_cells, label, integer=f.type == schema.INTEGER,
                                                    words=f.words, percent_as_points=points)
            if points:
                percents = [i for i, c in enumerate(raw_cells) if c.__class__ is str and "%" in c and i not in problems]
                if percents:
                    result.warnings.append(Message("percent_as_points", label=label, n=len(percents),
                                                   example=_examples(raw_cells, percents[:1]),
                                                   value=values[percents[0]]))
            if f.words:
                worded = [i for i, c in enumerate(raw_cells)
                          if c.__class__ is str and values[i] is not None and not any(ch.isdigit() for ch in c)]
                if worded:
                    result.warnings.append(Message("words_as_numbers", label=label, n=len(worded),
                                                   example=_examples(raw_cells, worded[:1]), value=values[worded[0]]))
        elif f.type == schema.BOOLEAN:
            values, problems = coerce.coerce_boolean(raw_cells, label)
        elif f.type in (schema.TIMESTAMP, schema.DATE):
            cleaned_cells = [("" if coerce.is_null_word(c) else c) for c in raw_cells]
            convert = coerce.coerce_datetime if f.type == schema.TIMESTAMP else coerce.coerce_date
            values, problems, warnings = convert(cleaned_cells, label)
        else:  # pragma: no cover - every type is handled above
            raise AssertionError(f.type)
        result.warnings.extend(warnings)
        for pos in [pos for pos, reason in problems.items() if reason.code in coerce.ROW_REJECTING]:
            rejections.add(pos, source_header[f.name], problems.pop(pos))
        if problems and not f.required:
            # An optional value that cannot be read costs the value, never the row: it is
            # stored empty, counted and shown; the raw text stays in the row's _raw.
            for pos in problems:
                values[pos] = None
            result.unread[f.name] = len(problems)
            result.unread_rows[f.name] = set(problems)
            result.warnings.append(Message("values_not_understood", n=len(problems), label=label,
                                           examples=_examples(raw_cells, sorted(problems)[:3])))
        else:
            for pos, reason in problems.items():
                rejections.add(pos, source_header[f.name], reason)
        columns[f.name] = values
    frame = pd.DataFrame(columns)
    for f in ds.source_fields:
        if f.type in (schema.TIMESTAMP,):
            frame[f.name] = pd.to_datetime(frame[f.name])
    frame["_source_row"] = row_numbers
    # Nothing is lost: every source cell of the row, as read, for a later mapping to re-read.
    encode = _RAW_ENCODER.encode
    frame["_raw"] = [encode(row) for row in data_rows]
    _reject_long_cells(frame["_raw"], data_rows, headers, rejections)

    _validate_common(ds, frame, rejections, source_header, ctx, result)
    _VALIDATORS.get(ds.name, lambda *a: None)(frame, rejections, source_header, ctx, scales, result)
    _check_doubts(ds, frame, source_header, scales, result)
    _check_keys(ds, frame, rejections, source_header, row_numbers)

    rejected = rejections.rejected
    for pos in sorted(rejections.reasons):
        for column, reason in rejections.reasons[pos]:
            result.errors.append(RowError(int(row_numbers[pos]), column, reason))
    result.rejected = int(rejected.sum())
    result.accepted = n - result.rejected
    accepted = frame.loc[~rejected].reset_index(drop=True)
    for f in ds.fields:
        if f.name not in accepted:
            accepted[f.name] = None
    result.frame = accepted
    if result.rejected:
        raw = pd.DataFrame([[_shown(coerce.clean_text(v)) for v in data_rows[p]] for p in np.flatnonzero(rejected)],
                           columns=_unique_names(headers)[: len(data_rows[0])] if data_rows else None)
        raw.insert(0, "row_number", row_numbers[rejected])
        raw["reason"] = [str(clauses([r for _, r in rejections.reasons[p]])) for p in np.flatnonzero(rejected)]
        result.rejected_rows = raw


def _reject_long_cells(raw: pd.Series, data_rows: list[list], headers: list[str], rejections) -> None:
    """Reject each row holding a cell longer than schema.LONGEST_CELL, whatever its column
    (kept or not): the encoded row is at least as long as its longest cell, so only the
    few rows whose encoding is that long are looked at cell by cell."""
    lengths = raw.str.len().to_numpy()
    for pos in np.flatnonzero(lengths > schema.LONGEST_CELL):
        for column, cell in enumerate(data_rows[pos]):
            if cell.__class__ is str and len(cell) > schema.LONGEST_CELL:
                header = headers[column] if column < len(headers) else _column_letter(column)
                rejections.add(pos, header, Message("cell_too_long", length=len(cell), limit=schema.LONGEST_CELL))
                break


def _shown(value):
    """A rejected row's cell as the rejections list shows and keeps it: a refused cell of
    millions of characters is cut, saying so (the file itself still has it whole)."""
    if value.__class__ is str and len(value) > schema.LONGEST_CELL:
        return f"{value[:200]}…（{len(value):,}）"
    return value


# --- validation ---------------------------------------------------------------------
def _label(ds, source_header, name):
    return source_header.get(name) or ds.field(name).label_zh


def _validate_common(ds, frame, rejections, source_header, ctx, result) -> None:
    if ds.references_hall and "hall_code" in frame:
        if ds.name == "training":
            missing_hall = frame["hall_code"].isna()
            frame.loc[missing_hall, "hall_code"] = frame.loc[missing_hall, "staff_id"].map(ctx.staff_halls)
        # A hall may be given by name when the export has no code column.
        # Names compare in their half-width form: （天河） and (天河) name one hall.
        by_name = {coerce.clean_text(name): code for code, name in ctx.halls.items()}
        needs_code = frame["hall_code"].isna() & frame["hall_name"].notna()
        frame.loc[needs_code, "hall_code"] = frame.loc[needs_code, "hall_name"].map(
            lambda name: by_name.get(coerce.clean_text(name)))
        unknown_name = needs_code & frame["hall_code"].isna()
        rejections.add_mask(unknown_name, _label(ds, source_header, "hall_name"),
                            lambda p: Message("unknown_hall_name", value=frame.at[p, "hall_name"]))
        _restore_hall_codes(ds, frame, source_header, ctx, result)
        known = frame["hall_code"].isin(list(ctx.halls)) if ctx.halls else pd.Series(False, index=frame.index)
        waiting = (frame["hall_code"].notna() & ~known).to_numpy() & ~rejections.rejected
        if waiting.any():
            # Rows of halls the halls list does not hold yet are kept: the dashboards count
            # them as soon as those halls arrive (every figure joins through the halls).
            codes = sorted(set(frame.loc[waiting, "hall_code"]))
            result.waiting_rows, result.waiting_halls = int(waiting.sum()), codes
            names = frame.loc[waiting, ["hall_code", "hall_name"]].dropna().drop_duplicates("hall_code")
            result.waiting_hall_names = dict(zip(names["hall_code"], names["hall_name"]))
            result.warnings.append(Message("rows_waiting", n=int(waiting.sum()), halls=len(codes),
                                           codes=Items(codes[:5]), more=" …" if len(codes) > 5 else ""))
        if ds.name == "training":
            rejections.add_mask(frame["hall_code"].isna() & ~unknown_name, _label(ds, source_header, "staff_id"),
                                lambda p: Message("no_hall_for_staff", value=frame.at[p, "staff_id"]))
    for f in ds.source_fields:
        column = frame[f.name]
        label = _label(ds, source_header, f.name)
        if f.required and not (f.name == "hall_code" and ds.references_hall):
            rejections.add_mask(column.isna() & _not_already(rejections, len(frame), label), label,
                                Message("required_empty", field_zh=f.label_zh, field_en=f.label_en))
        elif f.required:
            rejections.add_mask(column.isna() & frame.get("hall_name", column).isna(), label,
                                Message("required_empty", field_zh=f.label_zh, field_en=f.label_en))
        if f.type in (schema.NUMBER, schema.INTEGER) and (f.minimum is not None or f.maximum is not None):
            numbers = pd.to_numeric(column, errors="coerce")
            low = numbers < f.minimum if f.minimum is not None else False
            high = numbers > f.maximum if f.maximum is not None else False
            outside = np.asarray(low | high, dtype=bool)
            if f.required:
                rejections.add_mask(outside, label,
                                    lambda p, f=f, numbers=numbers: Message(
                                        "value_out_of_bounds", field=f.label_zh, value=numbers.iat[p],
                                        bounds=_bounds(f)))
            elif outside.any():
                examples = ", ".join(f"{v:g}" for v in numbers[outside].head(3))
                frame.loc[outside, f.name] = None
                result.unread[f.name] = result.unread.get(f.name, 0) + int(outside.sum())
                result.warnings.append(Message("values_out_of_bounds", n=int(outside.sum()), label=label,
                                               bounds=_bounds(f), examples=examples))
        if f.type in (schema.TIMESTAMP, schema.DATE):
            stamps = pd.to_datetime(column)
            earliest = pd.Timestamp(f.earliest_date)
            rejections.add_mask(stamps < earliest, label,
                                lambda p, stamps=stamps, f=f: Message(
                                    "date_too_early", field=f.label_zh, stamp=stamps.iat[p],
                                    earliest=f.earliest_date.isoformat()))
            limit = pd.Timestamp(ctx.now) if f.type == schema.TIMESTAMP else pd.Timestamp(ctx.now.date()) + pd.Timedelta(days=1)
            future = stamps > limit if f.type == schema.TIMESTAMP else stamps >= limit
            rejections.add_mask(future, label,
                                lambda p, stamps=stamps, f=f: Message("in_future", field=f.label_zh,
                                                                      stamp=stamps.iat[p]))


def _restore_hall_codes(ds, frame, source_header, ctx, result) -> None:
    """Codes a spreadsheet stored as numbers lose their leading zeros (20003 for 020003):
    put them back where exactly that known hall exists, and say so."""
    if not ctx.halls:
        return
    codes = set(ctx.halls)
    widths = tuple(sorted({len(c) for c in codes}))
    unknown = frame["hall_code"].notna() & ~frame["hall_code"].isin(list(codes))
    restored = {}
    for value in set(frame.loc[unknown, "hall_code"]):
        fixed = coerce.restore_code(value, codes, widths)
        if fixed is not None:
            restored[value] = fixed
    if restored:
        hit = frame["hall_code"].isin(list(restored))
        frame.loc[hit, "hall_code"] = frame.loc[hit, "hall_code"].map(restored)
        example = next(iter(sorted(restored.items())))
        result.warnings.append(Message("zeros_restored", label=_label(ds, source_header, "hall_code"),
                                       n=int(hit.sum()), given=example[0], restored=example[1]))


def _check_doubts(ds, frame, source_header, scales, result) -> None:
    """Values that fit the field's bounds but not its use: the import waits for a person
    to confirm them (they are stored as given once confirmed)."""
    for f in ds.source_fields:
        if not f.doubt_check or f.name not in source_header:
            continue
        numbers = pd.to_numeric(frame[f.name], errors="coerce").dropna()
        if len(numbers) < 5:
            continue
        label = source_header[f.name]
        low, high = float(numbers.min()), float(numbers.max())
        if f.maximum == 10 and low >= 1 and high <= 5:
            result.doubts.append(Message("doubt_nps_scale", label=label, low=low, high=high))
        elif f.maximum == 100 and high <= 1 and (numbers % 1 != 0).any():
            result.doubts.append(Message("doubt_fraction_points", label=label, low=low, high=high))
    if scales is not None and "score" in source_header:
        declared = {s for s in scales if s}
        numbers = pd.to_numeric(frame["score"], errors="coerce").dropna()
        if declared == {"ten"} and len(numbers) >= 5 and numbers.min() >= 1 and numbers.max() <= 5:
            result.doubts.append(Message("doubt_declared_ten", label=source_header["score"], low=float(numbers.min()),
                                         high=float(numbers.max())))


def _not_already(rejections, n, column):
    """Rows not yet rejected for this column (a bad cell already says why it is empty)."""
    mask = np.ones(n, dtype=bool)
    for pos, reasons in rejections.reasons.items():
        if any(c == column for c, _ in reasons):
            mask[pos] = False
    return mask


def _bounds(f: schema.Field) -> str:
    if f.minimum is not None and f.maximum is not None:
        return f"{f.minimum:g}–{f.maximum:g}"
    return f"≥ {f.minimum:g}" if f.minimum is not None else f"≤ {f.maximum:g}"


def _survey_scales(header: Header, by_field, cells, profile, rejections, source_header, n) -> list:
    """The declared scale of each survey row (None where nothing declares one).

    Precedence: the row's own scale column, the score header or the group header above it
    ('满意度评价（1-5分）' over 总体/环境/态度), the mapping, then the channel's known scale
    (SMS replies are 3-point).
    """
    header_scale = None
    if "score" in by_field:
        pos = by_field["score"]
        header_scale = schema.scale_in_header(header.names[pos]) or schema.scale_in_header(header.parents[pos])
    sheet_scale = header_scale or (profile.scale if profile else None)
    row_scales = [sheet_scale] * n
    if "scale" in by_field:
        for i, cell in enumerate(cells("scale")):
            if coerce.is_blank(cell):
                continue
            code = schema.scale_from_text(cell)
            if code is None:
                rejections.add(i, source_header["scale"],
                               Message("scale_unknown", value=cell, names=Items(schema.SCALES)))
            row_scales[i] = code
    if "channel" in by_field:
        for i, cell in enumerate(cells("channel")):
            if row_scales[i] is None and not coerce.is_blank(cell):
                row_scales[i] = schema.CHANNEL_DEFAULT_SCALE.get(str(cell).strip())
    return row_scales


def _words_to_scores(raw_cells: list, scales: list) -> list:
    out = []
    for cell, scale in zip(raw_cells, scales):
        if isinstance(cell, str) and not coerce.is_blank(cell):
            word = unicodedata.normalize("NFKC", cell).strip().lower()
            table = schema.SATISFACTION_WORDS_SMS3 if scale == "sms3" else (
                schema.SATISFACTION_WORDS_FIVE if scale == "five" else {})
            if word in table:
                cell = table[word]
        out.append(cell)
    return out


def _validate_surveys(frame, rejections, source_header, ctx, scales, result) -> None:
    frame["scale"] = scales
    score_label = source_header.get("score", "总体满意度")
    no_scale = frame["scale"].isna() & frame["score"].notna()
    rejections.add_mask(no_scale, score_label,
                        Message("scale_missing", example="总体满意度(1-5分)"))
    score_100, top_box = [None] * len(frame), [None] * len(frame)
    for name in ("score", "dim_environment", "dim_attitude", "dim_expertise", "dim_efficiency"):
        values = frame[name].to_numpy()
        for pos in np.flatnonzero(pd.notna(frame[name]).to_numpy() & frame["scale"].notna().to_numpy()):
            scale = schema.SCALES[frame.at[pos, "scale"]]
            value = float(values[pos])
            if not (scale.minimum <= value <= scale.maximum):
                rejections.add(pos, source_header.get(name, name),
                               Message("score_outside_scale", value=value, scale=Label(scale.label_zh, scale.label_en),
                                       low=scale.minimum, high=scale.maximum))
            elif name == "score":
                score_100[pos] = scale.to_100(value)
                top_box[pos] = value in scale.top_box
    frame["score_100"] = score_100
    frame["top_box"] = top_box


def _validate_complaints(frame, rejections, source_header, ctx, scales, result) -> None:
    received = pd.to_datetime(frame["received_at"])
    for name, part in (("first_response_at", Label("首次响应", "first response")),
                       ("resolved_at", Label("办结", "resolution"))):
        stamp = pd.to_datetime(frame[name])
        rejections.add_mask(stamp < received, source_header.get(name, name),
                            lambda p, stamp=stamp, part=part: Message("time_before_received", part=part,
                                                                      stamp=stamp.iat[p], received=received.iat[p]))
    # Done without a resolution time (a public portal gives none): kept and counted as
    # resolved, left out of the 48-hour rate, whose proof is the time (metrics.complaints).
    done = frame["status"].isin(["resolved", "closed"]) & frame["resolved_at"].isna()
    if done.any():
        result.warnings.append(Message("resolved_without_time", n=int(done.sum())))


def _validate_staff(frame, rejections, source_header, ctx, scales, result) -> None:
    hired, left = pd.to_datetime(frame["hired_on"]), pd.to_datetime(frame["left_on"])
    rejections.add_mask(left < hired, source_header.get("left_on", "离职日期"),
                        lambda p: Message("left_before_hired", left=left.iat[p].date(), hired=hired.iat[p].date()))
    # A blank status follows from the dates; one that was not understood stays empty.
    blank = frame["status"].isna() & ~frame.index.isin(sorted(result.unread_rows.get("status", ())))
    frame.loc[blank & frame["left_on"].notna(), "status"] = "left"
    frame.loc[blank & frame["status"].isna(), "status"] = "active"


def _validate_sales(frame, rejections, source_header, ctx, scales, result) -> None:
    contact = frame["outcome"].notna()
    daily = ~contact & frame["contacts"].notna()
    # A count that was given but refused (1e30, inf) has its own reason: not "neither is given".
    counted = source_header.get("contacts")
    refused_count = sorted(p for p, reasons in rejections.reasons.items() if any(c == counted for c, _ in reasons))
    neither = ~contact & ~daily & ~frame.index.isin(refused_count)
    rejections.add_mask(neither, source_header.get("outcome", source_header.get("contacts")),
                        Message("no_outcome_nor_contacts"))
    frame["grain"] = np.where(contact, "contact", np.where(daily, "daily", None))
    # Counts as floats while they are filled in (a missing count is NaN); stored as BIGINT.
    for column in ("contacts", "interested", "converted"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame.loc[contact, "contacts"] = 1
    frame.loc[contact, "interested"] = frame.loc[contact, "outcome"].isin(["interested", "converted"]).astype(int)
    frame.loc[contact, "converted"] = (frame.loc[contact, "outcome"] == "converted").astype(int)
    # A daily report that leaves out the interested count: those who converted were interested.
    fill = daily & frame["interested"].isna()
    frame.loc[fill, "interested"] = frame.loc[fill, "converted"]
    frame.loc[daily & frame["converted"].isna(), "converted"] = 0
    frame.loc[daily & frame["interested"].isna(), "interested"] = 0
    frame.loc[frame["revenue"].isna(), "revenue"] = 0.0
    contacts = pd.to_numeric(frame["contacts"], errors="coerce")
    interested = pd.to_numeric(frame["interested"], errors="coerce")
    converted = pd.to_numeric(frame["converted"], errors="coerce")
    rejections.add_mask(daily & (interested > contacts), source_header.get("interested", "意向客户数"),
                        lambda p: Message("interested_over_contacts", interested=interested.iat[p],
                                          contacts=contacts.iat[p]))
    rejections.add_mask(daily & (converted > interested), source_header.get("converted", "成功办理数"),
                        lambda p: Message("converted_over_interested", converted=converted.iat[p],
                                          interested=interested.iat[p]))


def _validate_training(frame, rejections, source_header, ctx, scales, result) -> None:
    bad = frame["passed"].isna() & pd.to_numeric(frame["score"], errors="coerce").notna()
    frame.loc[bad, "passed"] = pd.to_numeric(frame.loc[bad, "score"]) >= 60


_VALIDATORS = {"surveys": _validate_surveys, "complaints": _validate_complaints, "staff": _validate_staff,
               "sales": _validate_sales, "training": _validate_training}


def _check_keys(ds, frame, rejections, source_header, row_numbers) -> None:
    """Compute _key and _row_hash; reject later rows repeating a key inside the file."""
    fields = list(ds.field_names)
    key_fields = list(ds.key)
    key_parts = frame[key_fields].astype("string")
    if len(key_fields) == 1:
        keys = key_parts.iloc[:, 0]
    else:
        keys = key_parts.fillna("").agg("\x1f".join, axis=1).where(key_parts.notna().all(axis=1))
    missing_key = keys.isna()
    if ds.key_may_be_hashed and missing_key.any():
        # No id in the export: the key is the row's values plus how many identical rows
        # came before it in this file, so two genuinely identical answers are both kept
        # and re-importing the file finds the same keys. Only rows without an id pay.
        value_hash = _stable_hash(frame.loc[missing_key, [f.name for f in ds.source_fields]])
        occurrence = value_hash.groupby(value_hash).cumcount().astype(str)
        keys = keys.astype(object)
        keys[missing_key] = "h" + value_hash + "." + occurrence
    frame["_key"] = keys
    frame["_row_hash"] = _stable_hash(frame[fields])
    eligible = keys.notna().to_numpy() & ~rejections.rejected
    first_row: dict[str, int] = {}
    labels = ", ".join(source_header.get(k, ds.field(k).label_zh) for k in key_fields)
    dup_mask = keys.duplicated(keep=False).to_numpy() & eligible
    for pos in np.flatnonzero(dup_mask):
        key = keys.iat[pos]
        if key in first_row:
            rejections.add(pos, source_header.get(key_fields[0]),
                           Message("duplicate_key", labels=labels, key=key.replace(chr(31), " / "), row=first_row[key]))
        else:
            first_row[key] = int(row_numbers[pos])


# --- files --------------------------------------------------------------------------
# The share of a file's check spent reading it (benchmarks/import_check.py: 1.07 s of 3.0 s).
READ_SHARE = 0.35


def parse_file(con, name: str, data: bytes, *, mapping: Mapping | None = None,
               sheet_mappings: dict[str, Mapping] | None = None, now: dt.datetime | None = None,
               engine: str = "calamine", max_rows: int | None = None,
               context: ImportContext | None = None, include_hidden: bool = False,
               on_progress=None) -> FileResult:
    """Read and check one file without writing anything: every sheet parsed, its accepted
    rows in `sheet.frame`. `sheet_mappings` (sheet name -> mapping) wins over `mapping`,
    which applies to every sheet. `context` (default: read from `con`) says which halls,
    staff and mapping profiles exist; it is extended with the file's own halls and staff.
    Hidden sheets (often stale copies) are left out, and named, unless `include_hidden`.
    `on_progress(fraction)` follows the work: the read (READ_SHARE of it), then each
    sheet's columns."""
    report = on_progress or (lambda fraction: None)
    result = FileResult(file=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    result.started_at = dt.datetime.now()
    try:
        raw_sheets = readers.read_file(name, data, engine=engine, max_rows=max_rows)
    except readers.FileReadError as exc:
        result.error = exc.message
        return result
    report(READ_SHARE)
    ctx = context or ImportContext.from_db(con, now)
    if not include_hidden:
        result.hidden_sheets = [raw.name for raw in raw_sheets if raw.hidden]
        raw_sheets = [raw for raw in raw_sheets if not raw.hidden]
    # Halls first: a workbook holding the halls list and other sheets must know its halls.
    parsed = []
    for index, raw in enumerate(raw_sheets):
        def on_column(done, total, index=index):
            report(READ_SHARE + (1 - READ_SHARE) * (index + done / total) / len(raw_sheets))
        try:
            sheet = parse_sheet(raw, ctx, (sheet_mappings or {}).get(raw.name, mapping), max_rows=max_rows,
                                on_column=on_column)
        except MemoryError:
            raise  # the file's, not the sheet's: the worker reports it for the whole file
        except Exception as exc:  # a bug must not become a traceback on the user's screen
            log.exception("sheet %r of %s could not be checked", raw.name, name)
            sheet = SheetResult(sheet=raw.name, error=Message("sheet_check_failed",
                                                              detail=f"{type(exc).__name__}: {exc}"))
        parsed.append(sheet)
        ctx.learn_from(sheet)
    result.sheets = parsed
    if Path(name).suffix.lower() in (".xlsx", ".xlsm") and any(s.rejected or s.error for s in parsed):
        # Cells read empty may be formulas that were never calculated: say so, once.
        formulas = readers.formulas_without_values(data)
        if formulas:
            for sheet in parsed:
                sheet.warnings.append(Message("formulas_without_values", n=formulas))
    if not [s for s in parsed if s.error is None]:
        problems = [Message("in_sheet", sheet=s.sheet, msg=s.error) for s in parsed if s.error.code != "sheet_empty"]
        if not problems and result.hidden_sheets:
            problems = [Message("only_hidden", sheets=Items(result.hidden_sheets))]
        result.error = Message("in_file", file=name, msg=clauses(problems) if problems else Message("file_no_data"))
    return result


def write_file(con, result: FileResult, *, source: str = "cli", dry_run: bool = False,
               on_sheet=None, confirm_doubts: bool = False) -> FileResult:
    """Store the usable sheets of a parsed file in one transaction, as one batch.

    A dry run goes through the whole write and then rolls it back, so its counts of rows
    to insert, update or leave unchanged are the real ones. `on_sheet(done, total)` is
    called after each sheet (for a progress bar). A file with doubtful values is written
    only with `confirm_doubts` (a dry run counts it all the same). Returns `result`, its
    counts filled in.
    """
    usable = [s for s in result.sheets if s.error is None]
    if result.error is not None or not usable:
        return result
    doubts = [d for s in usable for d in s.doubts]
    if doubts and not confirm_doubts and not dry_run:
        result.error = Message("in_file", file=result.file,
                               msg=Message("doubts_unconfirmed", doubts=clauses(doubts)))
        return result
    result.batch_id, result.committed = None, False
    con.execute("BEGIN TRANSACTION")
    try:
        # A dry run takes no number from the batch sequence (sequences ignore a rollback),
        # so the batches a user sees are numbered without gaps.
        batch_id = DRY_RUN_BATCH if dry_run else storage.new_batch(
            con, file_name=Path(result.file).name, file_size=result.size, sha256=result.sha256,
            started_at=result.started_at or dt.datetime.now(), source=source)
        for done, sheet in enumerate(usable, start=1):
            ds = schema.DATASETS[sheet.dataset]
            counts = storage.upsert(con, ds, sheet.frame, batch_id)
            sheet.inserted, sheet.updated, sheet.unchanged = counts["inserted"], counts["updated"], counts["unchanged"]
            sheet.kept_stored = counts.get("older", 0)
            # A dry run before the real write must not leave the warnings twice.
            sheet.warnings = [w for w in sheet.warnings if w.code not in WRITE_WARNINGS]
            if sheet.updated:
                sheet.warnings.append(Message("rows_replaced", n=sheet.updated,
                                              key=" + ".join(ds.field(k).label_zh for k in ds.key)))
            if sheet.kept_stored:
                sheet.warnings.append(Message("rows_older", n=sheet.kept_stored))
            storage.record_sheet(con, batch_id, {**sheet.as_dict(), "header_row": sheet.header_row})
            storage.record_rejections(con, batch_id, _rejection_rows(result.file, sheet))
            if on_sheet is not None:
                on_sheet(done, len(usable))
        if not dry_run:
            storage.finish_batch(con, batch_id)
        if dry_run:
            con.execute("ROLLBACK")
        else:
            con.execute("COMMIT")
            result.batch_id, result.committed = batch_id, True
    except Exception as exc:
        log.exception("writing %s failed", result.file)
        con.execute("ROLLBACK")
        result.error = Message("in_file", file=result.file,
                               msg=Message("write_failed", detail=f"{type(exc).__name__}: {exc}"))
    return result


def waiting_halls(results: list[FileResult]) -> dict[str, str]:
    """hall code -> name (as the files give it, "" when none) of every hall whose rows wait
    for the halls list, over the usable sheets of `results`."""
    found: dict[str, str] = {}
    for result in results:
        for sheet in result.sheets:
            if sheet.error is None:
                for code in sheet.waiting_halls:
                    found[code] = found.get(code) or sheet.waiting_hall_names.get(code) or ""
    return found


def add_halls(con, halls: dict[str, str], *, region: str, city: str, source: str = "app") -> FileResult:
    """Add halls (code -> name) to the halls list as one batch of their own (undoable like
    any import), with the region and city given; a hall without a name is named by its
    code. Rows waiting for these halls count from then on."""
    ds = schema.DATASETS["halls"]
    labels = [ds.field(name).label_zh for name in ("hall_code", "hall_name", "region", "city")]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(labels)
    for code, name in sorted(halls.items()):
        writer.writerow([code, name or code, region, city])
    return import_file(con, "新增营业厅.csv", buffer.getvalue().encode("utf-8-sig"), source=source)


# The warnings the write itself adds (a dry run before the real write must not leave them twice).
WRITE_WARNINGS = ("rows_replaced", "rows_older")
DRY_RUN_BATCH = 0


def import_file(con, name: str, data: bytes, *, mapping: Mapping | None = None, now: dt.datetime | None = None,
                source: str = "cli", dry_run: bool = False, engine: str = "calamine",
                max_rows: int | None = None, sheet_mappings: dict[str, Mapping] | None = None,
                confirm_doubts: bool = False, include_hidden: bool = False) -> FileResult:
    """Read, check and (unless dry_run) store one file in one transaction: `parse_file`
    then `write_file`. Never raises for bad input: problems are in the result."""
    result = parse_file(con, name, data, mapping=mapping, sheet_mappings=sheet_mappings, now=now, engine=engine,
                        max_rows=max_rows, include_hidden=include_hidden)
    return write_file(con, result, source=source, dry_run=dry_run, confirm_doubts=confirm_doubts)


def _rejection_rows(name: str, sheet: SheetResult) -> list[tuple]:
    raw_by_row = {}
    if sheet.rejected_rows is not None:
        for record in sheet.rejected_rows.to_dict("records"):
            row_number = int(record.pop("row_number"))
            record.pop("reason", None)
            raw_by_row[row_number] = json.dumps({k: v for k, v in record.items() if v is not None},
                                                ensure_ascii=False, default=str)
    return [(Path(name).name, sheet.sheet, sheet.dataset, e.row, e.column, e.reason, raw_by_row.get(e.row))
            for e in sheet.errors]


def _name_rank(name: str) -> int:
    """Where a file probably belongs in the import order, from its name alone."""
    stem = Path(name).stem.lower()
    for i, dataset in enumerate(schema.IMPORT_ORDER):
        ds = schema.DATASETS[dataset]
        if dataset in stem or ds.label_zh in stem or ds.label_en.lower() in stem:
            return i
    if "厅" in stem:
        return 0
    return len(schema.IMPORT_ORDER)


def _content_rank(result: FileResult) -> int:
    """Where a parsed file belongs in the import order: its earliest dataset."""
    ranks = [schema.IMPORT_ORDER.index(s.dataset) for s in result.sheets
             if s.error is None and s.dataset in schema.IMPORT_ORDER]
    return min(ranks, default=len(schema.IMPORT_ORDER))


def _parse_in_order(con, files: list[tuple[str, bytes]], parse) -> list[FileResult]:
    """Parse files as one upload, in import order by content (halls lists, staff, the
    rest), so rows may refer to halls and staff of another file whatever order the files
    came in. `parse(name, data)` parses one file against the shared context."""
    ordered = sorted(files, key=lambda f: _name_rank(f[0]))
    results = [parse(name, data) for name, data in ordered]
    # A halls or staff list that came after files needing it (its name said nothing):
    # check those files again, now that its halls and staff are known.
    # Any file parsed before a provider of an earlier rank (tickets before the halls list,
    # a staff roster before it too) is parsed again, in content order, so each sees all
    # the halls and staff that come before it.
    ranks = [_content_rank(r) for r in results]
    stale = [i for i in range(len(results))
             if any(j > i and ranks[j] < ranks[i] and ranks[j] <= schema.IMPORT_ORDER.index("staff")
                    for j in range(len(results)))]
    for i in sorted(stale, key=lambda i: (ranks[i], i)):
        results[i] = parse(*ordered[i])
    order = sorted(range(len(results)), key=lambda i: (_content_rank(results[i]), i))
    return [results[i] for i in order]


def _parse_one(name: str, data: bytes, *, ctx: ImportContext, isolate: bool, on_progress=None,
               **options) -> FileResult:
    """One file parsed against the shared context: in a worker process (`worker`) unless
    `isolate` is False (trusted input: tests, benchmarks, the built-in sample)."""
    if not isolate:
        return parse_file(None, name, data, context=ctx, on_progress=on_progress, **options)
    from . import worker

    stats = worker.WorkerStats()
    result = worker.parse_isolated(name, data, context=ctx, on_progress=on_progress, stats=stats, **options)
    result.worker_peak_mb = round(stats.peak_rss_mb, 1)
    for sheet in result.sheets:  # what the worker's copy of the context learnt
        ctx.learn_from(sheet)
    return result


def preview_files(con, files: list[tuple[str, bytes]], *,
                  sheet_mappings: dict[tuple[str, str], Mapping] | None = None, now: dt.datetime | None = None,
                  max_rows: int | None = None, include_hidden: bool = False,
                  on_progress=None, isolate: bool = True) -> list[FileResult]:
    """Check several files as one upload, writing nothing: each parsed (in a worker process
    unless not `isolate`), then written in a dry run so its counts (new, updated,
    unchanged) are the real ones.

    The files are taken in import order (halls lists, staff, the rest), and rows may refer
    to halls and staff of another file in the same upload. `sheet_mappings` is keyed by
    (file name, sheet name). `on_progress(file name, fraction of that file)` follows the
    check. Returns the results in the order `commit_files` writes them.
    """
    mappings = sheet_mappings or {}
    ctx = ImportContext.from_db(con, now)

    def parse(name, data):
        own = {sheet: m for (file, sheet), m in mappings.items() if file == name}
        return _parse_one(name, data, ctx=ctx, isolate=isolate, sheet_mappings=own, now=now, max_rows=max_rows,
                          include_hidden=include_hidden,
                          on_progress=None if on_progress is None else lambda fraction: on_progress(name, fraction))

    results = _parse_in_order(con, files, parse)
    for result in results:
        write_file(con, result, dry_run=True)
    return results


def commit_files(con, results: list[FileResult], *, source: str = "app", on_progress=None,
                 confirm_doubts: bool = False) -> list[FileResult]:
    """Write previewed files for real, in the order given (each in its own transaction,
    as its own batch). `on_progress(file_index, files, sheet_done, sheets)` follows the work."""
    for index, result in enumerate(results):
        write_file(con, result, source=source, confirm_doubts=confirm_doubts,
                   on_sheet=None if on_progress is None else
                   (lambda done, total, index=index: on_progress(index, len(results), done, total)))
    return results


def read_regular_file(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file (a link to one is followed). Anything else (a device
    such as /dev/zero, a pipe, a directory) is refused before a byte is read, as is a file
    over `max_bytes`; the size is taken from the opened file, not the name, so that the
    name cannot be swapped for something else in between."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise readers.FileReadError(str(path), "file_not_regular")
        if max_bytes is not None and status.st_size > max_bytes:
            raise readers.FileReadError(str(path), "file_too_big", size_mb=status.st_size / 1e6, limit_mb=max_bytes / 1e6)
        return handle.read()


def import_paths(con, paths: list[str | Path], *, mapping: Mapping | None = None, now: dt.datetime | None = None,
                 source: str = "cli", dry_run: bool = False, engine: str = "calamine", max_rows: int | None = None,
                 confirm_doubts: bool = False, include_hidden: bool = False, isolate: bool = True,
                 max_bytes: int | None = None) -> list[FileResult]:
    """Import files in dependency order by content, whatever order they are given in:
    halls lists, then staff, then the rest (each file its own transaction and batch).
    Each file is parsed in a worker process unless not `isolate`."""
    unreadable, files = [], []
    for path in paths:
        path = Path(path)
        try:
            files.append((str(path), read_regular_file(path, max_bytes)))
        except OSError as exc:
            unreadable.append(FileResult(file=str(path), error=Message("in_file", file=str(path), msg=Message(
                "file_unopenable", detail=exc.strerror))))
        except readers.FileReadError as exc:
            unreadable.append(FileResult(file=str(path), error=exc.message))
    ctx = ImportContext.from_db(con, now)

    def parse(name, data):
        return _parse_one(name, data, ctx=ctx, isolate=isolate, mapping=mapping, now=now, engine=engine,
                          max_rows=max_rows, include_hidden=include_hidden)

    results = _parse_in_order(con, files, parse)
    for result in results:
        write_file(con, result, source=source, dry_run=dry_run, confirm_doubts=confirm_doubts)
        result.release()
    return unreadable + results
