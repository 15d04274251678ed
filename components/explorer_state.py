"""The indicator explorer's view as small validated values, read from and written to the URL.

Geography and year use the map's names (province, amphoe, level, year, lang). The explorer adds
`tool` (find|scatter|distribution|ranking|correlation|years|hotspots), `where` (conditions, see
analysis.conditions), `x` and `y` (scatter), `indicator` (distribution, ranking, years), `indicators`
(correlation set), `chart` (histogram|box) and `year2` (years). Pure functions, unit-tested.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from analysis.conditions import ConditionError, conditions_text, parse_conditions
from components.view_state import Choices, MapView, normalise
from components.view_state import parse_view as parse_map_view

TOOLS = ("find", "scatter", "distribution", "ranking", "correlation", "years", "hotspots")
CHARTS = ("histogram", "box")
DEFAULT_WHERE = "target_poor_rate>5"
DEFAULT_SET = (
    "target_poor_rate",
    "tp_health_rate",
    "tp_living_rate",
    "tp_education_rate",
    "tp_income_rate",
    "tp_access_rate",
    "income_per_person",
)
MAX_SET = 12


@dataclass(frozen=True)
class ExplorerView:
    province: str | None = None
    amphoe: str | None = None
    level: str = "tambon"
    year: int | None = None
    year2: int | None = None
    tool: str = "find"
    where: str = DEFAULT_WHERE
    x: str = "income_per_person"
    y: str = "target_poor_rate"
    indicator: str = "target_poor_rate"
    indicators: tuple[str, ...] = DEFAULT_SET
    chart: str = "histogram"


def parse_explorer_view(
    params: Mapping[str, str], choices: Choices
) -> tuple[ExplorerView, list[tuple[str, str]]]:
    geo_params = {k: v for k, v in params.items() if k in ("province", "amphoe", "level", "year")}
    geo, notices = parse_map_view(geo_params, choices)
    view = _with_geo(ExplorerView(), geo)
    updates: dict = {}
    for name, allowed in (("tool", TOOLS), ("chart", CHARTS)):
        if name in params:
            if params[name] in allowed:
                updates[name] = params[name]
            else:
                notices.append((name, params[name][:40]))
    for name in ("x", "y", "indicator"):
        if name in params:
            if params[name] in choices.indicators:
                updates[name] = params[name]
            else:
                notices.append((name, params[name][:40]))
    if params.get("indicators"):
        codes = [c for c in params["indicators"].split(",") if c]
        known = tuple(c for c in dict.fromkeys(codes) if c in choices.indicators)[:MAX_SET]
        if len(known) != len(codes):
            notices.append(("indicators", params["indicators"][:100]))
        if len(known) >= 2:
            updates["indicators"] = known
    if "where" in params:
        try:
            found = parse_conditions(params["where"], set(choices.indicators))
            updates["where"] = conditions_text(found)
        except ConditionError:
            notices.append(("where", params["where"][:100]))
    if params.get("year2"):
        year2 = _int(params["year2"])
        if year2 in choices.years:
            updates["year2"] = year2
        else:
            notices.append(("year2", params["year2"]))
    return normalise_explorer(replace(view, **updates), choices), notices


def normalise_explorer(view: ExplorerView, choices: Choices) -> ExplorerView:
    geo = normalise(
        MapView(province=view.province, amphoe=view.amphoe, level=view.level, year=view.year), choices
    )
    first = choices.indicators[0] if choices.indicators else ""

    def known(code: str, fallback: str) -> str:
        return code if code in choices.indicators else (fallback if fallback in choices.indicators else first)

    indicators = tuple(c for c in view.indicators if c in choices.indicators)[:MAX_SET]
    if len(indicators) < 2:
        indicators = tuple(c for c in DEFAULT_SET if c in choices.indicators)
    year2 = view.year2 if view.year2 in choices.years and view.year2 != geo.year else None
    if year2 is None:
        year2 = next((y for y in reversed(choices.years) if y != geo.year), None)
    return _with_geo(
        replace(
            view,
            tool=view.tool if view.tool in TOOLS else "find",
            chart=view.chart if view.chart in CHARTS else "histogram",
            x=known(view.x, "income_per_person"),
            y=known(view.y, "target_poor_rate"),
            indicator=known(view.indicator, "target_poor_rate"),
            indicators=indicators,
            year2=year2,
        ),
        geo,
    )


def explorer_params(view: ExplorerView, lang: str) -> dict[str, str]:
    params = {"lang": lang, "tool": view.tool, "province": view.province or "all", "level": view.level}
    if view.amphoe:
        params["amphoe"] = view.amphoe
    if view.year is not None:
        params["year"] = str(view.year)
    if view.tool == "find":
        params["where"] = view.where
    elif view.tool == "scatter":
        params.update(x=view.x, y=view.y)
    elif view.tool in ("distribution", "ranking", "years", "hotspots"):
        params["indicator"] = view.indicator
        if view.tool == "distribution":
            params["chart"] = view.chart
        if view.tool == "years" and view.year2 is not None:
            params["year2"] = str(view.year2)
    elif view.tool == "correlation":
        params["indicators"] = ",".join(view.indicators)
    return params


def _with_geo(view: ExplorerView, geo: MapView) -> ExplorerView:
    return replace(view, province=geo.province, amphoe=geo.amphoe, level=geo.level, year=geo.year)


def _int(text) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None


def indicators_in_use(view: ExplorerView) -> list[str]:
    """The catalogue codes the current tool shows (their definitions go beside it).

    >>> indicators_in_use(ExplorerView(tool="find", where="target_poor_rate>5;bmn60_09<=10"))
    ['target_poor_rate', 'bmn60_09']
    >>> indicators_in_use(ExplorerView(tool="scatter", x="a", y="b"))
    ['a', 'b']
    """
    if view.tool == "find":
        return [re.match(r"[A-Za-z][A-Za-z0-9_]*", part).group(0) for part in view.where.split(";") if part]
    if view.tool == "scatter":
        return [view.x, view.y]
    if view.tool == "correlation":
        return list(view.indicators)
    return [view.indicator]
