"""Preview (dry run) and commit: the two steps every import goes through, for every kind.

Design of errors: a problem with one row is a row in `ImportPreview.errors` (row, column, value,
Thai, English) and never stops the preview; a problem with the file as a whole (too large, empty,
undecodable, unreadable XLSX, required columns missing, kind unknown) raises `DataError` from
`preview` with a Thai and an English message, because no row-level report could be made.

`commit` re-reads the database inside its one transaction, so it is right even if the database moved
since the preview; it writes all the file's records or none (or, when asked, only the rows without
problems), logs the import, and for households and referrals recomputes the affected tambon values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from analysis.errors import DataError
from data_access import data_version
from data_access.assets import refresh_values
from data_access.importer import streamed
from data_access.importer.chunked_read import ChunkedFile, run_rows
from data_access.importer.geo_read import is_geo_file, read_geo_table
from data_access.importer.kind_assets import CommunityAssets
from data_access.importer.kind_catalogue import CatalogueAdditions
from data_access.importer.kind_households import Households
from data_access.importer.kind_indicators import IndicatorValues
from data_access.importer.kind_referrals import Referrals
from data_access.importer.kind_tpmap import TpmapSet, prepare_set, set_checksum
from data_access.importer.kind_village_names import VillageNames
from data_access.importer.kinds import CHANGE_KINDS, Context, Kind, Prepared
from data_access.importer.log import list_imports, safe_file_name, write_log
from data_access.importer.mapping import ColumnMapping, prepare_mapped
from data_access.importer.normalise import header_key
from data_access.importer.reading import read_table
from data_access.importer.recompute import recompute_tambon_years
from data_access.importer.report import Problems, formula_first
from data_access.importer.report import errors_csv as _errors_csv
from data_access.importer.streamed import STREAMED_KINDS
from data_access.importer.tpmap_read import is_tpmap, recognise_file

# Detection order matters: the most specific headers first (households also carry indicator codes).
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        TpmapSet(),
        VillageNames(),
        CatalogueAdditions(),
        Referrals(),
        CommunityAssets(),
        Households(),
        IndicatorValues(),
    )
}


@dataclass
class ImportPreview:
    """What an import would do. `errors` and `changes` are DataFrames for display and download."""

    kind: str
    file_name: str
    checksum: str
    size_bytes: int
    encoding: str | None
    sheet: str | None
    layout: str | None
    rows_total: int
    rows_rejected: int
    rows_blank: int
    counts: dict[str, int]
    errors: pd.DataFrame
    changes: pd.DataFrame
    ignored_columns: list[str]
    previous_imports: pd.DataFrame
    prepared: Prepared = field(repr=False)
    year: int | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (Thai, English): what was passed over
    sheets: list[str] = field(default_factory=list)
    # TPMAP sets (issue #12): where the year came from ("file name" or "given"), the files, what the
    # coarser files said against the roll-up and the municipal units to create (their notes: `notes`).
    year_source: str | None = None
    files: list[str] = field(default_factory=list)
    reconciliation: pd.DataFrame | None = None
    municipal_units: pd.DataFrame | None = None

    @property
    def differences(self) -> pd.DataFrame | None:
        """The reconciliation rows where a coarser file disagrees with the roll-up."""
        if self.reconciliation is None:
            return None
        return self.reconciliation[~self.reconciliation["matches"]]

    @property
    def ok(self) -> bool:
        return self.errors.empty

    def summary(self, lang: str = "en") -> str:
        c = self.counts
        if lang == "th":
            return (
                f"{self.file_name}: {self.rows_total:,} แถว — ใหม่ {c['new']:,}, ปรับปรุง {c['updated']:,}, "
                f"ไม่เปลี่ยนแปลง {c['unchanged']:,}, แถวที่มีปัญหา {self.rows_rejected:,}, "
                f"แถวว่าง {self.rows_blank:,}"
            )
        return (
            f"{self.file_name}: {self.rows_total:,} rows — new {c['new']:,}, updated {c['updated']:,}, "
            f"unchanged {c['unchanged']:,}, rows rejected {self.rows_rejected:,}, "
            f"blank rows {self.rows_blank:,}"
        )


@dataclass(frozen=True)
class ImportResult:
    import_id: int
    kind: str
    file_name: str
    checksum: str
    new: int
    updated: int
    unchanged: int
    rejected: int
    recomputed_values: int
    imported_at: dt.datetime
    imported_by: str | None


def preview(
    engine: Engine,
    data: bytes,
    file_name: str,
    kind: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    year: int | None = None,
    max_bytes: int | None = None,
    header_row: int | None = None,
    mapping: ColumnMapping | None = None,
    crs: int | None = None,
) -> ImportPreview:
    """Read, check and compare with the database without writing anything (the dry run). A
    `mapping` says what each column of a file with unknown headers holds (importer.mapping); `crs`
    (EPSG) is the reference system of coordinates a file does not declare (community assets)."""
    name = safe_file_name(file_name)
    if kind is not None and kind not in KINDS:
        raise DataError(
            f"ไม่รู้จักประเภทข้อมูล '{kind}' ใช้ได้: {', '.join(KINDS)}",
            f"unknown kind '{kind}'; choose one of {', '.join(KINDS)}",
        )
    if is_geo_file(data, name):  # GeoJSON, GeoPackage, zipped Shapefile: community asset points
        table, kind = read_geo_table(data, name, limit=max_bytes), CommunityAssets.name
    else:
        table = read_table(data, name, encoding=encoding, sheet=sheet, limit=max_bytes, header_row=header_row)
    if kind == TpmapSet.name or (kind is None and mapping is None and is_tpmap(table)):
        return preview_files(engine, [(file_name, data)], year=year, encoding=encoding, max_bytes=max_bytes)
    with engine.connect() as conn:
        context = Context(conn, year=year, crs=crs)
        if mapping is not None:
            chosen = KINDS["indicators"]
            prepared = prepare_mapped(chosen, table, mapping, context, source=f"import: {name}")
        else:
            chosen = KINDS[kind] if kind else detect_kind(list(table.frame.columns), context)
            prepared = chosen.prepare(table, context)
        errors = formula_first(prepared.problems.frame(), table.formulas)
        records = valid_records(prepared, errors)
        changes = chosen.changes(conn, prepared, records)
        checksum = hashlib.sha256(data).hexdigest()
        previous = list_imports(conn, checksum=checksum)
    counts = {c: int((changes["change"] == c).sum()) for c in CHANGE_KINDS}
    return ImportPreview(
        kind=chosen.name,
        file_name=name,
        checksum=checksum,
        size_bytes=len(data),
        encoding=table.encoding,
        sheet=table.sheet,
        layout=prepared.layout,
        rows_total=prepared.rows_total,
        rows_rejected=_rejected_rows(errors),
        rows_blank=prepared.blank_rows,
        counts=counts,
        errors=errors,
        changes=changes,
        ignored_columns=prepared.ignored_columns,
        previous_imports=previous,
        prepared=prepared,
        year=year,
        notes=table.notes + prepared.extra.get("notes", []),
        sheets=table.sheets,
    )


def preview_file(
    engine: Engine,
    path: Path,
    kind: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    year: int | None = None,
    header_row: int | None = None,
    rows: int | None = None,
) -> ImportPreview | None:
    """The dry run of a household or indicator file on disk (CSV or XLSX) read `rows` rows at a time,
    so memory does not follow the file (`importer.streamed`; no upload size cap applies); None when
    the file holds another kind, which `preview` reads whole. `commit` writes it a run at a time."""
    if kind is not None and kind not in STREAMED_KINDS:
        return None
    source = ChunkedFile(Path(path), encoding, sheet, header_row, rows or run_rows()).inspect()
    tables = source.tables()
    try:
        first = next(tables)
        if kind is None and is_tpmap(first):
            return None
        with engine.connect() as conn:
            context = Context(conn, year=year)
            chosen = KINDS[kind] if kind else detect_kind(list(first.frame.columns), context)
            if chosen.name not in STREAMED_KINDS:
                return None
            found = streamed.check(conn, chosen, source, context, chain([first], tables))
            previous = list_imports(conn, checksum=source.checksum)
    finally:
        tables.close()
    head = found.first
    extra = {key: value for key, value in head.extra.items() if key != "file_keys"}
    prepared = Prepared(
        chosen.name, head.records.iloc[:0], Problems(), found.rows_total, found.rows_blank,
        found.ignored_columns, head.layout, extra | {"streamed": source, "year": year},
    )  # fmt: skip
    return ImportPreview(
        kind=chosen.name,
        file_name=safe_file_name(Path(path).name),
        checksum=source.checksum,
        size_bytes=source.size_bytes,
        encoding=source.used_encoding,
        sheet=source.used_sheet,
        layout=head.layout,
        rows_total=found.rows_total,
        rows_rejected=_rejected_rows(found.errors),
        rows_blank=found.rows_blank,
        counts=found.counts,
        errors=found.errors,
        changes=found.changes,
        ignored_columns=found.ignored_columns,
        previous_imports=previous,
        prepared=prepared,
        year=year,
        notes=found.notes,
        sheets=source.sheets,
    )


def preview_files(
    engine: Engine,
    files: list[tuple[str, bytes]],
    year: int | None = None,
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> ImportPreview:
    """The dry run of several TPMAP files imported together (pairs, levels, villages; issue #12).

    The year is each file's name prefix (`61_` = 2561) unless `year` is given. Row errors name their
    file in the `file` column; whole-file problems raise DataError naming the file."""
    if not files:
        raise DataError("ไม่ได้เลือกไฟล์", "no files given")
    names = [safe_file_name(n) for n, _ in files]
    if len(set(names)) != len(names):
        raise DataError("มีไฟล์ชื่อซ้ำกันในชุดที่นำเข้า", "the same file name appears twice in the set")
    recognised = []
    for name, (_, data) in zip(names, files):
        table = read_table(data, name, encoding=encoding, limit=max_bytes)
        recognised.append(recognise_file(name, table, year))
    with engine.connect() as conn:
        context = Context(conn, year=year)
        prepared = prepare_set(recognised, context)
        errors = prepared.extra["errors"]
        records = valid_records(prepared, errors)
        kind = KINDS[TpmapSet.name]
        changes = kind.changes(conn, prepared, records)
        checksum = set_checksum(files)
        previous = list_imports(conn, checksum=checksum)
    counts = {c: int((changes["change"] == c).sum()) for c in CHANGE_KINDS}
    years = sorted({f.year for f in recognised})
    return ImportPreview(
        kind=TpmapSet.name,
        file_name=" + ".join(names),
        checksum=checksum,
        size_bytes=sum(len(d) for _, d in files),
        encoding=", ".join(sorted({f.table.encoding or "" for f in recognised})),
        sheet=None,
        layout=prepared.layout,
        rows_total=prepared.rows_total,
        rows_rejected=_rejected_rows(errors),
        rows_blank=0,
        counts=counts,
        errors=errors,
        changes=changes,
        ignored_columns=prepared.ignored_columns,
        previous_imports=previous,
        prepared=prepared,
        year=years[0] if len(years) == 1 else None,
        year_source="given" if year is not None else "file name",
        files=names,
        reconciliation=prepared.extra["reconciliation"],
        municipal_units=prepared.extra["units"],
        notes=prepared.extra["notices"],
    )


def _rejected_rows(errors: pd.DataFrame) -> int:
    if "file" in errors.columns:
        return len(errors[["file", "row"]].drop_duplicates())
    return int(errors["row"].nunique())


def commit(
    engine: Engine,
    preview: ImportPreview,
    valid_rows_only: bool = False,
    user: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Write the previewed file in one transaction: everything, or (when asked) only the rows without
    problems. Refuses, writing nothing, when rows have problems and `valid_rows_only` is False. A
    streamed preview (`preview_file`) is read again and written a run at a time, `progress` told the
    file rows done after each."""
    if not preview.ok and not valid_rows_only:
        raise DataError(
            f"มี {preview.rows_rejected:,} แถวที่มีปัญหา จึงไม่ได้นำเข้าข้อมูลใดเลย "
            "กรุณาแก้ไขไฟล์ หรือเลือกนำเข้าเฉพาะแถวที่ถูกต้อง",
            f"{preview.rows_rejected:,} rows have problems, so nothing was imported; "
            "fix the file or choose to import only the valid rows",
        )
    kind = KINDS[preview.kind]
    prepared = preview.prepared
    source = prepared.extra.get("streamed")
    try:
        with engine.begin() as conn:
            data_version.bump(conn)  # every server process drops its caches on its next run
            if source is not None:
                context = Context(conn, year=prepared.extra["year"])
                rejected = set(preview.errors["row"].tolist())
                counts, affected = streamed.write(conn, kind, source, context, rejected, progress)
            else:
                changes = kind.changes(conn, prepared, valid_records(prepared, preview.errors))
                affected = kind.write(conn, prepared, changes)
                counts = {c: int((changes["change"] == c).sum()) for c in CHANGE_KINDS}
            recomputed = recompute_tambon_years(conn, affected, Context(conn).catalogue) if affected else 0
            if affected:  # households surveyed moved: the assets' per-1,000-households figures follow
                refresh_values(conn, sorted({str(tambon)[:2] for tambon, _ in affected}))
            log_counts = {
                "file_rows": preview.rows_total,
                "new_rows": counts["new"],
                "updated_rows": counts["updated"],
                "unchanged_rows": counts["unchanged"],
                "rejected_rows": preview.rows_rejected,
                "blank_rows": preview.rows_blank,
                "recomputed_tambon_years": len(affected),
            }
            import_id, imported_at = write_log(
                conn, preview.file_name, preview.checksum, kind.name, log_counts, user
            )
            if hasattr(kind, "stamp_import"):  # records that name the import they came from
                kind.stamp_import(conn, import_id)
    except IntegrityError as refused:
        raise DataError(
            "ฐานข้อมูลไม่ยอมรับข้อมูลชุดนี้ จึงไม่ได้บันทึกข้อมูลใดเลย (อาจมีการนำเข้าพร้อมกัน ลองใหม่อีกครั้ง)",
            "The database refused the import, so nothing was saved "
            f"(perhaps a concurrent import; try again): "
            f"{refused.orig}",
        ) from refused
    return ImportResult(
        import_id=import_id,
        kind=kind.name,
        file_name=preview.file_name,
        checksum=preview.checksum,
        new=counts["new"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        rejected=preview.rows_rejected,
        recomputed_values=recomputed,
        imported_at=imported_at,
        imported_by=user,
    )


def valid_records(prepared: Prepared, errors: pd.DataFrame) -> pd.DataFrame:
    """Records whose file row has no problem (a wide row with one bad cell is refused as a whole)."""
    records = prepared.records
    if prepared.extra.get("keyed_by_file"):
        # A set of files: rows are (file, row), and a rate is refused when either of its two rows is.
        bad = set(zip(errors["file"], errors["row"]))
        if not bad:
            return records
        keep = [
            (f, r) not in bad and (f2, r2) not in bad
            for f, r, f2, r2 in zip(records["file"], records["row"], records["file2"], records["row2"])
        ]
        return records[keep]
    rejected = set(errors["row"].tolist())
    if not rejected:
        return records
    return records[~records["row"].isin(rejected)]


class UnknownKind(DataError):
    """No kind knows these headers: the import page then offers a column mapping."""

    def __init__(self, message_th: str, message_en: str, headers: list[str]):
        super().__init__(message_th, message_en)
        self.headers = headers


def detect_kind(headers: list[str], context: Context) -> Kind:
    keys = {header_key(h) for h in headers}
    for kind in KINDS.values():
        if kind.detect(keys, context):
            return kind
    raise UnknownKind(
        "ไม่ทราบว่าไฟล์นี้เป็นข้อมูลประเภทใด กรุณาเลือกประเภท: "
        + ", ".join(f"{k.label_th} ({k.name})" for k in KINDS.values()),
        "Cannot tell what this file holds; choose a kind: "
        + ", ".join(f"{k.label_en} ({k.name})" for k in KINDS.values()),
        headers,
    )


def errors_csv(preview: ImportPreview) -> bytes:
    """The preview's row-level error report as a CSV download (UTF-8 with BOM, Thai and English)."""
    return _errors_csv(preview.errors)
