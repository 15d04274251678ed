"""How a number reads, on every screen and in every file: decimals and suffix per unit, thousands
separators, the no-data dash, the small-count label and Buddhist Era years.

The map's tooltips (`number_style`), the legend, tables, slides and exports all format through here,
so one figure reads the same everywhere. Pure: no Streamlit, no database.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import AtlasError

UNITS = ("percent", "count", "baht", "score", "index")
LANGS = ("th", "en")
NO_DATA = "–"  # a figure with no value, in a cell
NO_DATA_LABEL = ("ไม่มีข้อมูล", "No data")  # the legend row of areas with no value
SMALL_COUNT = "<{k}"  # a figure hidden from public viewers: "<5" (fewer than k households)
BE_OFFSET = 543  # Buddhist Era year = Christian Era year + 543

DECIMALS = {"percent": 2, "count": 0, "baht": 0, "score": 2, "index": 4}  # M0 is often below 0.001
_SUFFIX = {"percent": {"th": " %", "en": " %"}, "baht": {"th": " บาท", "en": " baht"}}


class UnitError(AtlasError, ValueError):
    """A unit, language or number of decimals the formatter does not know; both messages list the choices."""


def small_count(k: int) -> str:
    """What a hidden figure reads: "<5" for a threshold of 5 households."""
    return SMALL_COUNT.format(k=k)


def be_year(ce_year: int) -> int:
    """The Buddhist Era year of a Christian Era year (2023 -> 2566)."""
    return int(ce_year) + BE_OFFSET


def unit_suffix(unit: str, lang: str) -> str:
    """ " %", " บาท" / " baht", or nothing."""
    return _SUFFIX.get(unit, {}).get(lang, "")


def plain_number(value: float, decimals: int) -> str:
    """`1,234.50`: rounded to `decimals` with thousands separators, never "-0.00"."""
    rounded = round(value, decimals)
    return f"{0.0 if rounded == 0 else rounded:,.{decimals}f}"


def number_style(unit: str, lang: str) -> dict:
    """{"decimals", "suffix"} of `format_value` for a unit, so the browser formats numbers the same way
    (a value rounded to `decimals` and printed with thousands separators)."""
    check_unit(unit, lang)
    return {"decimals": DECIMALS[unit], "suffix": unit_suffix(unit, lang)}


def rounded_value(value, unit: str) -> float | None:
    """The number `format_value` prints, as a float (None for no value; never -0.0)."""
    if value is None or pd.isna(value):
        return None
    rounded = round(float(value), DECIMALS[unit])
    return 0.0 if rounded == 0 else rounded


def format_value(value, unit: str, lang: str, decimals: int | None = None) -> str:
    """`12.34 %`, `61,933 บาท` / `61,933 baht`, `1,234`, `2.75`, `0.0123`; NaN or None -> "–"."""
    check_unit(unit, lang)
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0):
        raise UnitError(
            f"จำนวนตำแหน่งทศนิยมต้องเป็นจำนวนเต็มไม่ติดลบ (ได้รับ {decimals!r})",
            f"decimals must be a non-negative integer (got {decimals!r})",
        )
    if value is None or pd.isna(value):
        return NO_DATA
    places = DECIMALS[unit] if decimals is None else decimals
    return plain_number(float(value), places) + unit_suffix(unit, lang)


def format_number(value, decimals: int = 0) -> str:
    """A count or index without a unit: `1,234`; NaN or None -> "–"."""
    return format_value(value, "count", "th", decimals)


def format_percent(value, decimals: int = 2) -> str:
    """`12.34 %`; NaN or None -> "–"."""
    return format_value(value, "percent", "th", decimals)


def check_unit(unit: str, lang: str) -> None:
    """Refuse a unit or language the formatter does not know, naming the valid ones."""
    for value, choices, what_th, what_en in (
        (unit, UNITS, "หน่วย", "unit"),
        (lang, LANGS, "ภาษา", "language"),
    ):
        if value not in choices:
            listed = ", ".join(choices)
            raise UnitError(
                f"{what_th} {value!r} ไม่ถูกต้อง เลือกได้จาก: {listed}",
                f"Unknown {what_en} {value!r}; choose one of: {listed}",
            )
