"""The place pickers every screen shares: valid choices, the area row, breadcrumbs and labels."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.levels import LEVELS
from analysis.local_names import language_suffix, local_column
from components.text import t
from components.view.geography import Choices, choices_from, up_one_level
from data_access import cached
from data_access.cached import CACHED


@CACHED.data()
def load_choices(url: str) -> Choices:
    """Valid codes and years for the view, built once per database rather than on every rerun."""
    return choices_from(
        cached.areas(url),
        cached.provinces_with_data(url),
        cached.catalogue(url)["code"].tolist(),
        cached.survey_years(url),
        cached.asset_categories(url)["code"].tolist(),
    )


def area_controls(
    cols, view, choices: Choices, areas: pd.DataFrame, keys: dict[str, str], lang: str, levels=None
) -> None:
    """Province, amphoe and level pickers in three columns, bound to `keys` (shared by map, table and
    explorer so the same rules pick the same areas); `levels` replaces the levels offered."""
    names = area_names(areas, lang)
    cols[0].selectbox(
        t("province", lang),
        ["", *choices.provinces],
        key=keys["province"],
        format_func=lambda c: _province_label(c, names, choices, lang),
    )
    amphoes = choices.amphoes.get(view.province, []) if view.province else []
    cols[1].selectbox(
        t("amphoe", lang),
        ["", *amphoes],
        key=keys["amphoe"],
        disabled=not view.province,
        format_func=lambda c: names.get(c, t("all_amphoe", lang)),
    )
    if levels is None:
        levels = ("tambon",) if view.amphoe else ("amphoe", "tambon") if view.province else LEVELS
    cols[2].radio(
        t("level", lang),
        levels,
        key=keys["level"],
        horizontal=True,
        format_func=lambda v: t(f"level_{v}", lang),
    )


def breadcrumbs(view, areas: pd.DataFrame, lang: str, store, prefix: str = "") -> None:
    """Country › province › amphoe › tambon, each a button back to that level, and "up one level".

    `view` is any view with province, amphoe, tambon and level; `store` puts a chosen view into the
    page's widget keys (the map's by default)."""
    trail = trail_of(view, area_names(areas, lang), lang)
    cols = st.columns([1] * len(trail) + [1.2, max(6 - len(trail), 1)])
    for index, (label, target) in enumerate(trail):
        last = index == len(trail) - 1
        cols[index].button(
            ("› " if index else "") + label,
            key=f"{prefix}crumb_{index}",
            disabled=last,
            type="tertiary",
            on_click=store,
            args=(target,),
            width="stretch",
        )
    cols[len(trail)].button(
        t("up_one_level", lang),
        key=f"{prefix}up_one_level",
        icon=":material/arrow_upward:",
        disabled=len(trail) == 1,
        on_click=store,
        args=(up_one_level(view),),
    )


def trail_of(view, names: dict[str, str], lang: str = "th") -> list[tuple[str, object]]:
    """(label, view) from the country down to the view's own place: what each breadcrumb opens."""
    trail = [(t("country", lang), replace(view, province=None, amphoe=None, tambon=None, level="province"))]
    if view.province:
        trail.append(
            (names.get(view.province, view.province), replace(view, amphoe=None, tambon=None, level="amphoe"))
        )
    if view.amphoe:
        trail.append((names.get(view.amphoe, view.amphoe), replace(view, tambon=None, level="tambon")))
    if view.tambon:
        trail.append((names.get(view.tambon, view.tambon), view))
    return trail


def area_names(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    column = local_column(lang)
    return dict(zip(areas["code"], areas[column]))


def indicator_labels(catalogue: pd.DataFrame, lang: str) -> dict[str, str]:
    suffix = language_suffix(lang)
    return {
        row["code"]: f"{row[f'dimension_{suffix}']} · {row[f'name_{suffix}']}"
        for _, row in catalogue.iterrows()
    }


def _province_label(code: str, names: dict[str, str], choices: Choices, lang: str) -> str:
    if not code:
        return t("whole_country", lang)
    suffix = "" if code in choices.provinces_with_data else f" {t('no_data_suffix', lang)}"
    return names.get(code, code) + suffix
