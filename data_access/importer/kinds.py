"""What every kind of import provides, and the shared context its checks read from the database.

A kind turns a `RawTable` into records ready to store (`prepare`), compares them with the database
(`changes`: new / updated / unchanged) and writes the difference (`write`). Checks never write; only
`write` does, inside the caller's single transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np
import pandas as pd
from sqlalchemy import Connection, select

from data_access.importer.areas import AreaResolver
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems
from data_access.schema import indicator

CHANGE_KINDS = ("new", "updated", "unchanged")


@dataclass
class Context:
    """What the checks need from the database, read once per preview."""

    conn: Connection
    year: int | None = None
    crs: int | None = None  # EPSG code the user chose for coordinates a file does not declare

    @cached_property
    def areas(self) -> AreaResolver:
        return AreaResolver.from_connection(self.conn)

    @cached_property
    def catalogue(self) -> pd.DataFrame:
        rows = self.conn.execute(select(indicator).order_by(indicator.c.code)).mappings().all()
        frame = pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in indicator.columns])
        frame["is_deprivation"] = frame["is_deprivation"].astype(bool)
        return frame


@dataclass
class Prepared:
    """Checked records of one file. `records` keeps the spreadsheet row of each record in `row`."""

    kind: str
    records: pd.DataFrame
    problems: Problems
    rows_total: int
    blank_rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    layout: str | None = None
    extra: dict = field(default_factory=dict)


class Kind(Protocol):
    name: str
    label_th: str
    label_en: str

    def detect(self, header_keys: set[str], context: Context) -> bool: ...

    def prepare(self, table: RawTable, context: Context) -> Prepared: ...

    def changes(self, conn: Connection, prepared: Prepared, records: pd.DataFrame) -> pd.DataFrame: ...

    def write(self, conn: Connection, prepared: Prepared, changes: pd.DataFrame) -> set[tuple[str, int]]: ...


def same_numbers(left: pd.Series, right: pd.Series) -> pd.Series:
    """Equal as stored numbers: both missing, or equal to 1e-9 relative (float text round trips)."""
    a = pd.to_numeric(left, errors="coerce").astype(float).to_numpy()
    b = pd.to_numeric(right, errors="coerce").astype(float).to_numpy()
    both_missing = pd.isna(a) & pd.isna(b)
    with np.errstate(invalid="ignore"):
        close = np.abs(a - b) <= 1e-9 * np.abs(b) + 1e-12
    return pd.Series(both_missing | close, index=left.index)


def classify(matched: pd.Series, same: pd.Series) -> pd.Series:
    """'new' where no stored record matched, else 'unchanged' or 'updated'."""
    change = pd.Series("updated", index=matched.index, dtype=object)
    change[same.to_numpy(dtype=bool)] = "unchanged"
    change[~matched.to_numpy(dtype=bool)] = "new"
    return change


def chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def tambons_and_years(frame: pd.DataFrame, found: dict[str, str], context: Context, problems: Problems):
    """(tambon codes, survey years) of every row: areas by code or Thai name path, years from the
    file or the year chosen for the whole file; problems are added to `problems`."""
    from data_access.importer import validate
    from data_access.importer.columns import AREA_COLUMNS

    present = [c.name for c in AREA_COLUMNS if c.name in found]
    area_cells = frame[[found[name] for name in present]]
    area_cells.columns = present
    tambons, area_problems = context.areas.resolve(area_cells, found, level="tambon")
    problems.extend(area_problems)
    if "year" in found:
        years = validate.years(frame[found["year"]], found["year"], problems, context.year)
    else:
        years = pd.Series(context.year, index=frame.index, dtype="Int64")
    return tambons, years
