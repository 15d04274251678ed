"""A set of TPMAP files imported together (issue #12): pairs joined on their ID, the finest level
stored, every coarser file of the same year only reconciled with the roll-up of the finer one.

Stored: tambon values (`indicator_value`; amphoe and province are roll-ups, never stored) and, from a
village file, village values (`village_value`) with the tambon's numerators set to the exact sum of its
villages. A set with only amphoe, province or country files is reconciled against the tambon values
already stored for that year, and refused when there are none. Municipal units (tambon part >= 51)
become areas of their amphoe at commit (`municipal`).
"""

from __future__ import annotations

import hashlib

import pandas as pd
from sqlalchemy import Connection, select

from analysis.errors import DataError
from data_access.bulk import bulk_insert
from data_access.importer.kind_indicators import IndicatorValues, write_value_changes, write_values
from data_access.importer.kinds import Context, Prepared, classify, same_numbers
from data_access.importer.municipal import is_municipal_code, plan_units, write_units
from data_access.importer.report import Problems
from data_access.importer.tpmap_columns import COUNTRY_CODE, LEVEL_ORDER
from data_access.importer.tpmap_read import LEVEL_TH, TpmapFile, errors_of, ignored_columns, parse
from data_access.importer.tpmap_records import (
    RECONCILIATION_COLUMNS,
    RECORD_COLUMNS,
    group_records,
    reconcile,
    stack,
    village_sums,
)
from data_access.schema import area, indicator_value, village, village_value

VILLAGE_KEY = ["village_code", "indicator_code", "year"]
VILLAGE_STORED = [*VILLAGE_KEY, "numerator", "denominator", "value"]
STORED_LEVEL = "tambon"


class TpmapSet:
    name = "tpmap"
    label_th = "ไฟล์ TPMAP (คู่ _common และ _<บิต>)"
    label_en = "TPMAP files (_common and _<bits> pairs)"

    def detect(self, header_keys: set[str], context: Context) -> bool:
        return "housemembercnt" in header_keys or "poorjptmofvalcnt" in header_keys

    def prepare(self, table, context):  # pragma: no cover - sets go through `prepare_set`
        raise DataError("ไฟล์ TPMAP นำเข้าผ่าน preview_files", "TPMAP files are imported with preview_files")

    def changes(self, conn: Connection, prepared: Prepared, records: pd.DataFrame) -> pd.DataFrame:
        values = records[records["target"] == "indicator_value"]
        villages = records[records["target"] == "village_value"]
        parts = [
            IndicatorValues()
            .changes(conn, prepared, values.drop(columns="village_code"))
            .assign(target="indicator_value"),
            _village_changes(conn, villages).assign(target="village_value"),
        ]
        return pd.concat([p for p in parts if not p.empty] or parts[:1], ignore_index=True)

    def write(self, conn: Connection, prepared: Prepared, changes: pd.DataFrame) -> set[tuple[str, int]]:
        write_units(conn, prepared.extra["units"], prepared.extra["source"])
        _write_villages(conn, prepared.extra["villages"])
        write_values(conn, changes[changes["target"] == "indicator_value"])
        _write_village_values(conn, changes[changes["target"] == "village_value"])
        return set()


def prepare_set(files: list[TpmapFile], context: Context) -> Prepared:
    """Parse, join, check areas and reconcile every file of the set; nothing is written."""
    notices: list[tuple[str, str]] = []
    for file in files:
        parse(file)
    catalogue = context.catalogue
    groups: dict[tuple[int, str], list[TpmapFile]] = {}
    for file in files:
        groups.setdefault((file.year, file.level), []).append(file)
    stored_parts, village_records, reconciliation = [], [], []
    for year in sorted({y for y, _ in groups}):
        levels = {level: groups[(year, level)] for y, level in groups if y == year}
        common, bits = _parts(levels.get(STORED_LEVEL, []))
        village_common, village_bits = _parts(levels.get("village", []))
        fine = pd.DataFrame(columns=[*RECORD_COLUMNS, "value"])
        if village_bits:
            # Villages have no people-surveyed file, so they keep their counts only; the tambon's
            # numerators are the sums of its villages and the tambon target-poor files are reconciled.
            village_records.append(group_records(year, village_common, village_bits, catalogue, []))
            fine = group_records(year, common, village_sums(village_bits), catalogue, notices)
            if bits:
                from_file = group_records(year, common, bits, catalogue, [])
                from_file = from_file[
                    from_file["file"].isin([f.name for p in bits.values() for f in p.files])
                ]
                reconciliation.append(
                    reconcile(from_file, fine, STORED_LEVEL, catalogue, set(fine["area_code"]))
                )
        elif common is not None or bits:
            fine = group_records(year, common, bits, catalogue, notices)
        coarse_levels = [level for level in LEVEL_ORDER[2:] if level in levels]
        if coarse_levels and fine.empty:
            fine = _stored_tambons(context.conn, year, catalogue)
            if fine.empty:
                raise _only_coarse(year, coarse_levels)
            notices.append(
                (
                    f"ปี {year}: เทียบไฟล์ระดับ{'/'.join(LEVEL_TH[v] for v in coarse_levels)}กับค่าตำบลที่เก็บไว้แล้ว",
                    f"{year}: the {'/'.join(coarse_levels)} files are checked against the tambon values "
                    "already stored",
                )
            )
        stored_parts.append(fine if "file" in fine else fine.assign(file="", row=0, file2="", row2=0))
        for level in coarse_levels:
            level_common, level_bits = _parts(levels[level])
            coarse = group_records(year, level_common, level_bits, catalogue, [])
            covered = _covered(fine, level, context)
            if level == "country" and COUNTRY_CODE not in covered:
                notices.append(
                    (
                        f"ปี {year}: ไม่ได้เทียบยอดระดับประเทศ เพราะข้อมูลตำบลไม่ครบทุกจังหวัด",
                        f"{year}: the country totals are not compared: the tambon data does not cover "
                        "every province",
                    )
                )
            reconciliation.append(reconcile(coarse, fine, level, catalogue, covered))
    stored = (
        pd.concat(stored_parts, ignore_index=True) if stored_parts else pd.DataFrame(columns=RECORD_COLUMNS)
    )
    stored = stored[stored["file"] != "(stored)"]
    stored = _one_per_key(stored, files)
    villages = pd.concat(village_records, ignore_index=True) if village_records else pd.DataFrame()
    units, village_rows, refused = _check_areas(stored, villages, files, context)
    stored = stored[~stored["area_code"].isin(refused)]
    if not villages.empty:
        villages = villages[~villages["area_code"].str[:6].isin(refused)]
    records = pd.concat(
        [
            stored.assign(target="indicator_value", village_code=None),
            _as_village_records(villages),
        ],
        ignore_index=True,
    )
    reconciled = (
        pd.concat(reconciliation, ignore_index=True)
        if reconciliation
        else pd.DataFrame(columns=RECONCILIATION_COLUMNS)
    )
    return Prepared(
        TpmapSet.name,
        records,
        Problems(),
        rows_total=sum(len(f.table.frame) for f in files),
        ignored_columns=sorted({h for f in files for h in ignored_columns(f)}),
        layout="tpmap",
        extra={
            "keyed_by_file": True,
            "errors": errors_of(files),
            "units": units,
            "villages": village_rows,
            "reconciliation": reconciled,
            "notices": notices,
            "source": "TPMAP import: " + ", ".join(f.name for f in files),
        },
    )


def set_checksum(files: list[tuple[str, bytes]]) -> str:
    """One checksum for the set, whatever order the files came in."""
    digests = sorted(hashlib.sha256(data).hexdigest() for _, data in files)
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def _parts(files: list[TpmapFile]):
    commons = [f for f in files if f.part == "common"]
    by_suffix: dict[str, list[TpmapFile]] = {}
    for f in files:
        if f.part == "bits":
            by_suffix.setdefault(f.bits, []).append(f)
    return (stack(commons) if commons else None), {s: stack(fs) for s, fs in by_suffix.items()}


def _stored_tambons(conn: Connection, year: int, catalogue: pd.DataFrame) -> pd.DataFrame:
    rows = conn.execute(
        select(
            indicator_value.c.area_code,
            indicator_value.c.indicator_code,
            indicator_value.c.year,
            indicator_value.c.numerator,
            indicator_value.c.denominator,
            indicator_value.c.value,
        ).where(indicator_value.c.year == year)
    ).all()
    frame = pd.DataFrame(
        rows, columns=["area_code", "indicator_code", "year", "numerator", "denominator", "value"]
    )
    return frame.assign(file="(stored)", row=0, file2="", row2=0)


def _only_coarse(year: int, levels: list[str]) -> DataError:
    th = "/".join(LEVEL_TH[v] for v in levels)
    return DataError(
        f"ปี {year}: มีเฉพาะไฟล์ระดับ{th} ค่าตัวชี้วัดเก็บเฉพาะระดับตำบล (อำเภอ จังหวัด และประเทศคำนวณรวมจากตำบล) "
        "จึงใช้ไฟล์เหล่านี้ได้เพียงตรวจทานกับค่าตำบล และยังไม่มีค่าตำบลของปีนี้ กรุณานำเข้าไฟล์ระดับตำบล (tambol) ด้วย",
        f"{year}: only {'/'.join(levels)} files. Values are stored for tambons only (amphoe, province "
        "and country figures are summed from them), so these files can only be checked against tambon "
        "values, and none are stored for this year; import the tambol files too",
    )


def _covered(fine: pd.DataFrame, level: str, context: Context) -> set[str]:
    """Coarser areas the finer data covers: those with any tambon in it (the country only when every
    province that has areas, Bangkok aside, is there: จปฐ. does not survey Bangkok)."""
    codes = pd.Series(fine["area_code"].unique(), dtype=object)
    if level == "country":
        provinces = set(
            context.conn.execute(select(area.c.code).where(area.c.level == "province")).scalars()
        ) - {"10"}
        return {COUNTRY_CODE} if provinces <= set(codes.str[:2]) else set()
    length = {"tambon": 6, "amphoe": 4, "province": 2}[level]
    return set(codes.str[:length])


def _one_per_key(records: pd.DataFrame, files: list[TpmapFile]) -> pd.DataFrame:
    """A value given by two files (`_11111`'s health column and `_10000`) is kept once when both agree;
    when they differ the second is a row error naming the first."""
    key = ["area_code", "indicator_code", "year"]
    if records.empty:
        return records
    first = records.drop_duplicates(key, keep="first")
    again = records[records.duplicated(key, keep="first")]
    if again.empty:
        return first
    compared = again.merge(first, on=key, suffixes=("", "_first"))
    differs = ~(
        same_numbers(compared["numerator"], compared["numerator_first"])
        & same_numbers(compared["denominator"], compared["denominator_first"])
    )
    by_name = {f.name: f for f in files}
    for record in compared[differs.to_numpy()].itertuples():
        by_name[record.file].problems.add(
            [record.row], record.indicator_code, record.numerator,
            f"ไม่ตรงกับไฟล์ {record.file_first} แถว {record.row_first} ({record.numerator_first:g})",
            f"differs from {record.file_first} row {record.row_first} ({record.numerator_first:g})",
        )  # fmt: skip
    return first


def _check_areas(stored: pd.DataFrame, villages: pd.DataFrame, files: list[TpmapFile], context: Context):
    """Unknown tambon codes: municipal units to create (tambon part >= 51 under an existing amphoe), or
    row errors. Returns (units to create, village rows)."""
    areas = pd.DataFrame(
        context.conn.execute(select(area.c.code, area.c.level, area.c.name_th, area.c.name_en)).all(),
        columns=["code", "level", "name_th", "name_en"],
    )
    level_of = dict(zip(areas["code"], areas["level"]))
    tambon_codes = set(stored["area_code"])
    if not villages.empty:
        tambon_codes |= set(villages["area_code"].str[:6])
    unknown = {c for c in tambon_codes if level_of.get(c) != "tambon"}
    units = plan_units(unknown, areas)
    refused = unknown - set(units["area_code"])
    for file in files:
        if file.level not in ("tambon", "village") or file.wide is None:
            continue
        tambons = file.wide.index.str[:6]
        bad = tambons.isin(list(refused))
        if bad.any():
            problems = [_unknown_code(code, level_of) for code in tambons[bad]]
            file.problems.add(
                file.wide.loc[bad, "_row"], file.id_column, list(file.wide.index[bad]),
                [p[0] for p in problems], [p[1] for p in problems],
            )  # fmt: skip
    village_rows = pd.DataFrame(columns=["code", "tambon_code", "moo"])
    if not villages.empty:
        codes = pd.Series(sorted(set(villages["area_code"])), dtype=object)
        village_rows = pd.DataFrame(
            {"code": codes, "tambon_code": codes.str[:6], "moo": codes.str[6:8].astype(int)}
        )
        village_rows = village_rows[~village_rows["tambon_code"].isin(list(refused))]
    return units, village_rows, refused


def _unknown_code(code: str, level_of: dict[str, str]) -> tuple[str, str]:
    if is_municipal_code(code):
        return (
            f"ไม่พบอำเภอ {code[:4]} ของหน่วยเทศบาล {code}",
            f"unknown amphoe {code[:4]} for municipal unit {code}",
        )
    if code in level_of:
        return (f"รหัส {code} ไม่ใช่ระดับตำบล", f"{code} is not a tambon code")
    return (
        f"ไม่พบรหัสตำบล {code} (ไม่ใช่หน่วยเทศบาล เพราะส่วนตำบลน้อยกว่า 51)",
        f"unknown tambon code {code} (not a municipal unit: its tambon part is below 51)",
    )


def _as_village_records(villages: pd.DataFrame) -> pd.DataFrame:
    if villages.empty:
        return pd.DataFrame(columns=[*RECORD_COLUMNS, "value", "target", "village_code"])
    return villages.assign(target="village_value", village_code=villages["area_code"])


def _village_changes(conn: Connection, records: pd.DataFrame) -> pd.DataFrame:
    if records.empty:
        return records.assign(change=pd.Series(dtype=object))
    statement = select(*[village_value.c[c] for c in VILLAGE_STORED]).where(
        village_value.c.year.in_(sorted(int(y) for y in records["year"].unique())),
        village_value.c.village_code.in_(sorted(records["village_code"].unique())),
    )
    stored = pd.DataFrame(conn.execute(statement).all(), columns=VILLAGE_STORED)
    stored["year"] = stored["year"].astype("int64")
    records = records.assign(year=records["year"].astype("int64"))
    merged = records.merge(stored, on=VILLAGE_KEY, how="left", suffixes=("", "_stored"), indicator="_found")
    same = pd.Series(True, index=merged.index)
    for part in ("numerator", "denominator", "value"):
        same &= same_numbers(merged[part], merged[f"{part}_stored"])
    merged["change"] = classify(merged["_found"] == "both", same)
    return merged.drop(columns="_found")


def _write_villages(conn: Connection, rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    existing = set()
    for start in range(0, len(rows), 500):
        batch = list(rows["code"].iloc[start : start + 500])
        existing |= set(conn.execute(select(village.c.code).where(village.c.code.in_(batch))).scalars())
    bulk_insert(conn, village, rows[~rows["code"].isin(existing)])


def _write_village_values(conn: Connection, changes: pd.DataFrame) -> None:
    if not changes.empty:
        write_value_changes(conn, village_value, "village_code", changes, VILLAGE_STORED)
