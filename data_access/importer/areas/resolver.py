"""Which area a row means: by code (2, 4 or 6 digits, optional TH prefix) or by Thai name path.

A name is tried as written first, then without the forms offices add ("ต.", "อำเภอ", "แขวง" ...), so
a real name that looks like a prefix (tambon "จ.ป.ร.") still matches. Then, inside the parent area
the row gives: the seat amphoe ("อ.เมือง", "อ.บึงกาฬ"), a tambon municipality named after its
tambon, the known spellings of `variants.csv`, a name cut at 16 characters, the same letters with
other tone marks or look-alike letters (ซ/ช), and last a near match (RapidFuzz), only with a parent
area given and only when it is the one name there above a strict score. A name that is exactly the
name of another area is never taken for a similar one. A name that fits more than one area is
reported with every candidate, never guessed. A row that gives a code and names must have names
that fit the code, or it is an error naming both areas.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process
from sqlalchemy import select

from analysis.levels import CODE_LENGTH
from data_access.importer.areas.names import (
    NAME_COLUMNS,
    alias_parts,
    bangkok_form,
    bare_key,
    loose_key,
    municipality,
    name_key,
    name_variants,
    split_path,
)
from data_access.importer.normalise import clean_text
from data_access.importer.report import Problems
from data_access.schema import area

LEVEL_TH = {"province": "จังหวัด", "amphoe": "อำเภอ", "tambon": "ตำบล"}
VARIANTS_FILE = Path(__file__).with_name("variants.csv")
# A near match: the only name of the parent area this close (rapidfuzz ratio, 0-100), and the
# written name long enough that one letter is not a fifth of it ("จานน" is not taken for "จาน").
NEAR_SCORE = 85
NEAR_MIN_LENGTH = 5
# Copies of the boundary files from before 2026-12 cut names at 16 characters ("ปากพนังฝั่งตะวัน"),
# and so do files exported from them: such a name means the names it starts.
CUT_LENGTH = 16
BANGKOK = "10"
_THAI = re.compile("[\u0e01-\u0e4e]")


@dataclass(frozen=True)
class Place:
    code: str
    level: str
    name_th: str
    parent_code: str | None
    name_en: str = ""  # matched exactly too (an English file), never near-matched


@dataclass(frozen=True)
class Match:
    """What a row's area cells name. `how`: exact, variant (a known other form, `note` says which),
    ambiguous (`candidates`), unknown, conflict (the row contradicts itself); `problem` is
    (column, value, problem_th, problem_en) whenever `code` is None."""

    code: str | None
    how: str
    candidates: tuple[str, ...] = ()
    note: tuple[str, str] = ("", "")  # (Thai, English)
    problem: tuple[str, str, str, str] | None = None


def code_key(text: str) -> str:
    """'TH330105', ' th-3301 ', '๓๓' -> digits; an XLSX number '330105.0' -> '330105'."""
    code = clean_text(text).upper().replace(" ", "").replace("-", "")
    code = code.removeprefix("TH")
    if code.endswith(".0") and code[:-2].isdigit():
        code = code[:-2]
    return code


@lru_cache(maxsize=1)
def known_variants() -> tuple[tuple[str, str], ...]:
    """(area code, another spelling of its name) from `variants.csv`."""
    with open(VARIANTS_FILE, encoding="utf-8", newline="") as handle:
        return tuple((row["code"], row["written"]) for row in csv.DictReader(handle))


class AreaResolver:
    """Every area in the database, indexed by code and by normalised name per level."""

    def __init__(self, places: list[Place]):
        self.places = {p.code: p for p in places}
        self.by_name = _index(
            places, lambda p: [name_key(p.name_th)] + ([name_key(p.name_en)] if p.name_en else [])
        )
        self.by_loose = _index(places, lambda p: [loose_key(name_key(p.name_th))])
        self.by_parent: dict[str, dict[str, list[str]]] = {level: defaultdict(list) for level in CODE_LENGTH}
        for place in places:  # every area under each ancestor code ('' = the whole country)
            for length in (0, 2, 4):
                if length < CODE_LENGTH[place.level]:
                    self.by_parent[place.level][place.code[:length]].append(place.code)
        self.by_variant = _index(
            [self.places[code] for code, _ in known_variants() if code in self.places],
            lambda p: [name_key(w) for c, w in known_variants() if c == p.code],
        )

    @classmethod
    def from_connection(cls, conn) -> AreaResolver:
        columns = (area.c.code, area.c.level, area.c.name_th, area.c.parent_code, area.c.name_en)
        rows = conn.execute(select(*columns)).all()
        return cls([Place(*row) for row in rows])

    @classmethod
    def from_records(cls, records: pd.DataFrame) -> AreaResolver:
        """From a frame with code, level, name_th, parent_code, name_en (as `all_area_records` gives)."""
        columns = records[["code", "level", "name_th", "parent_code", "name_en"]]
        return cls([Place(*row) for row in columns.itertuples(index=False)])

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
            match = self.resolve_one(values, level)
            if match.code is not None:
                result.loc[rows] = match.code
            else:
                column, value, th, en = match.problem
                problems.add(rows, headers.get(column, column), value, th, en)
        return result, problems

    def resolve_one(self, values: dict[str, str], level: str) -> Match:
        """The area that one row's code and/or names mean at `level`."""
        values = {c: str(values.get(c) or "").strip() for c in ("area_code", *NAME_COLUMNS)}
        values, sources, disagreement = _expand_paths(values, level)
        if disagreement is not None:
            return disagreement
        named = any(values[c] for c in NAME_COLUMNS)
        if values["area_code"]:
            by_code = self._by_code(values["area_code"], level)
            if by_code.code is None or not named:
                return by_code
            return self._check_names(by_code.code, values, level)
        if not named:
            return _problem(
                "unknown", "area_code", "", "ไม่ได้ระบุพื้นที่ (รหัสหรือชื่อ)", "no area given (code or names)"
            )
        match = self._by_names(values, level)
        if match.problem is not None and match.problem[0] in sources:
            match = replace(match, problem=(sources[match.problem[0]], *match.problem[1:]))
        return match

    def _by_code(self, text: str, level: str) -> Match:
        code = code_key(text)
        if not (code.isdigit() and len(code) in (2, 4, 6)):
            return _problem(
                "unknown", "area_code", text,
                "รหัสพื้นที่ต้องเป็นตัวเลข 2, 4 หรือ 6 หลัก (มี TH นำหน้าได้)",
                "an area code has 2, 4 or 6 digits (optionally prefixed TH)",
            )  # fmt: skip
        if code not in self.places:
            return _problem("unknown", "area_code", text, f"ไม่พบรหัสพื้นที่ {code}", f"unknown area code {code}")
        found = self.places[code].level
        if found != level:
            return _problem("unknown", "area_code", text, *_wrong_level(self.describe(code), found, level))
        return Match(code, "exact")

    def _check_names(self, code: str, values: dict[str, str], level: str) -> Match:
        """A code with names beside it: the names must mean the code's area (or one of theirs must)."""
        given = [c for c in NAME_COLUMNS[: NAME_COLUMNS.index(level) + 1] if values[c]]
        if not given:
            return Match(code, "exact")
        deepest = given[-1]
        own = code[: CODE_LENGTH[deepest]]
        named = self._by_names(values, deepest)
        if named.code == own or own in named.candidates:
            return Match(code, "exact" if named.how in ("exact", "ambiguous") else "variant", note=named.note)
        written = " ".join(values[c] for c in reversed(given))  # tambon first, as Thai addresses go
        if named.code is not None:
            th = f"แต่ชื่อในแถวคือ {self.describe(named.code)}"
            en = f"but the names in the row are {self.describe(named.code)}"
        elif named.candidates:
            others = "; ".join(self.describe(c) for c in named.candidates)
            th, en = (
                f"แต่ชื่อในแถว ({written}) คือพื้นที่อื่น: {others}",
                f"but the names ({written}) are other areas: {others}",
            )
        else:
            th = f"แต่ชื่อในแถว ({written}) ไม่ตรงกับพื้นที่นี้: {named.problem[2]}"
            en = f"but the names in the row ({written}) do not fit it: {named.problem[3]}"
        return _problem(
            "conflict", "area_code", values["area_code"],
            f"รหัส {code} คือ {self.describe(code)} {th} กรุณาตรวจรหัสหรือชื่อ",
            f"code {code} is {self.describe(code)} {en}; check the code or the names",
        )  # fmt: skip

    def _by_names(self, values: dict[str, str], level: str) -> Match:
        scope: set[str] | None = None  # candidate parent codes from the levels above
        found: tuple[str, ...] = ()
        how, notes = "exact", ([], [])
        for current in NAME_COLUMNS:
            text = values.get(current, "").strip()
            if not text:
                if current == level:
                    return _problem(
                        "unknown",
                        current,
                        "",
                        f"ไม่ได้ระบุชื่อ{LEVEL_TH[current]}",
                        f"the {current} name is missing",
                    )
                continue
            match = self._match(text, current, scope)
            if not match.candidates:
                return _problem("unknown", current, text, *self._unknown(text, current, scope, match.note))
            found = match.candidates
            if match.how == "variant":
                how = "variant"
                notes[0].append(match.note[0])
                notes[1].append(match.note[1])
            scope = set(found)
            if current == level:
                break
        if len(found) > 1:
            candidates = "; ".join(self.describe(c) for c in sorted(found))
            return _problem(
                "ambiguous", level, values.get(level, ""),
                f"ชื่อซ้ำกันหลายพื้นที่ ระบุให้ชัดเจน (เช่น ระบุอำเภอหรือใช้รหัส): {candidates}",
                f"ambiguous name; add the amphoe or province, or use the code. Candidates: {candidates}",
                candidates=tuple(sorted(found)),
            )  # fmt: skip
        return Match(found[0], how, note=("; ".join(notes[0]), "; ".join(notes[1])))

    def _match(self, text: str, level: str, scope: set[str] | None) -> Match:
        """Codes of `level` inside `scope` that `text` names (as `candidates`; empty if none)."""
        parts = alias_parts(text)
        if not parts:
            return self._match_name(text, level, scope)
        # "ปอภาร (ปอพาน)": the name and its alias in brackets; either may be the official one.
        found = [self._match_name(part, level, scope) for part in parts]
        codes = tuple(sorted({c for m in found for c in m.candidates}))
        if not codes:
            return Match(None, "unknown", note=found[0].note)
        return self._variant(text, codes, "ชื่อหรือชื่อในวงเล็บ", "the name or its alias in brackets")

    def _match_name(self, text: str, level: str, scope: set[str] | None) -> Match:
        municipal = municipality(text) if level == "tambon" else None
        if municipal is not None:
            return self._municipality(text, municipal, scope)
        variants = name_variants(text)
        for variant in variants:
            codes = self._inside(self.by_name[level].get(variant, ()), scope)
            if len(codes) > 1 and bangkok_form(text):  # "เขตจอมทอง" is Bangkok's, not Chiang Mai's
                codes = tuple(c for c in codes if c.startswith(BANGKOK)) or codes
            if codes:
                return Match(None, "exact", codes)
        key = variants[-1]
        seats = self._seat_amphoe(key, scope) if level == "amphoe" and scope else ()
        if seats:
            return self._variant(text, seats, "อำเภอเมือง", "seat amphoe")
        for variant in variants:
            codes = self._inside(self.by_variant[level].get(variant, ()), scope)
            if codes:
                return self._variant(text, codes, "ชื่อที่เขียนอีกแบบ", "known spelling")
        if len(key) == CUT_LENGTH:
            starting = [
                c for name, codes in self.by_name[level].items() if name.startswith(key) for c in codes
            ]
            cut = self._inside(starting, scope)
            if cut:
                return self._variant(
                    text, cut, f"ชื่อถูกตัดที่ {CUT_LENGTH} ตัวอักษร", f"cut at {CUT_LENGTH} characters"
                )
        if any(v in self.by_name[level] or v in self.by_variant[level] for v in variants):
            return Match(None, "unknown")  # the exact name of another area: never near-matched here
        codes = self._inside(self.by_loose[level].get(loose_key(key), ()), scope)
        if len(codes) == 1:
            return self._variant(text, codes, "วรรณยุกต์หรืออักษรที่คล้ายกัน", "tone marks or look-alike letters")
        return self._near(text, key, level, scope)

    def _municipality(self, text: str, municipal: tuple[str, str], scope: set[str] | None) -> Match:
        """A tambon municipality of the given amphoe whose name is exactly one of its tambons; any
        other municipality is not a tambon (a town can span several), so it stays unknown."""
        kind, name = municipal
        if kind == "tambon" and scope and all(len(p) == CODE_LENGTH["amphoe"] for p in scope):
            codes = self._inside(self.by_name["tambon"].get(name, ()), scope)
            if len(codes) == 1:
                return self._variant(text, codes, "เทศบาลตำบลที่ชื่อเดียวกับตำบล", "tambon municipality")
        return Match(None, "unknown", note=("municipality", "municipality"))

    def _seat_amphoe(self, key: str, provinces: set[str]) -> tuple[str, ...]:
        """'เมือง' or the province's own name ('บึงกาฬ') at amphoe level: the seat, เมือง + province."""
        codes = []
        for province in provinces:
            name = name_key(self.places[province].name_th) if province in self.places else None
            if name and key in ("เมือง", name):
                codes += self._inside(self.by_name["amphoe"].get("เมือง" + name, ()), {province})
        return tuple(codes)

    def _near(self, text: str, key: str, level: str, scope: set[str] | None) -> Match:
        if not scope or len(key) < NEAR_MIN_LENGTH:
            return Match(None, "unknown")
        names = self._names_within(level, scope)
        close = process.extract(key, list(names), scorer=fuzz.ratio, score_cutoff=NEAR_SCORE, limit=None)
        codes = [c for matched, _, _ in close for c in names[matched]]
        if len(codes) != 1:
            return Match(None, "unknown")
        score = close[0][1]
        return self._variant(text, codes, f"ชื่อใกล้เคียง ({score:.0f}/100)", f"near match ({score:.0f}/100)")

    def _variant(self, text: str, codes, th: str, en: str) -> Match:
        """A match through another form of the name; the note says which, for the user to see."""
        names = ", ".join(self.places[c].name_th for c in codes)
        return Match(
            None, "variant", tuple(codes), note=(f"'{text}' = {names}: {th}", f"'{text}' = {names}: {en}")
        )

    def _names_within(self, level: str, scope: set[str] | None) -> dict[str, list[str]]:
        """{name key: codes} of the areas of `level` inside `scope`, for near matches and hints."""
        places = (
            self.by_parent[level][""]
            if scope is None
            else [c for p in scope for c in self.by_parent[level][p]]
        )
        names: dict[str, list[str]] = defaultdict(list)
        for code in places:
            names[name_key(self.places[code].name_th)].append(code)
        return names

    def _inside(self, codes, scope: set[str] | None) -> tuple[str, ...]:
        return tuple(c for c in codes if _within(c, scope))

    def _unknown(self, text: str, level: str, scope: set[str] | None, note: tuple) -> tuple[str, str]:
        names = self._names_within(level, scope)
        close = process.extract(bare_key(text), list(names), scorer=fuzz.ratio, score_cutoff=60, limit=3)
        shown = [self.places[names[key][0]].name_th for key, _, _ in close]
        hint_th = f" ชื่อที่ใกล้เคียง: {', '.join(shown)}" if shown else ""
        hint_en = f"; closest: {', '.join(shown)}" if shown else ""
        where_th = " ในพื้นที่ที่ระบุ" if scope else ""
        where_en = " within the given parent area" if scope else ""
        if note[1] == "municipality":
            return (
                f"'{text}' เป็นชื่อเทศบาล ไม่ใช่ตำบล (เทศบาลอาจครอบคลุมหลายตำบล) กรุณาระบุตำบลหรือรหัสตำบล{hint_th}",
                f"'{text}' is a municipality, not a tambon (a municipality can span several tambons); "
                f"give the tambon or its code{hint_en}",
            )
        return (
            f"ไม่พบ{LEVEL_TH[level]}ชื่อ '{text}'{where_th}{hint_th}",
            f"no {level} named '{text}'{where_en}{hint_en}",
        )


def _index(places: list[Place], keys) -> dict[str, dict[str, list[str]]]:
    index: dict[str, dict[str, list[str]]] = {level: defaultdict(list) for level in CODE_LENGTH}
    for place in places:
        for key in keys(place):
            if place.code not in index[place.level][key]:
                index[place.level][key].append(place.code)
    return index


def _expand_paths(values: dict[str, str], level: str) -> tuple[dict[str, str], dict[str, str], Match | None]:
    """A whole path in one cell ('ต.หนองครก อ.เมืองศรีสะเกษ จ.ศรีสะเกษ') spread over the name
    columns; `sources` says which column each part came from. A part that differs from a filled
    column is a disagreement, not a choice."""
    values, sources = dict(values), {}
    for column in ("area_code", *NAME_COLUMNS):
        text = values[column]
        if column == "area_code":
            if not _THAI.search(text):
                continue
            parts = split_path(text, level) or {level: text}  # a name where the code belongs
            values["area_code"] = ""
        else:
            parts = split_path(text, column)
        for part, name in (parts or {}).items():
            current = values[part]
            if part == column or not current:
                values[part] = name
                sources[part] = column
            elif bare_key(current) != bare_key(name):
                return values, sources, _problem(
                    "conflict", column, text,
                    f"ชื่อ{LEVEL_TH[part]}ในเซลล์นี้ ({name}) ไม่ตรงกับคอลัมน์{LEVEL_TH[part]} ({current})",
                    f"the {part} in this cell ({name}) differs from the {part} column ({current})",
                )  # fmt: skip
    return values, sources, None


def _problem(how: str, column: str, value: str, th: str, en: str, candidates: tuple[str, ...] = ()) -> Match:
    return Match(None, how, candidates, problem=(column, value, th, en))


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
