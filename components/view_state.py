"""The map view as small, validated values, read from and written to the URL.

Parameter names are shared by every page: province, amphoe, tambon (codes), level
(province|amphoe|tambon), indicator (catalogue code), year (Buddhist Era), scheme, k, lang; the map
adds compare (none|years|indicators|change|hotspots), year2, indicator2, breaks (comma-separated), labels and
basemap (1 = draw tiles from the configured tile server; off by default, the map never needs it).
Pure functions (no Streamlit) so every rule is unit-tested.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from analysis.levels import LEVELS
from geo.classify import MAX_CLASSES, MIN_CLASSES, SCHEMES

COMPARE_MODES = ("none", "years", "indicators", "change", "hotspots")
DEFAULT_INDICATOR = "target_poor_rate"


@dataclass(frozen=True)
class Choices:
    """What the database offers: valid codes and defaults."""

    provinces: list[str]  # provinces with data first
    provinces_with_data: set[str]
    amphoes: dict[str, list[str]]  # province -> its amphoe codes
    tambons: set[str]
    indicators: list[str]
    years: list[int]

    @property
    def default_province(self) -> str | None:
        return self.provinces[0] if self.provinces_with_data else None


def choices_from(areas, provinces_with_data, indicators: list[str], years: list[int]) -> Choices:
    """Choices from the area list (code, level, parent_code), the provinces with data, the catalogue's
    codes and the survey years: provinces with data first."""
    with_data = set(provinces_with_data)
    provinces = areas.loc[areas["level"] == "province", "code"].tolist()
    provinces.sort(key=lambda code: (code not in with_data, code))
    amphoes = areas[areas["level"] == "amphoe"]
    return Choices(
        provinces=provinces,
        provinces_with_data=with_data,
        amphoes=amphoes.groupby("parent_code")["code"].apply(list).to_dict(),
        tambons=set(areas.loc[areas["level"] == "tambon", "code"]),
        indicators=list(indicators),
        years=list(years),
    )


@dataclass(frozen=True)
class MapView:
    province: str | None = None
    amphoe: str | None = None
    tambon: str | None = None
    level: str = "tambon"
    indicator: str = DEFAULT_INDICATOR
    year: int | None = None
    scheme: str = "quantiles"
    k: int = 5
    compare: str = "none"
    year2: int | None = None
    indicator2: str | None = None
    breaks: tuple[float, ...] = field(default_factory=tuple)
    labels: bool = False
    basemap: bool = False


def default_view(choices: Choices) -> MapView:
    indicator = (
        DEFAULT_INDICATOR if DEFAULT_INDICATOR in choices.indicators else (choices.indicators or [""])[0]
    )
    return MapView(
        province=choices.default_province,
        indicator=indicator,
        year=choices.years[-1] if choices.years else None,
    )


def parse_view(params: Mapping[str, str], choices: Choices) -> tuple[MapView, list[tuple[str, str]]]:
    """A valid view from URL parameters; each invalid parameter falls back to its default and is
    reported as (name, value) so the page can show a notice."""
    view = default_view(choices)
    notices: list[tuple[str, str]] = []
    updates: dict = {}

    def bad(name: str) -> None:
        notices.append((name, str(params[name])))

    if "province" in params:
        if params["province"] in choices.provinces:
            updates["province"] = params["province"]
        elif params["province"] in ("", "all", "TH"):
            updates["province"] = None
        else:
            bad("province")
    province = updates.get("province", view.province)
    if "amphoe" in params and params["amphoe"]:
        if province and params["amphoe"] in choices.amphoes.get(province, []):
            updates["amphoe"] = params["amphoe"]
        else:
            bad("amphoe")
    if "tambon" in params and params["tambon"]:
        tambon = params["tambon"]
        if province and tambon in choices.tambons and tambon.startswith(province):
            updates["tambon"] = tambon
        else:
            bad("tambon")
    _choose(params, "level", LEVELS, updates, bad)
    _choose(params, "indicator", choices.indicators, updates, bad)
    _choose(params, "indicator2", choices.indicators, updates, bad)
    _choose(params, "scheme", SCHEMES, updates, bad)
    _choose(params, "compare", COMPARE_MODES, updates, bad)
    for name in ("year", "year2"):
        if name in params:
            year = _int(params[name])
            if year in choices.years:
                updates[name] = year
            else:
                bad(name)
    if "k" in params:
        k = _int(params["k"])
        if k is not None and MIN_CLASSES <= k <= MAX_CLASSES:
            updates["k"] = k
        else:
            bad("k")
    if "breaks" in params and params["breaks"]:
        breaks = parse_breaks(params["breaks"])
        if breaks is None:
            bad("breaks")
        else:
            updates["breaks"] = breaks
    for name in ("labels", "basemap"):
        if name in params:
            updates[name] = params[name] in ("1", "true", "on")
    return normalise(replace(view, **updates), choices), notices


def normalise(view: MapView, choices: Choices) -> MapView:
    """Make the parts agree: an amphoe belongs to the province and forces tambon level; a tambon lies in
    the view; a country view has no amphoe or tambon; compare partners exist and differ."""
    province = view.province if view.province in choices.provinces else None
    amphoe = view.amphoe if province and view.amphoe in choices.amphoes.get(province, []) else None
    tambon = view.tambon if province and view.tambon in choices.tambons else None
    if tambon and not tambon.startswith(amphoe or province):
        tambon = None
    level = view.level if view.level in LEVELS else "tambon"
    if province and level == "province":
        level = "amphoe"
    if amphoe or tambon:
        level = "tambon"
    if tambon and not amphoe:
        amphoe = tambon[:4]
    year = view.year if view.year in choices.years else (choices.years[-1] if choices.years else None)
    year2 = view.year2 if view.year2 in choices.years and view.year2 != year else None
    if view.compare in ("years", "change") and year2 is None:
        year2 = next((y for y in reversed(choices.years) if y != year), None)
    indicator2 = view.indicator2 if view.indicator2 in choices.indicators else None
    if view.compare == "indicators" and indicator2 is None:
        indicator2 = next((c for c in choices.indicators if c != view.indicator), None)
    compare = view.compare if view.compare in COMPARE_MODES else "none"
    if compare in ("years", "change") and year2 is None:
        compare = "none"
    return replace(
        view,
        province=province,
        amphoe=amphoe,
        tambon=tambon,
        level=level,
        year=year,
        year2=year2,
        indicator2=indicator2,
        compare=compare,
        k=min(max(int(view.k), MIN_CLASSES), MAX_CLASSES),
    )


def view_to_params(view: MapView, lang: str) -> dict[str, str]:
    """URL parameters for `view` (only what is set), so a copied link restores it."""
    params = {
        "lang": lang,
        "level": view.level,
        "indicator": view.indicator,
        "scheme": view.scheme,
        "k": str(view.k),
    }
    if view.year is not None:
        params["year"] = str(view.year)
    params["province"] = view.province or "all"
    for name in ("amphoe", "tambon"):
        if getattr(view, name):
            params[name] = getattr(view, name)
    if view.compare != "none":
        params["compare"] = view.compare
        if view.compare in ("years", "change") and view.year2:
            params["year2"] = str(view.year2)
        if view.compare == "indicators" and view.indicator2:
            params["indicator2"] = view.indicator2
    if view.scheme == "manual" and view.breaks:
        params["breaks"] = ",".join(f"{b:g}" for b in view.breaks)
    if view.labels:
        params["labels"] = "1"
    if view.basemap:
        params["basemap"] = "1"
    return params


def apply_click(view: MapView, code: str, choices: Choices) -> MapView:
    """Clicking an area drills down: a province opens its amphoe, an amphoe its tambons, a tambon its
    detail panel."""
    if len(code) == 2 and code in choices.provinces:
        return normalise(replace(view, province=code, amphoe=None, tambon=None, level="amphoe"), choices)
    if len(code) == 4:
        return normalise(replace(view, province=code[:2], amphoe=code, tambon=None, level="tambon"), choices)
    if len(code) == 6:
        return normalise(replace(view, province=code[:2], tambon=code), choices)
    return view


def up_one_level(view: MapView) -> MapView:
    """Tambon detail -> its amphoe; amphoe -> its province; province -> the country."""
    if view.tambon:
        return replace(view, tambon=None)
    if view.amphoe:
        return replace(view, amphoe=None, level="amphoe")
    if view.province:
        return replace(view, province=None, level="province")
    return view


def map_extent(view: MapView) -> tuple[str, str | None, str]:
    """(level shown, parent code for the roll-up, code prefix the browser keeps) for the view."""
    if view.amphoe:
        return "tambon", view.amphoe, view.amphoe
    if view.province:
        return view.level, view.province, view.province
    return view.level, None, ""


def parse_breaks(text: str) -> tuple[float, ...] | None:
    """'1, 2.5, 5' -> (1.0, 2.5, 5.0); None when a part is not a number or they do not increase."""
    try:
        values = tuple(float(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        return None
    if not values or any(b <= a for a, b in zip(values, values[1:])):
        return None
    return values


def _choose(params, name, allowed, updates, bad) -> None:
    if name in params:
        if params[name] in allowed:
            updates[name] = params[name]
        else:
            bad(name)


def _int(text) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None
