"""One model of the presentation: a `Deck` of `Slide`s built from a scope's figures, drawn three ways
(the presentation page, the PDF and the PPTX), so a projector, a printout and an edited deck agree.

Pure: figures in, dataclasses out. Display text comes from the caller's `text(key, **values)` (the
app's labels in the chosen language), numbers are formatted by `analysis.units.format_value`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from analysis.assets import STRENGTH_MIN_COUNT, STRENGTH_MIN_LQ
from analysis.disclosure import protection_note
from analysis.local_names import in_language, language_suffix, local_name, local_names
from analysis.ranking import rank_within_parent
from analysis.scope import (
    DIMENSION_INDICATORS,
    HEADLINE_INDICATORS,
    MAP_INDICATOR,
    ScopeFigures,
)
from analysis.tambon_profile import TambonProfiles
from analysis.units import format_value, small_count
from geo.classify import NO_DATA_COLOR, classify, legend_rows

Text = Callable[..., str]
UNIT_ROWS = (
    "target_poor_rate",
    "target_poor_people",
    "households_surveyed",
    "mpi_m0",
    "status_struggling_share",
    "referral_coverage",
)
HIGHLIGHT_COLOR = "#b3541e"
MEMBER_COLOR = "#fdd0a2"
CONTEXT_COLOR = "#f0f0f0"


@dataclass(frozen=True)
class Number:
    label: str
    value: str
    change: str = ""  # "+0.52 % since 2565"
    tone: str = ""  # "worse", "better" or "" (no change or no earlier year)
    delta: str = ""  # the signed difference alone, "+0.52 %"
    polarity: str = "higher_worse"


@dataclass(frozen=True)
class Bars:
    """Horizontal grouped bars: one group per category, one bar per series."""

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    unit: str


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    geometry: dict
    fill: str
    label_point: tuple[float, float] | None = None  # a name is drawn here when set
    strong: bool = False  # drawn with a dark outline (the tambon of a tambon slide)


@dataclass(frozen=True)
class MapPicture:
    areas: tuple[MapArea, ...]
    legend: tuple[tuple[str, str], ...]  # (label, colour)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""  # said above the table when a slide has several


@dataclass(frozen=True)
class Slide:
    kind: str  # title, map, headline, dimensions, unit, profile
    title: str
    subtitle: str = ""
    numbers: tuple[Number, ...] = ()
    table: Table | None = None
    tables: tuple[Table, ...] = ()  # stacked, each with its caption (a tambon's profile)
    chart: Bars | None = None
    map: MapPicture | None = None
    figure_title: str = ""  # caption of the map or chart (also the PNG's title)


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[Slide, ...]
    footer: str  # source and survey year, on every slide
    demo_mark: str = ""  # "synthetic demo data" while the demo is loaded, else ""
    lang: str = "th"
    file_stem: str = "tambon-atlas-deck"
    extra: dict = field(default_factory=dict)


def build_deck(
    figures: ScopeFigures,
    geometry: dict,
    text: Text,
    lang: str,
    demo_mark: str = "",
    profiles: TambonProfiles | None = None,
) -> Deck:
    """Title, map of the scope, headline figures, dimension chart, then one slide per unit, each
    tambon's profile (strengths and problems) right after its own slide; profiled tambons that are
    not units (a province's tambons most in need) follow the units."""
    scope, year = figures.scope, figures.year
    names = _indicator_names(figures, lang)
    province = in_language(figures.province_name, lang)
    title = scope.name(lang)
    level_label = text(f"level_{scope.unit_level}")
    slides = [
        Slide(
            "title",
            title,
            text("pr_title_sub", year=year),
            numbers=(
                Number(text("pr_units"), f"{len(scope.units):,} {level_label}"),
                Number(text("province"), province),
            ),
        ),
        _map_slide(figures, geometry, text, lang, names),
        _headline_slide(figures, text, lang),
        _dimension_slide(figures, text, lang, province),
    ]
    ranked = _ranked_units(figures)
    profiled = profiles.codes() if profiles is not None else []
    for _, unit in ranked.iterrows():
        slides.append(_unit_slide(figures, unit, ranked, geometry, text, lang, names, province))
        if unit["area_code"] in profiled:
            slides.append(profile_slide(profiles, unit["area_code"], figures, text, lang))
    units = set(ranked["area_code"])
    slides += [profile_slide(profiles, c, figures, text, lang) for c in profiled if c not in units]
    footer = f"{text('export_source')}: {text('export_source_text')} · {text('year')} {year}"
    footer += f" · {protection_note(figures.min_households, lang, short=True)}"
    stem = f"tambon-atlas-{scope.kind}-{scope.key}-{year}"
    return Deck(title, tuple(slides), footer, demo_mark, lang, stem)


def _map_slide(figures, geometry, text, lang, names) -> Slide:
    units = _unit_frame(figures, MAP_INDICATOR)
    unit = _unit_of(figures, MAP_INDICATOR)
    classification = classify(units["value"], "quantiles", k=5, polarity=_polarity(figures, MAP_INDICATOR))
    fills = dict(zip(units["area_code"], classification.color_of()))
    areas = _areas(figures, geometry, lang, fills, labels=len(units) <= 30)
    legend = tuple((row["label"], row["color"]) for row in legend_rows(classification, unit, lang))
    caption = f"{names[MAP_INDICATOR]} · {text('year')} {figures.year}"
    return Slide(
        "map",
        text("pr_map_title"),
        f"{figures.scope.name(lang)} · {caption}",
        map=MapPicture(tuple(areas), legend),
        figure_title=caption,
    )


def headline_numbers(figures: ScopeFigures, text: Text, lang: str) -> tuple[Number, ...]:
    """The headline figures of the scope with their change from the previous survey year."""
    names = _indicator_names(figures, lang)
    numbers = []
    for code in HEADLINE_INDICATORS:
        unit, polarity = _unit_of(figures, code), _polarity(figures, code)
        now = figures.total(code)
        change = tone = delta = ""
        if figures.previous_year is not None:
            before = figures.total(code, figures.previous_year)
            if not (math.isnan(now) or math.isnan(before)):
                diff = now - before
                delta = ("+" if diff > 0 else "") + format_value(diff, unit, lang)
                change = text("pr_change", diff=delta, year=figures.previous_year)
                tone = _tone(diff, polarity)
        shown = figures.hidden_text("totals", code) or format_value(now, unit, lang)
        numbers.append(Number(names[code], shown, change, tone, delta, polarity))
    return tuple(numbers)


def _headline_slide(figures: ScopeFigures, text, lang) -> Slide:
    numbers = headline_numbers(figures, text, lang)
    return Slide("headline", text("pr_headline_title", year=figures.year), figures.scope.name(lang), numbers)


def _dimension_slide(figures: ScopeFigures, text, lang, province: str) -> Slide:
    categories = tuple(text(f"pr_dim_{code[3:-5]}") for code in DIMENSION_INDICATORS)
    series = [(figures.scope.name(lang), tuple(_none(figures.total(c)) for c in DIMENSION_INDICATORS))]
    if figures.scope.kind == "set" or figures.scope.key != figures.scope.province:
        series.append((province, tuple(_none(figures.province_value(c)) for c in DIMENSION_INDICATORS)))
    caption = f"{text('pr_dimensions_title')} · {text('year')} {figures.year}"
    return Slide(
        "dimensions",
        text("pr_dimensions_title"),
        figures.scope.name(lang),
        chart=Bars(categories, tuple(series), "percent"),
        figure_title=caption,
    )


def _unit_slide(figures, unit, ranked, geometry, text, lang, names, province) -> Slide:
    code = unit["area_code"]
    name = local_name(unit, lang)
    rows = []
    for indicator in UNIT_ROWS:
        value_unit = _unit_of(figures, indicator)
        own = _unit_frame(figures, indicator).set_index("area_code")["value"].get(code)
        rows.append(
            (
                names[indicator],
                figures.hidden_text("units", indicator, code) or format_value(own, value_unit, lang),
                figures.hidden_text("totals", indicator)
                or format_value(figures.total(indicator), value_unit, lang),
                figures.hidden_text("province", indicator)
                or format_value(figures.province_value(indicator), value_unit, lang),
            )
        )
    header = (text("indicator"), name, figures.scope.name(lang), province)
    if figures.scope.kind == "area" and figures.scope.key == code:
        header, rows = header[:2] + header[3:], [r[:2] + r[3:] for r in rows]
    fills = {c: (HIGHLIGHT_COLOR if c == code else MEMBER_COLOR) for c in figures.scope.units}
    areas = _areas(figures, geometry, lang, fills, labels=False, strong=code)
    rank = unit["rank"]
    subtitle = (
        text("pr_rank", rank=int(rank), n=int(unit["rank_of"]), indicator=names[MAP_INDICATOR])
        if pd.notna(rank) and len(ranked) > 1
        else ""
    )
    legend = ((name, HIGHLIGHT_COLOR), (figures.scope.name(lang), MEMBER_COLOR))
    return Slide(
        "unit",
        f"{text(f'level_{figures.scope.unit_level}_one')}{name}",
        subtitle,
        table=Table(header, tuple(rows)),
        map=MapPicture(tuple(areas), legend),
        figure_title=f"{name} · {figures.scope.name(lang)}",
    )


def profile_slide(profiles: TambonProfiles, code: str, figures: ScopeFigures, text: Text, lang: str) -> Slide:
    """One tambon's strengths (the counts behind each: the tambon's items and per 1,000 households,
    the province's, the location quotient) and problems (its value and the province's)."""
    tambon = profiles.tambons.set_index("area_code").loc[code]
    name = f"{text('level_tambon_one')}{local_name(tambon, lang)}"
    province = in_language((tambon["province_th"], tambon["province_en"]), lang)
    amphoe = in_language((tambon["amphoe_th"], tambon["amphoe_en"]), lang)
    hidden = small_count(figures.min_households) if figures.min_households else "–"
    mine = profiles.strengths[profiles.strengths["area_code"] == code]
    strong = tuple(
        (
            in_language((r.name_th, r.name_en), lang),
            format_value(r.count, "count", lang),
            hidden if r.per_1000_hidden else format_value(r.per_1000, "score", lang),
            format_value(r.province_count, "count", lang),
            format_value(r.province_per_1000, "score", lang),
            f"{r.lq:.2f}",
        )
        for r in mine.itertuples()
    ) or ((text("profile_no_strengths"), "", "", "", "", ""),)
    meta = profiles.catalogue.set_index("code")
    indicator_names = local_names(profiles.catalogue, lang)
    weak = tuple(
        (
            indicator_names[r.indicator_code],
            format_value(r.value, meta.at[r.indicator_code, "unit"], lang),
            format_value(r.reference, meta.at[r.indicator_code, "unit"], lang),
            format_value(r.gap, "score", lang, decimals=1),
        )
        for r in profiles.problems[profiles.problems["area_code"] == code].itertuples()
    ) or ((text("profile_no_problems"), "", "", ""),)
    strengths_header = (
        text("pr_profile_category"),
        text("pr_profile_count"),
        text("pr_profile_per_1000"),
        text("pr_profile_province_count"),
        text("pr_profile_province_per_1000"),
        text("pr_profile_lq"),
    )
    problems_header = (
        text("indicator"),
        text("profile_col_tambon"),
        text("province"),
        text("pr_profile_gap"),
    )
    return Slide(
        "profile",
        text("pr_profile_title", name=name),
        text(
            "pr_profile_sub",
            amphoe=f"{text('level_amphoe_one')}{amphoe}",
            province=province,
            year=figures.year,
            lq=STRENGTH_MIN_LQ,
            n=STRENGTH_MIN_COUNT,
        ),
        tables=(
            Table(strengths_header, strong, text("profile_strengths")),
            Table(problems_header, weak, text("profile_problems")),
        ),
    )


def _areas(figures, geometry, lang, fills, labels: bool, strong: str | None = None) -> list[MapArea]:
    """Units in their fills; other areas of the same parents as pale context, so a set sits in place."""
    units = set(figures.scope.units)
    parents = {code[:-2] for code in units}
    name_key = language_suffix(lang)
    areas = []
    for feature in geometry["features"]:
        props = feature["properties"]
        code = props["c"]
        if code in units:
            point = tuple(props["lp"]) if labels and props.get("lp") else None
            fill = fills.get(code, NO_DATA_COLOR)
            areas.append(MapArea(code, props[name_key], feature["geometry"], fill, point, code == strong))
        elif code[:-2] in parents:
            areas.append(MapArea(code, props[name_key], feature["geometry"], CONTEXT_COLOR))
    areas.sort(key=lambda a: (a.code in units, a.strong))  # context first, the strong outline on top
    return areas


def _ranked_units(figures: ScopeFigures) -> pd.DataFrame:
    """The units, most in need first by the map indicator (rank 1), then by code."""
    units = _unit_frame(figures, MAP_INDICATOR).assign(parent_code="scope")
    ranked = rank_within_parent(units, _polarity(figures, MAP_INDICATOR))
    return ranked.sort_values(["rank", "area_code"], na_position="last", ignore_index=True)


def _unit_frame(figures: ScopeFigures, indicator: str) -> pd.DataFrame:
    rows = figures.units[
        (figures.units["indicator_code"] == indicator) & (figures.units["year"] == figures.year)
    ]
    return rows.sort_values("area_code").reset_index(drop=True)


def _indicator_names(figures: ScopeFigures, lang: str) -> dict[str, str]:
    return local_names(figures.catalogue, lang)


def _unit_of(figures: ScopeFigures, code: str) -> str:
    return str(figures.catalogue.set_index("code").at[code, "unit"])


def _polarity(figures: ScopeFigures, code: str) -> str:
    return str(figures.catalogue.set_index("code").at[code, "polarity"])


def _tone(diff: float, polarity: str) -> str:
    if diff == 0:
        return ""
    return "worse" if (diff > 0) == (polarity == "higher_worse") else "better"


def _none(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


def map_slide_from_spec(spec, geometry: dict, title: str) -> Slide:
    """A map of the map page (`geo.choropleth.MapSpec`) in the slide model, for its PNG: the same
    areas, classes, colours and legend as on screen."""
    fills = {code: spec.colors[cls] for code, cls in zip(spec.codes, spec.classes) if cls >= 0}
    name_key = language_suffix(spec.lang)
    areas = tuple(
        MapArea(
            f["properties"]["c"],
            f["properties"][name_key],
            f["geometry"],
            fills.get(f["properties"]["c"], spec.no_data_color),
        )
        for f in geometry["features"]
        if f["properties"]["c"].startswith(spec.filter)
    )
    legend = tuple((row["label"], row["color"]) for row in spec.legend)
    return Slide("map", title, map=MapPicture(areas, legend), figure_title=title)
