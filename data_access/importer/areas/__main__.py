"""Put area codes on a file that has only names.

    python -m data_access.importer.areas FILE --out OUT.csv [--level tambon|amphoe|province]
                                         [--encoding cp874] [--sheet NAME] [--column ROLE=HEADER]

Reads CSV (UTF-8, UTF-8 with BOM or cp874/TIS-620, detected) or XLSX like the importer, finds the
name columns by header (ตำบล, ชื่อตำบล, TAMBON_T, ... or as --column says), and writes the same
columns plus area_code, match (exact, variant, ambiguous, unknown, conflict), candidates (of an
ambiguous name) and a note in Thai and English, as CSV UTF-8 with a BOM. A code column the file
has (TA_ID, area_code, ...) is checked against the names: where they disagree the row is a conflict
and gets no code. Areas come from the database (DATABASE_URL or the embedded SQLite file) or,
without one, the shipped boundaries.
Exit status: 0 every row has a code, 1 some rows have none, 2 the file could not be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import DataError
from analysis.levels import LEVELS
from data_access.config import database_url
from data_access.importer.areas.tagging import MATCH_CLASSES, load_areas, tag_areas, tagged_csv
from data_access.importer.reading import read_table

EXIT_ALL, EXIT_SOME_MISSING, EXIT_UNUSABLE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="where to write the file with codes (CSV)")
    parser.add_argument("--level", choices=LEVELS, default="tambon", help="which areas the rows are")
    parser.add_argument("--encoding", help="CSV encoding (default: detect UTF-8 or cp874/TIS-620)")
    parser.add_argument("--sheet", help="XLSX sheet (default: the first)")
    parser.add_argument(
        "--column", action="append", default=[], metavar="ROLE=HEADER",
        help="use this column for a role (tambon, amphoe, province, area_code), e.g. tambon=name_th",
    )  # fmt: skip
    args = parser.parse_args(argv)
    chosen = dict(c.split("=", 1) for c in args.column if "=" in c)

    try:
        data = args.file.read_bytes()
    except OSError as problem:
        print(f"cannot read {args.file}: {problem.strerror}", file=sys.stderr)
        return EXIT_UNUSABLE
    resolver, source = load_areas(database_url())
    print(f"areas: {source}")
    try:
        table = read_table(data, args.file.name, encoding=args.encoding, sheet=args.sheet)
        tagged = tag_areas(table, resolver, args.level, chosen)
    except DataError as problem:
        print(f"{problem.message_th}\n{problem.message_en}", file=sys.stderr)
        return EXIT_UNUSABLE
    args.out.write_bytes(tagged_csv(tagged))

    used = ", ".join(f"{role} = {header}" for role, header in tagged.columns.items())
    print(f"read: {table.encoding or 'sheet ' + str(table.sheet)}; columns: {used}")
    counts = tagged.counts()
    total = sum(counts.values())
    print(f"rows: {total:,}; " + ", ".join(f"{how} {counts[how]:,}" for how in MATCH_CLASSES))
    print(f"written: {args.out}")
    return EXIT_ALL if counts["exact"] + counts["variant"] == total else EXIT_SOME_MISSING


if __name__ == "__main__":
    sys.exit(main())
