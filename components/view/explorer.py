"""The indicator explorer's view: province, amphoe, level and year as on the map, plus `tool`
(find|scatter|distribution|ranking|correlation|years|hotspots), `where` (conditions, see analysis.conditions),
`x` and `y` (scatter), `indicator` (distribution, ranking, years), `indicators` (correlation set),
`chart` (histogram|box) and `year2` (years). Pure, unit-tested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.conditions import ConditionError, conditions_text, parse_conditions
from analysis.tambon_indicators import TPMAP_DIMENSIONS
from components.view.fields import (
    AS_LIST,
    Field,
    Invalid,
    Screen,
    indicator_list,
    one_of,
    optional_year,
)
from components.view.fields import indicator as parse_indicator
from components.view.geography import Choices, geography_fields, normalise_area, set_field

TOOLS = ("find", "scatter", "distribution", "ranking", "correlation", "years", "hotspots")
CHARTS = ("histogram", "box")
DEFAULT_WHERE = "target_poor_rate>5"
DEFAULT_SET = ("target_poor_rate", *(f"tp_{d}_rate" for d in TPMAP_DIMENSIONS), "income_per_person")
MAX_SET = 12
WHERE_KEY = "exp_where"  # the conditions as text (not a widget: the condition editor writes it)


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
    set: int | None = None


def _where(text: str, context) -> str:
    try:
        return conditions_text(parse_conditions(text, set(context.choices.indicators)))
    except ConditionError:
        raise Invalid(text) from None


def normalise_explorer(view: ExplorerView, choices: Choices) -> ExplorerView:
    view = normalise_area(view, choices)
    first = choices.indicators[0] if choices.indicators else ""

    def known(code: str, fallback: str) -> str:
        return code if code in choices.indicators else (fallback if fallback in choices.indicators else first)

    indicators = tuple(c for c in view.indicators if c in choices.indicators)[:MAX_SET]
    if len(indicators) < 2:
        indicators = tuple(c for c in DEFAULT_SET if c in choices.indicators)
    year2 = view.year2 if view.year2 in choices.years and view.year2 != view.year else None
    if year2 is None:
        year2 = next((y for y in reversed(choices.years) if y != view.year), None)
    return replace(
        view,
        tool=view.tool if view.tool in TOOLS else "find",
        chart=view.chart if view.chart in CHARTS else "histogram",
        x=known(view.x, "income_per_person"),
        y=known(view.y, "target_poor_rate"),
        indicator=known(view.indicator, "target_poor_rate"),
        indicators=indicators,
        year2=year2,
    )


def _tool_is(*tools: str):
    return lambda view: view.tool in tools


EXPLORER = Screen(
    "explorer",
    ExplorerView,
    (
        *geography_fields("exp", tambon_field=False),
        Field("tool", "exp_tool", one_of(TOOLS), default="find", notice_length=40),
        Field("where", WHERE_KEY, _where, default=DEFAULT_WHERE, write=str, shown=_tool_is("find")),
        Field(
            "x",
            "exp_x",
            parse_indicator,
            default="income_per_person",
            shown=_tool_is("scatter"),
            notice_length=40,
        ),
        Field(
            "y",
            "exp_y",
            parse_indicator,
            default="target_poor_rate",
            shown=_tool_is("scatter"),
            notice_length=40,
        ),
        Field(
            "indicator",
            "exp_indicator",
            parse_indicator,
            default="target_poor_rate",
            shown=_tool_is("distribution", "ranking", "years", "hotspots"),
            notice_length=40,
        ),
        Field(
            "chart",
            "exp_chart",
            one_of(CHARTS),
            default="histogram",
            shown=_tool_is("distribution"),
            notice_length=40,
        ),
        Field("year2", "exp_year2", optional_year, shown=_tool_is("years")),
        Field(
            "indicators",
            "exp_indicators",
            indicator_list(MAX_SET, at_least=2),
            default=DEFAULT_SET,
            write=",".join,
            shown=_tool_is("correlation"),
            widget=AS_LIST,
        ),
        set_field("set_exp"),
    ),
    normalise_explorer,
)


parse_explorer_view = EXPLORER.parse
explorer_params = EXPLORER.link


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
