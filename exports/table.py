"""The table page's download from the command line, for researchers who check and reuse the figures.

    python -m exports.table --province 33 --level amphoe|tambon|village [--amphoe 3301]
                            [--tambon 330105] --year 2561 [--year2 2560] --indicators CODE,CODE
                            [--parts] [--format csv|xlsx] [--lang th|en] --out FILE

Writes the file the table page (`/table`) downloads for a viewer who is not signed in: the same rows
and order, columns, rounding, "<5" cells and notes, because both build it with `exports.table_frame`
from the same roll-up. Only the XLSX's export time differs. Exit status: 0 written, 2 an unknown code
or year, or an impossible combination (the message says which, in Thai and English).

The labels come from the app's text catalogue and the view rules from the table's own pure module
(`components.text`, `components.view.table`; neither imports Streamlit): one wording, one set of rules.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

import pandas as pd

from analysis.disclosure import protection_note
from analysis.errors import AtlasError, DataError, NotFound
from analysis.units import small_count
from components.text import t
from components.view.geography import Choices, choices_from
from components.view.table import VILLAGE, TableView, normalise_table, table_extent
from data_access import municipal, queries, rollup, villages
from data_access.config import database_url, min_households
from data_access.engine import make_engine
from exports import table_frame
from exports.tables import table_csv

EXIT_WRITTEN, EXIT_UNUSABLE = 0, 2
LEVELS = ("amphoe", "tambon", VILLAGE)


def main(argv: list[str] | None = None) -> int:
    args = _resolve_format(_parser().parse_args(argv))
    engine = make_engine(database_url())
    try:
        content = table_file(engine, args)
    except AtlasError as problem:
        print(f"{problem.message_th}\n{problem.message_en}", file=sys.stderr)
        return EXIT_UNUSABLE
    args.out.write_bytes(content)
    print(f"{args.out}: {len(content):,} bytes")
    return EXIT_WRITTEN


def table_file(engine, args: argparse.Namespace) -> bytes:
    """The CSV or XLSX bytes of the table `args` describe, as a viewer who is not signed in gets it."""
    areas, catalogue = queries.areas(engine), queries.catalogue(engine)
    choices = choices_from(
        areas, queries.provinces_with_data(engine), catalogue["code"].tolist(), queries.survey_years(engine)
    )
    view = checked_view(args, choices)
    k = min_households()
    shown_k = k if k > 1 else None  # as `components.shell.viewer.viewer_min_households` for a public viewer
    source = table_frame.TableSource(
        values=lambda level, codes, years, parent: rollup.indicator_values(
            engine, level, list(codes), list(years), parent, shown_k
        ),
        exact_values=lambda level, codes, years: rollup.indicator_values(
            engine, level, list(codes), list(years), None, None
        ),
        villages=lambda tambon, codes, years: villages.village_values(
            engine, tambon, list(codes), list(years), shown_k
        ),
        catalogue=catalogue,
        areas=areas,
        municipal=municipal.municipal_units(engine),
        min_households=shown_k,
        hidden_text=small_count(k),
    )
    text = partial(t, lang=args.lang)
    level, parent = table_extent(view)
    data = table_frame.build_table(source, view, level, parent, args.lang, text)
    if view.hotspots and level != VILLAGE and len(data.indicators):
        from data_access.hot_spots import hot_spots_of

        first = data.indicators.iloc[0]["code"]
        spots = hot_spots_of(engine, level, first, view.year, parent, parent or "", shown_k)
        data = table_frame.with_hot_spots(data, spots.classes if spots else pd.Series(dtype=object), text)
    columns = table_frame.export_columns(data, view, args.lang, text, small_count(k))
    frame = table_frame.export_frame(data)
    protection = protection_note(shown_k, args.lang)
    if args.format == "csv":
        return table_csv(frame, columns, footer=[protection])
    demo = queries.dataset_facts(engine).get("is_demo") == "1"
    label = table_frame.area_label(data, areas, args.lang, text)
    notes = table_frame.table_notes(data, view, label, demo, text, protection)
    return table_frame.workbook(frame, columns, notes, data.indicators, args.lang, text)


def checked_view(args: argparse.Namespace, choices: Choices) -> TableView:
    """The table view of the arguments; DataError for any code, year or level the data does not have
    (the page would fall back to a default, a script must not)."""
    province, amphoe, tambon = args.province, args.amphoe, args.tambon
    if province not in choices.provinces:
        raise _unknown("--province", province, "จังหวัด", "province")
    if amphoe and amphoe not in choices.amphoes.get(province, []):
        raise _unknown("--amphoe", amphoe, f"อำเภอในจังหวัด {province}", f"amphoe of province {province}")
    if tambon and (tambon not in choices.tambons or not tambon.startswith(amphoe or province)):
        raise _unknown("--tambon", tambon, f"ตำบลใน {amphoe or province}", f"tambon of {amphoe or province}")
    if args.level == VILLAGE and not tambon:
        raise DataError(
            "--level village ต้องระบุ --tambon (หมู่บ้านของตำบลใด)",
            "--level village needs --tambon (the villages of which tambon)",
        )
    if args.level == "amphoe" and (amphoe or tambon):
        raise DataError(
            "--level amphoe ใช้กับทั้งจังหวัดเท่านั้น: ตัด --amphoe/--tambon ออก หรือใช้ --level tambon",
            "--level amphoe is for a whole province: drop --amphoe/--tambon or use --level tambon",
        )
    for name, year in (("--year", args.year), ("--year2", args.year2)):
        if year is not None and year not in choices.years:
            known = ", ".join(str(y) for y in choices.years)
            raise DataError(
                f"{name} {year}: ไม่มีปีสำรวจนี้ในฐานข้อมูล (มี: {known})",
                f"{name} {year}: no such survey year in the database (there are: {known})",
            )
    if args.year2 == args.year:
        raise DataError("--year2 ต้องต่างจาก --year", "--year2 must differ from --year")
    codes = [c.strip() for c in args.indicators.split(",") if c.strip()]
    unknown = [c for c in codes if c not in choices.indicators]
    if unknown or not codes:
        shown = ", ".join(unknown) or "(ว่าง / empty)"
        raise NotFound(
            f"--indicators: ไม่รู้จักรหัสตัวชี้วัด {shown} (ดูรหัสได้ที่หน้าตัวชี้วัด)",
            f"--indicators: unknown indicator code {shown} (see the Indicators page for the codes)",
        )
    view = TableView(
        province=province,
        amphoe=amphoe or (tambon[:4] if tambon else None),
        tambon=tambon,
        level=args.level,
        year=args.year,
        year2=args.year2,
        indicators=tuple(dict.fromkeys(codes)),
        parts=args.parts,
        hotspots=args.hotspots,
    )
    return normalise_table(view, choices)


def _unknown(option: str, code: str, what_th: str, what_en: str) -> NotFound:
    return NotFound(
        f"{option} {code}: ไม่พบรหัส{what_th}นี้ในฐานข้อมูล", f"{option} {code}: no such {what_en} in the database"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m exports.table",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--province", required=True, help="2-digit province code, e.g. 33")
    parser.add_argument("--level", required=True, choices=LEVELS, help="the level of the rows")
    parser.add_argument("--amphoe", help="4-digit amphoe code: its tambons")
    parser.add_argument("--tambon", help="6-digit tambon code: with --level village, its villages")
    parser.add_argument("--year", required=True, type=int, help="survey year (พ.ศ.)")
    parser.add_argument("--year2", type=int, help="show the change from this year to --year")
    parser.add_argument("--indicators", required=True, help="comma-separated indicator codes")
    parser.add_argument("--parts", action="store_true", help="numerator and denominator columns")
    parser.add_argument(
        "--hotspots", action="store_true", help="the local Moran's I class of the first indicator as a column"
    )
    parser.add_argument("--format", choices=("csv", "xlsx"), help="default: from the --out suffix, else csv")
    parser.add_argument("--lang", choices=("th", "en"), default="th", help="headers and names (default th)")
    parser.add_argument("--out", required=True, type=Path, help="the file to write")
    return parser


def _resolve_format(args: argparse.Namespace) -> argparse.Namespace:
    if args.format is None:
        args.format = "xlsx" if args.out.suffix.lower() == ".xlsx" else "csv"
    return args


if __name__ == "__main__":
    sys.exit(main())
