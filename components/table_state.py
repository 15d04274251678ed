"""The drill-down table's view as small validated values, read from and written to the URL.

Geography uses the map's names and rules (province, amphoe, tambon, level, year, lang), so a table
link opens the same area on the map and back. The table adds: `indicators` (comma-separated codes),
`year2` (show the change from year2 to year), `q` (name search), `sort` (a shown column), `desc`
(1 = descending), `parts` (1 = numerator and denominator columns) and `hotspots` (1 = the LISA
class of the first indicator as a column), and one level the map lacks:
`level=village` with a `tambon` lists that tambon's villages (they have no polygons, so only the table
offers it). Pure functions, unit-tested.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from components.view_state import Choices, MapView, apply_click, map_extent, normalise
from components.view_state import parse_view as parse_map_view

DEFAULT_INDICATORS = (
    "households_surveyed",
    "target_poor_people",
    "target_poor_rate",
    "tp_health_rate",
    "tp_living_rate",
    "tp_education_rate",
    "tp_income_rate",
    "tp_access_rate",
)
MAX_INDICATORS = 30
MAX_QUERY = 80
VILLAGE = "village"  # the table's level below tambon


@dataclass(frozen=True)
class TableView:
    province: str | None = None
    amphoe: str | None = None
    tambon: str | None = None
    level: str = "amphoe"
    year: int | None = None
    year2: int | None = None  # None: one year; else the change from year2 to year
    indicators: tuple[str, ...] = DEFAULT_INDICATORS
    q: str = ""
    sort: str = ""
    desc: bool = False
    parts: bool = False
    hotspots: bool = False  # the hot-spot class (local Moran's I) of the first indicator as a column


def parse_table_view(params: Mapping[str, str], choices: Choices) -> tuple[TableView, list[tuple[str, str]]]:
    """A valid table view from URL parameters; each invalid one falls back and is reported."""
    geo_params = {k: v for k, v in params.items() if k in ("province", "amphoe", "tambon", "level", "year")}
    geo_params.setdefault("level", "amphoe")
    villages = geo_params["level"] == VILLAGE
    if villages:
        geo_params["level"] = "tambon"
    geo, notices = parse_map_view(geo_params, choices)
    view = from_map_view(TableView(), geo)
    updates: dict = {"level": VILLAGE} if villages else {}
    if params.get("indicators"):
        codes = [c for c in params["indicators"].split(",") if c]
        known = [c for c in dict.fromkeys(codes) if c in choices.indicators][:MAX_INDICATORS]
        if len(known) != len(codes):
            notices.append(("indicators", params["indicators"][:100]))
        if known:
            updates["indicators"] = tuple(known)
    if params.get("year2"):
        year2 = _int(params["year2"])
        if year2 in choices.years:
            updates["year2"] = year2
        else:
            notices.append(("year2", params["year2"]))
    if "q" in params:
        updates["q"] = str(params["q"])[:MAX_QUERY]
    if params.get("sort"):
        updates["sort"] = str(params["sort"])[:80]
    updates["desc"] = params.get("desc") in ("1", "true")
    updates["parts"] = params.get("parts") in ("1", "true")
    updates["hotspots"] = params.get("hotspots") in ("1", "true")
    return normalise_table(replace(view, **updates), choices), notices


def normalise_table(view: TableView, choices: Choices) -> TableView:
    """Geography by the map's rules (village level only with a tambon, else tambon level); known
    indicators only (the defaults if none are left); a second year that differs from the first; a sort
    column that is shown."""
    geo = normalise(to_map_view(view), choices)
    if view.level == VILLAGE and geo.tambon:
        geo = replace(geo, level=VILLAGE)
    indicators = tuple(c for c in view.indicators if c in choices.indicators)[:MAX_INDICATORS]
    if not indicators:
        indicators = tuple(c for c in DEFAULT_INDICATORS if c in choices.indicators) or tuple(
            choices.indicators[:1]
        )
    year2 = view.year2 if view.year2 in choices.years and view.year2 != geo.year else None
    sort = view.sort if view.sort in sortable_columns(indicators, view.parts) else ""
    return replace(from_map_view(view, geo), indicators=indicators, year2=year2, sort=sort)


def sortable_columns(indicators: tuple[str, ...], parts: bool) -> list[str]:
    columns = ["name", "area_code", *indicators]
    if parts:
        columns += [f"{c}:{part}" for c in indicators for part in ("num", "den")]
    return columns


def drill(view: TableView, code: str, choices: Choices) -> TableView:
    """Selecting a row does what clicking that area on the map does; a village opens nothing more."""
    if view.level == VILLAGE:
        return view
    return from_map_view(view, apply_click(to_map_view(view), code, choices))


def table_params(view: TableView, lang: str) -> dict[str, str]:
    params = {"lang": lang, "province": view.province or "all", "level": view.level}
    for name in ("amphoe", "tambon"):
        if getattr(view, name):
            params[name] = getattr(view, name)
    if view.year is not None:
        params["year"] = str(view.year)
    if view.year2 is not None:
        params["year2"] = str(view.year2)
    params["indicators"] = ",".join(view.indicators)
    if view.q:
        params["q"] = view.q
    if view.sort:
        params["sort"] = view.sort
        if view.desc:
            params["desc"] = "1"
    if view.parts:
        params["parts"] = "1"
    if view.hotspots:
        params["hotspots"] = "1"
    return params


def table_extent(view: TableView) -> tuple[str, str | None]:
    """(level of the rows, their parent): the map's extent, or ("village", the tambon)."""
    if view.level == VILLAGE and view.tambon:
        return VILLAGE, view.tambon
    level, parent, _ = map_extent(to_map_view(view))
    return level, parent


def map_link_params(view: TableView, lang: str) -> dict[str, str]:
    """The same area on the map page (which has no village level), with the first indicator."""
    params = {
        k: v
        for k, v in table_params(view, lang).items()
        if k not in ("indicators", "q", "sort", "desc", "parts", "year2", "hotspots")
    }
    params["level"] = to_map_view(view).level
    return {**params, "indicator": view.indicators[0]}


def to_map_view(view: TableView) -> MapView:
    """The same area on the map, which has no village level: a village table maps its tambon."""
    return MapView(
        province=view.province,
        amphoe=view.amphoe,
        tambon=view.tambon,
        level="tambon" if view.level == VILLAGE else view.level,
        year=view.year,
        indicator=view.indicators[0] if view.indicators else "",
    )


def from_map_view(view: TableView, geo: MapView) -> TableView:
    return replace(
        view, province=geo.province, amphoe=geo.amphoe, tambon=geo.tambon, level=geo.level, year=geo.year
    )


def _int(text) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None
