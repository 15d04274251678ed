"""Home-page pieces: headline metrics and the per-province table of what is loaded."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.local_names import local_column
from analysis.units import format_number, format_percent
from components.text import t


def headline_totals(overview: pd.DataFrame, year: int) -> dict[str, float]:
    """Totals over the loaded provinces for one year; the rate is summed parts, not a mean of rates."""
    rows = overview[overview["year"] == year]
    people = rows["people_surveyed"].sum()
    target_poor = rows["target_poor_people"].sum()
    return {
        "households": rows["households_surveyed"].sum(),
        "target_poor": target_poor,
        "target_poor_rate": 100 * target_poor / people if people else float("nan"),
    }


def headline_metrics(overview: pd.DataFrame, years: list[int], lang: str) -> None:
    latest = max(years)
    now = headline_totals(overview, latest)
    before = headline_totals(overview, years[-2]) if len(years) > 1 else None
    change = {k: now[k] - before[k] for k in now} if before else {}
    change_help = t("kpi_change_help", lang, year=years[-2]) if before else None
    cols = st.columns(5)
    cols[0].metric(t("kpi_provinces", lang), f"{overview['area_code'].nunique():,}")
    cols[1].metric(t("kpi_years", lang), f"{min(years)}–{latest}" if len(years) > 1 else str(latest))
    cols[2].metric(
        t("kpi_households", lang, year=latest),
        format_number(now["households"]),
        delta=format_number(change["households"]) if change else None,
        delta_color="off",
        help=change_help,
    )
    cols[3].metric(
        t("kpi_target_poor", lang, year=latest),
        format_number(now["target_poor"]),
        delta=format_number(change["target_poor"]) if change else None,
        delta_color="inverse",
        help=t("kpi_target_poor_help", lang),
    )
    cols[4].metric(
        t("kpi_target_poor_rate", lang, year=latest),
        format_percent(now["target_poor_rate"]),
        delta=format_percent(change["target_poor_rate"]) if change else None,
        delta_color="inverse",
        help=change_help,
    )


def province_table(overview: pd.DataFrame, lang: str) -> None:
    name = local_column(lang)
    table = pd.DataFrame(
        {
            t("col_province", lang): overview[name],
            t("col_year", lang): overview["year"].astype(str),
            t("col_households", lang): overview["households_surveyed"],
            t("col_people", lang): overview["people_surveyed"],
            t("col_target_poor", lang): overview["target_poor_people"],
            t("col_target_poor_rate", lang): overview["target_poor_rate"],
            t("col_tambons", lang): overview["tambons_with_data"],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            t("col_households", lang): st.column_config.NumberColumn(format="localized"),
            t("col_people", lang): st.column_config.NumberColumn(format="localized"),
            t("col_target_poor", lang): st.column_config.NumberColumn(format="localized"),
            t("col_target_poor_rate", lang): st.column_config.NumberColumn(format="%.2f %%"),
        },
        key="province_overview_table",
    )
