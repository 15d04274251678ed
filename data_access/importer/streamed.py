"""A large household or indicator file checked and written a run of rows at a time (issue #18), with
the guarantees of the whole-file import: the dry run writes nothing; every problem names the file's
own row and column in Thai and English; the commit is one transaction (the caller's) that writes
every valid row or none; the same file twice changes nothing; the import is logged (by the caller).

Memory follows one run (`chunked_read.CHUNK_ROWS` rows) plus, for the whole file, its keys (as
bytes, to find a key repeated in another run: every copy is refused, as in one run) and one small
outcome per record (new / updated / unchanged) for the counts. The commit reads the file a second
time: rows the dry run refused are left out, and any new problem (the database moved since the
check) or a changed file stops it, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from analysis.errors import DataError
from data_access.importer import validate
from data_access.importer.chunked_read import ChunkedFile, file_checksum
from data_access.importer.kinds import CHANGE_KINDS, Context, Kind, Prepared
from data_access.importer.report import Problems, formula_first

CHANGES_KEPT = 1_000  # change rows a streamed preview keeps to show (the counts cover every row)
STREAMED_KINDS = ("households", "indicators")


@dataclass
class StreamedCheck:
    """What the dry run of a streamed file found."""

    first: Prepared  # the first run's: layout, ignored columns, flags
    errors: pd.DataFrame
    counts: dict[str, int]
    rows_total: int
    rows_blank: int
    changes: pd.DataFrame
    notes: list[tuple[str, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def check(conn: Connection, kind: Kind, source: ChunkedFile, context: Context, tables=None) -> StreamedCheck:
    """The dry run over every run of `source` (or of `tables`, its runs already begun)."""
    keys = FileKeys()
    errors, outcomes, notes, ignored = [], [], [], []
    first, kept, rows_total, rows_blank = None, None, 0, 0
    for table in tables if tables is not None else source.tables():
        prepared = kind.prepare(table, context)
        first = first or prepared
        found = formula_first(prepared.problems.frame(), table.formulas)
        errors.append(found)
        keys.add(*prepared.extra["file_keys"])
        records = prepared.records[~prepared.records["row"].isin(set(found["row"]))]
        changes = kind.changes(conn, prepared, records)
        outcomes.append((changes["row"].to_numpy(dtype=np.int64), _codes(changes["change"])))
        kept = changes.head(CHANGES_KEPT) if kept is None else kept
        rows_total += prepared.rows_total
        rows_blank += prepared.blank_rows
        notes += table.notes + prepared.extra.get("notes", [])
        ignored += [c for c in prepared.ignored_columns if c not in ignored]
    found = keys.repeated()
    every = pd.concat(errors, ignore_index=True)
    if not found.empty:  # a key in two runs: its within-run messages give way to the whole file's
        header, rows = keys.header, set(found["row"])
        own = every["row"].isin(rows) & (every["column"] == header)
        own &= every["problem_en"].str.startswith("duplicate ")
        every = pd.concat([every[~own], found], ignore_index=True)
    every = every.sort_values(["row", "column"], kind="stable", ignore_index=True)
    rejected = every["row"].unique()
    rows = np.concatenate([r for r, _ in outcomes])
    codes = np.concatenate([c for _, c in outcomes])
    counted = codes[~np.isin(rows, rejected)]
    counts = {name: int((counted == number).sum()) for number, name in enumerate(CHANGE_KINDS)}
    if kept is not None:
        kept = kept[~kept["row"].isin(rejected)]
    return StreamedCheck(first, every, counts, rows_total, rows_blank, kept, notes, ignored)


def write(
    conn: Connection,
    kind: Kind,
    source: ChunkedFile,
    context: Context,
    rejected: set[int],
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, int], set[tuple[str, int]]]:
    """Write the file's valid rows inside the caller's transaction, a run at a time; returns the
    counts and the tambon-years touched. Raises DataError (the caller rolls back) when the file
    changed since the dry run or a row shows a problem the dry run did not find."""
    checksum, _ = file_checksum(source.path)
    if checksum != source.checksum:
        raise DataError(
            "ไฟล์เปลี่ยนไปหลังการตรวจสอบ จึงไม่ได้บันทึกข้อมูลใดเลย กรุณาตรวจสอบไฟล์อีกครั้ง",
            "The file changed after it was checked, so nothing was saved; check it again.",
        )
    counts = dict.fromkeys(CHANGE_KINDS, 0)
    affected: set[tuple[str, int]] = set()
    done = 0
    for table in source.tables():
        prepared = kind.prepare(table, context)
        found = formula_first(prepared.problems.frame(), table.formulas)
        new = found[~found["row"].isin(rejected)]
        if not new.empty:
            row = new.iloc[0]
            raise DataError(
                f"แถว {row['row']} คอลัมน์ {row['column']}: {row['problem_th']} — ข้อมูลในฐานข้อมูลเปลี่ยนไปหลัง"
                "การตรวจสอบ จึงไม่ได้บันทึกข้อมูลใดเลย กรุณาตรวจสอบอีกครั้ง",
                f"row {row['row']}, {row['column']}: {row['problem_en']} — the database changed after the "
                "check, so nothing was saved; check again.",
            )
        records = prepared.records[~prepared.records["row"].isin(rejected)]
        changes = kind.changes(conn, prepared, records)
        affected |= kind.write(conn, prepared, changes)
        for name in CHANGE_KINDS:
            counts[name] += int((changes["change"] == name).sum())
        done += prepared.rows_total
        if progress is not None:
            progress(done)
    return counts, affected


def _codes(change: pd.Series) -> np.ndarray:
    return change.map({name: number for number, name in enumerate(CHANGE_KINDS)}).to_numpy(dtype=np.int8)


class FileKeys:
    """Every key of the file so far, as bytes, and the (row, key) of keys met in an earlier run."""

    def __init__(self) -> None:
        self._keys: list[np.ndarray] = []
        self._rows: list[np.ndarray] = []
        self._repeats: list[pd.DataFrame] = []
        self.header = self.what_th = self.what_en = None
        self._columns: list[str] = []

    def add(self, keys: pd.DataFrame, header: str, what_th: str, what_en: str) -> None:
        """`keys`: one run's key columns indexed by file row (rows with a missing part left out)."""
        self.header, self.what_th, self.what_en = header, what_th, what_en
        self._columns = list(keys.columns)
        keys = keys[keys.notna().all(axis=1)]
        if keys.empty:
            return
        joined = keys.iloc[:, 0].astype(str)
        for column in keys.columns[1:]:
            joined = joined + "\x1f" + keys[column].astype(str)
        encoded = np.asarray(joined.str.encode("utf-8").to_numpy(), dtype=bytes)
        rows = keys.index.to_numpy(dtype=np.int64)
        if self._keys:
            earlier_keys, earlier_rows = np.concatenate(self._keys), np.concatenate(self._rows)
            again = np.isin(encoded, earlier_keys)
            if again.any():
                met = np.isin(earlier_keys, encoded[again])
                self._repeats.append(pd.DataFrame({"row": earlier_rows[met], "key": earlier_keys[met]}))
                self._repeats.append(pd.DataFrame({"row": rows[again], "key": encoded[again]}))
            self._keys, self._rows = [earlier_keys], [earlier_rows]
        self._keys.append(encoded)
        self._rows.append(rows)

    def repeated(self) -> pd.DataFrame:
        """The problems of every row whose key another run also holds (all copies, every other row
        named, as `validate.duplicate_keys` words them), as an errors frame."""
        problems = Problems()
        if self._repeats:
            both = pd.concat(self._repeats).drop_duplicates().sort_values("row")
            # The key's parts again (from the bytes), one column each, for the message.
            parts = [k.decode("utf-8").split("\x1f") for k in both["key"]]
            keys = pd.DataFrame(parts, columns=self._columns, index=pd.Index(both["row"], name="row"))
            # Only repeats across runs are here; within a run the kind already found them, so the
            # groups are rebuilt from every row that holds one of these keys.
            validate.duplicate_keys(keys, self.header, problems, self.what_th, self.what_en)
        return problems.frame()
