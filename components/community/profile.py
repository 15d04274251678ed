"""A tambon's strengths (community assets that stand out against the province, by location quotient)
and problems (its BMN indicators furthest worse than the province), on the detail panel and as one
table for the whole province. The ranking rules are `analysis.assets`; the numbers come from the
one query layer."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.assets import STRENGTH_MIN_COUNT, STRENGTH_MIN_LQ, asset_indicator_code, problems, strengths
from analysis.local_names import local_column
from analysis.units import format_value
from components.shell.viewer import viewer_min_households
from components.text import t
from data_access import cached
from data_access.cached import CACHED


def tambon_profile(url: str, province: str, year: int, catalogue: pd.DataFrame, lang: str):
    """(strengths, problems) of every tambon of the province: frames keyed by area_code."""
    counts = cached.asset_counts(url, province[:2], year)
    found = strengths(counts) if not counts.empty else counts.assign(lq=[])
    deprivation = catalogue[catalogue["is_deprivation"].astype(bool)]
    codes = tuple(deprivation["code"])
    tambons = cached.indicator_values(url, "tambon", codes, (year,), province[:2], viewer_min_households())
    reference = cached.indicator_values(url, "province", codes, (year,), None, viewer_min_households())
    reference = reference[reference["area_code"] == province[:2]][["indicator_code", "value"]]
    polarity = deprivation.set_index("code")["polarity"]
    worst = problems(tambons[["area_code", "indicator_code", "value"]].dropna(), reference, polarity)
    return found, worst


def category_names(url: str, lang: str) -> dict[str, str]:
    categories = cached.asset_categories(url)
    return dict(zip(categories["code"], categories[local_column(lang)]))


def strength_lines(rows: pd.DataFrame, per_1000: dict, names: dict, lang: str) -> list[str]:
    return [
        t(
            "profile_strength_row",
            lang,
            name=names.get(r.category_code, r.category_code),
            count=r.count,
            lq=r.lq,
            per=format_value(per_1000.get(r.category_code), "score", lang),
        )
        for r in rows.itertuples()
    ]


def problem_lines(rows: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> list[str]:
    meta = catalogue.set_index("code")
    out = []
    for r in rows.itertuples():
        unit = meta.loc[r.indicator_code, "unit"]
        out.append(
            t(
                "profile_problem_row",
                lang,
                name=meta.loc[r.indicator_code, local_column(lang)],
                value=format_value(r.value, unit, lang),
                reference=format_value(r.reference, unit, lang),
                gap=f"{r.gap:,.1f}",
            )
        )
    return out


def _names(catalogue: pd.DataFrame, lang: str) -> dict:
    return dict(zip(catalogue["code"], catalogue[local_column(lang)]))


def strengths_and_problems(url: str, tambon: str, year: int, catalogue: pd.DataFrame, lang: str) -> None:
    """The detail panel's part: the tambon's strengths with their counts, and its problems."""
    found, worst = tambon_profile(url, tambon[:2], year, catalogue, lang)
    per = cached.indicator_values(
        url,
        "tambon",
        tuple(asset_indicator_code(c, "per_1000hh") for c in found["category_code"].unique()),
        (year,),
        tambon[:4],
        viewer_min_households(),
    )
    per = per[per["area_code"] == tambon]
    per_1000 = {
        code[len("asset_") : -len("_per_1000hh")]: v for code, v in zip(per["indicator_code"], per["value"])
    }
    st.markdown(f"**{t('profile_title', lang)} · {year}**")
    left, right = st.columns(2)
    with left, st.container(key="profile_strengths"):
        st.markdown(f"*{t('profile_strengths', lang)}*")
        lines = strength_lines(found[found["area_code"] == tambon], per_1000, category_names(url, lang), lang)
        st.markdown("\n".join(f"- {line}" for line in lines) if lines else t("profile_no_strengths", lang))
    with right, st.container(key="profile_problems"):
        st.markdown(f"*{t('profile_problems', lang)}*")
        lines = problem_lines(worst[worst["area_code"] == tambon], catalogue, lang)
        st.markdown("\n".join(f"- {line}" for line in lines) if lines else t("profile_no_problems", lang))
    st.caption(t("profile_method", lang, lq=STRENGTH_MIN_LQ, n=STRENGTH_MIN_COUNT))


def province_profile_table(url: str, province: str | None, year: int, lang: str):
    """One row per tambon of the province: its strengths and its problems, on request on the map page
    (built on every run and drawn as a grid, it was most of a rerun's server time and a first visit's
    largest script)."""
    if not province:
        return
    if st.toggle(t("profile_table", lang), key="map_profile_table"):
        rows = province_profile_rows(url, province[:2], year, lang, viewer_min_households())
        st.dataframe(rows, hide_index=True, width="stretch", key="profile_table")
        st.caption(t("profile_method", lang, lq=STRENGTH_MIN_LQ, n=STRENGTH_MIN_COUNT))


@CACHED.data(max_entries=64)
def province_profile_rows(
    url: str, province: str, year: int, lang: str, min_households: int | None
) -> pd.DataFrame:
    """The province table's rows, built once per province, year, language and viewer threshold (the
    map page draws it in an expander on every rerun, and the strings are the same each time)."""
    catalogue, areas = cached.catalogue(url), cached.areas(url)
    found, worst = tambon_profile(url, province, year, catalogue, lang)
    tambons = areas[(areas["level"] == "tambon") & (areas["code"].str[:2] == province)]
    strong, weak = profile_texts(
        found, worst, tambons["code"], category_names(url, lang), _names(catalogue, lang)
    )
    return pd.DataFrame(
        {
            t("profile_col_tambon", lang): [
                f"{name} ({code})" for code, name in zip(tambons["code"], tambons[local_column(lang)])
            ],
            t("profile_col_strengths", lang): strong,
            t("profile_col_problems", lang): weak,
        }
    )


def profile_texts(
    found: pd.DataFrame, worst: pd.DataFrame, codes: pd.Series, names: dict, indicator_names: dict
) -> tuple[list[str], list[str]]:
    """Per tambon of `codes`, in order: its strengths ("category (count, LQ x.xx)", as `strengths`
    ranks them) and its problems (indicator names, as `problems` ranks them), "" for none."""
    strong_text = [
        f"{names.get(category, category)} ({count:,.0f}, LQ {lq:.2f})"
        for category, count, lq in zip(found["category_code"], found["count"], found["lq"])
    ]
    strong = pd.Series(strong_text, index=found.index, dtype=object).groupby(found["area_code"], sort=False)
    weak = worst["indicator_code"].map(indicator_names).astype(object).groupby(worst["area_code"], sort=False)
    return (
        codes.map(strong.agg(", ".join)).fillna("").tolist(),
        codes.map(weak.agg(", ".join)).fillna("").tolist(),
    )
