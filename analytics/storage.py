"""The DuckDB store: connection, DDL, the import log, keyed upserts and undo.

One process writes a DuckDB file at a time. The running app holds the one read-write
connection of its process (cursor per thread); a command-line import against the same
file while the app runs gets `DatabaseBusyError` with a message that says what to do,
never a lock traceback.

Every dataset table carries four bookkeeping columns:
  _key        the dataset key (or a hash of the row when the export has none)
  _row_hash   a hash of the row's values, so a re-import of an unchanged row is a no-op
  _batch_id   the import batch that wrote the row
  _source_row the spreadsheet row it came from
  _raw        every source cell of that row as read (JSON list, in the order of the sheet's
              header, kept in import_sheets.headers): nothing of a file is lost, and a
              value stored empty because it was not understood can be read again
A row replaced by a later import is moved to `_replaced_<dataset>` with the batch that
replaced it, so undoing that batch can put it back.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import secrets
from pathlib import Path

import duckdb
import pandas as pd

from . import schema
from .messages import Label, Message

BOOKKEEPING = ("_key", "_row_hash", "_batch_id", "_source_row", "_raw")
BOOKKEEPING_DDL = {"_key": "VARCHAR", "_row_hash": "VARCHAR", "_batch_id": "BIGINT", "_source_row": "INTEGER",
                   "_raw": "VARCHAR"}

log = logging.getLogger(__name__)


class DatabaseBusyError(Exception):
    """The database file is locked by another process; `message` says so (a Message)."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


class UndoRefused(Exception):
    """A batch cannot be undone. `message` says why (code undo_unknown, undo_already_undone
    or undo_overwritten), to be rendered in the UI's language."""

    def __init__(self, code: str, **params):
        self.message = Message(code, **params)
        super().__init__(self.message)
        self.code, self.params = code, params


def quote_ident(name: str) -> str:
    """The one place identifiers enter SQL text; they only ever come from schema.py."""
    return '"' + name.replace('"', '""') + '"'


def connect(db_path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database and make sure its tables exist."""
    path = str(db_path)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            pid = re.search(r"PID (\d+)", text)
            raise DatabaseBusyError(Message(
                "database_busy", path=path,
                process=Message("database_busy_process", pid=pid.group(1)) if pid else "")) from None
        raise
    if not read_only:
        ensure_schema(con)
    return con


def dataset_columns(dataset: schema.Dataset) -> list[str]:
    return list(dataset.field_names) + list(BOOKKEEPING)


def _column_ddl(dataset: schema.Dataset) -> str:
    parts = [f"{quote_ident(f.name)} {schema.DUCKDB_TYPES[f.type]}" for f in dataset.fields]
    parts += [f"{quote_ident(c)} {t}" for c, t in BOOKKEEPING_DDL.items()]
    return ", ".join(parts)


META_DDL = """
CREATE SEQUENCE IF NOT EXISTS import_batch_seq START 1;
CREATE TABLE IF NOT EXISTS import_batches (
    batch_id BIGINT PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    file_size BIGINT,
    sha256 VARCHAR,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,          -- committed | undone
    undone_at TIMESTAMP,
    source VARCHAR                    -- cli | app | sample
);
CREATE TABLE IF NOT EXISTS import_sheets (
    batch_id BIGINT NOT NULL,
    sheet VARCHAR,
    dataset VARCHAR,
    rows_read INTEGER, accepted INTEGER, rejected INTEGER,
    inserted INTEGER, updated INTEGER, unchanged INTEGER,
    skipped_totals INTEGER, skipped_blank INTEGER, skipped_notes INTEGER,
    header_row INTEGER,
    column_map VARCHAR,               -- JSON: source header -> field
    ignored_columns VARCHAR,          -- JSON list
    warnings VARCHAR,                 -- JSON list
    mapping_profile VARCHAR,
    headers VARCHAR,                  -- JSON list: the header row, the order of each row's _raw
    kept_stored INTEGER               -- rows older than the stored ones, not written
);
CREATE TABLE IF NOT EXISTS import_rejections (
    batch_id BIGINT NOT NULL,
    file_name VARCHAR, sheet VARCHAR, dataset VARCHAR,
    row_number INTEGER, column_name VARCHAR, reason VARCHAR,
    raw_values VARCHAR                -- JSON object: source header -> cell text
);
CREATE TABLE IF NOT EXISTS mapping_profiles (
    name VARCHAR PRIMARY KEY,
    dataset VARCHAR NOT NULL,
    header_signature VARCHAR NOT NULL,
    columns VARCHAR NOT NULL,         -- JSON: source header -> field
    scale VARCHAR,
    created_at TIMESTAMP,
    value_maps VARCHAR,               -- JSON: field -> {source value -> stored value}
    constants VARCHAR                 -- JSON: field -> fixed value
);
CREATE TABLE IF NOT EXISTS server_secrets (    -- keys the server makes once (the session key)
    name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL, created_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS sign_in_generations (  -- "sign out everywhere" raises a user's number
    username VARCHAR PRIMARY KEY, generation BIGINT NOT NULL, ended_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS ended_sessions (       -- signed out in one browser, until the cookie expires
    session_id VARCHAR PRIMARY KEY, username VARCHAR, expires_at TIMESTAMP, ended_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS survey_scales (
    code VARCHAR PRIMARY KEY, label_zh VARCHAR, label_en VARCHAR,
    min_score DOUBLE, max_score DOUBLE, best_is_low BOOLEAN
);
"""


# Columns added to the bookkeeping tables after their first release (older files get them).
_ADDED_META_COLUMNS = (("import_sheets", "headers", "VARCHAR"), ("import_sheets", "kept_stored", "INTEGER"),
                       ("mapping_profiles", "value_maps", "VARCHAR"), ("mapping_profiles", "constants", "VARCHAR"))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table that is missing; idempotent."""
    con.execute(META_DDL)
    for dataset in schema.DATASETS.values():
        table = quote_ident(dataset.table)
        replaced = quote_ident("_replaced_" + dataset.table)
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({_column_ddl(dataset)})")
        con.execute(f"CREATE TABLE IF NOT EXISTS {replaced} ({_column_ddl(dataset)}, _replaced_by BIGINT)")
        for name in (table, replaced):  # databases made before the column existed
            con.execute(f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS _raw VARCHAR")
    for table, column, kind in _ADDED_META_COLUMNS:
        con.execute(f"ALTER TABLE {quote_ident(table)} ADD COLUMN IF NOT EXISTS {quote_ident(column)} {kind}")
    if con.execute("SELECT count(*) FROM survey_scales").fetchone()[0] != len(schema.SCALES):
        con.execute("DELETE FROM survey_scales")
        con.executemany(
            "INSERT INTO survey_scales VALUES (?, ?, ?, ?, ?, ?)",
            [(s.code, s.label_zh, s.label_en, s.minimum, s.maximum, s.best_is_low)
             for s in schema.SCALES.values()])


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {name: con.execute(f"SELECT count(*) FROM {quote_ident(ds.table)}").fetchone()[0]
            for name, ds in schema.DATASETS.items()}


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    return not any(row_counts(con).values())


def known_halls(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """hall_code -> hall_name for every hall in the database."""
    return dict(con.execute("SELECT hall_code, hall_name FROM halls").fetchall())


def staff_halls(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """staff_id -> hall_code, used to place training rows whose export has no hall."""
    return dict(con.execute("SELECT staff_id, hall_code FROM staff").fetchall())


def new_batch(con, *, file_name: str, file_size: int, sha256: str, started_at: dt.datetime,
              source: str) -> int:
    batch_id = con.execute("SELECT nextval('import_batch_seq')").fetchone()[0]
    con.execute(
        "INSERT INTO import_batches (batch_id, file_name, file_size, sha256, started_at, status, source) "
        "VALUES (?, ?, ?, ?, ?, 'committed', ?)",
        [batch_id, file_name, file_size, sha256, started_at, source])
    return batch_id


def finish_batch(con, batch_id: int) -> None:
    con.execute("UPDATE import_batches SET finished_at = ? WHERE batch_id = ?", [dt.datetime.now(), batch_id])


def upsert(con, dataset: schema.Dataset, frame: pd.DataFrame, batch_id: int) -> dict[str, int]:
    """Write `frame` (every dataset column + _key, _row_hash, _source_row) into its table.

    New keys are inserted; keys whose row hash differs replace the stored row (latest
    import wins; the old row goes to `_replaced_<dataset>`); unchanged rows are left alone.
    Runs inside the caller's transaction. Returns {inserted, updated, unchanged}.
    """
    if frame.empty:
        return {"inserted": 0, "updated": 0, "unchanged": 0}
    table = quote_ident(dataset.table)
    replaced = quote_ident("_replaced_" + dataset.table)
    columns = dataset_columns(dataset)
    column_list = ", ".join(quote_ident(c) for c in columns)
    casts = ", ".join(
        f"CAST({quote_ident(c)} AS {schema.DUCKDB_TYPES[dataset.field(c).type] if c in dataset.field_names else BOOKKEEPING_DDL[c]}) AS {quote_ident(c)}"
        for c in columns if c != "_batch_id")
    staged = frame.drop(columns=["_batch_id"], errors="ignore")
    con.register("incoming_rows", staged)
    # No `finally`: after a failed cast the transaction is aborted and unregistering would
    # raise again, replacing the cast's own error (which names the column) with "aborted".
    # The next upsert registers the name anew.
    con.execute(f"CREATE OR REPLACE TEMP TABLE staging AS SELECT {casts}, CAST(? AS BIGINT) AS _batch_id "
                f"FROM incoming_rows", [batch_id])
    con.unregister("incoming_rows")
    older, older_params = _older_condition(dataset)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE staging_kind AS
        SELECT s._key,
               CASE WHEN t._key IS NULL THEN 'new'
                    WHEN t._row_hash = s._row_hash THEN 'same'
                    WHEN {older} THEN 'older'
                    ELSE 'changed' END AS kind
        FROM staging s LEFT JOIN {table} t ON t._key = s._key""", older_params)
    counts = dict(con.execute("SELECT kind, count(*) FROM staging_kind GROUP BY kind").fetchall())
    if counts.get("changed"):
        con.execute(f"""
            INSERT INTO {replaced} ({column_list}, _replaced_by)
            SELECT {', '.join('t.' + quote_ident(c) for c in columns)}, ?
            FROM {table} t JOIN staging_kind k ON k._key = t._key AND k.kind = 'changed'""", [batch_id])
        con.execute(f"DELETE FROM {table} WHERE _key IN (SELECT _key FROM staging_kind WHERE kind = 'changed')")
    if counts.get("changed") or counts.get("new"):
        con.execute(f"""
            INSERT INTO {table} ({column_list})
            SELECT {column_list} FROM staging
            WHERE _key IN (SELECT _key FROM staging_kind WHERE kind IN ('new', 'changed'))""")
    con.execute("DROP TABLE staging")
    con.execute("DROP TABLE staging_kind")
    return {"inserted": counts.get("new", 0), "updated": counts.get("changed", 0),
            "unchanged": counts.get("same", 0), "older": counts.get("older", 0)}


def _older_condition(dataset: schema.Dataset) -> tuple[str, list]:
    """SQL (over staging s and stored t) true when the incoming row is an earlier state of
    the stored one: its latest time is earlier, or the same with a lower status rank. The
    latest state wins by the data, not by the order of uploads."""
    if not dataset.recency_fields:
        return "false", []
    latest = lambda alias: "greatest(" + ", ".join(f"{alias}.{quote_ident(f)}" for f in dataset.recency_fields) + ")"
    condition = f"{latest('s')} < {latest('t')}"
    params: list = []
    if dataset.status_rank:
        ranked = [status for status, _ in sorted(dataset.status_rank.items(), key=lambda kv: kv[1])]
        condition = (f"({condition} OR ({latest('s')} = {latest('t')} AND "
                     f"coalesce(list_position(?, s.status), 0) < coalesce(list_position(?, t.status), 0)))")
        params = [ranked, ranked]
    return condition, params


def record_sheet(con, batch_id: int, sheet: dict) -> None:
    con.execute(
        "INSERT INTO import_sheets (batch_id, sheet, dataset, rows_read, accepted, rejected, inserted, updated, "
        "unchanged, skipped_totals, skipped_blank, skipped_notes, header_row, column_map, ignored_columns, "
        "warnings, mapping_profile, headers, kept_stored) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [batch_id, sheet["sheet"], sheet["dataset"], sheet["rows_read"], sheet["accepted"],
         sheet["rejected"], sheet["inserted"], sheet["updated"], sheet["unchanged"],
         sheet["skipped_totals"], sheet["skipped_blank"], sheet["skipped_notes"], sheet["header_row"],
         json.dumps(sheet["column_map"], ensure_ascii=False),
         json.dumps(sheet["ignored_columns"], ensure_ascii=False),
         json.dumps(sheet["warnings"], ensure_ascii=False), sheet.get("mapping_profile"),
         json.dumps(sheet.get("headers") or [], ensure_ascii=False), sheet.get("kept_stored", 0)])


_REJECTION_COLUMNS = ("file_name", "sheet", "dataset", "row_number", "column_name", "reason", "raw_values")


def record_rejections(con, batch_id: int, rows: list[tuple]) -> None:
    """rows: (file_name, sheet, dataset, row_number, column, reason, raw_values_json).

    One INSERT … SELECT from a registered frame, in the rows' order (executemany took 40 s to
    2 min for 45,000 rows; this takes well under a second). Runs inside the caller's transaction."""
    if not rows:
        return
    if any(len(r) != len(_REJECTION_COLUMNS) for r in rows):
        raise ValueError(f"a rejected row needs {len(_REJECTION_COLUMNS)} values: {_REJECTION_COLUMNS}")
    values = list(zip(*rows))
    # Typed columns, so DuckDB never guesses a type from the first values (None stays NULL).
    frame = pd.DataFrame({name: pd.Series(values[i], dtype="Int64" if name == "row_number" else "str")
                          for i, name in enumerate(_REJECTION_COLUMNS)})
    casts = ", ".join(f"CAST({quote_ident(c)} AS {'INTEGER' if c == 'row_number' else 'VARCHAR'})"
                      for c in _REJECTION_COLUMNS)
    column_list = ", ".join(quote_ident(c) for c in _REJECTION_COLUMNS)
    con.register("incoming_rejections", frame)
    try:
        con.execute(f"INSERT INTO import_rejections (batch_id, {column_list}) "
                    f"SELECT CAST(? AS BIGINT), {casts} FROM incoming_rejections", [batch_id])
    finally:
        con.unregister("incoming_rejections")


def import_log(con) -> pd.DataFrame:
    """Every batch with its per-sheet counts, newest first."""
    return con.execute("""
        WITH sheet_totals AS (
            SELECT batch_id, string_agg(DISTINCT dataset, ', ') AS datasets,
                   sum(rows_read) AS rows_read, sum(accepted) AS accepted, sum(rejected) AS rejected,
                   sum(inserted) AS inserted, sum(updated) AS updated, sum(unchanged) AS unchanged,
                   sum(skipped_totals) AS skipped_totals
            FROM import_sheets GROUP BY batch_id
        )
        SELECT b.batch_id, b.file_name, s.datasets, s.rows_read, s.accepted, s.rejected, s.inserted,
               s.updated, s.unchanged, s.skipped_totals, b.file_size, b.sha256, b.started_at,
               b.finished_at, b.status, b.undone_at, b.source
        FROM import_batches b LEFT JOIN sheet_totals s USING (batch_id)
        ORDER BY b.batch_id DESC""").df()


def data_version(con) -> tuple[int, int]:
    """Changes whenever an import commits or a batch is undone: (last batch, undone batches).
    A preview made at another version must be checked again before it is written."""
    return tuple(con.execute(
        "SELECT coalesce(max(batch_id), 0), count(*) FILTER (WHERE status = 'undone') FROM import_batches"
    ).fetchone())


def undo_batch(con, batch_id: int) -> dict[str, dict[str, int]]:
    """Remove the rows batch `batch_id` inserted and restore the rows it replaced.

    Refused when a later, still-committed batch replaced rows of this one: undo that first.
    One transaction. Returns {dataset: {removed, restored}}.
    """
    row = con.execute("SELECT status FROM import_batches WHERE batch_id = ?", [batch_id]).fetchone()
    if row is None:
        raise UndoRefused("undo_unknown", batch=batch_id)
    if row[0] != "committed":
        raise UndoRefused("undo_already_undone", batch=batch_id)
    for dataset in schema.DATASETS.values():
        later = con.execute(f"""
            SELECT min(r._replaced_by) FROM {quote_ident('_replaced_' + dataset.table)} r
            JOIN import_batches b ON b.batch_id = r._replaced_by AND b.status = 'committed'
            WHERE r._batch_id = ?""", [batch_id]).fetchone()[0]
        if later is not None:
            raise UndoRefused("undo_overwritten", batch=batch_id, later=later,
                              dataset=Label(dataset.label_zh, dataset.label_en))
    _refuse_orphans(con, batch_id)
    summary = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for dataset in schema.DATASETS.values():
            table = quote_ident(dataset.table)
            replaced = quote_ident("_replaced_" + dataset.table)
            columns = ", ".join(quote_ident(c) for c in dataset_columns(dataset))
            removed = con.execute(f"SELECT count(*) FROM {table} WHERE _batch_id = ?", [batch_id]).fetchone()[0]
            con.execute(f"DELETE FROM {table} WHERE _batch_id = ?", [batch_id])
            restored = con.execute(f"SELECT count(*) FROM {replaced} WHERE _replaced_by = ?", [batch_id]).fetchone()[0]
            con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {replaced} WHERE _replaced_by = ?",
                        [batch_id])
            con.execute(f"DELETE FROM {replaced} WHERE _replaced_by = ?", [batch_id])
            if removed or restored:
                summary[dataset.name] = {"removed": removed, "restored": restored}
        con.execute("UPDATE import_batches SET status = 'undone', undone_at = ? WHERE batch_id = ?",
                    [dt.datetime.now(), batch_id])
        con.execute("COMMIT")
    except BaseException:
        log.exception("undo of batch %s failed; rolled back", batch_id)
        con.execute("ROLLBACK")
        raise
    return summary


def _refuse_orphans(con, batch_id: int) -> None:
    """Refuse to undo a batch that added halls other batches' rows still refer to: every
    figure joins through the halls, so those rows would drop out of every page."""
    halls = schema.DATASETS["halls"]
    removed_halls = f"""
        SELECT hall_code FROM {quote_ident(halls.table)} WHERE _batch_id = ?
        EXCEPT SELECT hall_code FROM {quote_ident('_replaced_' + halls.table)} WHERE _replaced_by = ?"""
    count = con.execute(f"SELECT count(*) FROM ({removed_halls})", [batch_id, batch_id]).fetchone()[0]
    if not count:
        return
    for dataset in schema.DATASETS.values():
        if not dataset.references_hall or dataset.name == "halls":
            continue
        rows, example = con.execute(f"""
            SELECT count(*), min(hall_code) FROM {quote_ident(dataset.table)}
            WHERE _batch_id <> ? AND hall_code IN ({removed_halls})""", [batch_id, batch_id, batch_id]).fetchone()
        if rows:
            raise UndoRefused("undo_orphans", batch=batch_id, halls=count, rows=rows, example=example,
                              dataset=Label(dataset.label_zh, dataset.label_en))


def server_secret(con, name: str) -> str:
    """The server's secret `name`, made (32 random bytes, hex) the first time it is asked for."""
    con.execute("INSERT INTO server_secrets VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [name, secrets.token_hex(32), dt.datetime.now()])
    return con.execute("SELECT value FROM server_secrets WHERE name = ?", [name]).fetchone()[0]


def sign_in_generation(con, username: str) -> int:
    row = con.execute("SELECT generation FROM sign_in_generations WHERE username = ?", [username]).fetchone()
    return int(row[0]) if row else 0


def signed_out_everywhere_at(con, username: str) -> float | None:
    """When the user last signed out everywhere (epoch seconds), or None."""
    row = con.execute("SELECT ended_at FROM sign_in_generations WHERE username = ?", [username]).fetchone()
    return row[0].timestamp() if row and row[0] is not None else None


def end_sessions_everywhere(con, username: str) -> int:
    """Raise the user's generation: every session and cookie made before ends. The new number."""
    con.execute("INSERT INTO sign_in_generations VALUES (?, 1, ?) ON CONFLICT (username) DO UPDATE "
                "SET generation = sign_in_generations.generation + 1, ended_at = excluded.ended_at",
                [username, dt.datetime.now()])
    return sign_in_generation(con, username)


def end_session(con, session_id: str, username: str, expires_at: dt.datetime) -> None:
    """Sign one session (one browser's cookie) out; ids whose cookies have expired are forgotten."""
    now = dt.datetime.now()
    con.execute("DELETE FROM ended_sessions WHERE expires_at < ?", [now])
    con.execute("INSERT INTO ended_sessions VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [session_id, username, expires_at, now])


def session_is_current(con, username: str, generation: int, session_id: str) -> bool:
    """Whether a session of `username` made at `generation` still stands (one query per click)."""
    row = con.execute("SELECT coalesce((SELECT generation FROM sign_in_generations WHERE username = ?), 0), "
                      "EXISTS (SELECT 1 FROM ended_sessions WHERE session_id = ?)",
                      [username, session_id]).fetchone()
    return int(row[0]) == generation and not row[1]


def save_mapping_profile(con, *, name: str, dataset: str, header_signature: str,
                         columns: dict[str, str], scale: str | None, values: dict | None = None,
                         constants: dict | None = None) -> None:
    con.execute("DELETE FROM mapping_profiles WHERE name = ?", [name])
    con.execute("INSERT INTO mapping_profiles (name, dataset, header_signature, columns, scale, created_at, "
                "value_maps, constants) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [name, dataset, header_signature, json.dumps(columns, ensure_ascii=False), scale,
                 dt.datetime.now(), json.dumps(values or {}, ensure_ascii=False),
                 json.dumps(constants or {}, ensure_ascii=False, default=str)])


def mapping_profiles(con) -> list[dict]:
    rows = con.execute(
        "SELECT name, dataset, header_signature, columns, scale, value_maps, constants FROM mapping_profiles "
        "ORDER BY created_at DESC").fetchall()
    return [{"name": n, "dataset": d, "header_signature": h, "columns": json.loads(c), "scale": s,
             "values": json.loads(v or "{}"), "constants": json.loads(k or "{}")}
            for n, d, h, c, s, v, k in rows]


def dataset_summary(con, scope: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per dataset: rows stored and the earliest/latest date it covers, counting
    only the halls in `scope` (the regions a user may see; None: all)."""
    from .filters import SCOPE_CONDITION, scope_params

    parts = []
    for ds in schema.DATASETS.values():
        date = "x." + quote_ident(ds.date_field)
        hall_join = "" if ds.name == "halls" else " JOIN halls h ON h.hall_code = x.hall_code"
        region = "x.region" if ds.name == "halls" else "h.region"
        parts.append(f"SELECT $name_{ds.name} AS dataset, count(*) AS rows, CAST(min({date}) AS DATE) AS first_date, "
                     f"CAST(max({date}) AS DATE) AS last_date FROM {quote_ident(ds.table)} x{hall_join} "
                     f"WHERE {SCOPE_CONDITION.format(region=region)}")
    names = {f"name_{name}": name for name in schema.DATASETS}
    return con.execute(" UNION ALL ".join(parts), {**scope_params(scope), **names}).df()
