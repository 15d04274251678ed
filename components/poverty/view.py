"""Drawing the poverty report: headline figures, dimensions (bars and radar), MPI contributions,
status classes and their movement, and the ranked child areas (click to drill in)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.capitals import STATUS_CLASSES, STATUS_NAMES_EN, STATUS_NAMES_TH
from analysis.local_names import in_language, language_suffix
from analysis.poverty_report import PovertyReport
from analysis.tambon_indicators import TPMAP_DIMENSIONS
from analysis.units import format_number, format_percent, small_count
from components.text import t
from components.view.geography import Geography

AREA_COLOR, PARENT_COLOR = "#b3541e", "#9e9e9e"
RANKED_LEVEL = {"country": "province", "province": "amphoe"}  # else tambons (a tambon: its siblings)
STATUS_COLORS = {1: "#b2182b", 2: "#ef8a62", 3: "#91bfdb", 4: "#2166ac"}


def headline(report: PovertyReport, lang: str, hide_below: int | None = None) -> None:
    target, mpi = report.target, report.mpi
    cols = st.columns(6)
    cols[0].metric(t("pov_people_surveyed", lang), _count(target["surveyed"], hide_below))
    cols[1].metric(t("pov_target_poor", lang), _count(target["target_poor"], hide_below))
    cols[2].metric(t("pov_target_poor_rate", lang), _shown(target["target_poor_rate"], 100, hide_below))
    help_text = t("pov_mpi_help", lang)
    cols[3].metric(t("pov_mpi_h", lang), _shown(mpi.H, 100, hide_below), help=help_text)
    # No poor household: the intensity is undefined (shown as no data, as on the map).
    intensity = _shown(mpi.A, 100, hide_below) if not mpi.q == 0 else "–"
    cols[4].metric(t("pov_mpi_a", lang), intensity, help=help_text)
    cols[5].metric(t("pov_mpi_m0", lang), _shown(mpi.M0, None, hide_below), help=help_text)


def dimension_charts(
    report: PovertyReport, dimension_names: dict[str, str], names: dict[str, str], lang: str
):
    labels = [dimension_names[d] for d in TPMAP_DIMENSIONS]
    series = [(report.scope.name(lang), report.target, AREA_COLOR)]
    if report.parent_target is not None:
        series.append((names[report.parent_target["area_code"]], report.parent_target, PARENT_COLOR))
    left, right = st.columns([1.2, 1])
    bars = go.Figure()
    radar = go.Figure()
    for name, row, color in series:
        values = [round(100 * float(row[f"{d}_rate"]), 2) for d in TPMAP_DIMENSIONS]
        bars.add_bar(name=name, x=labels, y=values, marker_color=color, hovertemplate="%{x}: %{y:.2f} %")
        radar.add_scatterpolar(
            name=name, r=[*values, values[0]], theta=[*labels, labels[0]], line_color=color, fill="toself",
            opacity=0.6,
        )  # fmt: skip
    bars.update_layout(barmode="group", height=360, margin=_margin(), yaxis_title="%", legend=_legend())
    radar.update_layout(
        height=360, margin=_margin(), legend=_legend(), polar={"radialaxis": {"ticksuffix": " %"}}
    )
    with left:
        st.markdown(f"**{t('pov_dimensions', lang)}**")
        st.plotly_chart(bars, key="pov_dimension_bars")
    with right:
        st.markdown(f"**{t('pov_radar', lang)}**")
        st.plotly_chart(radar, key="pov_dimension_radar")


def map_links(report: PovertyReport, dimension_names: dict[str, str], lang: str) -> None:
    """The same figures on the map: one link per dimension (and the headline rate) for this area (the
    country: its provinces)."""
    if report.area_code:
        place = Geography.of_area(report.area_code, level="tambon", year=report.year, lang=lang)
    else:  # the whole country: every province
        place = Geography(province="all", level="province", year=report.year, lang=lang)
    params = place.params()
    cols = st.columns(len(TPMAP_DIMENSIONS) + 1)
    links = [("target_poor_rate", t("pov_target_poor_rate", lang))]
    links += [(f"tp_{d}_rate", dimension_names[d]) for d in TPMAP_DIMENSIONS]
    for col, (indicator, label) in zip(cols, links):
        col.page_link(
            "pages/map.py",
            label=label,
            icon=":material/map:",
            query_params={**params, "indicator": indicator},
        )


def mpi_contributions(
    report: PovertyReport, catalogue: pd.DataFrame, dimension_names: dict, lang: str, hide_below=None
) -> None:
    suffix = language_suffix(lang)
    meta = catalogue.set_index("code")
    contribution = report.mpi.contribution.sort_values()
    contribution = contribution.dropna()  # hidden for a public viewer: no bar at all
    figure = go.Figure(
        go.Bar(
            x=(100 * contribution.to_numpy()).round(1),
            y=[meta.loc[c, f"name_{suffix}"] for c in contribution.index],
            orientation="h",
            marker_color=AREA_COLOR,
            hovertemplate="%{y}: %{x:.1f} %<extra></extra>",
        )
    )
    figure.update_layout(height=460, margin=_margin(), xaxis_title="%")
    left, right = st.columns([2, 1])
    with left:
        st.markdown(f"**{t('pov_contributions', lang)}**")
        st.plotly_chart(figure, key="pov_contributions")
    with right:
        st.markdown(f"**{t('pov_contrib_dims', lang)}**")
        table = pd.DataFrame(
            {
                t("col_dimension", lang): [
                    dimension_names.get(d, d) for d in report.dimension_contributions.index
                ],
                t("col_contribution", lang): [
                    _shown(v, 100, hide_below) for v in report.dimension_contributions.to_numpy()
                ],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def _count(value, hide_below: int | None) -> str:
    """A count as shown to this viewer: "<5" for a public viewer when it is hidden (the report is
    already protected: NaN) or small (but not zero)."""
    if hide_below and (pd.isna(value) or 0 < value < hide_below):
        return small_count(hide_below)
    return format_number(value)


def _shown(value, percent: float | None, hide_below: int | None) -> str:
    """A rate or index: "<5" where the protected report hid it, else formatted."""
    if hide_below and pd.isna(value):
        return small_count(hide_below)
    return format_percent(percent * value) if percent else format_number(value, 4)


def status_section(report: PovertyReport, lang: str, hide_below: int | None = None) -> None:
    names = in_language((STATUS_NAMES_TH, STATUS_NAMES_EN), lang)
    left, right = st.columns([1, 1])
    with left:
        st.markdown(f"**{t('pov_status', lang)} · {report.year}**")
        figure = go.Figure()
        for number, code in STATUS_CLASSES.items():
            share = 100 * report.status[f"status_{code}_share"]
            if pd.isna(share):
                continue  # hidden for a public viewer (all four go together)
            figure.add_bar(
                name=names[number], x=[share], y=[""], orientation="h", marker_color=STATUS_COLORS[number],
                text=f"{share:.1f} %", hovertemplate=f"{names[number]}: %{{x:.1f}} %<extra></extra>",
            )  # fmt: skip
        figure.update_layout(
            barmode="stack", height=180, margin=_margin(), legend=_legend(), xaxis_range=[0, 100]
        )
        st.plotly_chart(figure, key="pov_status")
        if hide_below and pd.isna(report.status["status_well_share"]):
            st.caption(t("pov_status_hidden", lang, k=hide_below))
    with right:
        if report.transitions is None:
            st.info(t("pov_no_previous", lang))
            return
        moves = report.transitions
        st.markdown(f"**{t('pov_transitions', lang, a=report.previous_year, b=report.year)}**")
        cols = st.columns(3)
        cols[0].metric(t("pov_improved", lang), _count(moves.improved, hide_below))
        cols[1].metric(t("pov_same", lang), _count(moves.same, hide_below))
        cols[2].metric(t("pov_worse", lang), _count(moves.worse, hide_below))
        labels = [names[n] for n in moves.matrix.index]
        counts = moves.matrix.to_numpy(dtype=float)
        texts = [[_count(v, hide_below) for v in row] for row in counts]
        if hide_below:
            counts = np.where((counts > 0) & (counts < hide_below), np.nan, counts)
        heat = go.Figure(
            go.Heatmap(
                z=counts,
                x=labels, y=labels, colorscale="Oranges", text=texts, texttemplate="%{text}",
                hovertemplate=f"{report.previous_year}: %{{y}} → {report.year}: %{{x}}"
                "<br>%{text}<extra></extra>",
            )
        )  # fmt: skip
        heat.update_layout(
            height=300, margin=_margin(), xaxis_title=str(report.year), yaxis_title=str(report.previous_year)
        )
        st.plotly_chart(heat, key="pov_transitions")


def children_ranking(report: PovertyReport, names: dict[str, str], lang: str, on_pick) -> None:
    """Bar chart of the child areas (siblings for a tambon), worst first; clicking a bar calls
    `on_pick(code)` through the chart's selection."""
    rows = report.children.sort_values("target_poor_rate", ascending=True)
    level_label = t(f"level_{RANKED_LEVEL.get(report.level, 'tambon')}", lang)
    title = (
        t("pov_siblings", lang) if report.level == "tambon" else t("pov_children", lang, level=level_label)
    )
    st.markdown(f"**{title}**")
    colors = [AREA_COLOR if code == report.area_code else "#e6a064" for code in rows["area_code"]]
    figure = go.Figure(
        go.Bar(
            x=(100 * rows["target_poor_rate"].astype(float)).round(2),
            y=[names.get(c, c) for c in rows["area_code"]], orientation="h",
            customdata=rows["area_code"], marker_color=colors,
            hovertemplate="%{y}: %{x:.2f} %<extra></extra>",
        )
    )  # fmt: skip
    figure.update_layout(height=max(260, 24 * len(rows)), margin=_margin(), xaxis_title="%")
    st.plotly_chart(figure, key="pov_children", on_select=on_pick, selection_mode="points")
    table = pd.DataFrame(
        {
            t("col_code", lang): rows["area_code"],
            t("col_area", lang): [names.get(c, c) for c in rows["area_code"]],
            t("pov_people_surveyed", lang): rows["surveyed"],
            t("pov_target_poor", lang): rows["target_poor"],
            t("pov_target_poor_rate", lang): (100 * rows["target_poor_rate"].astype(float)).round(2),
            t("pov_mpi_h", lang): (100 * rows["H"].astype(float)).round(2),
            "M0": rows["M0"].astype(float).round(4),
        }
    ).iloc[::-1]
    st.dataframe(table, hide_index=True, width="stretch", key="pov_children_table")


def _margin() -> dict:
    return {"l": 10, "r": 10, "t": 10, "b": 10}


def _legend() -> dict:
    return {"orientation": "h", "y": -0.15}
