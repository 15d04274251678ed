"""The villages of a tambon in its detail panel: the main indicators per village, from the same
query (and small-count rule) as the village level of the table, with a link to that table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.local_names import language_suffix
from analysis.tables import HIDDEN, pivot_values
from analysis.units import format_value, small_count
from components.shell.viewer import viewer_min_households
from components.text import t
from components.view.geography import Geography
from components.view.table import DEFAULT_INDICATORS, VILLAGE
from data_access import cached
from data_access.config import min_households


def village_table(url: str, tambon: str, year: int, catalogue: pd.DataFrame, lang: str) -> None:
    """Nothing when the tambon has no villages in the data."""
    codes = [c for c in DEFAULT_INDICATORS if c in set(catalogue["code"])]
    long = cached.village_values(url, tambon, tuple(codes), (year,), viewer_min_households())
    if long.empty:
        return
    present = [c for c in codes if long.loc[long["indicator_code"] == c, "tambons_with_data"].any()]
    if not present:
        return
    wide = pivot_values(long, present, year)
    meta = catalogue.set_index("code")
    suffix = language_suffix(lang)
    table = {t("level_village", lang): wide[f"name_{suffix}"], t("col_code", lang): wide["area_code"]}
    hidden_text = small_count(min_households())
    for code in present:
        unit = meta.loc[code, "unit"]
        hidden = wide[code + HIDDEN] if code + HIDDEN in wide else pd.Series(False, index=wide.index)
        table[meta.loc[code, f"name_{suffix}"]] = [
            hidden_text if secret else format_value(v, unit, lang) for v, secret in zip(wide[code], hidden)
        ]
    st.markdown(f"**{t('detail_villages', lang, year=year)}**")
    st.caption(t("detail_villages_sum", lang, n=len(wide)))
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch", key="detail_villages")
    params = Geography.of_area(tambon, level=VILLAGE, year=year, lang=lang).params()
    st.page_link(
        "pages/table.py",
        label=t("detail_villages_table", lang),
        icon=":material/table_chart:",
        query_params=params,
    )
