"""The drill-down table's view: the place as on the map (so a table link opens the same area on the
map and back) plus `indicators` (comma-separated codes), `year2` (show the change from year2 to year),
`q` (name search), `sort` (a shown column), `desc` (1 = descending) and `parts` (1 = numerator and
denominator columns), and one level the map lacks: `level=village` with a `tambon` lists that tambon's
villages (they have no polygons, so only the table offers it). Pure, unit-tested; `exports.table`
reads links by these rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.levels import LEVELS
from analysis.tambon_indicators import TPMAP_DIMENSIONS
from components.view.fields import (
    AS_FLAG,
    AS_LIST,
    AS_TEXT,
    ZERO_IS_NONE,
    Field,
    Screen,
    bounded_text,
    flag,
    indicator_list,
    optional_year,
)
from components.view.geography import (
    Choices,
    apply_click,
    geography_fields,
    map_extent,
    normalise_area,
    set_field,
)
from components.view.map import MapView

DEFAULT_INDICATORS = (
    "households_surveyed",
    "target_poor_people",
    "target_poor_rate",
    *(f"tp_{d}_rate" for d in TPMAP_DIMENSIONS),
)
MAX_INDICATORS = 30
MAX_QUERY = 80
VILLAGE = "village"  # the table's level below tambon
ONE_YEAR = 0  # the "no second year" choice (a selectbox shows None as an empty placeholder)


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
    set: int | None = None


def sortable_columns(indicators: tuple[str, ...], parts: bool) -> list[str]:
    columns = ["name", "area_code", *indicators]
    if parts:
        columns += [f"{c}:{part}" for c in indicators for part in ("num", "den")]
    return columns


def normalise_table(view: TableView, choices: Choices) -> TableView:
    """The place by the map's rules (village level only with a tambon, else tambon level); known
    indicators only (the defaults if none are left); a second year that differs from the first; a sort
    column that is shown."""
    villages = view.level == VILLAGE
    view = normalise_area(replace(view, level="tambon") if villages else view, choices)
    if villages and view.tambon:
        view = replace(view, level=VILLAGE)
    indicators = tuple(c for c in view.indicators if c in choices.indicators)[:MAX_INDICATORS]
    if not indicators:
        indicators = tuple(c for c in DEFAULT_INDICATORS if c in choices.indicators) or tuple(
            choices.indicators[:1]
        )
    year2 = view.year2 if view.year2 in choices.years and view.year2 != view.year else None
    sort = view.sort if view.sort in sortable_columns(indicators, view.parts) else ""
    return replace(view, indicators=indicators, year2=year2, sort=sort)


TABLE = Screen(
    "table",
    TableView,
    (
        *geography_fields("tbl", levels=(*LEVELS, VILLAGE), level="amphoe"),
        Field("year2", "tbl_year2", optional_year, widget=ZERO_IS_NONE),
        Field(
            "indicators",
            "tbl_indicators",
            indicator_list(MAX_INDICATORS),
            default=DEFAULT_INDICATORS,
            write=",".join,
            widget=AS_LIST,
        ),
        Field("q", "tbl_q", bounded_text(MAX_QUERY), default="", widget=AS_TEXT),
        Field("sort", "tbl_sort", bounded_text(80), default="", widget=AS_TEXT),
        Field("desc", "tbl_desc", flag, default=False, shown=lambda v: bool(v.sort), widget=AS_FLAG),
        Field("parts", "tbl_parts", flag, default=False, widget=AS_FLAG),
        Field("hotspots", "tbl_hotspots", flag, default=False, widget=AS_FLAG),
        set_field("set_tbl"),
    ),
    normalise_table,
)


parse_table_view = TABLE.parse
table_params = TABLE.link


def drill(view: TableView, code: str, choices: Choices) -> TableView:
    """Selecting a row does what clicking that area on the map does; a village opens nothing more."""
    if view.level == VILLAGE:
        return view
    return apply_click(view, code, choices)


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
        if k not in ("indicators", "q", "sort", "desc", "parts", "year2", "hotspots", "set")
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
