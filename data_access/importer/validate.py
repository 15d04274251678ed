"""Checks every kind shares: years, numbers, flags, dates, text, duplicate keys, formula cells.

Each check parses a whole column, records the rows that fail in `problems` (spreadsheet row, the
file's header, the value as typed, Thai and English), and returns the parsed column with NA there.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis.units import BE_OFFSET, be_year
from data_access.importer.normalise import THAI_DIGITS, clean_series
from data_access.importer.numbers import is_whole, parse_numbers
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems

EARLIEST_YEAR = 2500  # before any จปฐ. survey


# = + @ (and tab or CR) always start a formula; "-" does when followed by something other than a
# plain number or a space ("- ติดตามแล้ว" is a note, "-2+3+cmd|..." is an attack).
FORMULA_LIKE = r"^\s*(?:[=+@\t\r]|-(?!\s|[\d.,]+$))"


# "พ.ศ. 2567", "ปี 2567", "ปีงบประมาณ พ.ศ. ๒๕๖๗", "B.E. 2567": the number is the year. "ค.ศ." marks
# a Christian-era year, refused below with the rule to add 543.
_YEAR_PREFIX = r"^\s*(?:ปี(?:งบประมาณ|สำรวจ)?\s*)?(?:พ\.?\s*ศ\.?|b\.?\s*e\.?)?\s*"
_CE_PREFIX = r"^\s*(?:ปี\s*)?(?:ค\.?\s*ศ\.?|c\.?\s*e\.?|a\.?\s*d\.?)\s*\d"


def latest_year() -> int:
    return be_year(dt.date.today().year) + 1


def formula_cells(table: RawTable, problems: Problems) -> None:
    """Cells refused while reading: formulas (never evaluated) and cells too long to be data."""
    for row, column, length in table.oversized:
        problems.add(
            [row], column, f"({length:,} ตัวอักษร / characters)",
            f"ข้อความในช่องนี้ยาวเกินไป ({length:,} ตัวอักษร) ไม่ใช่ข้อมูลที่นำเข้าได้",
            f"this cell is too long ({length:,} characters) to be data",
        )  # fmt: skip
    for row, column, formula in table.formulas:
        problems.add(
            [row], column, formula,
            "เป็นสูตร (ระบบไม่คำนวณสูตร) กรุณาคัดลอกแล้ววางแบบค่า (Paste values)",
            "is a formula (formulas are not evaluated); copy and paste it as values",
        )  # fmt: skip


def years(text: pd.Series, header: str, problems: Problems, given: int | None = None) -> pd.Series:
    """Buddhist Era years; blank takes `given` (the --year option); a CE year is named as such."""
    lowered = text.astype(str).str.translate(THAI_DIGITS).str.lower()
    marked_ce = lowered.str.match(_CE_PREFIX)
    parsed = parse_numbers(lowered.str.replace(_YEAR_PREFIX, "", regex=True).where(~marked_ce, ""))
    parsed.bad = parsed.bad | marked_ce
    parsed.blank = parsed.blank & ~marked_ce
    values = parsed.values.copy()
    if given is not None:
        values = values.where(~parsed.blank, float(given))
        differs = values.notna() & (values != given) & ~parsed.blank
        problems.add(
            text.index[differs], header, text[differs],
            f"ปีในไฟล์ไม่ตรงกับปีที่เลือกนำเข้า ({given})",
            f"the year in the file differs from the year chosen for this import ({given})",
        )  # fmt: skip
        values = values.where(~differs)
    bad = (parsed.bad | (values.notna() & ~is_whole(values))) & ~marked_ce
    _report(
        problems,
        text,
        bad,
        header,
        "ปีต้องเป็นตัวเลข พ.ศ. เช่น 2566",
        "a year must be a Buddhist Era number, e.g. 2566",
    )
    _report(
        problems, text, marked_ce, header,
        "เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. (ค.ศ. + 543)", "a Christian-era year; use the Buddhist Era year (CE + 543)",
    )  # fmt: skip
    missing = values.isna() & ~bad
    _report(problems, text, missing & parsed.blank, header, "ไม่ได้ระบุปี", "the year is missing")
    christian = values.between(1900, 2200)
    _report(
        problems, text, christian, header,
        "ดูเหมือนเป็นปี ค.ศ. ให้ใช้ปี พ.ศ. (ค.ศ. + 543)",
        "looks like a Christian-era year; use the Buddhist Era year (CE + 543)",
    )  # fmt: skip
    outside = values.notna() & ~christian & ((values < EARLIEST_YEAR) | (values > latest_year()))
    _report(
        problems, text, outside, header,
        f"ปีไม่อยู่ในช่วงที่เป็นไปได้ ({EARLIEST_YEAR}-{latest_year()})",
        f"year outside the plausible Buddhist Era range ({EARLIEST_YEAR}-{latest_year()})",
    )  # fmt: skip
    return values.where(~(bad | marked_ce | christian | outside)).astype("Int64")


def numbers(
    text: pd.Series,
    header: str,
    problems: Problems,
    *,
    required: bool = False,
    whole: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
    percent_ok: bool = False,
) -> pd.Series:
    """A numeric column: blank is missing (an error only when `required`)."""
    parsed = parse_numbers(text)
    values = parsed.values
    _report(problems, text, parsed.bad, header, "ไม่ใช่ตัวเลข", "not a number")
    if not percent_ok:
        _report(
            problems,
            text,
            parsed.percent & ~parsed.bad,
            header,
            "ไม่ควรมีเครื่องหมาย %",
            "must not be a percentage",
        )
    if required:
        _report(problems, text, parsed.blank, header, "ต้องระบุค่า", "a value is required")
    if whole:
        _report(problems, text, ~is_whole(values), header, "ต้องเป็นจำนวนเต็ม", "must be a whole number")
    if minimum is not None and maximum is not None:
        outside = (values < minimum) | (values > maximum)
        _report(
            problems,
            text,
            outside,
            header,
            f"ต้องอยู่ระหว่าง {minimum:g} ถึง {maximum:g}",
            f"must be between {minimum:g} and {maximum:g}",
        )
    elif minimum == 0:
        _report(problems, text, values < 0, header, "ต้องไม่ติดลบ", "must not be negative")
    elif minimum is not None:
        _report(
            problems,
            text,
            values < minimum,
            header,
            f"ต้องไม่น้อยกว่า {minimum:g}",
            f"must be at least {minimum:g}",
        )
    return values


FLAG_WORDS = {
    "1": 1.0, "0": 0.0, "ใช่": 1.0, "ไม่ใช่": 0.0, "มี": 1.0, "ไม่มี": 0.0, "yes": 1.0, "no": 0.0,
    "y": 1.0, "n": 0.0, "true": 1.0, "false": 0.0, "ไม่ผ่าน": 1.0, "ผ่าน": 0.0, "1.0": 1.0, "0.0": 0.0,
}  # fmt: skip


def flags(
    text: pd.Series, header: str, problems: Problems, *, required: bool, words: dict[str, float] = FLAG_WORDS
) -> pd.Series:
    """0/1 flags (1 = yes/deprived); blank is NaN, an error when `required`."""
    cleaned = clean_series(text).str.lower()
    values = cleaned.map(words).astype(float)
    blank = cleaned == ""
    expected = "/".join(k for k in ("1", "0", "ใช่", "ไม่ใช่") if k in words)
    _report(
        problems, text, ~blank & values.isna(), header, f"ต้องเป็น {expected}", f"must be 1 or 0 ({expected})"
    )
    if required:
        _report(problems, text, blank, header, "ต้องระบุค่า", "a value is required")
    return values


def dates(text: pd.Series, header: str, problems: Problems, *, required: bool) -> pd.Series:
    """ISO dates (2024-01-15) or day/month/year (15/01/2567); a year above 2400 is Buddhist Era."""
    cleaned = text.astype(str).str.translate(THAI_DIGITS).str.strip()
    blank = cleaned == ""
    iso = cleaned.str.extract(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ].*)?$")
    dmy = cleaned.str.extract(r"^(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})$")
    parts = iso.fillna(dmy).astype(float)
    parts["year"] = parts["year"].where(parts["year"] < 2400, parts["year"] - BE_OFFSET)
    known = parts.notna().all(axis=1)
    values = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if known.any():
        values[known] = pd.to_datetime(parts[known], errors="coerce")
    _report(
        problems, text, ~blank & values.isna(), header,
        "วันที่ไม่ถูกต้อง ใช้รูปแบบ 2567-01-15 หรือ 15/01/2567",
        "not a valid date; use 2024-01-15 or 15/01/2567",
    )  # fmt: skip
    if required:
        _report(problems, text, blank, header, "ต้องระบุวันที่", "a date is required")
    return values


def texts(
    text: pd.Series, header: str, problems: Problems, *, required: bool, max_length: int | None = None
) -> pd.Series:
    """Free text, cleaned; a cell a spreadsheet would run as a formula is refused (CSV injection)."""
    cleaned = clean_series(text)
    looks_like_formula = text.astype(str).str.match(FORMULA_LIKE) & parse_numbers(cleaned).values.isna()
    _report(
        problems, text, looks_like_formula, header,
        "ขึ้นต้นด้วย = + - @ ซึ่งโปรแกรมตารางคำนวณจะทำงานเป็นสูตร ไม่รับข้อความนี้",
        "starts with = + - or @, which a spreadsheet would run as a formula; not accepted",
    )  # fmt: skip
    if required:
        _report(problems, text, cleaned == "", header, "ต้องระบุค่า", "a value is required")
    if max_length is not None:
        _report(
            problems, text, cleaned.str.len() > max_length, header,
            f"ยาวเกิน {max_length} ตัวอักษร", f"longer than {max_length} characters",
        )  # fmt: skip
    return cleaned.where(~looks_like_formula & (cleaned != ""))


def duplicate_keys(
    keys: pd.DataFrame, header: str, problems: Problems, what_th: str, what_en: str
) -> pd.Series:
    """Rows sharing a key with another row of the file. Every copy is refused: which one is right is
    not ours to guess. Returns the duplicated mask."""
    duplicated = keys.duplicated(keep=False) & keys.notna().all(axis=1)
    if duplicated.any():
        copies = keys[duplicated].reset_index().groupby(list(keys.columns), sort=False)["row"].agg(list)
        for rows in copies:
            for row in rows:
                others = ", ".join(str(r) for r in rows if r != row)
                value = " / ".join(str(v) for v in keys.loc[row])
                problems.add(
                    [row], header, value,
                    f"{what_th}ซ้ำกันในไฟล์ (ซ้ำกับแถว {others})",
                    f"duplicate {what_en} in the file (also on row {others})",
                )  # fmt: skip
    return duplicated


def _report(problems: Problems, text: pd.Series, mask, header, th: str, en: str) -> None:
    """Add the rows where `mask` holds. `header` is one name, or one per row (wide files put several
    columns into one long frame). Positional, so repeated row numbers are fine."""
    mask = np.asarray(pd.Series(mask).fillna(False), dtype=bool)
    if not mask.any():
        return
    column = list(np.asarray(header)[mask]) if isinstance(header, pd.Series) else header
    problems.add(text.index[mask], column, list(text.to_numpy()[mask]), th, en)
