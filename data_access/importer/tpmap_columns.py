"""TPMAP exports as downloaded: which file is which (from its headers and name) and which column feeds
which catalogue indicator.

TPMAP publishes each level as a pair: `<level>_common.csv` (people and households surveyed, welfare
card, `indicatorN.ALL` / `indicatorN.CNT` for the 31 จปฐ. indicators) and `<level>_<bits>.csv` (target
poor). The numerator of a rate and its denominator can live in different files of the pair; both are
keyed by the level's ID column (`tumbol_ID`, `amphur_ID`, `province_ID`, `village_ID`; the country file
has none). The 5-bit suffix selects dimensions in the order health, living, education, income, access
(TPMAP's `class.js`): `11111` = any dimension. `10000` = health only was shown on the real 2561 files:
its target poor (`poor.JPT.MOFval.CNT`) equal the `_11111` file's `poor.JPT.MOFval.health` row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from data_access.importer.normalise import header_key

LEVEL_ORDER = ("village", "tambon", "amphoe", "province", "country")  # finest first
ID_COLUMNS = {
    "tumbol_ID": "tambon",
    "amphur_ID": "amphoe",
    "village_ID": "village",
    "province_ID": "province",
}
CODE_LENGTHS = {"village": (10, 8), "tambon": (6,), "amphoe": (4,), "province": (2,), "country": ()}
COUNTRY_CODE = "TH"
PEOPLE = "HOUSEMEMBER_CNT"
TARGET_POOR = "poor.JPT.MOFval.CNT"
PUBLISHED_RATE = "JPT.MOFval.pov.rate"

DIMENSIONS = ("health", "living", "education", "income", "access")
DIMENSION_COLUMNS = {
    "health": "poor.JPT.MOFval.health",
    "living": "poor.JPT.MOFval.living",
    "education": "poor.JPT.MOFval.education",
    "income": "poor.JPT.MOFval.income",
    "access": "poor.JPT.MOFval.accessibility",
}
# The 17 จปฐ. 2560-64 indicators behind TPMAP's dimensions (verified, see SOURCES.md); the other 14
# `poor.JPT.MOFval.indN.CNT` columns are zero in every published file.
TPMAP_INDICATORS = (1, 4, 5, 7, 8, 9, 10, 11, 15, 16, 17, 19, 20, 21, 22, 27, 28)
BMN_INDICATORS = range(1, 32)
ALL_DIMENSIONS = "11111"
SINGLE_DIMENSION = {"".join("1" if i == j else "0" for j in range(5)): d for i, d in enumerate(DIMENSIONS)}
UNDERSTOOD_SUFFIXES = (ALL_DIMENSIONS, *SINGLE_DIMENSION)

_YEAR = re.compile(r"^(\d{2})_")
_BITS = re.compile(r"_([01]{5})\.[A-Za-z]+$")
_ANY_SUFFIX = re.compile(r"_([^_.]+)\.[A-Za-z]+$")


@dataclass(frozen=True)
class Measure:
    """One catalogue indicator: its numerator column (in the common or a bits file) and, for a rate,
    its denominator column (always in the common file)."""

    indicator_code: str
    numerator_part: str  # "common" or "bits"
    numerator: str
    denominator: str | None = None  # a common-file column; None for a count


def common_measures() -> list[Measure]:
    counts = {
        "households_surveyed": "household.CNT",
        "people_surveyed": PEOPLE,
        "welfare_card_registered": "MOF_REG_CNT",
        "welfare_card_verified": "MOF_VAL_CNT",
        "elderly_people": "ELDERLY_CNT",
        "disabled_people": "DISABLED_CNT",
        "chronically_ill_people": "CHRONICPATIENT_CNT",
    }
    measures = [Measure(code, "common", column) for code, column in counts.items()]
    measures += [
        Measure(f"bmn60_{n:02d}", "common", f"indicator{n}.CNT", f"indicator{n}.ALL") for n in BMN_INDICATORS
    ]
    return measures


def bits_measures(bits: str) -> list[Measure]:
    """What a target-poor file with this suffix means; `bits` must be one of UNDERSTOOD_SUFFIXES."""
    if bits in SINGLE_DIMENSION:
        # Target poor selected on one dimension only: the whole-file count is that dimension's figure.
        return [Measure(f"tp_{SINGLE_DIMENSION[bits]}_rate", "bits", TARGET_POOR, PEOPLE)]
    measures = [
        Measure("target_poor_people", "bits", TARGET_POOR),
        Measure("jpt_poor_households", "bits", "poor.household.CNT"),
        Measure("jpt_poor_people", "bits", "poor.JPT.CNT"),
        Measure("jpt_poor_card_registered", "bits", "poor.JPT.MOFreg.CNT"),
        Measure("target_poor_rate", "bits", TARGET_POOR, PEOPLE),
    ]
    measures += [Measure(f"tp_{d}_rate", "bits", column, PEOPLE) for d, column in DIMENSION_COLUMNS.items()]
    measures += [
        Measure(f"tp_bmn60_{n:02d}_rate", "bits", f"poor.JPT.MOFval.ind{n}.CNT", PEOPLE)
        for n in TPMAP_INDICATORS
    ]
    return measures


def measures_for(part: str, bits: str | None) -> list[Measure]:
    return common_measures() if part == "common" else bits_measures(bits or ALL_DIMENSIONS)


def recognise(headers: list[str]) -> tuple[str, str, str | None] | None:
    """(part, level, ID header as written) of a TPMAP file, or None when the headers are not TPMAP's.

    `province_ID` is the level's ID only when no finer ID column is present (every file repeats it as
    the parent province at the end)."""
    keys = {header_key(h): h for h in headers}
    if header_key(PEOPLE) in keys:
        part = "common"
    elif header_key(TARGET_POOR) in keys:
        part = "bits"
    else:
        return None
    for column in ("tumbol_ID", "amphur_ID", "village_ID", "province_ID"):
        if header_key(column) in keys:
            return part, ID_COLUMNS[column], keys[header_key(column)]
    return part, "country", None


def find_column(headers: list[str], wanted: str) -> str | None:
    """The header as written in the file for one of our column names (case and dots ignored)."""
    keys = {header_key(h): h for h in headers}
    return keys.get(header_key(wanted))


def year_from_name(file_name: str) -> int | None:
    """'61_33_tambol_common.csv' -> 2561 (TPMAP names start with the two-digit Buddhist Era year)."""
    match = _YEAR.match(file_name)
    return 2500 + int(match.group(1)) if match else None


def bits_from_name(file_name: str) -> str | None:
    """The 5-bit dimension suffix of a target-poor file name, or None when the name has none."""
    match = _BITS.search(file_name)
    return match.group(1) if match else None


def suffix_from_name(file_name: str) -> str:
    match = _ANY_SUFFIX.search(file_name)
    return match.group(1) if match else ""
