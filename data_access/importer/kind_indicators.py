"""Indicator values per tambon and year, in a long or a wide layout.

Long: one row per area, indicator and year with numerator, denominator and (optionally) value.
Wide: one row per area (and year), one column per indicator. A count indicator (aggregation 'sum')
takes one column named by its code; a rate takes two, `<code>_numerator` and `<code>_denominator`
(or `_num`/`_den`, `_ตัวตั้ง`/`_ตัวหาร`), plus an optional `<code>` column holding the value, which is
checked. A rate without its parts is refused: amphoe and province figures are sums of tambon
numerators and denominators, so a bare percentage cannot be rolled up.

Only tambons are stored; a row naming an amphoe or a province is refused with that explanation.
The value stored is always recomputed by `analysis.rates.values_from_parts`, the rule every screen
uses; a value in the file must agree with it to the precision it was written with.
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd
from sqlalchemy import Connection, and_, bindparam, select

from analysis.rates import values_from_parts
from data_access.bulk import bulk_insert
from data_access.catalogue import upsert_by_code
from data_access.importer import validate
from data_access.importer.columns import (
    AREA_COLUMNS,
    YEAR,
    ColumnSpec,
    MissingColumns,
    match_columns,
    require_area,
)
from data_access.importer.kinds import Context, Prepared, chunks, classify, same_numbers, tambons_and_years
from data_access.importer.normalise import clean_series, header_key
from data_access.importer.numbers import parse_numbers
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems
from data_access.schema import indicator, indicator_value

INDICATOR = ColumnSpec("indicator", "ตัวชี้วัด", ("indicator_code", "รหัสตัวชี้วัด", "ตัวชี้วัดรหัส"))
NUMERATOR = ColumnSpec("numerator", "ตัวตั้ง", ("num", "จำนวน", "ผลงาน", "จำนวนที่ไม่ผ่าน"))
DENOMINATOR = ColumnSpec("denominator", "ตัวหาร", ("den", "ฐาน", "จำนวนทั้งหมด", "เป้าหมาย"))
VALUE = ColumnSpec("value", "ค่า", ("ร้อยละ", "อัตรา", "percent", "rate", "ค่าตัวชี้วัด"))
LONG_COLUMNS = [*AREA_COLUMNS, YEAR, INDICATOR, NUMERATOR, DENOMINATOR, VALUE]
PART_SUFFIXES = {
    "numerator": ("_numerator", "_num", "_ตัวตั้ง"),
    "denominator": ("_denominator", "_den", "_ตัวหาร"),
}
KEY = ["area_code", "indicator_code", "year"]
STORED = [*KEY, "numerator", "denominator", "value"]
DUPLICATE_WHAT = ("พื้นที่/ตัวชี้วัด/ปี", "area / indicator / year")


class IndicatorValues:
    name = "indicators"
    label_th = "ค่าตัวชี้วัดรายตำบล"
    label_en = "Indicator values per tambon"

    def detect(self, header_keys: set[str], context: Context) -> bool:
        if header_keys & INDICATOR.keys():
            return True
        return bool(header_keys & set(wide_lookup(context.catalogue)))

    def prepare(self, table: RawTable, context: Context) -> Prepared:
        frame = table.frame
        headers = list(frame.columns)
        found = match_columns(headers, LONG_COLUMNS)
        require_area(found, headers)
        if "year" not in found and context.year is None:
            raise MissingColumns([YEAR], headers)
        problems = Problems()
        validate.formula_cells(table, problems)
        areas, years = tambons_and_years(frame, found, context, problems)
        base = pd.DataFrame({"area_code": areas, "year": years}, index=frame.index)
        if "indicator" in found:
            long, ignored = _long_records(frame, found, base, context, problems), _unused(headers, found)
            layout = "long"
        else:
            long, ignored = _wide_records(frame, found, base, context)
            layout = "wide"
        records, blank = _checked_values(long, context.catalogue, problems)
        file_keys = (records.set_index("row")[KEY], found.get("area_code") or found.get("tambon"))
        file_keys += DUPLICATE_WHAT
        duplicated = validate.duplicate_keys(*file_keys[:2], problems, *DUPLICATE_WHAT)
        records = records[~duplicated.to_numpy()]
        extra = {"file_keys": file_keys}
        return Prepared(self.name, records, problems, len(frame), blank, ignored, layout, extra)

    def changes(self, conn: Connection, prepared: Prepared, records: pd.DataFrame) -> pd.DataFrame:
        stored = read_stored(conn, records)
        merged = records.merge(stored, on=KEY, how="left", suffixes=("", "_stored"), indicator="_found")
        matched = merged["_found"] == "both"
        same = pd.Series(True, index=merged.index)
        for part in ("numerator", "denominator", "value"):
            same &= same_numbers(merged[part], merged[f"{part}_stored"])
        merged["change"] = classify(matched, same)
        return merged.drop(columns="_found")

    def write(self, conn: Connection, prepared: Prepared, changes: pd.DataFrame) -> set[tuple[str, int]]:
        new_entries = prepared.extra.get("new_indicators")  # from a column mapping (importer.mapping)
        if new_entries is not None and not new_entries.empty:
            upsert_by_code(conn, indicator, new_entries)
        write_values(conn, changes)
        return set()


def read_stored(conn: Connection, records: pd.DataFrame) -> pd.DataFrame:
    """Stored values for the areas, indicators and years of `records` (filtered to their keys in
    pandas), read a few hundred areas at a time."""
    columns = [indicator_value.c[c] for c in STORED]
    if records.empty:
        return pd.DataFrame(columns=STORED)
    rows = []
    for batch in chunks(sorted(records["area_code"].unique()), 400):
        statement = select(*columns).where(
            indicator_value.c.area_code.in_(batch),
            indicator_value.c.year.in_(sorted(int(y) for y in records["year"].unique())),
            indicator_value.c.indicator_code.in_(sorted(records["indicator_code"].unique())),
        )
        rows += conn.execute(statement).all()
    stored = pd.DataFrame(rows, columns=STORED)
    stored["year"] = stored["year"].astype("int64")
    return stored


def write_values(conn: Connection, changes: pd.DataFrame) -> None:
    """Insert new and update changed tambon values; unchanged ones are not touched."""
    write_value_changes(conn, indicator_value, "area_code", changes, STORED)


def write_value_changes(
    conn: Connection, table, area_key: str, changes: pd.DataFrame, columns: list[str]
) -> None:
    """New rows inserted and changed rows updated in a values table keyed by (`area_key`,
    indicator_code, year): `indicator_value` per tambon, `village_value` per village."""
    bulk_insert(conn, table, changes.loc[changes["change"] == "new", columns])
    updated = changes.loc[changes["change"] == "updated", columns]
    if updated.empty:
        return
    statement = (
        table.update()
        .where(
            and_(
                table.c[area_key] == bindparam("key_area"),
                table.c.indicator_code == bindparam("key_indicator"),
                table.c.year == bindparam("key_year"),
            )
        )
        .values(
            numerator=bindparam("numerator"), denominator=bindparam("denominator"), value=bindparam("value")
        )
    )
    plain = updated.astype(object).where(updated.notna(), None)
    conn.execute(
        statement,
        [
            {
                "key_area": r[area_key],
                "key_indicator": r["indicator_code"],
                "key_year": int(r["year"]),
                "numerator": r["numerator"],
                "denominator": r["denominator"],
                "value": r["value"],
            }
            for r in plain.to_dict("records")
        ],
    )


def _unused(headers: list[str], found: dict[str, str]) -> list[str]:
    return [h for h in headers if h not in found.values()]


def _long_records(frame, found, base, context: Context, problems: Problems) -> pd.DataFrame:
    header = found["indicator"]
    codes = _indicator_codes(frame[header], header, context.catalogue, problems)
    long = base.assign(indicator_code=codes)
    for part in ("numerator", "denominator", "value"):
        long[f"{part}_text"] = frame[found[part]] if part in found else ""
        long[f"{part}_header"] = found.get(part, part)
    if "numerator" not in found and "value" not in found:
        raise MissingColumns([NUMERATOR, VALUE], list(frame.columns))
    return long.rename_axis("row").reset_index()


def _indicator_codes(text: pd.Series, header: str, catalogue: pd.DataFrame, problems: Problems) -> pd.Series:
    """Catalogue code per row, matched on code (any case) or exact Thai or English name."""
    by_key = {}
    for column in ("name_en", "name_th", "code"):
        by_key.update({header_key(v): code for v, code in zip(catalogue[column], catalogue["code"])})
    cleaned = clean_series(text)
    codes = cleaned.map(lambda v: by_key.get(header_key(v)))
    unknown = codes.isna()
    if unknown.any():
        messages = {}
        for value in cleaned[unknown].unique():
            close = difflib.get_close_matches(value.lower(), list(catalogue["code"]), n=3, cutoff=0.6)
            hint = f" ({', '.join(close)}?)" if close else ""
            messages[value] = (f"ไม่พบตัวชี้วัดนี้ในรายการตัวชี้วัด{hint}", f"unknown indicator{hint}")
        problems.add(
            text.index[unknown], header, text[unknown],
            [messages[v][0] for v in cleaned[unknown]], [messages[v][1] for v in cleaned[unknown]],
        )  # fmt: skip
    return codes


def wide_lookup(catalogue: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """header key -> (indicator code, 'value' | 'numerator' | 'denominator') for wide files."""
    lookup = {}
    for code in catalogue["code"]:
        lookup[header_key(code)] = (code, "value")
        for part, suffixes in PART_SUFFIXES.items():
            for suffix in suffixes:
                lookup[header_key(code + suffix)] = (code, part)
    return lookup


def _wide_records(frame, found, base, context: Context) -> tuple[pd.DataFrame, list[str]]:
    lookup = wide_lookup(context.catalogue)
    columns: dict[str, dict[str, str]] = {}
    ignored = []
    for header in frame.columns:
        if header in found.values():
            continue
        match = lookup.get(header_key(header))
        if match is None:
            ignored.append(header)
            continue
        columns.setdefault(match[0], {})[match[1]] = header
    if not columns:
        raise MissingColumns([INDICATOR], list(frame.columns))
    aggregation = context.catalogue.set_index("code")["aggregation"]
    bare_rates = [c for c, parts in columns.items() if aggregation[c] == "ratio" and "numerator" not in parts]
    if bare_rates:
        wanted = [ColumnSpec(f"{c}_numerator", f"ตัวตั้งของ {c}") for c in bare_rates]
        wanted += [ColumnSpec(f"{c}_denominator", f"ตัวหารของ {c}") for c in bare_rates]
        raise MissingColumns(wanted, list(frame.columns))
    pieces = []
    for code, parts in columns.items():
        piece = base.assign(indicator_code=code)
        for part in ("numerator", "denominator", "value"):
            piece[f"{part}_text"] = frame[parts[part]] if part in parts else ""
            piece[f"{part}_header"] = parts.get(part, part)
        pieces.append(piece.rename_axis("row").reset_index())
    return pd.concat(pieces, ignore_index=True), ignored


def _checked_values(
    long: pd.DataFrame, catalogue: pd.DataFrame, problems: Problems
) -> tuple[pd.DataFrame, int]:
    """Parse and check every record's numbers; returns the records (value recomputed) and the number
    of file rows with nothing in them. Rows with problems are dropped later, by row number."""
    long = long.set_index("row")
    meta = catalogue.set_index("code").reindex(long["indicator_code"].fillna(""))
    is_sum = meta["aggregation"].to_numpy() == "sum"
    is_percent = meta["unit"].to_numpy() == "percent"
    is_count = meta["unit"].to_numpy() == "count"
    texts = {part: long[f"{part}_text"].astype(str) for part in ("numerator", "denominator", "value")}
    has = {part: (text.str.strip() != "").to_numpy() for part, text in texts.items()}
    blank = ~(has["numerator"] | has["denominator"] | has["value"])

    def report(mask, part, th, en):
        _add(problems, long, mask, part, th, en)

    num = validate.numbers(texts["numerator"], long["numerator_header"], problems, minimum=0).to_numpy()
    den = validate.numbers(texts["denominator"], long["denominator_header"], problems, minimum=0).to_numpy()
    given = parse_numbers(texts["value"])
    value = given.values.to_numpy()
    report(given.bad, "value", "ไม่ใช่ตัวเลข", "not a number")
    report(
        given.percent.to_numpy() & ~is_percent, "value",
        "ตัวชี้วัดนี้ไม่ใช่ร้อยละ ไม่ควรมีเครื่องหมาย %", "this indicator is not a percentage; remove the %",
    )  # fmt: skip

    # Counts: the numerator is the count; a value column may carry it instead.
    count = np.where(has["numerator"], num, value)
    from_value = is_sum & ~has["numerator"]
    report(from_value & (value < 0), "value", "จำนวนนับต้องไม่ติดลบ", "a count must not be negative")
    report(
        is_count & ~np.isnan(count) & (count % 1 != 0), "numerator" if has["numerator"].any() else "value",
        "จำนวนนับต้องเป็นจำนวนเต็ม", "a count must be a whole number",
    )  # fmt: skip
    differs = (
        is_sum
        & has["numerator"]
        & ~np.isnan(value)
        & ~same_numbers(pd.Series(num), pd.Series(value)).to_numpy()
    )
    report(differs, "value", "ค่าไม่เท่ากับตัวตั้ง", "value differs from the numerator")

    # Rates: both parts, numerator within denominator for percentages, value agreeing with the parts.
    parsed_ok = ~(np.isnan(num) & has["numerator"]) & ~(np.isnan(den) & has["denominator"])
    missing_part = ~is_sum & ~blank & parsed_ok & (np.isnan(num) | np.isnan(den))
    report(
        missing_part, "numerator" if has["numerator"].any() else "value",
        "อัตราต้องมีทั้งตัวตั้งและตัวหาร (เพื่อรวมเป็นระดับอำเภอ/จังหวัดได้)",
        "a rate needs both numerator and denominator (so amphoe and province figures can be summed)",
    )  # fmt: skip
    above = ~is_sum & is_percent & (num > den)
    report(above, "numerator", "ตัวตั้งมากกว่าตัวหาร", "numerator is larger than denominator")
    zero = ~is_sum & ~above & (den == 0) & (num > 0)
    report(zero, "denominator", "ตัวหารเป็นศูนย์แต่ตัวตั้งไม่เป็นศูนย์", "denominator is zero but numerator is not")
    outside = is_percent & ((value < 0) | (value > 100))
    report(outside, "value", "ร้อยละต้องอยู่ระหว่าง 0 ถึง 100", "a percentage must be between 0 and 100")

    numerator = np.where(is_sum, count, num)
    computed = values_from_parts(
        pd.Series(numerator),
        pd.Series(den),
        meta["aggregation"].to_numpy(),
        meta["scale"].to_numpy(dtype=float),
    ).to_numpy()
    tolerance = given.half_step.to_numpy() + 1e-9 * np.abs(np.nan_to_num(computed))
    checkable = ~is_sum & ~np.isnan(value) & ~missing_part & ~above & ~zero & ~outside
    disagrees = checkable & (np.isnan(computed) | (np.abs(value - computed) > tolerance))
    report(
        disagrees, "value",
        [f"ค่าไม่ตรงกับตัวตั้ง/ตัวหาร (คำนวณได้ {c:.6g})" for c in computed[disagrees]],
        [f"value does not match numerator/denominator (computed {c:.6g})" for c in computed[disagrees]],
    )  # fmt: skip

    records = pd.DataFrame(
        {
            "row": long.index.to_numpy(),
            "area_code": long["area_code"].to_numpy(),
            "indicator_code": long["indicator_code"].to_numpy(),
            "year": long["year"].to_numpy(),
            "numerator": numerator,
            "denominator": den,
            "value": computed,
        }
    )
    keep = ~blank & records[["area_code", "indicator_code", "year"]].notna().all(axis=1).to_numpy()
    clean = records[keep].copy()
    clean["year"] = clean["year"].astype("int64")
    blank_rows = pd.Series(blank, index=long.index).groupby(level=0).all()
    return clean, int(blank_rows.sum())


def _add(problems: Problems, long: pd.DataFrame, mask, part: str, th, en) -> None:
    mask = np.asarray(pd.Series(mask).fillna(False), dtype=bool)
    if not mask.any():
        return
    headers = long[f"{part}_header"].to_numpy()[mask]
    values = long[f"{part}_text"].to_numpy()[mask]
    problems.add(long.index[mask], list(headers), list(values), th, en)
