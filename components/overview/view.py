"""The governor's overview of a province (or an area set): headline figures with their change, the
map, the ten tambons most in need, dimensions, trend and amphoe comparison; every bar and the links
open the map, poverty and table pages on the same selection."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.local_names import in_language, local_column, local_name, local_names
from analysis.ranking import rank_within_parent
from analysis.scope import DIMENSION_INDICATORS, MAP_INDICATOR, ScopeFigures
from analysis.units import format_value
from components.shared.map_component import choropleth
from components.shared.map_layer import Layer, map_spec
from components.shared.png_export import map_png_button, png_button
from components.shell.viewer import viewer_min_households
from components.text import t
from components.view.geography import Geography
from components.view.map import MapView
from components.view.present import Target
from data_access import cached
from exports.slides import Deck, headline_numbers
from geo.classify import classify

BAR_COLOR, OTHER_COLOR = "#b3541e", "#7a7a7a"
TOP_N = 10


def links(target: Target, year: int, lang: str, key: str) -> None:
    """Map, poverty, table and presentation of the same selection."""
    params = {**target.params(), "year": str(year), "lang": lang}
    geo = {k: v for k, v in params.items() if k != "set"}
    cols = st.columns(4)
    cols[0].page_link("pages/map.py", label=t("ov_open_map", lang), icon=":material/map:", query_params=geo)
    cols[1].page_link(
        "pages/poverty.py", label=t("ov_open_poverty", lang), icon=":material/diversity_3:", query_params=geo
    )
    table = {**params, "level": {"set": "tambon", "country": "province"}.get(target.kind, "amphoe")}
    if target.kind == "set":
        table["province"] = key
    cols[2].page_link(
        "pages/table.py", label=t("ov_open_table", lang), icon=":material/table_chart:", query_params=table
    )
    if target.kind == "country":
        return  # no deck for the whole country (a slide per province is not a briefing)
    cols[3].page_link(
        "pages/present.py", label=t("ov_open_present", lang), icon=":material/slideshow:", query_params=params
    )


def headline_cards(figures: ScopeFigures, lang: str, per_row: int = 3, deck: Deck | None = None) -> None:
    """The headline figures; from `deck`'s headline slide when given (built once with the cached
    deck, the same numbers), else computed here."""
    slide = next((s for s in deck.slides if s.kind == "headline"), None) if deck else None
    numbers = slide.numbers if slide else headline_numbers(figures, lambda k, **v: t(k, lang, **v), lang)
    columns = st.columns(per_row)
    for index, number in enumerate(numbers):
        columns[index % per_row].metric(
            number.label,
            number.value,
            delta=number.delta or None,
            delta_color="inverse" if number.polarity == "higher_worse" else "normal",
            help=t("kpi_change_help", lang, year=figures.previous_year) if figures.previous_year else None,
            border=True,
        )


def province_map(
    url: str, province: str | None, year: int, catalogue: pd.DataFrame, lang: str, demo: bool
) -> None:
    """The province's tambons (the country's provinces) on the app's map; clicking one opens it on the
    map page."""
    level = "tambon" if province else "province"
    view = MapView(province=province, level=level, indicator=MAP_INDICATOR, year=year)
    values = cached.indicator_values(url, level, (MAP_INDICATOR,), (year,), province, viewer_min_households())
    indicator = {"code": MAP_INDICATOR, **catalogue.set_index("code").loc[MAP_INDICATOR].to_dict()}
    ranked = rank_within_parent(values, indicator["polarity"])
    title = f"{local_name(indicator, lang)} · {year}"
    layer = Layer(ranked, indicator, year, title)
    spec = map_spec(
        view, layer, classify(ranked["value"], "quantiles", 5, indicator["polarity"]), lang, demo, 520
    )
    # The rest of the first screen beside the headline figures (components.shared.map_component `nav`).
    event = choropleth(spec, key="ov_map", nav={"fill": True, "min_height": 420, "max_height": 640})
    map_png_button(spec, level, province, demo, lang, key="ov_map_png")
    if event and event.get("code"):
        code = event["code"]
        st.switch_page("pages/map.py", query_params=Geography.of_area(code, year=year, lang=lang).params())


def deck_figure(deck: Deck, kind: str, lang: str, demo: bool, key: str) -> None:
    """A slide's picture (the set's map, the dimension chart) with its PNG download."""
    from exports.slide_html import SLIDE_CSS, figure_html

    index = next(i for i, s in enumerate(deck.slides) if s.kind == kind)
    slide = deck.slides[index]
    st.html(
        f"<style>{SLIDE_CSS} .atlas-figure svg {{ max-width: 100%; height: auto; }}</style>"
        + figure_html(slide, lang, as_image=True)
    )
    png_button(slide, deck.footer, demo, lang, key, f"{deck.file_stem}-{kind}.png")


def top_tambons(
    url: str, tambons: list[str], province: str | None, year: int, catalogue: pd.DataFrame, lang: str
) -> None:
    """The ten tambons most in need by a chosen indicator (within the set when there is one)."""
    rated = catalogue[catalogue["aggregation"] == "ratio"]
    codes = rated["code"].tolist()
    names = local_names(rated, lang)
    indicator = st.selectbox(
        t("ov_rank_by", lang),
        codes,
        index=codes.index(MAP_INDICATOR),
        format_func=names.get,
        key="ov_rank_by",
    )
    values = cached.indicator_values(url, "tambon", (indicator,), (year,), province, viewer_min_households())
    values = values[values["area_code"].isin(tambons) & values["value"].notna()]
    polarity = rated.set_index("code").at[indicator, "polarity"]
    top = values.sort_values("value", ascending=polarity == "higher_better").head(TOP_N)
    unit = rated.set_index("code").at[indicator, "unit"]
    _bars(top, lang, unit, "ov_top", year)


def dimension_chart(figures: ScopeFigures, lang: str) -> None:
    labels = [t(f"pr_dim_{c[3:-5]}", lang) for c in DIMENSION_INDICATORS]
    figure = go.Figure()
    figure.add_bar(y=labels, x=[figures.total(c) for c in DIMENSION_INDICATORS], orientation="h",
                   name=figures.scope.name(lang), marker_color=BAR_COLOR)  # fmt: skip
    if figures.scope.kind == "set":
        province = in_language(figures.province_name, lang)
        values = [figures.province_value(c) for c in DIMENSION_INDICATORS]
        figure.add_bar(y=labels, x=values, orientation="h", name=province, marker_color=OTHER_COLOR)
    figure.update_layout(height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10}, xaxis_title="%",
                         yaxis={"autorange": "reversed"}, legend={"orientation": "h"})  # fmt: skip
    st.plotly_chart(figure, key="ov_dimensions")


def trend_chart(trend: pd.DataFrame, lang: str) -> None:
    rows = trend[trend["indicator_code"] == MAP_INDICATOR]
    figure = go.Figure(go.Scatter(x=rows["year"].astype(str), y=rows["value"], mode="lines+markers+text",
                                  text=[format_value(v, "percent", lang) for v in rows["value"]],
                                  textposition="top center", line={"color": BAR_COLOR}))  # fmt: skip
    figure.update_layout(height=300, margin={"l": 10, "r": 10, "t": 30, "b": 10}, yaxis_title="%")
    st.plotly_chart(figure, key="ov_trend")


def area_comparison(
    url: str, level: str, parent: str | None, codes: list[str] | None, year: int, lang: str
) -> None:
    """Amphoe of the province (a set's tambons, the country's provinces) by target poor rate; a click
    opens its poverty page."""
    values = cached.indicator_values(url, level, (MAP_INDICATOR,), (year,), parent, viewer_min_households())
    if codes is not None:
        values = values[values["area_code"].isin(codes)]
    values = values[values["value"].notna()].sort_values("value", ascending=False)
    _bars(values, lang, "percent", "ov_compare", year)


def _bars(rows: pd.DataFrame, lang: str, unit: str, key: str, year: int) -> None:
    name = local_column(lang)
    texts = [format_value(v, unit, lang) for v in rows["value"]]
    figure = go.Figure(go.Bar(x=rows["value"], y=rows[name], orientation="h", customdata=rows["area_code"],
                              marker_color=BAR_COLOR, text=texts, textposition="auto",
                              hovertemplate="%{y}: %{text}<extra></extra>"))  # fmt: skip
    figure.update_layout(height=max(260, 30 * len(rows)), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         yaxis={"autorange": "reversed"})  # fmt: skip
    state = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode="points")
    points = (state or {}).get("selection", {}).get("points", []) if state else []
    if points and points[0].get("customdata"):
        code = str(points[0]["customdata"])
        st.switch_page(
            "pages/poverty.py",
            query_params=Geography.of_area(code, year=year, lang=lang).params(),
        )
    st.caption(t("ov_click_hint", lang))
