"""Additions to the indicator catalogue, checked by the same rules as the shipped catalogue.

The rules live in `data_access.catalogue` (`indicator_problems`); this kind reports all of them row
by row instead of stopping at the first. Names and descriptions of an existing indicator may be
corrected, but its unit, aggregation, scale or deprivation flag may not change: stored values were
computed under them.
"""

from __future__ import annotations

import re

import pandas as pd
from sqlalchemy import Connection, select

from data_access.catalogue import indicator_problems, typed_indicators, upsert_by_code
from data_access.importer import validate
from data_access.importer.columns import ColumnSpec, match_columns, require
from data_access.importer.kinds import Context, Prepared, classify, same_numbers
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems
from data_access.schema import dimension, indicator

COLUMNS = [
    ColumnSpec("code", "รหัสตัวชี้วัด", ("indicator_code",), required=True),
    ColumnSpec("set_version", "ชุดตัวชี้วัด", ("version",), required=True),
    ColumnSpec("name_th", "ชื่อภาษาไทย", ("ชื่อตัวชี้วัด",), required=True),
    ColumnSpec("name_en", "ชื่อภาษาอังกฤษ", ("name",), required=True),
    ColumnSpec("dimension", "มิติ", (), required=True),
    ColumnSpec("unit", "หน่วย", (), required=True),
    ColumnSpec("polarity", "ทิศทาง", (), required=True),
    ColumnSpec("aggregation", "วิธีรวม", (), required=True),
    ColumnSpec("scale", "ตัวคูณ", (), required=True),
    ColumnSpec("is_deprivation", "เป็นตัวชี้วัดความขาดแคลน", (), required=True),
    ColumnSpec("bmn_number", "ข้อ จปฐ.", ("bmn",)),
    ColumnSpec("description_th", "คำอธิบาย", ()),
    ColumnSpec("description_en", "description", ()),
    ColumnSpec("source", "แหล่งที่มา", ()),
]
TEXT_COLUMNS = ["code", "set_version", "name_th", "name_en", "description_th", "description_en", "source"]
FIXED = ["unit", "aggregation", "scale", "is_deprivation"]
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class CatalogueAdditions:
    name = "catalogue"
    label_th = "รายการตัวชี้วัด (เพิ่มเติม)"
    label_en = "Indicator catalogue additions"

    def detect(self, header_keys: set[str], context: Context) -> bool:
        needed = {"aggregation", "polarity", "isdeprivation"}
        return needed <= header_keys

    def prepare(self, table: RawTable, context: Context) -> Prepared:
        frame = table.frame
        headers = list(frame.columns)
        found = match_columns(headers, COLUMNS)
        require(found, COLUMNS, headers)
        problems = Problems()
        validate.formula_cells(table, problems)
        text = pd.DataFrame(
            {c.name: frame[found[c.name]] if c.name in found else "" for c in COLUMNS}, index=frame.index
        )
        for column in TEXT_COLUMNS:
            required = column in ("code", "set_version", "name_th", "name_en")
            text[column] = validate.texts(
                text[column], found.get(column, column), problems, required=required
            ).fillna("")
        for column in ("dimension", "unit", "polarity", "aggregation"):
            text[column] = text[column].str.strip()
        bad_code = (text["code"] != "") & ~text["code"].str.match(CODE_PATTERN)
        problems.add(
            frame.index[bad_code], found["code"], text.loc[bad_code, "code"],
            "รหัสใช้ได้เฉพาะ a-z 0-9 _ ขึ้นต้นด้วยตัวอักษร ไม่เกิน 64 ตัว",
            "a code is a-z, 0-9 and _, starting with a letter, at most 64 characters",
        )  # fmt: skip
        dimensions = {str(c) for c in context.conn.execute(select(dimension.c.code)).scalars()}
        positional = text.reset_index(drop=True)
        for index, column, value, th, en in indicator_problems(positional, dimensions):
            problems.add([int(frame.index[index])], found.get(column, column), value, th, en)
        rejected = set(problems.frame()["row"])
        valid = text[~text.index.isin(rejected)]
        records = typed_indicators(valid).rename_axis("row").reset_index()
        self._check_fixed(records, context.catalogue, found, problems)
        ignored = [h for h in headers if h not in found.values()]
        return Prepared(self.name, records, problems, len(frame), ignored_columns=ignored)

    @staticmethod
    def _check_fixed(records, catalogue, found, problems: Problems) -> None:
        stored = catalogue.set_index("code")
        for record in records.itertuples():
            if record.code not in stored.index:
                continue
            for column in FIXED:
                old, new = stored.at[record.code, column], getattr(record, column)
                if (float(old) != float(new)) if column == "scale" else (old != new):
                    problems.add(
                        [record.row], found[column], str(new),
                        f"ห้ามเปลี่ยน {column} ของตัวชี้วัดที่มีอยู่แล้ว (เดิม {old}) เพราะค่าที่เก็บไว้คำนวณตามนั้น",
                        f"cannot change {column} of an existing indicator (was {old}); "
                        "stored values depend on it",
                    )  # fmt: skip

    def changes(self, conn: Connection, prepared: Prepared, records: pd.DataFrame) -> pd.DataFrame:
        stored = pd.DataFrame(
            conn.execute(select(indicator)).mappings().all(), columns=[c.name for c in indicator.columns]
        )
        merged = records.merge(stored, on="code", how="left", suffixes=("", "_stored"), indicator="_found")
        same = pd.Series(True, index=merged.index)
        for column in [c.name for c in indicator.columns if c.name != "code"]:
            if column in ("scale", "bmn_number"):
                same &= same_numbers(merged[column], merged[f"{column}_stored"])
            else:
                same &= merged[column].astype(str) == merged[f"{column}_stored"].astype(str)
        merged["change"] = classify(merged["_found"] == "both", same)
        return merged.drop(columns="_found")

    def write(self, conn: Connection, prepared: Prepared, changes: pd.DataFrame) -> set[tuple[str, int]]:
        columns = [c.name for c in indicator.columns]
        upsert_by_code(conn, indicator, changes.loc[changes["change"] != "unchanged", columns])
        return set()
