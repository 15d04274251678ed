"""Referrals of households to agencies, naming the household by its key and survey year.

A referral is the same referral when household, agency, kind of help and referral date agree; then
its status, resolution date and note are updated if they differ. Referral coverage is an indicator,
so the affected tambon-years are recomputed after a commit.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, bindparam, select

from data_access.bulk import bulk_insert
from data_access.importer import validate
from data_access.importer.columns import YEAR, ColumnSpec, MissingColumns, match_columns, require
from data_access.importer.kinds import Context, Prepared, chunks, classify
from data_access.importer.normalise import clean_series, header_key
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems
from data_access.schema import REFERRAL_STATUSES, household, referral

HOUSEHOLD_KEY = ColumnSpec("household_key", "รหัสครัวเรือน", ("hh_key", "hhid"), required=True)
AGENCY = ColumnSpec("agency", "หน่วยงาน", ("หน่วยงานที่รับส่งต่อ", "หน่วยงานรับผิดชอบ"), required=True)
COLUMNS = [
    HOUSEHOLD_KEY,
    YEAR,
    AGENCY,
    ColumnSpec("kind", "ประเภทความช่วยเหลือ", ("ประเภท", "ความช่วยเหลือ", "help"), required=True),
    ColumnSpec("status", "สถานะ", ("สถานะการช่วยเหลือ",), required=True),
    ColumnSpec("referred_on", "วันที่ส่งต่อ", ("วันส่งต่อ", "referral_date", "date"), required=True),
    ColumnSpec("resolved_on", "วันที่แก้ไขเสร็จ", ("วันที่ช่วยเหลือสำเร็จ", "resolved_date")),
    ColumnSpec("note", "หมายเหตุ", ("notes", "remark")),
]
STATUS_WORDS = {
    **{s: s for s in REFERRAL_STATUSES},
    "in progress": "in_progress", "ส่งต่อ": "referred", "ส่งต่อแล้ว": "referred",
    "กำลังดำเนินการ": "in_progress", "ดำเนินการ": "in_progress", "แก้ไขแล้ว": "resolved",
    "ช่วยเหลือแล้ว": "resolved", "สำเร็จ": "resolved", "ปฏิเสธ": "declined", "ไม่รับความช่วยเหลือ": "declined",
}  # fmt: skip
NATURAL_KEY = ["household_id", "agency", "kind", "referred_on"]
COMPARED = ["status", "resolved_on", "note"]


class Referrals:
    name = "referrals"
    label_th = "การส่งต่อความช่วยเหลือ"
    label_en = "Referrals"

    def detect(self, header_keys: set[str], context: Context) -> bool:
        return bool(header_keys & AGENCY.keys())

    def prepare(self, table: RawTable, context: Context) -> Prepared:
        frame = table.frame
        headers = list(frame.columns)
        found = match_columns(headers, COLUMNS)
        require(found, COLUMNS, headers)
        if "year" not in found and context.year is None:
            raise MissingColumns([YEAR], headers)
        problems = Problems()
        validate.formula_cells(table, problems)
        cells = lambda name: frame[found[name]] if name in found else pd.Series("", index=frame.index)  # noqa: E731
        key = validate.texts(
            cells("household_key"), found["household_key"], problems, required=True, max_length=32
        )
        if "year" in found:
            years = validate.years(frame[found["year"]], found["year"], problems, context.year)
        else:
            years = pd.Series(context.year, index=frame.index, dtype="Int64")
        records = pd.DataFrame({"household_key": key, "survey_year": years}, index=frame.index)
        records["household_id"], tambons = _household_ids(context.conn, records)
        records["tambon_code"] = tambons
        unknown = records["household_id"].isna() & key.notna() & years.notna()
        problems.add(
            frame.index[unknown], found["household_key"], frame.loc[unknown, found["household_key"]],
            "ไม่พบครัวเรือนนี้ในปีสำรวจที่ระบุ (นำเข้าข้อมูลครัวเรือนก่อน)",
            "no household with this key in that survey year (import the households first)",
        )  # fmt: skip
        records["agency"] = validate.texts(cells("agency"), found["agency"], problems, required=True)
        records["kind"] = validate.texts(cells("kind"), found["kind"], problems, required=True)
        records["note"] = validate.texts(cells("note"), found.get("note", "note"), problems, required=False)
        records["status"] = _statuses(cells("status"), found["status"], problems)
        records["referred_on"] = validate.dates(
            cells("referred_on"), found["referred_on"], problems, required=True
        )
        records["resolved_on"] = validate.dates(
            cells("resolved_on"), found.get("resolved_on", "resolved_on"), problems, required=False
        )
        early = records["resolved_on"] < records["referred_on"]
        resolved_text = cells("resolved_on")
        problems.add(
            frame.index[early], found.get("resolved_on", "resolved_on"), resolved_text[early],
            "วันที่แก้ไขเสร็จอยู่ก่อนวันที่ส่งต่อ", "resolved before it was referred",
        )  # fmt: skip
        duplicated = validate.duplicate_keys(
            records[["household_key", "survey_year", "agency", "kind", "referred_on"]],
            found["household_key"], problems,
            "การส่งต่อ (ครัวเรือน/หน่วยงาน/ประเภท/วันที่)", "referral (household / agency / kind / date)",
        )  # fmt: skip
        records = records[~duplicated & records[NATURAL_KEY].notna().all(axis=1)]
        records = records.rename_axis("row").reset_index()
        ignored = [h for h in headers if h not in found.values()]
        return Prepared(self.name, records, problems, len(frame), ignored_columns=ignored)

    def changes(self, conn: Connection, prepared: Prepared, records: pd.DataFrame) -> pd.DataFrame:
        ids = sorted(int(i) for i in records["household_id"].unique())
        rows = []
        for batch in chunks(ids):
            rows += conn.execute(
                select(
                    referral.c.id,
                    *[referral.c[c] for c in NATURAL_KEY if c != "household_id"],
                    *[referral.c[c] for c in COMPARED],
                    referral.c.household_id,
                ).where(referral.c.household_id.in_(batch))
            ).all()
        stored = pd.DataFrame(
            rows, columns=["id", "agency", "kind", "referred_on", *COMPARED, "household_id"]
        )
        stored = stored.drop_duplicates(NATURAL_KEY)
        left, right = _comparable(records), _comparable(stored)
        merged = left.merge(right, on=NATURAL_KEY, how="left", suffixes=("", "_stored"))
        matched = merged["id"].notna()
        same = pd.Series(True, index=merged.index)
        for column in COMPARED:
            same &= merged[column].fillna("") == merged[f"{column}_stored"].fillna("")
        merged["change"] = classify(matched, same)
        return merged

    def write(self, conn: Connection, prepared: Prepared, changes: pd.DataFrame) -> set[tuple[str, int]]:
        columns = ["household_id", "agency", "kind", "status", "referred_on", "resolved_on", "note"]
        new = changes[changes["change"] == "new"]
        rows = new[columns].copy()
        rows["household_id"] = rows["household_id"].astype("int64")
        for column in ("referred_on", "resolved_on"):
            rows[column] = pd.to_datetime(rows[column])
        bulk_insert(conn, referral, rows)
        updated = changes[changes["change"] == "updated"]
        if not updated.empty:
            statement = (
                referral.update()
                .where(referral.c.id == bindparam("key_id"))
                .values(
                    status=bindparam("status"), resolved_on=bindparam("resolved_on"), note=bindparam("note")
                )
            )
            conn.execute(
                statement,
                [
                    {
                        "key_id": int(r.id),
                        "status": r.status,
                        "resolved_on": pd.Timestamp(r.resolved_on).date() if r.resolved_on else None,
                        "note": r.note or None,
                    }
                    for r in updated.itertuples()
                ],
            )
        touched = pd.concat([new, updated])
        return set(zip(touched["tambon_code"], touched["survey_year"].astype(int)))


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text and blanks as '' so file and database rows compare on both backends."""
    out = frame.copy()
    out["household_id"] = out["household_id"].astype("int64")
    for column in ("referred_on", "resolved_on"):
        dates = pd.to_datetime(out[column].astype(object), errors="coerce")
        out[column] = dates.dt.strftime("%Y-%m-%d").fillna("")
    out["note"] = out["note"].astype(object).where(out["note"].notna(), "")
    return out


def _statuses(text: pd.Series, header: str, problems: Problems) -> pd.Series:
    words = {header_key(k): v for k, v in STATUS_WORDS.items()}
    statuses = clean_series(text).map(lambda v: words.get(header_key(v)))
    bad = statuses.isna()
    problems.add(
        text.index[bad], header, text[bad],
        "สถานะต้องเป็น ส่งต่อแล้ว/กำลังดำเนินการ/แก้ไขแล้ว/ปฏิเสธ",
        f"status must be one of {', '.join(REFERRAL_STATUSES)}",
    )  # fmt: skip
    return statuses


def _household_ids(conn: Connection, records: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(household id, tambon code) per row, NA where the key and year name no stored household."""
    known = records.dropna()
    rows = []
    for year in sorted(int(y) for y in known["survey_year"].unique()):
        keys = sorted(known.loc[known["survey_year"] == year, "household_key"].unique())
        for batch in chunks(keys):
            rows += conn.execute(
                select(
                    household.c.household_key,
                    household.c.survey_year,
                    household.c.id,
                    household.c.tambon_code,
                ).where(household.c.survey_year == year, household.c.household_key.in_(batch))
            ).all()
    stored = pd.DataFrame(rows, columns=["household_key", "survey_year", "id", "tambon_code"])
    stored["survey_year"] = stored["survey_year"].astype("Int64")
    joined = records[["household_key", "survey_year"]].merge(
        stored, how="left", on=["household_key", "survey_year"]
    )
    joined.index = records.index
    return joined["id"].astype("Int64"), joined["tambon_code"]
