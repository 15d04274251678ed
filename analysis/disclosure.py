"""Disclosure control for public viewers (PDPA): no number shown to someone who is not signed in may
rest on fewer than `k` households, directly or by arithmetic on what else is shown (differencing a
total, a partition, a linked table, two levels or two years).

The method is a combination, chosen because each half is simple to check and they cover each other:

1. **Suppression of small groups, by structure.** A cell (area x indicator x year) is hidden when the
   households behind its numerator, its complement (denominator - numerator) or its denominator are
   fewer than `k` but not zero. People counts are judged by the households behind them
   (`HOUSEHOLD_BASIS`: target-poor people rest on the target-poor households). Figures derived from
   one group are hidden together (`LINKED`: H, A and M0 share the poor households; the four status
   classes partition the classified households; target-poor people, households and rate share one
   numerator); figures whose denominator is another indicator's count inherit its pattern
   (`DEPENDS_ON`: referral coverage over target-poor households). Within each parent (and each area
   set) the hidden children are then protected against "parent minus the others": while only one is
   hidden, or the hidden add up to fewer than `k`, the child with the smallest positive count goes
   too, the same child for every indicator of a linked group.
2. **Rounding of every published count.** Every numerator that counts households or people, every
   denominator and every count is published rounded to the nearest multiple of `ROUNDING_BASE`, each
   from its own true value (a parent is the rounding of its true total, never the sum of rounded
   children), and a rate is computed from the rounded parts, to `DECIMALS` places. A hidden cell can
   then be approached by subtraction only to within an interval several households wide, never
   pinned, on any page, level or year; the rounding is deterministic, so asking again gives nothing new.

A zero is shown as 0: it discloses nothing about a household. Signed-in officers get none of this.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.units import small_count

DEFAULT_MIN_HOUSEHOLDS = 5
ROUNDING_BASE = 5
COUNT_UNITS = ("percent", "count")
DECIMALS = {"percent": 2, "index": 4, "score": 2, "baht": 0}
TPMAP_RATES = tuple(f"tp_{d}_rate" for d in ("health", "living", "education", "income", "access"))

# Figures resting on one group of households: hidden together, one pattern for all of them.
LINKED = (
    ("mpi_h", "mpi_a", "mpi_m0"),
    ("status_struggling_share", "status_hard_share", "status_getting_by_share", "status_well_share"),
    ("target_poor_households", "target_poor_people", "target_poor_rate"),
)
# Figures whose denominator (or the households behind them) is another figure's count: hidden
# wherever that count is hidden (and possibly elsewhere).
DEPENDS_ON = {
    "referral_coverage": ("target_poor_households",),
    **{code: ("target_poor_households",) for code in TPMAP_RATES},
    "people_surveyed": ("households_surveyed",),
    "welfare_card_rate": ("households_surveyed",),
    "income_per_person": ("households_surveyed",),
}
# A count of households whose complement (the other households of the area) is judged too.
COMPLEMENT_OF = {"target_poor_households": "households_surveyed"}
# A figure per 1,000 households (a community asset's) is divided by the households surveyed of its
# area-year: that cell is its denominator, published, rounded and hidden with it
# (`analysis.assets.public_asset_rows`).
PER_HOUSEHOLDS_SUFFIX = "_per_1000hh"
HOUSEHOLDS_CELL = "households_surveyed"
# People counts judged by the households behind them: the households figure of the same area-year.
HOUSEHOLD_BASIS = {
    "people_surveyed": "households_surveyed",
    "target_poor_people": "target_poor_households",
    "target_poor_rate": "target_poor_households",
}


def companions(codes) -> list[str]:
    """`codes` with every indicator the disclosure rules need beside them (linked groups, the counts
    they depend on), so a figure is hidden the same way whichever indicators a page asks for."""
    wanted = list(dict.fromkeys(codes))
    for code in list(wanted):
        for group in LINKED:
            if code in group:
                wanted += group
        wanted += DEPENDS_ON.get(code, ())
        wanted += [HOUSEHOLD_BASIS[code]] if code in HOUSEHOLD_BASIS else []
        wanted += [COMPLEMENT_OF[code]] if code in COMPLEMENT_OF else []
        wanted += [HOUSEHOLDS_CELL] if str(code).endswith(PER_HOUSEHOLDS_SUFFIX) else []
    wanted = list(dict.fromkeys(wanted))
    return wanted if wanted == list(dict.fromkeys(codes)) else companions(wanted)


def protect(values: pd.DataFrame, k: int | None, base: int = ROUNDING_BASE) -> pd.DataFrame:
    """The one entry point for public figures: `values` (area_code, parent_code, indicator_code,
    year, numerator, denominator, value, aggregation, unit, scale; every sibling of each parent and
    the `companions` of each indicator present) hidden and rounded as the module says, with a boolean
    `suppressed` column. `k` None or 1: returned unchanged (signed-in officers)."""
    result = values.copy()
    if not k or k <= 1 or values.empty:
        result["suppressed"] = False
        return result
    # Rows without data are never hidden (they show as "no data"): the rules run on the others only.
    has_data = (values["numerator"].notna() | values["denominator"].notna()).to_numpy()
    hidden = np.zeros(len(values), bool)
    hidden[has_data] = structural_mask(values[has_data], k)
    result = round_parts(result, base)
    result.loc[hidden, ["value", "numerator", "denominator"]] = np.nan
    result["suppressed"] = hidden
    return result


def structural_mask(values: pd.DataFrame, k: int) -> np.ndarray:
    """True where a row must be hidden: primary rule per row with household bases, linked groups
    and dependencies, then complementary suppression within each parent by pattern."""
    frame = values.reset_index(drop=True)
    primary = suppression_mask(frame, k, frame.get("aggregation"), frame.get("unit"), secondary=False)
    mask = primary.to_numpy(bool) | _basis_mask(frame, k)
    mask = _spread(frame, mask)
    mask = _complementary_by_pattern(frame, mask, k)
    return _spread(frame, mask)


def _key(frame: pd.DataFrame) -> pd.Series:
    """One number per area-year of `frame`."""
    codes, _ = pd.factorize(frame["area_code"].astype(object).to_numpy())
    years, _ = pd.factorize(frame["year"].to_numpy())
    return pd.Series(codes.astype(np.int64) * (years.max(initial=0) + 1) + years, index=frame.index)


def _basis_mask(frame: pd.DataFrame, k: int) -> np.ndarray:
    """Rows whose household basis (or the complement of a household count) is a small count."""
    key = _key(frame)
    counts = pd.to_numeric(frame["numerator"], errors="coerce")
    codes = frame["indicator_code"]

    def count_of(code_per_row: pd.Series) -> np.ndarray:
        lookup = pd.Series(counts.to_numpy(), index=pd.MultiIndex.from_arrays([codes.astype(object), key]))
        lookup = lookup[~lookup.index.duplicated()]
        wanted = pd.MultiIndex.from_arrays(
            [code_per_row.astype(object).fillna("").to_numpy(), key.to_numpy()]
        )
        return lookup.reindex(wanted).to_numpy(float)

    basis = count_of(codes.map(HOUSEHOLD_BASIS))
    complement = count_of(codes.map(COMPLEMENT_OF)) - counts.to_numpy(float)
    with np.errstate(invalid="ignore"):
        return ((basis > 0) & (basis < k)) | ((complement > 0) & (complement < k))


def _spread(frame: pd.DataFrame, mask: np.ndarray) -> np.ndarray:
    """`mask` widened: a linked group hidden together per area-year, dependants where their basis is."""
    mask = mask.copy()
    key = _key(frame)
    codes = frame["indicator_code"]
    for group in LINKED:
        members = codes.isin(group).to_numpy()
        mask |= members & key.isin(key[members & mask]).to_numpy()
    for code, bases in DEPENDS_ON.items():
        basis_hidden = codes.isin(bases).to_numpy() & mask
        mask |= (codes == code).to_numpy() & key.isin(key[basis_hidden]).to_numpy()
    return mask


def _pattern(code: str) -> str:
    return next(("+".join(group) for group in LINKED if code in group), code)


def _complementary_by_pattern(frame: pd.DataFrame, mask: np.ndarray, k: int) -> np.ndarray:
    """Complementary suppression per parent, year and pattern (a linked group counts as one table,
    judged by its smallest count), so the same siblings are hidden under every linked indicator."""
    numerator = pd.to_numeric(frame["numerator"], errors="coerce")
    units = frame["unit"] if "unit" in frame else pd.Series("count", index=frame.index)
    counted = units.isin(COUNT_UNITS) & (numerator.isna() | (numerator == numerator.round()))
    basis = numerator.where(counted, pd.to_numeric(frame["denominator"], errors="coerce"))
    units_frame = pd.DataFrame(
        {
            "parent_code": frame["parent_code"].fillna("TH").to_numpy(),
            "area_code": frame["area_code"].to_numpy(),
            "year": frame["year"].to_numpy(),
            "pattern": frame["indicator_code"].map(_pattern).to_numpy(),
            "basis": basis.fillna(0).to_numpy(),
            "hidden": mask,
        }
    )
    cells = units_frame.groupby(["parent_code", "pattern", "year", "area_code"], sort=False).agg(
        basis=("basis", "min"), hidden=("hidden", "any")
    )
    cells = cells.reset_index().rename(columns={"pattern": "indicator_code"})
    widened = _complementary(cells, cells["basis"].to_numpy(float), cells["hidden"].to_numpy(bool).copy(), k)
    cells["hidden"] = widened
    hidden = cells.set_index(["parent_code", "indicator_code", "year", "area_code"])["hidden"]
    index = pd.MultiIndex.from_arrays(
        [units_frame["parent_code"], units_frame["pattern"], units_frame["year"], units_frame["area_code"]]
    )
    return mask | hidden.reindex(index).fillna(False).to_numpy(bool)


def round_parts(values: pd.DataFrame, base: int = ROUNDING_BASE) -> pd.DataFrame:
    """Counts rounded to `base` (numerators that count, every denominator, every count) and the value
    recomputed from the rounded parts, to `DECIMALS` places; a numerator that is not a count (a score
    or amount) becomes value x rounded denominator, so the parts still give the value shown."""
    result = values.copy()
    numerator = pd.to_numeric(result["numerator"], errors="coerce").astype(float)
    denominator = pd.to_numeric(result["denominator"], errors="coerce").astype(float)
    unit = result["unit"].astype(str) if "unit" in result else pd.Series("count", index=result.index)
    is_sum = (result["aggregation"] == "sum") if "aggregation" in result else denominator.isna()
    scale = pd.to_numeric(result["scale"], errors="coerce").fillna(1.0) if "scale" in result else 1.0
    counted = unit.isin(COUNT_UNITS) & (numerator.isna() | (numerator == numerator.round()))
    den = round_count(denominator, base)
    num = numerator.where(~counted, round_count(numerator, base))
    with np.errstate(divide="ignore", invalid="ignore"):
        true_value = np.where(denominator > 0, scale * numerator / denominator, np.nan)
        from_rounded = np.where(den > 0, scale * num / den, np.nan)
    decimals = unit.map(DECIMALS).fillna(2).astype(int).to_numpy()
    value = np.where(counted, from_rounded, true_value)
    for places in np.unique(decimals):
        value = np.where(decimals == places, np.round(value, places), value)
    value = pd.Series(value, index=result.index)
    value = value.where(~is_sum, num)
    num = num.where(counted | is_sum, value * den / scale)
    result["numerator"], result["denominator"], result["value"] = num, den, value.astype(float)
    return result


def round_count(counts, base: int = ROUNDING_BASE):
    """Nearest multiple of `base` (halves up); NaN stays NaN.

    >>> round_count(pd.Series([0.0, 2.0, 3.0, 12.0, 13.0])).tolist()
    [0.0, 0.0, 5.0, 10.0, 15.0]
    """
    if base <= 1:
        return counts
    if isinstance(counts, pd.Series):
        return np.floor(pd.to_numeric(counts, errors="coerce").astype(float) / base + 0.5) * base
    return np.floor(np.asarray(counts, float) / base + 0.5) * base


def suppression_mask(
    values: pd.DataFrame,
    k: int,
    aggregation: pd.Series | None = None,
    units: pd.Series | None = None,
    secondary: bool = True,
) -> pd.Series:
    """The primary rule per row of `values` (parent_code, indicator_code, year, numerator,
    denominator), and with `secondary` the complementary rule within each parent, indicator and year.
    `aggregation` ('ratio' or 'sum') marks counts, which have no denominator; `units` (catalogue
    units) tells which numerators can be counts; rows without data are never marked.

    >>> rows = pd.DataFrame({"parent_code": "2401", "indicator_code": "x", "year": 2566,
    ...                      "numerator": [2.0, 40.0, 30.0, 0.0], "denominator": [50.0, 60.0, 90.0, 10.0]})
    >>> suppression_mask(rows, 5).tolist()  # 2 is small; 30, the smallest other positive, goes too
    [True, False, True, False]
    """
    if k <= 1 or values.empty:
        return pd.Series(False, index=values.index)
    numerator = pd.to_numeric(values["numerator"], errors="coerce").to_numpy(float)
    denominator = pd.to_numeric(values["denominator"], errors="coerce").to_numpy(float)
    is_ratio = np.ones(len(values), bool) if aggregation is None else (np.asarray(aggregation) != "sum")
    counted = np.ones(len(values), bool) if units is None else np.isin(np.asarray(units), COUNT_UNITS)
    counted &= np.isnan(numerator) | (numerator == np.round(numerator))
    with np.errstate(invalid="ignore"):
        small = counted & (numerator > 0) & (numerator < k)
        rest = denominator - numerator
        small |= counted & is_ratio & (rest > 0) & (rest < k)
        small |= is_ratio & (denominator > 0) & (denominator < k)
    if not secondary:
        return pd.Series(small, index=values.index)
    # What differencing would reveal: the count itself, or for a non-count value the units behind it.
    basis = np.where(counted, numerator, denominator)
    return pd.Series(_complementary(values, basis, small.copy(), k), index=values.index)


def complete_suppression(values: pd.DataFrame, hidden: pd.Series, k: int) -> pd.Series:
    """`hidden` widened so that no group of `values` (by parent_code, linked pattern, year; parts not
    yet emptied) gives a hidden cell away by differencing: used when areas are shown as members of a
    group other than their parent, e.g. the tambons of an area set beside the set's total."""
    frame = values.reset_index(drop=True)
    mask = _complementary_by_pattern(frame, hidden.to_numpy(bool), k)
    return pd.Series(_spread(frame, mask), index=values.index)


def _complementary(values: pd.DataFrame, numerator: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    groups = values.groupby(
        [values["parent_code"].fillna("TH"), values["indicator_code"], values["year"]], sort=False
    ).indices
    for rows in groups.values():
        hidden = mask[rows]
        if not hidden.any():
            continue
        counts = np.nan_to_num(numerator[rows])
        order = [i for i in np.argsort(counts, kind="stable") if not hidden[i] and counts[i] > 0]
        while order and (hidden.sum() == 1 or counts[hidden].sum() < k):
            hidden[order.pop(0)] = True
        mask[rows] = hidden
    return mask


def apply_suppression(
    values: pd.DataFrame, k: int, aggregation: pd.Series | None = None, units: pd.Series | None = None
) -> pd.DataFrame:
    """`protect` for a frame that carries its catalogue facts apart (`aggregation`, `units` aligned
    with `values`): hidden rows emptied, the rest rounded, a boolean `suppressed` column."""
    frame = values.copy()
    if aggregation is not None:
        frame["aggregation"] = np.asarray(aggregation)
    if units is not None:
        frame["unit"] = np.asarray(units)
    if "area_code" not in frame:
        frame["area_code"] = frame.get("parent_code", "TH")
    if "scale" not in frame:
        frame["scale"] = _implied_scale(frame)
    shown = protect(frame, k)
    return shown[[*values.columns, "suppressed"]]


def _implied_scale(frame: pd.DataFrame) -> pd.Series:
    """The catalogue scale a row's value was computed with (100 for a percentage, else 1)."""
    unit = frame["unit"] if "unit" in frame else pd.Series("percent", index=frame.index)
    return pd.Series(np.where(unit.astype(str) == "percent", 100.0, 1.0), index=frame.index)


def protection_note(k: int | None, lang: str, short: bool = False) -> str:
    """The line every export carries: how small counts were protected for this viewer (or that the
    figures are exact, for a signed-in officer)."""
    en = lang == "en"
    if not k or k <= 1:
        if en:
            return "Exact figures for a signed-in officer: small counts not protected; do not publish."
        return "ตัวเลขจริงสำหรับเจ้าหน้าที่ที่เข้าสู่ระบบ: ไม่ได้ปกปิดตัวเลขขนาดเล็ก ห้ามเผยแพร่"
    hidden = small_count(k)
    if short:
        if en:
            return f"Small counts protected: {hidden} households hidden, counts rounded to {ROUNDING_BASE}"
        return f"ปกป้องตัวเลขขนาดเล็ก: ต่ำกว่า {k} ครัวเรือนปกปิด จำนวนปัดเป็นพหุคูณของ {ROUNDING_BASE}"
    if en:
        return (
            f"Small counts protected: figures resting on fewer than {k} households are hidden ({hidden}) "
            "together with the figures that would give them away; counts are rounded to the nearest "
            f"{ROUNDING_BASE} and rates computed from the rounded counts."
        )
    return (
        f"ปกป้องตัวเลขขนาดเล็ก: ตัวเลขที่มาจากครัวเรือนน้อยกว่า {k} ครัวเรือนถูกปกปิด ({hidden}) "
        f"พร้อมตัวเลขที่ใช้คำนวณย้อนได้ จำนวนทุกตัวปัดเป็นพหุคูณของ {ROUNDING_BASE} ที่ใกล้ที่สุด "
        "และอัตราคำนวณจากจำนวนที่ปัดแล้ว"
    )
