"""Choropleth classification shared by the map, the legend, PNG exports and tables, so they all agree.

Pure computation: no Streamlit, no folium. `classify` bins one map's values with a mapclassify scheme,
`classify_change` bins year-on-year differences on a symmetric diverging scale, `shared_classification`
and `apply_classification` put several maps on the same classes, `legend_rows` turns the result into text
(numbers through `analysis.units`). Areas without a value (NaN, None, ±inf) get class -1 and `NO_DATA_COLOR`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import mapclassify
import numpy as np
import pandas as pd

from analysis.local_names import in_language
from analysis.units import DECIMALS, LANGS, NO_DATA_LABEL, UNITS, UnitError, plain_number, unit_suffix

SCHEMES = ("quantiles", "natural_breaks", "equal_interval", "manual")
CHANGE_SCHEME = "change"  # the `scheme` of a classify_change result; not a choice for classify
POLARITIES = ("higher_worse", "higher_better")
MIN_CLASSES, MAX_CLASSES = 3, 7
NO_DATA_COLOR = "#d9d9d9"
# FisherJenks is O(n²) in pure Python (numba is not a dependency): ~1 s at 1,000 values, ~50 s for all
# 7,255 tambons. Above this size it runs on evenly spaced order statistics (which keep min and max), and
# each break is then moved to the widest gap in the full data up to the next sampled value.
NATURAL_BREAKS_MAX_N = 1000


# Colour schemes from ColorBrewer 2.0 (colorbrewer2.org) by Cynthia A. Brewer, Pennsylvania State
# University, licensed under the Apache License 2.0 (Apache-style). Each k has its own published list;
# a k-class map must not use a slice of the 7-class list. Lists run light -> dark (RdBu: red -> blue).
YLORRD = {
    3: ("#ffeda0", "#feb24c", "#f03b20"),
    4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
    5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
    6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
    7: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
}
RDBU = {
    3: ("#ef8a62", "#f7f7f7", "#67a9cf"),
    4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
    5: ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
    6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
    7: ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
}


class ClassificationError(UnitError):
    """Invalid classification or formatting input; `message_th` and `message_en` list the valid choices."""


@dataclass(frozen=True, eq=False)  # eq=False: a Series field makes generated __eq__/__hash__ raise
class Classification:
    """One map's classes. Class i holds values in (bounds[i], bounds[i+1]]; class 0 also holds bounds[0].

    `bounds` has k+1 edges from the data minimum to the maximum (manual: the user's breaks, extended to
    the data; change: -m..m, see `classify_change`). `colors[i]` is the colour of class i, oriented so
    the worst class is the strongest. `classes` has the input's index; -1 means no data. `k` is 0 when
    no area has a value: no bounds, no colours, every area -1.
    """

    scheme: str
    k: int
    requested_k: int
    bounds: tuple[float, ...]
    classes: pd.Series
    colors: tuple[str, ...]
    counts: tuple[int, ...]
    no_data_count: int
    polarity: str

    def color_of(self) -> pd.Series:
        """Hex colour per area (same index as `classes`), `NO_DATA_COLOR` for class -1."""
        palette = np.array([*self.colors, NO_DATA_COLOR])  # class -1 picks the last entry
        return pd.Series(palette[self.classes.to_numpy()], index=self.classes.index, name="color")


def classify(
    values: pd.Series,
    scheme: str = "quantiles",
    k: int = 5,
    polarity: str = "higher_worse",
    manual_breaks: Sequence[float] | None = None,
) -> Classification:
    """Classify one map's values with a mapclassify scheme; NaN values are left out and get class -1.

    With no more distinct values than `k`, quantiles and natural breaks give one class per value (the
    first class is [min, min]) and equal interval uses that many classes; quantile ties elsewhere can
    also leave fewer classes than asked.
    `manual` uses `manual_breaks` as class upper bounds (k is then ignored and `requested_k` is the
    number of breaks); when the last break is below the maximum, the maximum is appended as one more
    class. Colours are ColorBrewer YlOrRd, dark for high values when `higher_worse`, reversed (dark for
    low values) when `higher_better`: one ramp for every map keeps "dark red = worse" true across the
    atlas and leaves blue to mean "better" on change maps.

    >>> import pandas as pd
    >>> c = classify(pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, None]), "quantiles", k=5)
    >>> [round(b, 2) for b in c.bounds]
    [1.0, 2.8, 4.6, 6.4, 8.2, 10.0]
    >>> c.classes.tolist()
    [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, -1]
    >>> c.counts, c.no_data_count, c.colors[-1]
    ((2, 2, 2, 2, 2), 1, '#bd0026')
    """
    _check_choice(scheme, SCHEMES, "วิธีแบ่งช่วง", "classification scheme")
    _check_k(k)
    _check_choice(polarity, POLARITIES, "ทิศทางของตัวชี้วัด", "polarity")
    breaks = _check_manual_breaks(manual_breaks) if scheme == "manual" else None
    y = _as_float(values)
    present = y[~np.isnan(y)]
    requested_k = len(breaks) if breaks is not None else k
    if present.size == 0:
        return _build(scheme, requested_k, (), y, values.index, polarity)
    low, high = float(present.min()), float(present.max())
    if breaks is not None:
        bins = list(_scheme_bins(scheme, present, len(breaks), breaks))
        if len(bins) > MAX_CLASSES:
            raise ClassificationError(
                f"ค่าขอบช่วงสุดท้าย {breaks[-1]:g} ต่ำกว่าค่าสูงสุด {high:g} จึงต้องเพิ่มอีกหนึ่งช่วง "
                f"ทำให้เกิน {MAX_CLASSES} ช่วง",
                f"The last break {breaks[-1]:g} is below the maximum {high:g}, which adds a class beyond "
                f"the maximum of {MAX_CLASSES} classes",
            )
        bounds = (min(low, bins[0]), *bins)
    elif low == high:
        bounds = (low, high)
    elif (distinct := np.unique(present)).size <= k and scheme != "equal_interval":
        bounds = (low, *distinct)  # one class per value; quantile ties would merge some of them
    else:
        bounds = (low, *_scheme_bins(scheme, present, min(k, distinct.size))[:-1], high)
    return _build(scheme, requested_k, tuple(float(b) for b in bounds), y, values.index, polarity)


def classify_change(differences: pd.Series, k: int = 5, polarity: str = "higher_worse") -> Classification:
    """Classify changes (value in year B minus year A) on a symmetric diverging scale around 0.

    The edges are equal intervals on [-m, m], m = the largest absolute change, so the legend is
    symmetric and empty classes on one side are expected (k is not reduced). Binning is mirrored so that
    -d and d always land in mirrored classes: the negative side holds [bounds[i], bounds[i+1]) and an
    odd k's neutral middle class is closed, [-m/k, m/k]. With an even k, 0 is an edge and a zero change
    goes to the lightest class on the better side. Colours are ColorBrewer RdBu: the worse direction
    (up for higher_worse, down for higher_better) is red, the better direction blue. All changes zero:
    one neutral class. `scheme` of the result is "change".
    """
    _check_k(k)
    _check_choice(polarity, POLARITIES, "ทิศทางของตัวชี้วัด", "polarity")
    y = _as_float(differences)
    present = y[~np.isnan(y)]
    if present.size == 0:
        return _build(CHANGE_SCHEME, k, (), y, differences.index, polarity)
    m = float(np.abs(present).max())
    if m == 0:
        return _build(CHANGE_SCHEME, k, (0.0, 0.0), y, differences.index, polarity)
    # Positive edges only, mirrored, so -b and b are exactly opposite floats.
    positive = [m * step / k for step in range(2 - k % 2, k, 2)] + [m]
    middle = [0.0] if k % 2 == 0 else []
    bounds = tuple(-b for b in reversed(positive)) + tuple(middle) + tuple(positive)
    return _build(CHANGE_SCHEME, k, bounds, y, differences.index, polarity)


def shared_classification(
    series_list: list[pd.Series],
    scheme: str,
    k: int,
    polarity: str,
    manual_breaks: Sequence[float] | None = None,
) -> Classification:
    """One classification over the union of several maps' values, to compare them with the same classes.

    The result's `classes` and `counts` cover the union (index: (position in `series_list`, original
    index)); draw each map with `apply_classification(result, series)`.
    """
    if not series_list:
        raise ClassificationError("ต้องมีข้อมูลอย่างน้อยหนึ่งชุด", "shared_classification needs at least one series")
    union = pd.concat(list(series_list), keys=range(len(series_list)))
    return classify(union, scheme, k, polarity, manual_breaks)


def apply_classification(classification: Classification, values: pd.Series) -> Classification:
    """Re-bin other values with the same bounds, colours and rules; values beyond the bounds go to the
    end class on their side. A classification with no classes (k=0) gives every area -1."""
    c = classification
    return _build(c.scheme, c.requested_k, c.bounds, _as_float(values), values.index, c.polarity)


def legend_rows(c: Classification, unit: str, lang: str) -> list[dict]:
    """Rows {"label", "color", "count"} from the lowest class up, then the no-data row (always present).

    Labels read "low – high unit"; a class of zero width shows its one value. Decimals start at the
    unit's default and grow (up to 4 more) until distinct edges print distinctly.
    """
    _check_choice(unit, UNITS, "หน่วย", "unit")
    _check_choice(lang, LANGS, "ภาษา", "language")
    decimals = _legend_decimals(c.bounds, unit)
    rows = []
    for i in range(c.k):
        low, high = c.bounds[i], c.bounds[i + 1]
        number = plain_number(low, decimals)
        if high != low:
            number += f" – {plain_number(high, decimals)}"
        rows.append({"label": number + unit_suffix(unit, lang), "color": c.colors[i], "count": c.counts[i]})
    rows.append({"label": in_language(NO_DATA_LABEL, lang), "color": NO_DATA_COLOR, "count": c.no_data_count})
    return rows


def _build(scheme, requested_k, bounds, y, index, polarity) -> Classification:
    k = max(len(bounds) - 1, 0)
    classes = np.full(y.shape, -1, dtype=np.int64)
    present = ~np.isnan(y)
    if k:
        inner = np.asarray(bounds[1:-1])
        if scheme == CHANGE_SCHEME:
            magnitude = np.searchsorted(inner, np.abs(y[present]), side="left")
            classes[present] = np.where(y[present] < 0, k - 1 - magnitude, magnitude)
            if k % 2 == 0 and polarity == "higher_better":
                classes[present & (y == 0)] = k // 2  # zero change is not worse: better (upper) side
        else:
            classes[present] = np.searchsorted(inner, y[present], side="left")
    if scheme == CHANGE_SCHEME:  # RdBu runs red -> blue; red must sit on the worse side
        colors = _ramp(RDBU, k) if polarity == "higher_better" else _ramp(RDBU, k)[::-1]
    else:
        colors = _ramp(YLORRD, k) if polarity == "higher_worse" else _ramp(YLORRD, k)[::-1]
    counts = np.bincount(classes[classes >= 0], minlength=k)
    return Classification(
        scheme=scheme,
        k=k,
        requested_k=requested_k,
        bounds=bounds,
        classes=pd.Series(classes, index=index, name="class"),
        colors=colors,
        counts=tuple(int(n) for n in counts),
        no_data_count=int((classes == -1).sum()),
        polarity=polarity,
    )


def _scheme_bins(scheme: str, y: np.ndarray, k: int, breaks: tuple[float, ...] = ()) -> np.ndarray:
    """mapclassify upper bounds; its warnings (numba missing, ties shrinking k) are expected here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if scheme == "manual":  # UserDefined appends the maximum when the last break is below it
            return mapclassify.UserDefined(y, bins=list(breaks)).bins
        if scheme == "quantiles":
            return np.unique(mapclassify.Quantiles(y, k=k).bins)
        if scheme == "equal_interval":
            return mapclassify.EqualInterval(y, k=k).bins
        if y.size <= NATURAL_BREAKS_MAX_N:
            return np.unique(mapclassify.FisherJenks(y, k=k).bins)
        ordered = np.sort(y)
        sample = ordered[np.linspace(0, y.size - 1, NATURAL_BREAKS_MAX_N).round().astype(int)]
        bins = np.unique(mapclassify.FisherJenks(sample, k=min(k, np.unique(sample).size)).bins)
        return np.array([*(_widest_gap(ordered, sample, b) for b in bins[:-1]), bins[-1]])


def _widest_gap(ordered: np.ndarray, sample: np.ndarray, upper: float) -> float:
    """A break found on the sample, moved to the widest gap in the data before the next sampled value,
    so values the sample skipped between two clusters join the right one."""
    following = sample[np.searchsorted(sample, upper, side="right")]
    segment = ordered[np.searchsorted(ordered, upper) : np.searchsorted(ordered, following) + 1]
    return float(segment[np.argmax(np.diff(segment))])


def _ramp(table: dict[int, tuple[str, ...]], k: int) -> tuple[str, ...]:
    """The ColorBrewer k-class list; below 3 classes (too few values): ends or middle of the 3-list."""
    if k >= MIN_CLASSES:
        return table[k]
    return {0: (), 1: (table[3][1],), 2: (table[3][0], table[3][2])}[k]


def _as_float(values: pd.Series) -> np.ndarray:
    try:
        y = pd.to_numeric(values, errors="raise").astype(float).to_numpy(copy=True)
    except (ValueError, TypeError) as error:
        raise ClassificationError(
            f"ค่าของตัวชี้วัดต้องเป็นตัวเลข ({error})", f"Values to classify must be numeric ({error})"
        ) from error
    y[np.isinf(y)] = np.nan
    return y


def _check_choice(value, choices: tuple[str, ...], what_th: str, what_en: str) -> None:
    if value not in choices:
        listed = ", ".join(choices)
        raise ClassificationError(
            f"{what_th} {value!r} ไม่ถูกต้อง เลือกได้จาก: {listed}",
            f"Unknown {what_en} {value!r}; choose one of: {listed}",
        )


def _check_k(k) -> None:
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not MIN_CLASSES <= k <= MAX_CLASSES:
        raise ClassificationError(
            f"จำนวนช่วงต้องเป็นจำนวนเต็มตั้งแต่ {MIN_CLASSES} ถึง {MAX_CLASSES} (ได้รับ {k!r})",
            f"The number of classes must be an integer from {MIN_CLASSES} to {MAX_CLASSES} (got {k!r})",
        )


def _check_manual_breaks(breaks) -> tuple[float, ...]:
    valid = "1-7 finite numbers in increasing order, each the upper bound of a class"
    valid_th = "ตัวเลข 1-7 ค่า เรียงจากน้อยไปมาก แต่ละค่าคือขอบบนของช่วง"
    if not hasattr(breaks, "__len__") or isinstance(breaks, str) or not 1 <= len(breaks) <= MAX_CLASSES:
        raise ClassificationError(
            f"วิธี manual ต้องระบุค่าขอบช่วง (manual_breaks) เป็น{valid_th} (ได้รับ {breaks!r})",
            f"The manual scheme needs manual_breaks: {valid} (got {breaks!r})",
        )
    if not all(isinstance(b, Real) and not isinstance(b, bool) and math.isfinite(b) for b in breaks):
        raise ClassificationError(
            f"ค่าขอบช่วงต้องเป็นตัวเลขทั้งหมด: {valid_th} (ได้รับ {list(breaks)!r})",
            f"Manual breaks must all be numbers: {valid} (got {list(breaks)!r})",
        )
    result = tuple(float(b) for b in breaks)
    if len(set(result)) < len(result):
        raise ClassificationError(
            f"ค่าขอบช่วงซ้ำกัน: {valid_th} (ได้รับ {list(result)})",
            f"Manual breaks contain duplicates: {valid} (got {list(result)})",
        )
    if list(result) != sorted(result):
        raise ClassificationError(
            f"ค่าขอบช่วงไม่ได้เรียงจากน้อยไปมาก: {valid_th} (ได้รับ {list(result)})",
            f"Manual breaks are not in increasing order: {valid} (got {list(result)})",
        )
    return result


def _legend_decimals(bounds: tuple[float, ...], unit: str) -> int:
    decimals = DECIMALS[unit]
    distinct = len(set(bounds))
    while decimals < DECIMALS[unit] + 4 and len({round(b, decimals) for b in bounds}) < distinct:
        decimals += 1
    return decimals
