"""Wide tables for researchers: one row per area, one column per indicator, built from the long rows
of `data_access.rollup.indicator_values` (so a table shows exactly the numbers the map shows).

Column names: `<code>` is the value; `<code>:num` and `<code>:den` its numerator and denominator; in a
change table `<code>` is the change and `<code>:from` / `<code>:to` the two years' values. When the
rows carry `suppressed` (public viewers), `<code>:hidden` says which empty cells are hidden ("<5")
rather than missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.rates import values_from_parts

AREA_COLUMNS = ["area_code", "name_th", "name_en", "parent_code"]
NUM, DEN, FROM, TO, HIDDEN = ":num", ":den", ":from", ":to", ":hidden"


def pivot_values(long: pd.DataFrame, codes: Sequence[str], year: int) -> pd.DataFrame:
    """One row per area for `year`: area columns, then each code's value, numerator and denominator."""
    rows = long[(long["year"] == int(year)).to_numpy()]
    # Cells placed by position in one pass: a boolean mask per code over text columns cost a rerun of
    # the national table (7,425 tambons) about as much as everything else on the page.
    areas = pd.Index(rows["area_code"].unique(), name="area_code")
    at_row = areas.get_indexer(rows["area_code"])
    at_column = pd.Index(list(codes)).get_indexer(rows["indicator_code"])
    known = at_column >= 0
    at_row, at_column = at_row[known], at_column[known]

    def grid(field: str, empty, dtype) -> np.ndarray:
        cells = np.full((len(areas), len(codes)), empty, dtype=dtype)
        cells[at_row, at_column] = rows[field].to_numpy(dtype=dtype, na_value=empty)[known]
        return cells

    parts = {"": grid("value", np.nan, float), NUM: grid("numerator", np.nan, float)}
    parts[DEN] = grid("denominator", np.nan, float)
    columns = {
        code + suffix: parts[suffix][:, index]
        for index, code in enumerate(codes)
        for suffix in ("", NUM, DEN)
    }
    if "suppressed" in rows:
        hidden = grid("suppressed", False, bool)
        columns.update({code + HIDDEN: hidden[:, index] for index, code in enumerate(codes)})
    return _attach(_areas(long), pd.DataFrame(columns, index=areas))


def change_values(long: pd.DataFrame, codes: Sequence[str], year_from: int, year_to: int) -> pd.DataFrame:
    """One row per area: each code's change `value(year_to) - value(year_from)` and both values.

    A change needs both years: an area missing either has no change (NaN), never a change from zero.
    """
    areas = _areas(long)
    wide = {}
    for code in codes:
        part = long[long["indicator_code"] == code]
        before = part[part["year"] == int(year_from)].set_index("area_code")["value"]
        after = part[part["year"] == int(year_to)].set_index("area_code")["value"]
        before, after = before.reindex(areas.index), after.reindex(areas.index)
        wide[code] = after - before
        wide[code + FROM] = before
        wide[code + TO] = after
    values = pd.DataFrame(wide, index=areas.index, columns=_ordered(codes, (FROM, TO)))
    if "suppressed" in long:
        for code in codes:
            part = long[long["indicator_code"] == code]
            hidden = part[part["suppressed"].astype(bool)]["area_code"]
            values[code + HIDDEN] = values.index.isin(hidden)
    return _attach(areas, values)


def reference_values(long: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The value of the whole of the rows' area (their parent, or the country) per indicator and year:
    the children's numerators and denominators summed and put through the one rate rule, which is
    exactly the parent's rolled-up value. Columns: indicator_code, year, numerator, denominator, value."""
    sums = (
        long.groupby(["indicator_code", "year"], sort=False)[["numerator", "denominator"]]
        .sum(min_count=1)
        .reset_index()
    )
    meta = catalogue.set_index("code").reindex(sums["indicator_code"])
    sums["value"] = values_from_parts(
        sums["numerator"], sums["denominator"], meta["aggregation"].to_numpy(), meta["scale"].to_numpy()
    ).to_numpy()
    return sums


def worse_than(
    wide: pd.DataFrame, reference: Mapping[str, float], polarity: Mapping[str, str]
) -> pd.DataFrame:
    """Per indicator column, True where an area is worse than the reference (its parent area): higher
    when higher is worse, lower when higher is better. Missing values are never marked."""
    marks = {}
    for code, direction in polarity.items():
        if code not in wide:
            continue
        values = pd.to_numeric(wide[code], errors="coerce").to_numpy(dtype=float)
        ref = reference.get(code)
        if ref is None or pd.isna(ref):
            marks[code] = np.zeros(len(values), dtype=bool)
            continue
        rounded = np.round(values, 10)
        worse = rounded > round(ref, 10) if direction == "higher_worse" else rounded < round(ref, 10)
        marks[code] = worse & ~np.isnan(values)
    return pd.DataFrame(marks, index=wide.index)


def search_names(wide: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose Thai or English name or code contains `query` (case and spacing ignored)."""
    needle = "".join(str(query).split()).casefold()
    if not needle:
        return wide
    haystack = (
        wide["name_th"].astype(str) + "|" + wide["name_en"].astype(str) + "|" + wide["area_code"].astype(str)
    )
    found = haystack.str.replace(r"\s+", "", regex=True).str.casefold().str.contains(needle, regex=False)
    return wide[found.to_numpy()]


def sort_rows(wide: pd.DataFrame, column: str | None, descending: bool) -> pd.DataFrame:
    """Sorted on `column` (area code when None or unknown), missing values always last."""
    if not column or column not in wide:
        column = "area_code"
    return wide.sort_values(column, ascending=not descending, na_position="last", kind="stable")


def indicator_columns(wide: pd.DataFrame) -> list[str]:
    """The value columns (indicator codes) of a wide table, in order."""
    return [c for c in wide.columns if c not in AREA_COLUMNS and ":" not in c]


def _areas(long: pd.DataFrame) -> pd.DataFrame:
    return long[AREA_COLUMNS].drop_duplicates("area_code").set_index("area_code")


def _ordered(codes: Sequence[str], suffixes: tuple[str, str]) -> list[str]:
    return [column for code in codes for column in (code, code + suffixes[0], code + suffixes[1])]


def _attach(areas: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    wide = areas.join(values.reindex(areas.index))
    for column in [c for c in wide.columns if c.endswith(HIDDEN)]:
        wide[column] = wide[column].astype("boolean").fillna(False).astype(bool)
    return wide.reset_index().rename(columns={"index": "area_code"})
