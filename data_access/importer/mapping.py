"""Any other spreadsheet: say what each column is, and the file imports as indicator values.

A `ColumnMapping` gives every file column a role (an area part, the year, a value, numerator or
denominator of an indicator, or ignore) and may add catalogue entries for indicators the catalogue
does not have yet. `apply_mapping` renames the columns into the wide layout `IndicatorValues`
already imports (`area_code`, `tambon`, `year`, `<code>_numerator`, …), so the dry run, the row
errors, the single transaction and the log are the importer's own; the report names the file's
columns again (`back`). New catalogue entries are written in the same transaction as the values.

A bare percentage cannot be mapped: amphoe and province figures are sum(numerator)/sum(denominator)
over tambons, so a rate needs the columns holding its count and its base.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import pandas as pd

from analysis.errors import DataError
from data_access.catalogue import indicator_problems
from data_access.importer.kind_catalogue import CODE_PATTERN
from data_access.importer.kinds import Context, Prepared
from data_access.importer.normalise import header_key
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems

AREA_ROLES = ("area_code", "province", "amphoe", "tambon", "area_path")
PART_ROLES = ("value", "numerator", "denominator")
ROLES = (*AREA_ROLES, "year", *PART_ROLES, "ignore")
SINGLE_ROLES = (*AREA_ROLES, "year")
NEW_SET_VERSION = "imported"
NEW_DIMENSION = "overview"
# A one-cell path "ต.หนองครก อ.เมืองศรีสะเกษ จ.ศรีสะเกษ" goes to the tambon column, whose resolver
# reads the path (data_access.importer.areas).
CANONICAL = {"area_path": "tambon"}
PART_SUFFIX = {"value": "", "numerator": "_numerator", "denominator": "_denominator"}


@dataclass(frozen=True)
class NewIndicator:
    """A catalogue entry made while mapping; scale 100 for a percentage rate, else 1."""

    code: str
    name_th: str
    name_en: str
    unit: str = "count"
    polarity: str = "higher_worse"
    aggregation: str = "sum"
    dimension: str = NEW_DIMENSION

    @property
    def scale(self) -> float:
        return 100.0 if self.aggregation == "ratio" and self.unit == "percent" else 1.0

    def catalogue_row(self, source: str) -> dict:
        return {
            "code": self.code, "set_version": NEW_SET_VERSION, "name_th": self.name_th,
            "name_en": self.name_en, "dimension": self.dimension, "unit": self.unit,
            "polarity": self.polarity, "aggregation": self.aggregation, "scale": self.scale,
            "is_deprivation": False, "bmn_number": None, "description_th": "", "description_en": "",
            "source": source,
        }  # fmt: skip


@dataclass(frozen=True)
class ColumnRole:
    role: str = "ignore"
    indicator: str | None = None  # a catalogue code, for value / numerator / denominator


@dataclass
class ColumnMapping:
    """file header -> role; plus the catalogue entries the mapping adds."""

    columns: dict[str, ColumnRole]
    new_indicators: list[NewIndicator] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(
            {
                "columns": {h: asdict(r) for h, r in self.columns.items()},
                "new_indicators": [asdict(n) for n in self.new_indicators],
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        data = json.loads(text)
        return cls(
            {h: ColumnRole(**r) for h, r in data["columns"].items()},
            [NewIndicator(**n) for n in data.get("new_indicators", [])],
        )

    def mapped(self, role: str) -> list[str]:
        return [h for h, r in self.columns.items() if r.role == role]

    def parts(self) -> dict[str, dict[str, str]]:
        """indicator code -> {part: file header}."""
        found: dict[str, dict[str, str]] = {}
        for header, column in self.columns.items():
            if column.role in PART_ROLES and column.indicator:
                found.setdefault(column.indicator, {}).setdefault(column.role, header)
        return found


def mapping_problems(
    mapping: ColumnMapping,
    headers: list[str],
    catalogue: pd.DataFrame,
    dimensions: set[str],
    year_given: bool = False,
) -> list[tuple[str, str]]:
    """Every reason the mapping cannot be used with this file (Thai, English); empty when usable."""
    out: list[tuple[str, str]] = []
    missing = [h for h in mapping.columns if h not in headers]
    if missing:
        out.append((f"ไม่มีคอลัมน์ในไฟล์: {', '.join(missing)}", f"columns not in the file: {', '.join(missing)}"))
    for header, column in mapping.columns.items():
        if column.role not in ROLES:
            out.append((f"{header}: ไม่รู้จักบทบาท '{column.role}'", f"{header}: unknown role '{column.role}'"))
        elif column.role in PART_ROLES and not column.indicator:
            out.append((f"{header}: ยังไม่ได้เลือกตัวชี้วัด", f"{header}: choose its indicator"))
    for role in SINGLE_ROLES:
        if len(mapping.mapped(role)) > 1:
            names = ", ".join(mapping.mapped(role))
            out.append((f"บทบาท {role} มีได้คอลัมน์เดียว (เลือกไว้: {names})", f"only one {role} column ({names})"))
    if not any(mapping.mapped(r) for r in ("area_code", "tambon", "area_path")):
        out.append(
            ("ต้องมีคอลัมน์รหัสพื้นที่ ชื่อตำบล หรือที่อยู่เต็ม", "map an area code, a tambon name or a full area path")
        )
    if not mapping.mapped("year") and not year_given:
        out.append(("ต้องมีคอลัมน์ปี หรือระบุปี พ.ศ. ทั้งไฟล์", "map a year column or give the year for the file"))
    out += _new_indicator_problems(mapping.new_indicators, catalogue, dimensions)
    known = catalogue_with(catalogue, mapping.new_indicators).set_index("code")
    parts = mapping.parts()
    if not parts:
        out.append(("ยังไม่มีคอลัมน์ค่าตัวชี้วัด", "no column holds an indicator's value, numerator or denominator"))
    for code, present in parts.items():
        if code not in known.index:
            out.append((f"ไม่พบตัวชี้วัด {code} ในบัญชี", f"indicator {code} is not in the catalogue"))
            continue
        twice = [
            h for h, c in mapping.columns.items()
            if c.indicator == code and c.role in PART_ROLES and present.get(c.role) != h
        ]  # fmt: skip
        if twice:
            out.append(
                (
                    f"{code}: คอลัมน์ซ้ำบทบาท ({', '.join(twice)})",
                    f"{code}: two columns for one part ({', '.join(twice)})",
                )
            )
        if known.at[code, "aggregation"] == "ratio" and not {"numerator", "denominator"} <= set(present):
            out.append(
                (
                    f"{code} เป็นอัตรา ต้องจับคู่คอลัมน์ตัวตั้งและตัวหาร ร้อยละอย่างเดียวรวมเป็นระดับอำเภอ/จังหวัดไม่ได้ "
                    "(ค่าระดับอำเภอ/จังหวัด = ผลรวมตัวตั้ง ÷ ผลรวมตัวหาร)",
                    f"{code} is a rate: map its numerator and denominator columns. A bare percentage "
                    "cannot be rolled up (amphoe and province figures are sum(numerator) / sum(denominator))",
                )
            )
        if known.at[code, "aggregation"] == "sum" and not {"numerator", "value"} & set(present):
            out.append((f"{code}: ต้องมีคอลัมน์จำนวน (ตัวตั้งหรือค่า)", f"{code}: map the column holding the count"))
    return out


def _new_indicator_problems(
    new: list[NewIndicator], catalogue: pd.DataFrame, dimensions: set[str]
) -> list[tuple[str, str]]:
    out = []
    stored = catalogue.set_index("code")
    for entry in new:
        if not CODE_PATTERN.match(entry.code):
            out.append(
                (
                    f"รหัส '{entry.code}' ใช้ได้เฉพาะ a-z 0-9 _ ขึ้นต้นด้วยตัวอักษร",
                    f"code '{entry.code}': a-z, 0-9 and _, starting with a letter",
                )
            )
        if not entry.name_th.strip() or not entry.name_en.strip():
            out.append(
                (f"{entry.code}: ต้องมีชื่อภาษาไทยและอังกฤษ", f"{entry.code}: give a Thai and an English name")
            )
        if entry.code in stored.index:
            old = stored.loc[entry.code]
            if (old["unit"], old["aggregation"]) != (entry.unit, entry.aggregation):
                out.append(
                    (
                        f"มีตัวชี้วัด {entry.code} อยู่แล้ว (หน่วย {old['unit']}, รวมแบบ {old['aggregation']})",
                        f"indicator {entry.code} exists already (unit {old['unit']}, "
                        f"aggregation {old['aggregation']})",
                    )
                )
    checked = ["code", "unit", "polarity", "aggregation", "dimension", "scale", "is_deprivation"]
    checked.append("bmn_number")
    text = pd.DataFrame([{k: str(v) for k, v in n.catalogue_row("").items()} for n in new], columns=checked)
    text["is_deprivation"], text["bmn_number"] = "0", ""
    for _, column, _value, th, en in indicator_problems(text, dimensions):
        out.append((f"{column}: {th}", f"{column}: {en}"))
    return out


def catalogue_with(catalogue: pd.DataFrame, new: list[NewIndicator], source: str = "") -> pd.DataFrame:
    """The catalogue as the import will see it: stored entries plus the mapping's new ones."""
    added = [n.catalogue_row(source) for n in new if n.code not in set(catalogue["code"])]
    if not added:
        return catalogue
    return pd.concat([catalogue, pd.DataFrame(added)], ignore_index=True)


@dataclass
class MappedTable:
    table: RawTable  # in the wide layout of IndicatorValues
    back: dict[str, str]  # renamed column -> the file's header, for the report
    ignored: list[str]


def apply_mapping(table: RawTable, mapping: ColumnMapping) -> MappedTable:
    """The file's cells under the names IndicatorValues reads; ignored columns dropped. Pure."""
    rename: dict[str, str] = {}
    for header, column in mapping.columns.items():
        if column.role in SINGLE_ROLES:
            rename[header] = CANONICAL.get(column.role, column.role)
    for code, present in mapping.parts().items():
        for part, header in present.items():
            rename[header] = code + PART_SUFFIX[part]
    frame = table.frame[[h for h in table.frame.columns if h in rename]].rename(columns=rename)
    ignored = [h for h in table.frame.columns if h not in rename]
    mapped = RawTable(
        frame,
        encoding=table.encoding,
        sheet=table.sheet,
        formulas=[(r, rename.get(c, c), f) for r, c, f in table.formulas],
        oversized=[(r, rename.get(c, c), n) for r, c, n in table.oversized],
        notes=list(table.notes),
        sheets=list(table.sheets),
        header_row=table.header_row,
    )
    return MappedTable(mapped, {new: old for old, new in rename.items()}, ignored)


def prepare_mapped(kind, table: RawTable, mapping: ColumnMapping, context: Context, source: str) -> Prepared:
    """Check the mapping, then let `kind` (IndicatorValues) prepare the renamed table against the
    catalogue plus the new entries; problems name the file's columns."""
    from sqlalchemy import select

    from data_access.schema import dimension

    dimensions = {str(c) for c in context.conn.execute(select(dimension.c.code)).scalars()}
    problems = mapping_problems(
        mapping, list(table.frame.columns), context.catalogue, dimensions, context.year is not None
    )
    if problems:
        raise DataError(
            "การจับคู่คอลัมน์ยังใช้ไม่ได้: " + "; ".join(th for th, _ in problems),
            "The column mapping cannot be used yet: " + "; ".join(en for _, en in problems),
        )
    mapped = apply_mapping(table, mapping)
    stored_codes = set(context.catalogue["code"])
    context.__dict__["catalogue"] = catalogue_with(context.catalogue, mapping.new_indicators, source)
    prepared = kind.prepare(mapped.table, context)
    renamed = Problems()
    errors = prepared.problems.frame()
    if not errors.empty:
        renamed.add(
            errors["row"], errors["column"].map(lambda c: mapped.back.get(c, c)), errors["value"],
            errors["problem_th"], errors["problem_en"],
        )  # fmt: skip
    prepared.problems = renamed
    prepared.ignored_columns = mapped.ignored
    prepared.layout = "mapped"
    new = [n for n in mapping.new_indicators if n.code not in stored_codes]
    prepared.extra["new_indicators"] = pd.DataFrame([n.catalogue_row(source) for n in new])
    prepared.extra["notes"] = [
        (
            f"จะเพิ่มตัวชี้วัดใหม่ในบัญชี: {n.code} ({n.name_th})",
            f"A new catalogue entry will be added: {n.code} ({n.name_en})",
        )
        for n in new
    ]
    return prepared


def guess_mapping(headers: list[str]) -> ColumnMapping:
    """A first guess for the mapping step: the importer's own header spellings for areas, the year
    and the parts; everything else ignored. Indicators are left for the person to choose."""
    from data_access.importer.columns import AREA_COLUMNS, YEAR, match_columns
    from data_access.importer.kind_indicators import DENOMINATOR, NUMERATOR, VALUE

    found = {header: name for name, header in match_columns(headers, [*AREA_COLUMNS, YEAR]).items()}
    columns = {}
    for header in headers:
        key = header_key(header)
        if header in found:
            role = found[header]
        elif key in DENOMINATOR.keys() or any(w in key for w in ("ทั้งหมด", "total", "ฐาน", "ตัวหาร")):
            role = "denominator"
        elif key in VALUE.keys() or any(w in key for w in ("ร้อยละ", "%", "rate", "อัตรา")):
            role = "value"
        elif key in NUMERATOR.keys() or any(w in key for w in ("จำนวน", "count", "ตัวตั้ง")):
            role = "numerator"
        else:
            role = "ignore"
        columns[header] = ColumnRole(role)
    return ColumnMapping(columns)


STORED_COLUMNS = ["row", "area_code", "area", "indicator_code", "year", "numerator", "denominator", "value"]


def as_stored(changes: pd.DataFrame, areas: pd.DataFrame, rows: int = 20) -> pd.DataFrame:
    """The first records as they will be stored, with the area's name path (tambon, amphoe,
    province) from `areas` (code, name_th), so a wrong match is seen before the commit."""
    head = changes.sort_values("row", kind="stable").head(rows)
    names = areas.set_index("code")["name_th"]
    codes = head["area_code"].astype(str)
    path = [" · ".join(str(names.get(c[:n], "")) for n in (6, 4, 2) if c[:n] in names.index) for c in codes]
    return head.assign(area=path)[[*STORED_COLUMNS, "change"]].reset_index(drop=True)


@dataclass
class FileOutline:
    """What the mapping step shows of a file: headers, a few rows, notes, sheets."""

    headers: list[str]
    sample: pd.DataFrame
    notes: list[tuple[str, str]]
    sheets: list[str]
    sheet: str | None


def file_outline(
    data: bytes, file_name: str, encoding=None, sheet=None, header_row=None, rows: int = 5
) -> FileOutline:
    from data_access.importer.reading import read_table

    table = read_table(data, file_name, encoding=encoding, sheet=sheet, header_row=header_row)
    return FileOutline(
        list(table.frame.columns), table.frame.head(rows), table.notes, table.sheets, table.sheet
    )
