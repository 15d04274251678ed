"""Which area a row means: by code (2, 4 or 6 digits, optional TH prefix) or by Thai name path.

Names are matched after dropping the forms offices add ("ต.", "ตำบล", "อ.", "อำเภอ", "จ.",
"เทศบาลตำบล", "อบต." ...), spaces and Thai digits. A name is tried as written first, so a real name
that looks like a prefix (tambon "จ.ป.ร.") still matches. A name that fits more than one area is
reported with every candidate, never guessed; an unknown one with the closest names in scope.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select

from analysis.levels import CODE_LENGTH
from data_access.importer.normalise import clean_text
from data_access.importer.report import Problems
from data_access.schema import area

NAME_COLUMNS = ("province", "amphoe", "tambon")
LEVEL_TH = {"province": "จังหวัด", "amphoe": "อำเภอ", "tambon": "ตำบล"}
# Longest first, so "เทศบาลตำบล" goes before "ตำบล"; bare abbreviations only with their dot.
PREFIXES = (
    "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "กิ่งอำเภอ", "จังหวัด", "อำเภอ",
    "ตำบล", "แขวง", "เขต", "กิ่งอ.", "อบต.", "ทต.", "ทม.", "ทน.", "จ.", "อ.", "ต.",
    "changwat", "province", "amphoe", "district", "tambon", "subdistrict", "khet", "khwaeng",
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    code: str
    level: str
    name_th: str
    parent_code: str | None


def name_key(name: str) -> str:
    """A name reduced for comparison: no spaces, lower case (English names), one sara am, Arabic digits."""
    return clean_text(name).replace(" ", "").replace("-", "").lower()


def name_variants(name: str) -> list[str]:
    """The name as written, then with each leading administrative form removed in turn."""
    key = name_key(name)
    variants = [key]
    stripped = True
    while stripped:
        stripped = False
        for prefix in PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = key[len(prefix) :].lstrip(".")
                variants.append(key)
                stripped = True
                break
    return variants


def code_key(text: str) -> str:
    """'TH330105', ' th-3301 ', '๓๓' -> digits; an XLSX number '330105.0' -> '330105'."""
    code = clean_text(text).upper().replace(" ", "").replace("-", "")
    code = code.removeprefix("TH")
    if code.endswith(".0") and code[:-2].isdigit():
        code = code[:-2]
    return code


class AreaResolver:
    """Every area in the database, indexed by code and by normalised name per level."""

    def __init__(self, places: list[Place]):
        self.places = {p.code: p for p in places}
        self.by_name: dict[str, dict[str, list[str]]] = {level: defaultdict(list) for level in CODE_LENGTH}
        for place in places:
            self.by_name[place.level][name_key(place.name_th)].append(place.code)

    @classmethod
    def from_connection(cls, conn) -> AreaResolver:
        rows = conn.execute(select(area.c.code, area.c.level, area.c.name_th, area.c.parent_code)).all()
        return cls([Place(*row) for row in rows])

    def describe(self, code: str) -> str:
        """'จาน (330105, เมืองศรีสะเกษ, ศรีสะเกษ)': enough to tell candidates apart."""
        place = self.places[code]
        parents = []
        parent = place.parent_code
        while parent:
            parents.append(self.places[parent].name_th)
            parent = self.places[parent].parent_code
        return f"{place.name_th} ({', '.join([code, *parents])})"

    def resolve(
        self, cells: pd.DataFrame, headers: dict[str, str], level: str = "tambon"
    ) -> tuple[pd.Series, Problems]:
        """Area code per row (NA where unresolved) and the problems of the rows that failed.

        `cells` has any of the canonical columns area_code, province, amphoe, tambon; `headers` maps
        them to the file's own header, which the report names.
        """
        present = [c for c in ("area_code", *NAME_COLUMNS) if c in cells]
        problems = Problems()
        result = pd.Series(pd.NA, index=cells.index, dtype=object)
        if not present:
            return result, problems
        keys = cells[present].fillna("").astype(str)
        by = present if len(present) > 1 else present[0]
        for combination, rows in keys.groupby(by, sort=False).groups.items():
            values = dict(zip(present, combination if len(present) > 1 else (combination,)))
            code, problem = self.resolve_one(values, level)
            if code is not None:
                result.loc[rows] = code
            else:
                column, value, th, en = problem
                problems.add(rows, headers.get(column, column), value, th, en)
        return result, problems

    def resolve_one(self, values: dict[str, str], level: str) -> tuple[str | None, tuple | None]:
        """(code, None) or (None, (column, value, problem_th, problem_en))."""
        text = values.get("area_code", "").strip()
        if text:
            return self._by_code(text, level)
        if not any(values.get(c, "").strip() for c in NAME_COLUMNS):
            return None, ("area_code", "", "ไม่ได้ระบุพื้นที่ (รหัสหรือชื่อ)", "no area given (code or names)")
        return self._by_names(values, level)

    def _by_code(self, text: str, level: str) -> tuple[str | None, tuple | None]:
        code = code_key(text)
        if not (code.isdigit() and len(code) in (2, 4, 6)):
            return None, (
                "area_code", text,
                "รหัสพื้นที่ต้องเป็นตัวเลข 2, 4 หรือ 6 หลัก (มี TH นำหน้าได้)",
                "an area code has 2, 4 or 6 digits (optionally prefixed TH)",
            )  # fmt: skip
        if code not in self.places:
            return None, ("area_code", text, f"ไม่พบรหัสพื้นที่ {code}", f"unknown area code {code}")
        found = self.places[code].level
        if found != level:
            return None, ("area_code", text, *_wrong_level(self.describe(code), found, level))
        return code, None

    def _by_names(self, values: dict[str, str], level: str) -> tuple[str | None, tuple | None]:
        scope: set[str] | None = None  # candidate parent codes from the levels above
        found: list[str] = []
        for current in NAME_COLUMNS:
            text = values.get(current, "").strip()
            if not text:
                if current == level:
                    return None, (
                        current,
                        "",
                        f"ไม่ได้ระบุชื่อ{LEVEL_TH[current]}",
                        f"the {current} name is missing",
                    )
                continue
            found = self._match(text, current, scope, values.get("province", ""))
            if not found:
                return None, (current, text, *self._unknown(text, current, scope))
            scope = set(found)
            if current == level:
                break
        if len(found) > 1:
            candidates = "; ".join(self.describe(c) for c in sorted(found))
            return None, (
                level, values.get(level, ""),
                f"ชื่อซ้ำกันหลายพื้นที่ ระบุให้ชัดเจน (เช่น ระบุอำเภอหรือใช้รหัส): {candidates}",
                f"ambiguous name; add the amphoe or province, or use the code. Candidates: {candidates}",
            )  # fmt: skip
        return found[0], None

    def _match(self, text: str, level: str, scope: set[str] | None, province_text: str) -> list[str]:
        index = self.by_name[level]
        variants = name_variants(text)
        if level == "amphoe" and variants[-1] == "เมือง" and scope:
            # "อ.เมือง" means the seat amphoe: เมือง + the province's name.
            variants += [name_key("เมือง" + self.places[p].name_th) for p in scope]
        for variant in variants:
            codes = [c for c in index.get(variant, []) if _within(c, scope)]
            if codes:
                return codes
        return []

    def _unknown(self, text: str, level: str, scope: set[str] | None) -> tuple[str, str]:
        names = {
            self.places[c].name_th
            for codes in self.by_name[level].values()
            for c in codes
            if _within(c, scope)
        }
        close = difflib.get_close_matches(name_variants(text)[-1], sorted(names), n=3, cutoff=0.6)
        hint_th = f" ชื่อที่ใกล้เคียง: {', '.join(close)}" if close else ""
        hint_en = f"; closest: {', '.join(close)}" if close else ""
        where_th = " ในพื้นที่ที่ระบุ" if scope else ""
        where_en = " within the given parent area" if scope else ""
        return (
            f"ไม่พบ{LEVEL_TH[level]}ชื่อ '{text}'{where_th}{hint_th}",
            f"no {level} named '{text}'{where_en}{hint_en}",
        )


def _within(code: str, scope: set[str] | None) -> bool:
    """Codes nest (tambon 330105 is in amphoe 3301, in province 33), so scope is a code prefix."""
    return scope is None or any(code.startswith(parent) for parent in scope)


def _wrong_level(described: str, found: str, wanted: str) -> tuple[str, str]:
    if wanted == "tambon":
        return (
            f"{described} เป็นรหัส{LEVEL_TH[found]} ค่าตัวชี้วัดเก็บเฉพาะระดับตำบล "
            "(ระดับอำเภอและจังหวัดคำนวณรวมจากตำบล) กรุณาใช้รหัสตำบล 6 หลัก",
            f"{described} is {_article(found)} {found} code; values are stored for tambons only "
            "(amphoe and province figures are summed from their tambons), so use the 6-digit tambon code",
        )
    return (f"{described} ไม่ใช่ระดับ{LEVEL_TH[wanted]}", f"{described} is not {_article(wanted)} {wanted}")


def _article(level: str) -> str:
    return "an" if level == "amphoe" else "a"
