"""Explorer charts: scatter with a fitted line, distributions, ranking, correlation matrix and the
comparison of two survey years. Each draws the rows it used and offers them as CSV / XLSX."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from analysis.explore import correlation_matrix, fit_pair, year_pairs
from components.explorer.data import Explorer
from components.explorer.export import export_frame
from components.text import t

RANKING_BARS = 60
SLOPE_LINES = 120
AREA_COLUMNS = ["name", "parent_name", "area_code"]


def scatter(ex: Explorer) -> None:
    view, lang = ex.view, ex.lang
    wide = ex.frame([view.x, view.y])
    fit = fit_pair(wide[view.x], wide[view.y])
    shown = wide.dropna(subset=[view.x, view.y])
    if fit is None:
        st.info(t("exp_too_few", lang))
    else:
        st.markdown(t("exp_fit", lang, r=fit.r, rho=fit.rho, n=fit.n, left=fit.left_out))
    figure = px.scatter(
        shown,
        x=view.x,
        y=view.y,
        color="parent_name",
        size=shown["households"].fillna(0).clip(lower=1),
        hover_name="name",
        labels={view.x: ex.indicator_name(view.x), view.y: ex.indicator_name(view.y), "parent_name": ""},
        height=560,
    )
    if fit is not None:
        xs, ys = fit.line(float(shown[view.x].min()), float(shown[view.x].max()))
        figure.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", name=t("exp_fit_line", lang), line={"color": "#333", "dash": "dash"}
            )
        )
    st.plotly_chart(figure, key="exp_scatter")
    export_frame(
        ex,
        shown,
        [*AREA_COLUMNS, view.x, view.y, "households"],
        [view.x, view.y],
        key="exp_scatter_export",
        headers={"households": (t("col_households", lang), "count")},
    )


def distribution(ex: Explorer) -> None:
    view, lang = ex.view, ex.lang
    wide = ex.frame([view.indicator])
    shown = wide.dropna(subset=[view.indicator])
    label = ex.indicator_name(view.indicator)
    if view.chart == "box":
        figure = px.box(
            shown,
            x="parent_name",
            y=view.indicator,
            points="outliers",
            hover_name="name",
            labels={view.indicator: label, "parent_name": ""},
            height=520,
        )
    else:
        figure = px.histogram(shown, x=view.indicator, nbins=30, labels={view.indicator: label}, height=460)
        figure.update_yaxes(title=t("exp_area_count", lang))
    st.plotly_chart(figure, key="exp_distribution")
    values = shown[view.indicator]
    summary = pd.DataFrame(
        {
            t("exp_stat", lang): [
                t(f"exp_stat_{s}", lang) for s in ("n", "min", "q1", "median", "q3", "max")
            ],
            label: [
                len(values),
                values.min(),
                values.quantile(0.25),
                values.median(),
                values.quantile(0.75),
                values.max(),
            ],
        }
    )
    st.dataframe(summary, hide_index=True, key="exp_distribution_summary")
    export_frame(ex, shown, [*AREA_COLUMNS, view.indicator], [view.indicator], key="exp_distribution_export")


def ranking(ex: Explorer) -> None:
    view, lang = ex.view, ex.lang
    wide = ex.frame([view.indicator])
    polarity = ex.catalogue.set_index("code").loc[view.indicator, "polarity"]
    shown = wide.dropna(subset=[view.indicator]).sort_values(
        view.indicator, ascending=polarity == "higher_better", kind="stable"
    )
    shown = shown.assign(rank=np.arange(1, len(shown) + 1))
    bars = shown.head(RANKING_BARS)
    if len(shown) > RANKING_BARS:
        st.caption(t("exp_ranking_cut", lang, n=RANKING_BARS, total=len(shown)))
    figure = go.Figure(
        go.Bar(
            x=bars[view.indicator][::-1],
            y=[f"{r}. {n}" for r, n in zip(bars["rank"][::-1], bars["name"][::-1])],
            orientation="h",
            marker_color="#b3541e",
            hovertemplate="%{y}: %{x:,.2f}<extra></extra>",
        )
    )
    figure.update_layout(
        height=max(320, 22 * len(bars) + 80),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title=ex.indicator_name(view.indicator),
    )
    st.plotly_chart(figure, key="exp_ranking")
    export_frame(
        ex,
        shown,
        ["rank", *AREA_COLUMNS, view.indicator],
        [view.indicator],
        key="exp_ranking_export",
        headers={"rank": (t("col_rank", lang), "count")},
    )


def correlation(ex: Explorer) -> None:
    view, lang = ex.view, ex.lang
    codes = list(view.indicators)
    wide = ex.frame(codes)
    matrix, pairs = correlation_matrix(wide, codes)
    names = [ex.indicator_name(c) for c in codes]
    figure = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=names,
            y=names,
            zmin=-1,
            zmax=1,
            colorscale="RdBu",
            reversescale=True,
            text=np.vectorize(lambda v: "" if np.isnan(v) else f"{v:.2f}")(matrix.to_numpy()),
            texttemplate="%{text}",
            hovertemplate="%{y} × %{x}: r = %{z:.3f}<extra></extra>",
        )
    )
    figure.update_layout(height=140 + 48 * len(codes), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    st.plotly_chart(figure, key="exp_correlation")
    st.caption(t("exp_pairs", lang, low=int(pairs.to_numpy().min()), high=int(pairs.to_numpy().max())))
    table = matrix.round(4).rename(index=dict(zip(codes, names)), columns=dict(zip(codes, names)))
    table = table.reset_index(names="indicator")
    headers = {name: (name, "number") for name in names}
    headers["indicator"] = (t("indicator", lang), "text")
    export_frame(ex, table, ["indicator", *names], codes, key="exp_correlation_export", headers=headers)


def compare_years(ex: Explorer) -> None:
    view, lang = ex.view, ex.lang
    before = ex.frame([view.indicator], year=view.year2).set_index("area_code")
    after = ex.frame([view.indicator]).set_index("area_code")
    polarity = ex.catalogue.set_index("code").loc[view.indicator, "polarity"]
    pairs = year_pairs(before[view.indicator], after[view.indicator], polarity)
    table = after[["name", "parent_name"]].join(pairs).reset_index().dropna(subset=["change"])
    table = table.sort_values("change", key=lambda c: -c.abs(), kind="stable")
    counts = table["direction"].value_counts()
    st.markdown(
        t(
            "exp_years_summary",
            lang,
            better=int(counts.get("better", 0)),
            worse=int(counts.get("worse", 0)),
            same=int(counts.get("same", 0)),
            a=view.year2,
            b=view.year,
        )
    )
    lines = table.head(SLOPE_LINES)
    if len(table) > SLOPE_LINES:
        st.caption(t("exp_slope_cut", lang, n=SLOPE_LINES, total=len(table)))
    colours = {"better": "#2b8cbe", "worse": "#b3541e", "same": "#999999"}
    figure = go.Figure()
    for row in lines.itertuples():
        figure.add_trace(
            go.Scatter(
                x=[str(view.year2), str(view.year)],
                y=[row.before, row.after],
                mode="lines+markers",
                line={"color": colours.get(row.direction, "#999999"), "width": 1.5},
                name=row.name,
                showlegend=False,
                hovertemplate=f"{row.name}: %{{y:,.2f}}<extra></extra>",
            )
        )
    figure.update_layout(height=520, yaxis_title=ex.indicator_name(view.indicator))
    st.plotly_chart(figure, key="exp_slope")
    table = table.assign(direction=[t(f"exp_dir_{d}", lang) for d in table["direction"]])
    st.dataframe(
        table[[*AREA_COLUMNS, "before", "after", "change", "direction"]],
        hide_index=True,
        key="exp_years_table",
        width="stretch",
    )
    headers = {
        "before": (f"{ex.indicator_name(view.indicator)} {view.year2}", "number"),
        "after": (f"{ex.indicator_name(view.indicator)} {view.year}", "number"),
        "change": (t("col_change", lang), "change"),
        "direction": (t("exp_direction", lang), "text"),
    }
    export_frame(
        ex,
        table,
        [*AREA_COLUMNS, "before", "after", "change", "direction"],
        [view.indicator],
        key="exp_years_export",
        headers=headers,
        year_text=f"{view.year2} → {view.year}",
    )
