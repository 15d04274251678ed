"""The map's view: the place (see `geography`) plus indicator, scheme, k, compare (none|years|
indicators|change|hotspots), year2, indicator2, breaks (comma-separated), labels, basemap (1 = draw
tiles from the configured tile server; off by default, the map never needs it) and points (the
community-asset categories shown as points, comma-separated codes). Pure, unit-tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from components.view.fields import (
    AS_FLAG,
    AS_LIST,
    Codec,
    Field,
    Invalid,
    Screen,
    code_list,
    flag,
    int_between,
    one_of,
    optional_year,
)
from components.view.fields import indicator as parse_indicator
from components.view.geography import Choices, geography_fields, normalise_area, set_field
from geo.classify import MAX_CLASSES, MIN_CLASSES, SCHEMES

COMPARE_MODES = ("none", "years", "indicators", "change", "hotspots")
DEFAULT_INDICATOR = "target_poor_rate"


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
    points: tuple[str, ...] = field(default_factory=tuple)
    set: int | None = None


def default_indicator(choices: Choices) -> str:
    return DEFAULT_INDICATOR if DEFAULT_INDICATOR in choices.indicators else (choices.indicators or [""])[0]


def parse_breaks(text: str) -> tuple[float, ...] | None:
    """'1, 2.5, 5' -> (1.0, 2.5, 5.0); None when a part is not a number or they do not increase."""
    try:
        values = tuple(float(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        return None
    if not values or any(b <= a for a, b in zip(values, values[1:])):
        return None
    return values


def _breaks(text: str, context) -> tuple[float, ...]:
    if not text:
        return ()
    breaks = parse_breaks(text)
    if breaks is None:
        raise Invalid(text)
    return breaks


def _breaks_text(breaks: tuple[float, ...]) -> str:
    return ",".join(f"{b:g}" for b in breaks)


def _optional_indicator(text: str, context) -> str | None:
    return parse_indicator(text, context)


def normalise(view: MapView, choices: Choices) -> MapView:
    """Make the parts agree: the place by `normalise_area`; compare partners exist and differ; k within
    its bounds."""
    view = normalise_area(view, choices)
    year = view.year
    year2 = view.year2 if view.year2 in choices.years and view.year2 != year else None
    if view.compare in ("years", "change") and year2 is None:
        year2 = next((y for y in reversed(choices.years) if y != year), None)
    indicator2 = view.indicator2 if view.indicator2 in choices.indicators else None
    if view.compare == "indicators" and indicator2 is None:
        indicator2 = next((c for c in choices.indicators if c != view.indicator), None)
    compare = view.compare if view.compare in COMPARE_MODES else "none"
    points = tuple(code for code in choices.asset_categories if code in view.points)
    if compare in ("years", "change") and year2 is None:
        compare = "none"
    return replace(
        view,
        year2=year2,
        indicator2=indicator2,
        compare=compare,
        points=points,
        k=min(max(int(view.k), MIN_CLASSES), MAX_CLASSES),
    )


MAP = Screen(
    "map",
    MapView,
    (
        *geography_fields("map"),
        Field("indicator", "map_indicator", parse_indicator, default=default_indicator),
        Field("scheme", "map_scheme", one_of(SCHEMES), default="quantiles"),
        Field("k", "map_k", int_between(MIN_CLASSES, MAX_CLASSES), default=5, write=str),
        Field(
            "compare",
            "map_compare",
            one_of(COMPARE_MODES),
            default="none",
            write=lambda m: None if m == "none" else m,
        ),
        Field("year2", "map_year2", optional_year, shown=lambda v: v.compare in ("years", "change")),
        Field("indicator2", "map_indicator2", _optional_indicator, shown=lambda v: v.compare == "indicators"),
        Field(
            "breaks",
            "map_breaks",
            _breaks,
            default=(),
            write=lambda b: _breaks_text(b) or None,
            shown=lambda v: v.scheme == "manual",
            widget=Codec(
                lambda b: ", ".join(f"{x:g}" for x in b), lambda text: parse_breaks(text or "") or ()
            ),
            keep_input=True,
        ),
        Field("labels", "map_labels", flag, default=False, widget=AS_FLAG),
        Field("basemap", "map_basemap", flag, default=False, widget=AS_FLAG),
        Field(
            "points",
            "map_assets",  # set from the map's own toggles (components.map.controls)
            code_list(lambda choices: choices.asset_categories),
            default=(),
            write=lambda codes: ",".join(codes) or None,
            shown=lambda v: bool(v.province),  # points are drawn for a province only
            widget=AS_LIST,
        ),
        set_field("set_map"),
    ),
    normalise,
)


parse_view = MAP.parse
view_to_params = MAP.link
