"""Batch import from the command line, with the same checks as the app.

    python -m data_access.importer FILE [FILE ...] [--kind tpmap|village_names|indicators|...]
                                        [--year YEAR] [--dry-run] [--valid-rows-only]
                                        [--encoding cp874] [--sheet NAME] [--user NAME] [--errors OUT.csv]
                                        [--header-row N] [--preset NAME]

A file whose headers no kind knows is imported with a column mapping saved on the import page
(`--preset NAME`).

Several files are imported together only when they are TPMAP exports, as downloaded:
    python -m data_access.importer 61_33_tambol_common.csv 61_33_tambol_11111.csv
(the year comes from the names, 61_ = 2561, unless --year is given). Prints the summary, the year
used and where it came from, the reconciliation of coarser files and the first problems.
Household and indicator files (CSV or XLSX) are read, checked and written 50,000 rows at a time
(`ATLAS_IMPORT_RUN_ROWS`), so memory does not grow with the file and the upload size cap does not
apply; the commit prints its progress ("written N of M rows"). Other kinds are read whole.
Exit status: 0 clean, 1 rows were rejected (nothing is written unless --valid-rows-only), 2 the
files could not be used at all, 3 the database could not be reached or went away (an import cut off
midway writes nothing: it is one transaction).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from analysis.errors import DataError
from data_access.config import database_url, describe_url
from data_access.engine import make_engine
from data_access.importer.geo_read import is_geo_file
from data_access.importer.pipeline import (
    KINDS,
    ImportPreview,
    UnknownKind,
    commit,
    errors_csv,
    preview,
    preview_file,
    preview_files,
)
from data_access.importer.presets import find_preset, list_presets

SHOWN_PROBLEMS = 20
EXIT_CLEAN, EXIT_REJECTED, EXIT_UNUSABLE, EXIT_DATABASE = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    """The command; a database that cannot be reached is its own exit status and message, not a
    traceback read as "rows rejected"."""
    try:
        return _main(argv)
    except (DBAPIError, PoolTimeout) as gone:
        reason = str(getattr(gone, "orig", gone)).strip().splitlines()[0][:200]
        print(
            "ติดต่อฐานข้อมูลไม่ได้ หรือการเชื่อมต่อหลุดระหว่างทำงาน ไม่มีข้อมูลใดถูกบันทึกบางส่วน "
            f"ลองใหม่เมื่อฐานข้อมูลพร้อม\nThe database cannot be reached or went away; nothing was "
            f"half-written. Try again when it is back. ({reason})",
            file=sys.stderr,
        )
        return EXIT_DATABASE


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", type=Path, nargs="+")
    parser.add_argument("--kind", choices=list(KINDS), help="what the file holds (default: from its headers)")
    parser.add_argument("--year", type=int, help="survey year (พ.ศ.) for files without a year column")
    parser.add_argument("--dry-run", action="store_true", help="check and compare only; write nothing")
    parser.add_argument("--valid-rows-only", action="store_true", help="import the rows without problems")
    parser.add_argument("--encoding", help="CSV encoding (default: detect UTF-8 or cp874/TIS-620)")
    parser.add_argument("--sheet", help="XLSX sheet (default: the first with a table; pivots passed over)")
    parser.add_argument("--user", help="name recorded in the import log (default: the login name)")
    parser.add_argument("--errors", type=Path, help="write the row-level error report to this CSV")
    parser.add_argument("--header-row", type=int, help="row of the header as the spreadsheet numbers it")
    parser.add_argument("--preset", help="column mapping saved on the import page, for unknown headers")
    parser.add_argument(
        "--crs",
        type=int,
        help="EPSG code of coordinates a community-asset file does not declare (32647, 24047 ...)",
    )
    args = parser.parse_args(argv)

    try:
        heads = [_head(path) for path in args.file]
    except OSError as problem:
        print(f"cannot read {problem.filename}: {problem.strerror}", file=sys.stderr)
        return EXIT_UNUSABLE
    url = database_url()
    engine = make_engine(url)
    print(f"database: {describe_url(url)}", flush=True)
    try:
        checked = None
        if len(args.file) == 1 and not (args.preset or args.crs or is_geo_file(heads[0], args.file[0].name)):
            # Households and indicator values are read in runs of rows (bounded memory); other kinds whole.
            checked = preview_file(
                engine, args.file[0], kind=args.kind, encoding=args.encoding, sheet=args.sheet,
                year=args.year, header_row=args.header_row,
            )  # fmt: skip
        if checked is None:
            checked = _preview_whole(engine, args)
    except DataError as problem:
        print(f"{problem.message_th}\n{problem.message_en}", file=sys.stderr)
        if isinstance(problem, UnknownKind):
            saved = list_presets(engine, problem.headers)["name"].tolist()
            hint = (
                f"a saved column mapping fits these headers: use --preset {saved[0]!r}"
                if saved
                else ("map the columns on the import page and save the mapping, then use --preset NAME")
            )
            print(hint, file=sys.stderr)
        return EXIT_UNUSABLE
    finally:
        engine.dispose()

    print(f"kind: {checked.kind}" + (f" ({checked.layout})" if checked.layout else ""))
    print(checked.summary("en"))
    for _, note in checked.notes:
        print(f"note: {note}")
    if checked.ignored_columns:
        print(f"ignored columns: {', '.join(checked.ignored_columns)}")
    if not checked.previous_imports.empty:
        print(f"this exact file was imported before ({len(checked.previous_imports)} time(s))")
    _print_set(checked)
    _print_problems(checked.errors)
    if args.errors is not None and not checked.ok:
        args.errors.write_bytes(errors_csv(checked))
        print(f"error report: {args.errors}")

    if args.dry_run:
        print("dry run: nothing written")
    elif checked.ok or args.valid_rows_only:
        result = commit(
            engine,
            checked,
            valid_rows_only=args.valid_rows_only,
            user=args.user or _login(),
            progress=lambda done: print(f"written {done:,} of {checked.rows_total:,} rows", flush=True),
        )
        print(
            f"imported #{result.import_id}: new {result.new:,}, updated {result.updated:,}, "
            f"unchanged {result.unchanged:,}, rejected rows {result.rejected:,}, "
            f"tambon values recomputed {result.recomputed_values:,}"
        )
    else:
        print("nothing written: fix the rows above, or use --valid-rows-only")
    engine.dispose()
    return EXIT_CLEAN if checked.ok else EXIT_REJECTED


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4096)


def _preview_whole(engine, args) -> ImportPreview:
    """The files read whole: TPMAP sets, other kinds, a column mapping, map files."""
    files = [(path.name, path.read_bytes()) for path in args.file]
    if len(files) > 1 or args.kind == "tpmap":
        return preview_files(engine, files, year=args.year, encoding=args.encoding)
    return preview(
        engine,
        files[0][1],
        files[0][0],
        kind=args.kind,
        encoding=args.encoding,
        sheet=args.sheet,
        year=args.year,
        header_row=args.header_row,
        mapping=find_preset(engine, args.preset) if args.preset else None,
        crs=args.crs,
    )


def _print_set(checked: ImportPreview) -> None:
    """What a TPMAP set adds: the year and its source, municipal units, reconciliation."""
    if checked.year_source is None:
        return
    years = str(checked.year) if checked.year else "several"
    print(f"survey year: {years} (from the {checked.year_source})")
    units = checked.municipal_units
    if units is not None and not units.empty:
        print(f"municipal units to create ({len(units)}): {', '.join(units['area_code'])}")
    table = checked.reconciliation
    if table is not None and not table.empty:
        for (level, year), group in table.groupby(["level", "year"]):
            differing = group[~group["matches"]]
            print(
                f"reconciliation {level} {year}: {len(group):,} figures compared with the roll-up, "
                f"{len(differing):,} differ"
            )
            for record in differing.head(SHOWN_PROBLEMS).itertuples():
                print(
                    f"  {record.area_code} {record.indicator_code} ({record.file}): file "
                    f"{record.file_numerator:g}/{record.file_denominator:g}, roll-up "
                    f"{record.rollup_numerator:g}/{record.rollup_denominator:g}"
                )


def _print_problems(errors) -> None:
    for record in errors.head(SHOWN_PROBLEMS).itertuples():
        where = f"{record.file}, " if "file" in errors.columns else ""
        print(f"  {where}row {record.row}, {record.column} = {record.value!r}: {record.problem_en}")
    if len(errors) > SHOWN_PROBLEMS:
        print(f"  ... and {len(errors) - SHOWN_PROBLEMS:,} more problems")


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


if __name__ == "__main__":
    sys.exit(main())
