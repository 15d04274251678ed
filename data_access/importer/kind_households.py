"""Household survey microdata: one row per household and survey year, flags per deprivation indicator.

Keyed by (household_key, survey year): a key already stored is updated when anything differs, else
left alone, so the same file twice changes nothing. Households missing from a file are kept (an
import adds and corrects, it does not delete). Every deprivation indicator of the catalogue must
have a column (1 = deprived / ไม่ผ่าน, 0 = not / ผ่าน, blank = not assessed), because a silently
absent indicator would change who counts as poor. Keys are synthetic or hashed: a 13-digit value
that passes the Thai citizen-ID checksum is refused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Connection, bindparam, func, select

from analysis.capitals import CAPITAL_COLUMNS
from data_access.bulk import bulk_insert
from data_access.importer import validate
from data_access.importer.columns import (
    AREA_COLUMNS,
    YEAR,
    ColumnSpec,
    MissingColumns,
    match_columns,
    require,
    require_area,
)
from data_access.importer.kinds import Context, Prepared, chunks, classify, same_numbers, tambons_and_years
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems
from data_access.schema import household, household_deprivation
from data_access.seed_pipeline import sparse_deprivations

HOUSEHOLD_KEY = ColumnSpec(
    "household_key", "รหัสครัวเรือน", ("household_id", "hh_key", "hhid", "รหัสบ้าน"), required=True
)
FIELDS = [
    ColumnSpec("village_no", "หมู่ที่", ("หมู่", "หมู่บ้าน", "moo", "village"), required=True),
    ColumnSpec("members", "จำนวนสมาชิก", ("สมาชิก", "สมาชิกครัวเรือน", "จำนวนคน", "members_count"), required=True),
    ColumnSpec("income_per_person", "รายได้ต่อคนต่อปี", ("รายได้ต่อคน", "รายได้เฉลี่ยต่อคน", "income")),
    ColumnSpec("capital_human", "ทุนมนุษย์", ("human",)),
    ColumnSpec("capital_physical", "ทุนกายภาพ", ("physical",)),
    ColumnSpec("capital_economic", "ทุนเศรษฐกิจ", ("ทุนการเงิน", "ทุนเศรษฐกิจการเงิน", "economic")),
    ColumnSpec("capital_natural", "ทุนธรรมชาติ", ("natural",)),
    ColumnSpec("capital_social", "ทุนทางสังคม", ("ทุนสังคม", "social")),
    ColumnSpec("welfare_card", "บัตรสวัสดิการแห่งรัฐ", ("บัตรสวัสดิการ", "มีบัตรสวัสดิการ", "welfare"), required=True),
]
STORED = ["household_key", "survey_year", "tambon_code", "village_no", "members", "income_per_person",
          *CAPITAL_COLUMNS, "welfare_card"]  # fmt: skip
COMPARED = STORED[2:]
DUPLICATE_WHAT = ("รหัสครัวเรือน/ปี", "household key / year")


def deprivation_specs(catalogue: pd.DataFrame) -> list[ColumnSpec]:
    """One required column per deprivation indicator, also found as 'bmn1', 'จปฐ. ข้อ 1' and so on."""
    specs = []
    for row in catalogue[catalogue["is_deprivation"]].itertuples():
        number = row.bmn_number
        aliases = (row.name_th, row.name_en)
        if number is not None and not pd.isna(number):
            n = int(number)
            aliases += (f"bmn{n}", f"bmn{n:02d}", f"bmn_{n}", f"จปฐ{n}", f"จปฐ ข้อ {n}", f"ข้อ {n}")
        label = f"จปฐ. ข้อ {int(number)}" if number is not None and not pd.isna(number) else row.name_th
        specs.append(ColumnSpec(row.code, label, aliases, required=True))
    return specs


def citizen_id_like(keys: pd.Series) -> pd.Series:
    """13 digits whose last is the Thai citizen-ID check digit."""
    digits = keys.fillna("").str.fullmatch(r"\d{13}")
    result = pd.Series(False, index=keys.index)
    for index, key in keys[digits].items():
        total = sum(int(d) * (13 - i) for i, d in enumerate(key[:12]))
        result[index] = (11 - total % 11) % 10 == int(key[12])
    return result


class Households:
    name = "households"
    label_th = "ข้อมูลครัวเรือนรายครัวเรือน"
    label_en = "Household survey microdata"

    def detect(self, header_keys: set[str], context: Context) -> bool:
        return bool(header_keys & HOUSEHOLD_KEY.keys())

    def prepare(self, table: RawTable, context: Context) -> Prepared:
        frame = table.frame
        headers = list(frame.columns)
        flags = deprivation_specs(context.catalogue)
        specs = [HOUSEHOLD_KEY, *AREA_COLUMNS, YEAR, *FIELDS, *flags]
        found = match_columns(headers, specs)
        require(found, specs, headers)
        require_area(found, headers)
        if "year" not in found and context.year is None:
            raise MissingColumns([YEAR], headers)
        problems = Problems()
        validate.formula_cells(table, problems)
        cells = lambda name: frame[found[name]] if name in found else pd.Series("", index=frame.index)  # noqa: E731
        key = validate.texts(
            cells("household_key"), found["household_key"], problems, required=True, max_length=32
        )
        citizen = citizen_id_like(key)
        problems.add(
            frame.index[citizen], found["household_key"], frame.loc[citizen, found["household_key"]],
            "ดูเหมือนเลขประจำตัวประชาชน ห้ามใช้ ให้ใช้รหัสครัวเรือนที่เข้ารหัสแล้ว",
            "looks like a citizen ID, which must not be stored; use a hashed household key",
        )  # fmt: skip
        tambons, years = tambons_and_years(frame, found, context, problems)
        records = pd.DataFrame(
            {"household_key": key, "survey_year": years, "tambon_code": tambons}, index=frame.index
        )
        number = lambda name, **rules: validate.numbers(cells(name), found.get(name, name), problems, **rules)  # noqa: E731
        records["village_no"] = number("village_no", required=True, whole=True, minimum=1, maximum=999)
        records["members"] = number("members", required=True, whole=True, minimum=1, maximum=99)
        records["income_per_person"] = number("income_per_person", minimum=0)
        for column in CAPITAL_COLUMNS:
            records[column] = number(column, whole=True, minimum=1, maximum=4)
        records["welfare_card"] = validate.flags(
            cells("welfare_card"), found["welfare_card"], problems, required=True
        )
        for spec in flags:
            records[spec.name] = validate.flags(cells(spec.name), found[spec.name], problems, required=False)
        file_keys = (records[["household_key", "survey_year"]], found["household_key"], *DUPLICATE_WHAT)
        duplicated = validate.duplicate_keys(*file_keys[:2], problems, *DUPLICATE_WHAT)
        records = records[~duplicated].rename_axis("row").reset_index()
        complete = records[["household_key", "survey_year", "tambon_code"]].notna().all(axis=1)
        records = records[complete]
        ignored = [h for h in headers if h not in found.values()]
        return Prepared(
            self.name,
            records,
            problems,
            len(frame),
            ignored_columns=ignored,
            extra={"flags": [s.name for s in flags], "file_keys": file_keys},
        )

    def changes(self, conn: Connection, prepared: Prepared, records: pd.DataFrame) -> pd.DataFrame:
        flags = prepared.extra["flags"]
        stored = _stored_households(conn, records, flags)
        merged = records.merge(
            stored, on=["household_key", "survey_year"], how="left", suffixes=("", "_stored")
        )
        matched = merged["id"].notna()
        same = pd.Series(True, index=merged.index)
        for column in [*COMPARED, *flags]:
            if column == "tambon_code":
                same &= merged[column].astype(str) == merged[f"{column}_stored"].astype(str)
            else:
                same &= same_numbers(merged[column], merged[f"{column}_stored"])
        merged["change"] = classify(matched, same)
        return merged

    def write(self, conn: Connection, prepared: Prepared, changes: pd.DataFrame) -> set[tuple[str, int]]:
        flags = prepared.extra["flags"]
        new = changes[changes["change"] == "new"].copy()
        updated = changes[changes["change"] == "updated"].copy()
        if not new.empty:
            first = (conn.execute(select(func.max(household.c.id))).scalar() or 0) + 1
            new["id"] = np.arange(first, first + len(new))
            bulk_insert(conn, household, _household_rows(new))
            bulk_insert(
                conn,
                household_deprivation,
                sparse_deprivations(new[flags].reset_index(drop=True), new["id"].reset_index(drop=True)),
            )
        if not updated.empty:
            updated["id"] = updated["id"].astype("int64")
            _update_households(conn, updated)
            ids = updated["id"].tolist()
            for batch in chunks(ids):
                conn.execute(
                    household_deprivation.delete().where(household_deprivation.c.household_id.in_(batch))
                )
            bulk_insert(
                conn,
                household_deprivation,
                sparse_deprivations(
                    updated[flags].reset_index(drop=True), updated["id"].reset_index(drop=True)
                ),
            )
        touched = pd.concat([new, updated])
        affected = set(zip(touched["tambon_code"], touched["survey_year"].astype(int)))
        moved = updated[updated["tambon_code"] != updated["tambon_code_stored"]]
        affected |= set(zip(moved["tambon_code_stored"], moved["survey_year"].astype(int)))
        return affected


def _household_rows(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame[["id", *STORED]].copy()
    rows["survey_year"] = rows["survey_year"].astype("int64")
    rows["welfare_card"] = rows["welfare_card"].astype(bool)
    return rows


def _update_households(conn: Connection, updated: pd.DataFrame) -> None:
    statement = (
        household.update()
        .where(household.c.id == bindparam("key_id"))
        .values({c: bindparam(c) for c in COMPARED})
    )
    rows = _household_rows(updated)
    plain = rows.astype(object).where(rows.notna(), None)
    parameters = []
    for record in plain.to_dict("records"):
        values = {c: record[c] for c in COMPARED}
        for column in ("village_no", "members", *CAPITAL_COLUMNS):
            values[column] = None if values[column] is None else int(values[column])
        values["welfare_card"] = bool(values["welfare_card"])
        parameters.append({"key_id": int(record["id"]), **values})
    conn.execute(statement, parameters)


def _stored_households(conn: Connection, records: pd.DataFrame, flags: list[str]) -> pd.DataFrame:
    """Stored households with the keys and survey years of `records`, with their flags in the file's
    wide form (looked up by key, so a file of a few rows reads a few rows of a national database)."""
    columns = ["id", "household_key", "survey_year", *COMPARED]
    if records.empty:
        return pd.DataFrame(columns=columns + flags)
    years = sorted(int(y) for y in records["survey_year"].unique())
    rows = []
    for batch in chunks(sorted(set(records["household_key"]))):
        rows += conn.execute(
            select(*[household.c[c] for c in columns]).where(
                household.c.household_key.in_(batch), household.c.survey_year.in_(years)
            )
        ).all()
    stored = pd.DataFrame(rows, columns=columns)
    stored["survey_year"] = stored["survey_year"].astype("Int64")
    stored["welfare_card"] = stored["welfare_card"].astype(float)
    wide = pd.DataFrame(0.0, index=stored["id"].to_numpy(), columns=flags)
    if not stored.empty:
        deprived = []
        d = household_deprivation
        for batch in chunks(sorted(int(i) for i in stored["id"])):
            deprived += conn.execute(
                select(d.c.household_id, d.c.indicator_code, d.c.deprived).where(d.c.household_id.in_(batch))
            ).all()
        sparse = pd.DataFrame(deprived, columns=["household_id", "indicator_code", "deprived"])
        sparse = sparse[sparse["indicator_code"].isin(flags)]
        values = wide.to_numpy(copy=True)
        values[
            wide.index.get_indexer(sparse["household_id"]), wide.columns.get_indexer(sparse["indicator_code"])
        ] = pd.to_numeric(sparse["deprived"]).astype(float).to_numpy()
        wide = pd.DataFrame(values, index=wide.index, columns=flags)
    return pd.concat([stored.reset_index(drop=True), wide.reset_index(drop=True)], axis=1)
