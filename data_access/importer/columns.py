"""Which file column is which: canonical names with the Thai and English headers offices use.

A missing required column stops the import as a whole-file problem, naming the closest headers the
file does have (difflib), since "จำนวนครัวเรือน " or "numerater" is usually the column meant.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from analysis.errors import DataError
from data_access.importer.normalise import header_key


@dataclass(frozen=True)
class ColumnSpec:
    name: str  # canonical name, also the template header
    label_th: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def keys(self) -> set[str]:
        return {header_key(self.name), header_key(self.label_th), *(header_key(a) for a in self.aliases)}


class MissingColumns(DataError):
    """Required columns absent; `suggestions` maps each to the file's closest headers."""

    def __init__(self, missing: list[ColumnSpec], headers: list[str]):
        self.suggestions = {spec.name: closest_headers(spec, headers) for spec in missing}
        parts_th, parts_en = [], []
        for spec in missing:
            near = self.suggestions[spec.name]
            parts_th.append(
                f"{spec.name} ({spec.label_th})" + (f" — หรือหมายถึง: {', '.join(near)}?" if near else "")
            )
            parts_en.append(
                f"{spec.name} ({spec.label_th})" + (f" — did you mean: {', '.join(near)}?" if near else "")
            )
        super().__init__(
            "ไม่พบคอลัมน์ที่จำเป็น: " + "; ".join(parts_th),
            "Missing required columns: " + "; ".join(parts_en),
        )


def closest_headers(spec: ColumnSpec, headers: list[str], n: int = 3) -> list[str]:
    """The file's headers nearest to any accepted spelling of `spec`."""
    by_key = {header_key(h): h for h in headers}
    scored: dict[str, float] = {}
    for key in spec.keys():
        for candidate in difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.6):
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            scored[by_key[candidate]] = max(scored.get(by_key[candidate], 0), ratio)
    return sorted(scored, key=lambda h: -scored[h])[:n]


def match_columns(headers: list[str], specs: list[ColumnSpec]) -> dict[str, str]:
    """canonical name -> the file's header, for every spec the file has (first match wins)."""
    found: dict[str, str] = {}
    for header in headers:
        key = header_key(header)
        for spec in specs:
            if spec.name not in found and key in spec.keys():
                found[spec.name] = header
                break
    return found


def require(found: dict[str, str], specs: list[ColumnSpec], headers: list[str]) -> None:
    missing = [s for s in specs if s.required and s.name not in found]
    if missing:
        raise MissingColumns(missing, headers)


# Shared by every kind that names an area or a year.
AREA_CODE = ColumnSpec(
    "area_code", "รหัสพื้นที่",
    ("code", "รหัส", "รหัสตำบล", "tambon_code", "geocode", "adm3_pcode", "pcode", "area"),
)  # fmt: skip
PROVINCE = ColumnSpec("province", "จังหวัด", ("changwat", "province_name", "ชื่อจังหวัด"))
AMPHOE = ColumnSpec("amphoe", "อำเภอ", ("district", "amphoe_name", "ชื่ออำเภอ", "เขต"))
TAMBON = ColumnSpec("tambon", "ตำบล", ("subdistrict", "tambon_name", "ชื่อตำบล", "แขวง"))
AREA_COLUMNS = [AREA_CODE, PROVINCE, AMPHOE, TAMBON]
YEAR = ColumnSpec("year", "ปี พ.ศ.", ("ปี", "ปีสำรวจ", "survey_year", "ปีงบประมาณ", "พ.ศ.", "be_year"))


def require_area(found: dict[str, str], headers: list[str]) -> None:
    """An area is named by code or by at least a tambon name."""
    if "area_code" not in found and "tambon" not in found:
        raise MissingColumns([AREA_CODE, TAMBON], headers)
