"""Village names (`bmn59.village_name.csv`: `village_ID,village_name`, 8-digit tambon + หมู่ codes):
fills `village.name_th` of the villages already stored (an 8-digit village, or every 10-digit
sub-village of that หมู่). Its dirt is reported row by row, never dropped: codes of the wrong length,
`?` placeholders left by a broken TIS-620 conversion, header fragments pasted into the data, Thai
digits in names. A valid code with no stored village is counted, not an error: names attach to
villages imported from TPMAP village files, which may come later.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, bindparam, select

from data_access.importer.columns import ColumnSpec, MissingColumns, match_columns
from data_access.importer.kinds import Context, Prepared, chunks
from data_access.importer.normalise import THAI_DIGITS, clean_text
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems
from data_access.importer.validate import duplicate_keys
from data_access.schema import village

CODE = ColumnSpec("village_ID", "รหัสหมู่บ้าน", ("village_code", "villageid"))
NAME = ColumnSpec("village_name", "ชื่อหมู่บ้าน", ("villagename",))
HEADER_WORDS = ("ชื่อหมู่บ้าน", "village_name", "village_ID", "รหัสหมู่บ้าน")


class VillageNames:
    name = "village_names"
    label_th = "ชื่อหมู่บ้าน (village_ID, village_name)"
    label_en = "Village names (village_ID, village_name)"

    def detect(self, header_keys: set[str], context: Context) -> bool:
        return {"villageid", "villagename"} <= header_keys

    def prepare(self, table: RawTable, context: Context) -> Prepared:
        frame = table.frame
        found = match_columns(list(frame.columns), [CODE, NAME])
        if len(found) < 2:
            raise MissingColumns([c for c in (CODE, NAME) if c.name not in found], list(frame.columns))
        problems = Problems()
        code_header, name_header = found["village_ID"], found["village_name"]
        codes = frame[code_header].astype(str).str.strip()
        names = frame[name_header].astype(str).map(lambda v: " ".join(str(v).split()))
        good_code = codes.str.fullmatch(r"\d{8}").fillna(False).astype(bool)
        problems.add(
            frame.index[~good_code], code_header, codes[~good_code],
            "รหัสหมู่บ้านต้องเป็นตัวเลข 8 หลัก (รหัสตำบล 6 หลัก + หมู่ที่ 2 หลัก)",
            "a village code has 8 digits (6-digit tambon + 2-digit หมู่)",
        )  # fmt: skip
        checks = [
            (names == "", "ไม่ได้ระบุชื่อหมู่บ้าน", "the village name is missing"),
            (
                names.str.contains("?", regex=False),
                "มีเครื่องหมาย ? แทนตัวอักษร (แปลงรหัสอักขระ TIS-620 ผิด) กรุณาแก้ชื่อ",
                "has '?' in place of letters (a broken TIS-620 conversion); correct the name",
            ),
            (
                names.isin(HEADER_WORDS) | names.str.startswith(HEADER_WORDS[0]),
                "มีข้อความหัวตาราง (ชื่อหมู่บ้าน) ปนอยู่ในข้อมูล",
                "holds header text (ชื่อหมู่บ้าน) pasted into the data",
            ),
            (
                names.str.contains("[๐-๙]", regex=True),
                "มีเลขไทยในชื่อ กรุณาเขียนเป็นเลขอารบิก (เช่น " + "สันเหนือ๕".translate(THAI_DIGITS) + ")",
                "has Thai digits in the name; write them as Arabic digits",
            ),
        ]
        for mask, th, en in checks:
            problems.add(frame.index[mask.to_numpy()], name_header, names[mask], th, en)
        extra = [c for c in frame.columns if c not in (code_header, name_header)]
        if extra:
            spilled = (frame[extra].apply(lambda c: c.str.strip()) != "").any(axis=1)
            problems.add(
                frame.index[spilled], name_header, names[spilled] + "," + frame.loc[spilled, extra[0]],
                "มีเครื่องหมายจุลภาคในชื่อโดยไม่มีเครื่องหมายคำพูด ชื่อจึงถูกตัดเป็นหลายช่อง",
                "has a comma in the name without quotes, so the name was split into several cells",
            )  # fmt: skip
        records = pd.DataFrame({"row": frame.index, "code": codes, "name_th": names.map(clean_text)})
        records = records[good_code.to_numpy()]
        duplicated = duplicate_keys(
            records.set_index("row")[["code"]], code_header, problems, "รหัสหมู่บ้าน", "village code"
        )
        return Prepared(self.name, records[~duplicated.to_numpy()], problems, len(frame))

    def changes(self, conn: Connection, prepared: Prepared, records: pd.DataFrame) -> pd.DataFrame:
        """One row per stored village a name applies to: village_code, name_th, change."""
        stored = pd.DataFrame(
            conn.execute(select(village.c.code, village.c.name_th)).all(), columns=["village_code", "stored"]
        )
        stored["code"] = stored["village_code"].str[:8]
        merged = records.merge(stored, on="code", how="inner")
        change = pd.Series("updated", index=merged.index, dtype=object)
        change[merged["stored"].isna()] = "new"
        change[merged["stored"] == merged["name_th"]] = "unchanged"
        merged["change"] = change
        prepared.extra["unmatched"] = int((~records["code"].isin(stored["code"])).sum())
        return merged

    def write(self, conn: Connection, prepared: Prepared, changes: pd.DataFrame) -> set[tuple[str, int]]:
        todo = changes[changes["change"] != "unchanged"]
        statement = (
            village.update().where(village.c.code == bindparam("key")).values(name_th=bindparam("name"))
        )
        rows = [{"key": c, "name": n} for c, n in zip(todo["village_code"], todo["name_th"])]
        for batch in chunks(rows, 1000):
            conn.execute(statement, batch)
        return set()
