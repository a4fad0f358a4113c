"""Hand-made rows written straight into a fresh database, for metric tests whose answers
are worked out by hand. Bookkeeping columns are filled with placeholders."""
from __future__ import annotations

import datetime as dt
import itertools

from analytics import schema, storage

PERIOD = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
# Later than the period, so "as of" is the end of the period.
NOW = dt.datetime(2026, 11, 20, 12, 0)

HALLS = [
    {"hall_code": "H1", "hall_name": "一号厅", "region": "R1", "city": "C1"},
    {"hall_code": "H2", "hall_name": "二号厅", "region": "R1", "city": "C2"},
    {"hall_code": "H3", "hall_name": "三号厅", "region": "R2", "city": "C3"},  # never has data
]

_serial = itertools.count(1)


def insert(con, table: str, rows: list[dict]) -> None:
    ds = schema.DATASETS[table]
    columns = storage.dataset_columns(ds)
    for row in rows:
        n = next(_serial)
        full = {c: None for c in columns}
        full.update(row)
        full.update({"_key": f"k{n}", "_row_hash": f"h{n}", "_batch_id": 1, "_source_row": n})
        con.execute(f"INSERT INTO {storage.quote_ident(ds.table)} ({', '.join(map(storage.quote_ident, columns))}) "
                    f"VALUES ({', '.join('?' * len(columns))})", [full[c] for c in columns])


def fresh_db():
    con = storage.connect(":memory:")
    insert(con, "halls", HALLS)
    return con


def at(day: int, hour: int = 0, minute: int = 0, month: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute)
