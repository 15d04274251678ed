"""Codes for a file that has only names: every row gets `area_code` and how its names matched.

The name columns are found by header (Thai or English, the gazetteers' own TAMBON_T / AMPHOE_T /
CHANGWAT_T included). Codes come from the names alone; a code column the file already has is only
checked against them, so a row whose code and names disagree is marked `conflict` and gets no code.
Areas are those of the database, or the shipped boundary files when there is no database yet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import DataError
from analysis.levels import LEVELS
from data_access.importer.areas.names import NAME_COLUMNS
from data_access.importer.areas.resolver import AreaResolver, Match, code_key
from data_access.importer.columns import AMPHOE, AREA_CODE, PROVINCE, TAMBON, ColumnSpec, match_columns
from data_access.importer.reading import RawTable

MATCH_CLASSES = ("exact", "variant", "ambiguous", "unknown", "conflict")
OUTPUT_COLUMNS = ("area_code", "match", "candidates", "note_th", "note_en")

NAME_SPECS = {
    "province": ColumnSpec(
        "province", PROVINCE.label_th,
        (*PROVINCE.aliases, "changwat_t", "changwat_th", "province_th", "province_name_th", "provincenameth"),
    ),
    "amphoe": ColumnSpec(
        "amphoe", AMPHOE.label_th,
        (*AMPHOE.aliases, "amphoe_t", "amphoe_th", "amphur", "amphur_t", "district_th", "districtnameth",
         "อำเภอ/เขต", "ชื่ออำเภอ/เขต"),
    ),
    "tambon": ColumnSpec(
        "tambon", TAMBON.label_th,
        (*TAMBON.aliases, "tambon_t", "tambon_th", "tambol", "tambol_t", "subdistrict_th",
         "subdistrictnameth", "ตำบล/แขวง", "ชื่อตำบล/แขวง"),
    ),
}  # fmt: skip
# The code column a gazetteer gives for each level; checked against the names, never trusted over them.
CODE_ALIASES = {
    "tambon": ("ta_id", "tambon_id", "tambol_id", "subdistrict_code", "subdistrictcode", "รหัสตำบล"),
    "amphoe": ("am_id", "amphoe_id", "amphur_id", "amphoe_code", "district_code", "districtcode", "รหัสอำเภอ"),
    "province": ("ch_id", "changwat_id", "province_id", "province_code", "provincecode", "รหัสจังหวัด"),
}


@dataclass
class Tagged:
    """The file's own columns plus OUTPUT_COLUMNS; `columns` maps name/code roles to its headers."""

    frame: pd.DataFrame
    columns: dict[str, str]
    level: str

    def counts(self) -> dict[str, int]:
        found = self.frame[self.output["match"]].value_counts()
        return {how: int(found.get(how, 0)) for how in MATCH_CLASSES}

    @property
    def output(self) -> dict[str, str]:
        """Our column name -> the header it got (suffixed if the file already had that header)."""
        return dict(zip(OUTPUT_COLUMNS, self.frame.columns[-len(OUTPUT_COLUMNS) :]))


def find_columns(headers: list[str], level: str, chosen: dict[str, str] | None = None) -> dict[str, str]:
    """{'tambon': 'TAMBON_T', ..., 'area_code': 'TA_ID'}: the name columns down to `level`, and the
    code column of that level if there is one; `chosen` (role -> header) overrides the guess."""
    names = NAME_COLUMNS[: LEVELS.index(level) + 1]
    code = ColumnSpec("area_code", AREA_CODE.label_th, (*AREA_CODE.aliases, *CODE_ALIASES[level]))
    found = match_columns(headers, [NAME_SPECS[n] for n in names] + [code])
    for role, header in (chosen or {}).items():
        if role not in (*names, "area_code") or header not in headers:
            raise DataError(
                f"เลือกคอลัมน์ {role}={header} ไม่ได้ บทบาทที่ใช้ได้: {', '.join((*names, 'area_code'))}; "
                f"หัวคอลัมน์ในไฟล์: {', '.join(headers)}",
                f"Cannot use column {role}={header}; roles: {', '.join((*names, 'area_code'))}. "
                f"The file's headers: {', '.join(headers)}",
            )
        found = {r: h for r, h in found.items() if h != header} | {role: header}
    if level not in found:
        spec = NAME_SPECS[level]
        raise DataError(
            f"ไม่พบคอลัมน์ชื่อ{spec.label_th} ใช้หัวคอลัมน์เช่น {spec.label_th}, ชื่อ{spec.label_th}, "
            f"{spec.name}; หัวคอลัมน์ในไฟล์: {', '.join(headers)}",
            f"No {level} name column; use a header such as {spec.label_th}, ชื่อ{spec.label_th} or "
            f"{spec.name}. The file's headers: {', '.join(headers)}",
        )
    return found


def tag_areas(
    table: RawTable, resolver: AreaResolver, level: str = "tambon", chosen: dict[str, str] | None = None
) -> Tagged:
    """Every row of `table` with the area its names mean at `level` (see the module docstring)."""
    frame = table.frame
    columns = find_columns(list(frame.columns), level, chosen)
    names = [n for n in NAME_COLUMNS if n in columns]
    cells = frame[[columns[n] for n in names]].set_axis(names, axis=1)
    codes = frame[columns["area_code"]] if "area_code" in columns else pd.Series("", index=frame.index)
    outputs: dict[tuple, tuple] = {}
    keys = list(zip(*(cells[n] for n in names), codes))
    for key in dict.fromkeys(keys):
        match = resolver.resolve_one(dict(zip(names, key)), level)
        outputs[key] = _row(resolver, _checked(resolver, match, key[-1], level))
    rows = pd.DataFrame([outputs[k] for k in keys], index=frame.index, columns=list(OUTPUT_COLUMNS))
    rows.columns = _free_names(list(frame.columns), list(OUTPUT_COLUMNS))
    return Tagged(pd.concat([frame, rows], axis=1), columns, level)


def _checked(resolver: AreaResolver, match: Match, code_text: str, level: str) -> Match:
    """The names' match, unless the file's own code says another area: then a conflict."""
    code = code_key(code_text) if code_text.strip() else ""
    if not code or match.code is None or code == match.code:
        return match
    if code in resolver.places:
        given_th = given_en = resolver.describe(code)
    else:
        given_th, given_en = "รหัสที่ไม่มีในรายการพื้นที่", "not a known area code"
    named = resolver.describe(match.code)
    return Match(
        None, "conflict", (match.code,),
        problem=(
            "area_code", code_text,
            f"รหัส {code} คือ {given_th} แต่ชื่อในแถวคือ {named}",
            f"code {code} is {given_en} but the names in the row are {named}",
        ),
    )  # fmt: skip


def _row(resolver: AreaResolver, match: Match) -> tuple[str, str, str, str, str]:
    candidates = "; ".join(resolver.describe(c) for c in match.candidates) if match.how == "ambiguous" else ""
    th, en = match.problem[2:] if match.problem else match.note
    return (match.code or "", match.how, candidates, th, en)


def _free_names(existing: list[str], wanted: list[str]) -> list[str]:
    """Our column names, with '_matched' added where the file already uses the name."""
    return [name if name not in existing else f"{name}_matched" for name in wanted]


def tagged_csv(tagged: Tagged) -> bytes:
    """The tagged file as CSV, UTF-8 with a BOM (Excel then shows Thai), CRLF like Excel writes."""
    buffer = io.StringIO()
    tagged.frame.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def load_areas(url: str | None) -> tuple[AreaResolver, str]:
    """(resolver, where its areas came from): the database at `url` when it has areas, else the
    shipped boundary files, so the command works before anything is seeded."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from data_access.config import describe_url
    from data_access.engine import make_engine

    if url:
        parsed = make_url(url)
        missing_file = parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file()
        if not missing_file:
            engine = make_engine(url)
            try:
                with engine.connect() as conn:
                    resolver = AreaResolver.from_connection(conn)
                if resolver.places:
                    return resolver, f"database {describe_url(url)} ({len(resolver.places):,} areas)"
            except SQLAlchemyError:
                pass
            finally:
                engine.dispose()
    from geo.boundaries import all_area_records

    resolver = AreaResolver.from_records(all_area_records())
    return resolver, f"shipped boundary files ({len(resolver.places):,} areas; no seeded database found)"
