"""The import engine: recognise, coerce, validate and store the operator's exports.

`import_file` takes one file's bytes and returns a `FileResult`; it never raises for bad
input. Each file's accepted rows are written in one transaction with one import batch id,
so a failure leaves the database as it was. Re-importing a file changes nothing; a later
export of the same key replaces the stored row (latest import wins) and is counted as
updated.

The steps for each sheet:
 1. fill merged cells, find the header row below title and export-info rows (one or two
    header levels), normalise the headers;
 2. recognise the dataset from the headers (or apply an explicit mapping / saved profile);
 3. drop blank, totals (合计/总计/小计/Total) and note rows, counting each kind;
 4. coerce each column to its field type and validate every row;
 5. keep each rejected row with its row number, column and a specific reason.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import coerce, readers, schema, storage

HEADER_SCAN_ROWS = 30
TOTALS_RE = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|汇\s*总|total|sub\s*-?\s*total|grand\s+total)\s*[:：]?\s*$",
                       re.IGNORECASE)
# The first letters of every totals word: a cheap test before the regular expression.
_TOTALS_FIRST = set("合总小汇tTsSgG")
NOTE_RE = re.compile(r"^\s*(注|备注|说明|制表|导出|数据来源|打印|审核|填报)")


# --- results ------------------------------------------------------------------------
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
    # Not serialised: the accepted rows (canonical fields) and the rejected source rows.
    frame: pd.DataFrame | None = field(default=None, repr=False)
    rejected_rows: pd.DataFrame | None = field(default=None, repr=False)

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

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_dict(self) -> dict:
        return {"file": self.file, "sheets": [s.as_dict() for s in self.sheets], "error": self.error,
                "batch_id": self.batch_id, "sha256": self.sha256, "size": self.size}


@dataclass
class Mapping:
    """An explicit column mapping: source header -> field (None = ignore the column)."""
    dataset: str
    columns: dict[str, str | None]
    scale: str | None = None
    name: str | None = None

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
            raise ValueError(f"{source}: 'dataset' must be one of {', '.join(schema.DATASETS)}, got {dataset!r}")
        fields = set(schema.DATASETS[dataset].field_names)
        columns = {str(k): (v or None) for k, v in (data.get("columns") or {}).items()}
        unknown = sorted(v for v in columns.values() if v and v not in fields)
        if unknown:
            raise ValueError(f"{source}: unknown field(s) for {dataset}: {', '.join(unknown)}")
        scale = data.get("scale")
        if scale is not None and schema.scale_from_text(scale) is None:
            raise ValueError(f"{source}: unknown scale {scale!r}; use one of {', '.join(schema.SCALES)}")
        return cls(dataset, columns, schema.scale_from_text(scale) if scale else None, data.get("name"))

    def as_dict(self) -> dict:
        return {"dataset": self.dataset, "columns": self.columns, "scale": self.scale, "name": self.name}


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


_INDEXES = {name: schema.alias_index(ds) for name, ds in schema.DATASETS.items()}
_ALL_ALIASES = set().union(*_INDEXES.values())


def _combine(parent, child) -> str:
    parent = "" if coerce.is_blank(parent) else str(parent).strip()
    child = "" if coerce.is_blank(child) else str(child).strip()
    if not parent or parent == child:
        return child
    if not child:
        return parent
    for candidate in (child, parent + child, parent):
        if schema.normalise_header(candidate) in _ALL_ALIASES:
            return candidate
    return parent + child


def _match_fields(headers: list[str], dataset: str) -> dict[int, str]:
    """column position -> field, first column wins when two name the same field."""
    index, found, taken = _INDEXES[dataset], {}, set()
    for pos, header in enumerate(headers):
        name = index.get(schema.normalise_header(header))
        if name and name not in taken:
            found[pos] = name
            taken.add(name)
    return found


def find_header(rows: list[list]) -> tuple[int, list[str]] | None:
    """(index of the last header row, header names) or None when nothing looks like one.

    Tries each of the first rows alone and combined with the row above it (two-level
    headers), and keeps the one naming most fields of any dataset; ties go to the
    earlier, single-level reading.
    """
    best, best_score = None, 1
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        candidates = [_row_headers(rows[r])]
        if r > 0:
            candidates.append([_combine(p, c) for p, c in zip(rows[r - 1], rows[r])])
        for headers in candidates:
            score = max(len(_match_fields(headers, name)) for name in schema.DATASETS)
            if score > best_score:
                best, best_score = (r, headers), score
    return best


def _row_headers(row: list) -> list[str]:
    return [("" if coerce.is_blank(v) else str(v).strip()) for v in row]


def find_header_with_mapping(rows: list[list], mapping: "Mapping | None", profiles: list[dict]):
    """((header index, headers), mapping to apply) for a sheet.

    A saved profile whose header signature matches a row wins (its columns may be named
    nothing like the aliases); then an explicit mapping, whose header is the row naming
    most of its source columns; then the aliases alone.
    """
    scan = rows[:HEADER_SCAN_ROWS]
    if mapping is None:
        by_signature = {p["header_signature"]: p for p in profiles}
        for r, row in enumerate(scan):
            saved = by_signature.get(header_signature(_row_headers(row)))
            if saved:
                return (r, _row_headers(row)), Mapping(saved["dataset"], saved["columns"], saved.get("scale"),
                                                       saved["name"])
        return find_header(rows), None
    wanted = {schema.normalise_header(k) for k in mapping.columns}
    hits = [sum(schema.normalise_header(v) in wanted for v in _row_headers(row)) for row in scan]
    if hits and max(hits) > 0:
        r = hits.index(max(hits))
        return (r, _row_headers(scan[r])), mapping
    return find_header(rows), mapping


def recognise(headers: list[str]) -> tuple[str | None, dict[int, str], str | None]:
    """(dataset, column map, explanation when not recognised) from the headers alone."""
    scored = []
    for name, ds in schema.DATASETS.items():
        found = _match_fields(headers, name)
        missing = [f for f in ds.required_fields if f not in found.values()]
        if name != "halls" and "hall_code" in missing and "hall_name" in found.values():
            missing.remove("hall_code")  # the hall can be named instead of coded
        if name == "training" and "hall_code" in missing:
            missing.remove("hall_code")
        scored.append((not missing, len(found), name, found, missing))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    complete, _, name, found, missing = scored[0]
    if complete:
        return name, found, None
    ds = schema.DATASETS[name]
    found_labels = [f"{ds.field(f).label_zh}({headers[p]})" for p, f in found.items()]
    missing_labels = [f"{ds.field(f).label_zh}/{ds.field(f).label_en}" for f in missing]
    return None, found, (
        f"not recognised: the headers look most like {ds.label_zh} ({ds.label_en}) but lack "
        f"{', '.join(missing_labels)}; found {', '.join(found_labels) or 'no known field'}. "
        "Rename the columns, or give a column mapping.")


def suggest_columns(headers: list[str], dataset: str) -> dict[str, str]:
    """source header -> field of `dataset` that its name suggests (aliases, Chinese or
    English); the starting point of a column mapping."""
    return {headers[p]: f for p, f in _match_fields(headers, dataset).items()}


def apply_mapping(headers: list[str], mapping: Mapping) -> tuple[dict[int, str], list[str]]:
    """Column map from an explicit mapping, falling back to aliases for unnamed columns."""
    wanted = {schema.normalise_header(k): v for k, v in mapping.columns.items()}
    auto = _match_fields(headers, mapping.dataset)
    found, taken, unmatched = {}, set(), set(wanted)
    for pos, header in enumerate(headers):
        key = schema.normalise_header(header)
        if key in wanted:
            unmatched.discard(key)
            if wanted[key] and wanted[key] not in taken:
                found[pos] = wanted[key]
                taken.add(wanted[key])
    for pos, name in auto.items():
        if pos not in found and name not in taken and schema.normalise_header(headers[pos]) not in wanted:
            found[pos] = name
            taken.add(name)
    originals = {schema.normalise_header(k): k for k in mapping.columns}
    return found, [originals[k] for k in sorted(unmatched)]


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
                *, max_rows: int | None = None) -> SheetResult:
    """Everything but the write: header, dataset, typed accepted rows, rejections."""
    result = SheetResult(sheet=raw.name)
    rows = raw.rows
    fill_merged(rows, raw.merged)
    if not any(not coerce.is_blank(v) for row in rows[:HEADER_SCAN_ROWS * 4] for v in row):
        result.error = "empty sheet"
        return result
    header, profile = find_header_with_mapping(rows, mapping, ctx.profiles)
    if header is None:
        result.error = ("not recognised: no row in the first 30 looks like a header with known columns "
                        "(e.g. 营业厅编码, 工单编号, 评价时间). Give a column mapping.")
        # The likeliest header for a mapping: the early row with the most text cells.
        guess = max(rows[:HEADER_SCAN_ROWS], key=lambda row: sum(isinstance(v, str) and bool(v.strip()) for v in row))
        result.headers = _row_headers(guess)
        result.header_signature = header_signature(result.headers)
        return result
    header_index, headers = header
    result.header_row = header_index + 1
    result.header_signature = header_signature(headers)
    result.headers = list(headers)
    if profile is not None:
        colmap, unmatched = apply_mapping(headers, profile)
        dataset_name = profile.dataset
        result.mapping_profile = profile.name or "explicit mapping"
        if unmatched:
            result.warnings.append("mapping names columns not in this sheet: " + ", ".join(unmatched))
        ds = schema.DATASETS[dataset_name]
        missing = [f for f in ds.required_fields if f not in colmap.values()]
        if dataset_name != "halls" and "hall_name" in colmap.values() and "hall_code" in missing:
            missing.remove("hall_code")
        if dataset_name == "training" and "hall_code" in missing:
            missing.remove("hall_code")
        if missing:
            result.dataset = dataset_name
            result.missing_fields = missing
            result.found_fields = list(colmap.values())
            result.error = ("the mapping leaves required fields unmapped: "
                            + ", ".join(f"{ds.field(f).label_zh}/{ds.field(f).label_en}" for f in missing))
            return result
    else:
        dataset_name, colmap, explanation = recognise(headers)
        if dataset_name is None:
            result.found_fields = list(colmap.values())
            best = max(schema.DATASETS.values(), key=lambda d: len(_match_fields(headers, d.name)))
            result.missing_fields = [f for f in best.required_fields if f not in colmap.values()]
            result.suggested_dataset = best.name
            result.error = explanation
            return result
    ds = schema.DATASETS[dataset_name]
    result.dataset = dataset_name
    result.column_map = {headers[p]: f for p, f in colmap.items()}
    result.found_fields = list(colmap.values())
    result.ignored_columns = [h for p, h in enumerate(headers) if p not in colmap and h]
    seen_names = {}
    for p, h in enumerate(headers):
        if h and schema.normalise_header(h) in seen_names and p not in colmap:
            result.warnings.append(f"column '{h}' appears twice; the first one (column "
                                   f"{_column_letter(seen_names[schema.normalise_header(h)])}) is used")
        seen_names.setdefault(schema.normalise_header(h), p)

    body = rows[header_index + 1:]
    positions, result.skipped_blank, result.skipped_totals, result.skipped_notes = classify_rows(body)
    result.rows_read = len(positions)
    if not positions:
        result.error = f"only a header (row {result.header_row}): no data rows below it"
        return result
    if max_rows is not None and result.rows_read > max_rows:
        result.error = (f"the sheet has {result.rows_read:,} data rows, over the limit of {max_rows:,} rows "
                        "per sheet; split the export into smaller files")
        return result
    row_numbers = np.array([header_index + 2 + p for p in positions], dtype=np.int64)
    data_rows = [body[p] for p in positions]
    _build_frame(ds, headers, colmap, data_rows, row_numbers, ctx, profile, result)
    return result


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


def _build_frame(ds, headers, colmap, data_rows, row_numbers, ctx, profile, result) -> None:
    n = len(data_rows)
    rejections = _Rejections(n)
    by_field = {f: p for p, f in colmap.items()}
    source_header = {f: headers[p] for p, f in colmap.items()}

    def cells(field_name):
        # One pass over the rows per mapped field: measured faster than transposing them all.
        pos = by_field[field_name]
        return [row[pos] if pos < len(row) else "" for row in data_rows]

    def record(field_name, problems):
        for pos, reason in problems.items():
            rejections.add(pos, source_header[field_name], reason)

    columns: dict[str, list] = {}
    scales = None
    if ds.name == "surveys":
        scales = _survey_scales(headers, by_field, cells, profile, rejections, source_header, n)
    for f in ds.source_fields:
        if f.name not in by_field:
            columns[f.name] = [None] * n
            continue
        label = f"{source_header[f.name]}"
        raw_cells = cells(f.name)
        if f.type == schema.SCORE and scales is not None:
            raw_cells = _words_to_scores(raw_cells, scales)
        if f.vocabulary:
            values, problems = coerce.coerce_vocabulary(raw_cells, f.vocabulary, label)
        elif f.type in (schema.TEXT, schema.CODE):
            values, problems = coerce.coerce_text(raw_cells)
            values, cleaned = coerce.strip_control_characters(values)
            if cleaned:
                result.warnings.append(f"{label}: control characters removed from {len(cleaned)} cell(s), "
                                       f"first on row {int(row_numbers[cleaned[0]])}")
        elif f.type in (schema.NUMBER, schema.SCORE):
            values, problems = coerce.coerce_number(raw_cells, label)
        elif f.type == schema.INTEGER:
            values, problems = coerce.coerce_number(raw_cells, label, integer=True)
        elif f.type == schema.BOOLEAN:
            values, problems = coerce.coerce_boolean(raw_cells, label)
        elif f.type == schema.TIMESTAMP:
            values, problems, warnings = coerce.coerce_datetime(raw_cells, label)
            result.warnings.extend(warnings)
        elif f.type == schema.DATE:
            values, problems, warnings = coerce.coerce_date(raw_cells, label)
            result.warnings.extend(warnings)
        else:  # pragma: no cover - every type is handled above
            raise AssertionError(f.type)
        record(f.name, problems)
        columns[f.name] = values
    frame = pd.DataFrame(columns)
    for f in ds.source_fields:
        if f.type in (schema.TIMESTAMP,):
            frame[f.name] = pd.to_datetime(frame[f.name])
    frame["_source_row"] = row_numbers

    _validate_common(ds, frame, rejections, source_header, ctx)
    _VALIDATORS.get(ds.name, lambda *a: None)(frame, rejections, source_header, ctx, scales)
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
        raw = pd.DataFrame([[coerce.clean_text(v) for v in data_rows[p]] for p in np.flatnonzero(rejected)],
                           columns=_unique_names(headers)[: len(data_rows[0])] if data_rows else None)
        raw.insert(0, "row_number", row_numbers[rejected])
        raw["reason"] = ["; ".join(r for _, r in rejections.reasons[p]) for p in np.flatnonzero(rejected)]
        result.rejected_rows = raw


# --- validation ---------------------------------------------------------------------
def _label(ds, source_header, name):
    return source_header.get(name) or ds.field(name).label_zh


def _validate_common(ds, frame, rejections, source_header, ctx) -> None:
    # A hall may be given by name when the export has no code column.
    if ds.references_hall and "hall_code" in frame:
        if ds.name == "training":
            missing_hall = frame["hall_code"].isna()
            frame.loc[missing_hall, "hall_code"] = frame.loc[missing_hall, "staff_id"].map(ctx.staff_halls)
        by_name = {name: code for code, name in ctx.halls.items()}
        needs_code = frame["hall_code"].isna() & frame["hall_name"].notna()
        frame.loc[needs_code, "hall_code"] = frame.loc[needs_code, "hall_name"].map(by_name)
        unknown_name = needs_code & frame["hall_code"].isna()
        rejections.add_mask(unknown_name, _label(ds, source_header, "hall_name"),
                            lambda p: f"unknown hall name '{frame.at[p, 'hall_name']}' (not in the halls list)")
        known = frame["hall_code"].isin(list(ctx.halls)) if ctx.halls else pd.Series(False, index=frame.index)
        unknown_code = frame["hall_code"].notna() & ~known
        rejections.add_mask(unknown_code, _label(ds, source_header, "hall_code"),
                            lambda p: f"unknown hall code '{frame.at[p, 'hall_code']}' (not in the halls list; "
                                      "import the halls list first)")
        if ds.name == "training":
            rejections.add_mask(frame["hall_code"].isna() & ~unknown_name, _label(ds, source_header, "staff_id"),
                                lambda p: f"no hall for staff '{frame.at[p, 'staff_id']}': the export has no "
                                          "hall column and the staff list does not know this person")
    for f in ds.source_fields:
        column = frame[f.name]
        label = _label(ds, source_header, f.name)
        if f.required and not (f.name == "hall_code" and ds.references_hall):
            rejections.add_mask(column.isna() & _not_already(rejections, len(frame), label), label,
                                f"required field {f.label_zh} ({f.label_en}) is empty")
        elif f.required:
            rejections.add_mask(column.isna() & frame.get("hall_name", column).isna(), label,
                                f"required field {f.label_zh} ({f.label_en}) is empty")
        if f.type in (schema.NUMBER, schema.INTEGER) and (f.minimum is not None or f.maximum is not None):
            numbers = pd.to_numeric(column, errors="coerce")
            low = numbers < f.minimum if f.minimum is not None else False
            high = numbers > f.maximum if f.maximum is not None else False
            rejections.add_mask(low | high, label,
                                lambda p, f=f, numbers=numbers: f"{f.label_zh} {numbers.iat[p]:g} is outside "
                                f"{_bounds(f)}")
        if f.type in (schema.TIMESTAMP, schema.DATE):
            stamps = pd.to_datetime(column)
            limit = pd.Timestamp(ctx.now) if f.type == schema.TIMESTAMP else pd.Timestamp(ctx.now.date()) + pd.Timedelta(days=1)
            future = stamps > limit if f.type == schema.TIMESTAMP else stamps >= limit
            rejections.add_mask(future, label,
                                lambda p, stamps=stamps, f=f: f"{f.label_zh} {stamps.iat[p]} is in the future")


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


def _survey_scales(headers, by_field, cells, profile, rejections, source_header, n) -> list:
    """The declared scale of each survey row (None where nothing declares one).

    Precedence: the row's own scale column, the score header ('总体满意度(1-5分)'), the
    mapping profile, then the channel's known scale (SMS replies are 3-point).
    """
    header_scale = None
    if "score" in by_field:
        header_scale = schema.scale_from_text(schema.header_unit(headers[by_field["score"]]))
    sheet_scale = header_scale or (profile.scale if profile else None)
    row_scales = [sheet_scale] * n
    if "scale" in by_field:
        for i, cell in enumerate(cells("scale")):
            if coerce.is_blank(cell):
                continue
            code = schema.scale_from_text(cell)
            if code is None:
                rejections.add(i, source_header["scale"],
                               f"scale '{cell}' is not one of {', '.join(schema.SCALES)} (三分制/五分制/十分制)")
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


def _validate_surveys(frame, rejections, source_header, ctx, scales) -> None:
    frame["scale"] = scales
    score_label = source_header.get("score", "总体满意度")
    no_scale = frame["scale"].isna() & frame["score"].notna()
    rejections.add_mask(no_scale, score_label,
                        "no scale declared for the score: add a 量表 column (三分制/五分制/十分制), a header "
                        "such as 总体满意度(1-5分), or a mapping with a scale; scales are never guessed")
    score_100, top_box = [None] * len(frame), [None] * len(frame)
    for name in ("score", "dim_environment", "dim_attitude", "dim_expertise", "dim_efficiency"):
        values = frame[name].to_numpy()
        for pos in np.flatnonzero(pd.notna(frame[name]).to_numpy() & frame["scale"].notna().to_numpy()):
            scale = schema.SCALES[frame.at[pos, "scale"]]
            value = float(values[pos])
            if not (scale.minimum <= value <= scale.maximum):
                rejections.add(pos, source_header.get(name, name),
                               f"score {value:g} is outside the declared {scale.label_en} scale "
                               f"({scale.minimum:g}–{scale.maximum:g})")
            elif name == "score":
                score_100[pos] = scale.to_100(value)
                top_box[pos] = value in scale.top_box
    frame["score_100"] = score_100
    frame["top_box"] = top_box


def _validate_complaints(frame, rejections, source_header, ctx, scales) -> None:
    received = pd.to_datetime(frame["received_at"])
    for name, text in (("first_response_at", "first response"), ("resolved_at", "resolution")):
        stamp = pd.to_datetime(frame[name])
        rejections.add_mask(stamp < received, source_header.get(name, name),
                            lambda p, stamp=stamp, text=text: f"{text} time {stamp.iat[p]} is before the ticket "
                            f"was received ({received.iat[p]})")
    done = frame["status"].isin(["resolved", "closed"]) & frame["resolved_at"].isna()
    rejections.add_mask(done, source_header.get("resolved_at", source_header.get("status")),
                        "status says resolved/closed but the resolution time (办结时间) is empty")


def _validate_staff(frame, rejections, source_header, ctx, scales) -> None:
    hired, left = pd.to_datetime(frame["hired_on"]), pd.to_datetime(frame["left_on"])
    rejections.add_mask(left < hired, source_header.get("left_on", "离职日期"),
                        lambda p: f"left on {left.iat[p].date()} before being hired on {hired.iat[p].date()}")
    frame.loc[frame["status"].isna() & frame["left_on"].notna(), "status"] = "left"
    frame.loc[frame["status"].isna(), "status"] = "active"


def _validate_sales(frame, rejections, source_header, ctx, scales) -> None:
    contact = frame["outcome"].notna()
    daily = ~contact & frame["contacts"].notna()
    neither = ~contact & ~daily
    rejections.add_mask(neither, source_header.get("outcome", source_header.get("contacts")),
                        "neither an outcome (营销结果: 成功/意向/失败, one contact) nor a contact count "
                        "(接触客户数, a daily report) is given")
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
                        lambda p: f"{interested.iat[p]:g} interested is more than {contacts.iat[p]:g} contacts")
    rejections.add_mask(daily & (converted > interested), source_header.get("converted", "成功办理数"),
                        lambda p: f"{converted.iat[p]:g} converted is more than {interested.iat[p]:g} interested")


def _validate_training(frame, rejections, source_header, ctx, scales) -> None:
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
                           f"duplicate key: the same {labels} ({key.replace(chr(31), ' / ')}) as row {first_row[key]}")
        else:
            first_row[key] = int(row_numbers[pos])


# --- files --------------------------------------------------------------------------
def parse_file(con, name: str, data: bytes, *, mapping: Mapping | None = None,
               sheet_mappings: dict[str, Mapping] | None = None, now: dt.datetime | None = None,
               engine: str = "calamine", max_rows: int | None = None,
               context: ImportContext | None = None) -> FileResult:
    """Read and check one file without writing anything: every sheet parsed, its accepted
    rows in `sheet.frame`. `sheet_mappings` (sheet name -> mapping) wins over `mapping`,
    which applies to every sheet. `context` (default: read from `con`) says which halls,
    staff and mapping profiles exist; it is extended with the file's own halls and staff."""
    result = FileResult(file=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    result.started_at = dt.datetime.now()
    try:
        raw_sheets = readers.read_file(name, data, engine=engine)
    except readers.FileReadError as exc:
        result.error = str(exc)
        return result
    ctx = context or ImportContext.from_db(con, now)
    # Halls first: a workbook holding the halls list and other sheets must know its halls.
    parsed = []
    for raw in raw_sheets:
        try:
            sheet = parse_sheet(raw, ctx, (sheet_mappings or {}).get(raw.name, mapping), max_rows=max_rows)
        except Exception as exc:  # a bug must not become a traceback on the user's screen
            sheet = SheetResult(sheet=raw.name, error=f"the sheet could not be checked ({type(exc).__name__}: {exc}); "
                                                      "nothing from it is imported — please report this file")
        parsed.append(sheet)
        if sheet.dataset == "halls" and sheet.frame is not None and sheet.error is None:
            ctx.halls.update(dict(zip(sheet.frame["hall_code"], sheet.frame["hall_name"])))
        if sheet.dataset == "staff" and sheet.frame is not None and sheet.error is None:
            ctx.staff_halls.update(dict(zip(sheet.frame["staff_id"], sheet.frame["hall_code"])))
    result.sheets = parsed
    if Path(name).suffix.lower() in (".xlsx", ".xlsm") and any(s.rejected or s.error for s in parsed):
        # Cells read empty may be formulas that were never calculated: say so, once.
        formulas = readers.formulas_without_values(data)
        if formulas:
            for sheet in parsed:
                sheet.warnings.append(f"the workbook has {formulas:,} formula cell(s) with no stored result, read "
                                      "as empty: open it in Excel and save it (or paste values), then import again")
    if not [s for s in parsed if s.error is None]:
        problems = [f"sheet '{s.sheet}': {s.error}" for s in parsed if s.error != "empty sheet"]
        result.error = f"{name}: " + ("; ".join(problems) if problems else "the file has no data")
    return result


def write_file(con, result: FileResult, *, source: str = "cli", dry_run: bool = False,
               on_sheet=None) -> FileResult:
    """Store the usable sheets of a parsed file in one transaction, as one batch.

    A dry run goes through the whole write and then rolls it back, so its counts of rows
    to insert, update or leave unchanged are the real ones. `on_sheet(done, total)` is
    called after each sheet (for a progress bar). Returns `result`, its counts filled in.
    """
    usable = [s for s in result.sheets if s.error is None]
    if result.error is not None or not usable:
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
            # A dry run before the real write must not leave the warning twice.
            sheet.warnings = [w for w in sheet.warnings if UPDATED_WARNING_MARK not in w]
            if sheet.updated:
                sheet.warnings.append(f"{sheet.updated} row(s) {UPDATED_WARNING_MARK} of the same "
                                      f"{' + '.join(ds.field(k).label_zh for k in ds.key)} (latest import wins)")
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
        con.execute("ROLLBACK")
        result.error = f"{result.file}: nothing was imported — the write failed ({type(exc).__name__}: {exc})"
    return result


UPDATED_WARNING_MARK = "replaced an earlier import"
DRY_RUN_BATCH = 0


def import_file(con, name: str, data: bytes, *, mapping: Mapping | None = None, now: dt.datetime | None = None,
                source: str = "cli", dry_run: bool = False, engine: str = "calamine",
                max_rows: int | None = None, sheet_mappings: dict[str, Mapping] | None = None) -> FileResult:
    """Read, check and (unless dry_run) store one file in one transaction: `parse_file`
    then `write_file`. Never raises for bad input: problems are in the result."""
    result = parse_file(con, name, data, mapping=mapping, sheet_mappings=sheet_mappings, now=now, engine=engine,
                        max_rows=max_rows)
    return write_file(con, result, source=source, dry_run=dry_run)


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


def preview_files(con, files: list[tuple[str, bytes]], *,
                  sheet_mappings: dict[tuple[str, str], Mapping] | None = None, now: dt.datetime | None = None,
                  max_rows: int | None = None) -> list[FileResult]:
    """Check several files as one upload, writing nothing: each parsed, then written in a
    dry run so its counts (new, updated, unchanged) are the real ones.

    The files are taken in import order (halls lists, staff, the rest), and rows may refer
    to halls and staff of another file in the same upload. `sheet_mappings` is keyed by
    (file name, sheet name). Returns the results in the order `commit_files` writes them.
    """
    mappings = sheet_mappings or {}
    ctx = ImportContext.from_db(con, now)

    def parse(name, data):
        own = {sheet: m for (file, sheet), m in mappings.items() if file == name}
        return parse_file(con, name, data, sheet_mappings=own, now=now, max_rows=max_rows, context=ctx)

    ordered = sorted(files, key=lambda f: _name_rank(f[0]))
    results = [parse(name, data) for name, data in ordered]
    # A halls or staff list that came after files needing it (its name said nothing):
    # check those files again, now that its halls and staff are known.
    providers = [i for i, r in enumerate(results) if _content_rank(r) <= schema.IMPORT_ORDER.index("staff")]
    if providers:
        last = max(providers)
        for i in range(last):
            if i not in providers:
                results[i] = parse(*ordered[i])
    order = sorted(range(len(results)), key=lambda i: (_content_rank(results[i]), i))
    results = [results[i] for i in order]
    for result in results:
        write_file(con, result, dry_run=True)
    return results


def commit_files(con, results: list[FileResult], *, source: str = "app", on_progress=None) -> list[FileResult]:
    """Write previewed files for real, in the order given (each in its own transaction,
    as its own batch). `on_progress(file_index, files, sheet_done, sheets)` follows the work."""
    for index, result in enumerate(results):
        write_file(con, result, source=source,
                   on_sheet=None if on_progress is None else
                   (lambda done, total, index=index: on_progress(index, len(results), done, total)))
    return results


def import_paths(con, paths: list[str | Path], **kwargs) -> list[FileResult]:
    """Import files in dependency order: halls lists, then staff, then the rest (guessed
    from each file's name, so each file is read once)."""
    results = []
    for path in sorted(paths, key=lambda p: _name_rank(str(p))):
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            results.append(FileResult(file=str(path), error=f"{path}: cannot be opened ({exc.strerror})"))
            continue
        results.append(import_file(con, str(path), data, **kwargs))
    return results
