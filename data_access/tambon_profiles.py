"""The tambon profiles of a deck (`analysis.tambon_profile`) read through the one query layer, as the
viewer may see them: item counts exact, per-1,000-households figures over the published households
cell (hidden with it), BMN values protected like the map's.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from analysis.assets import ASSET_PREFIX, asset_indicator_code
from analysis.scope import MAP_INDICATOR, ScopeFigures
from analysis.tambon_profile import (
    PROBLEM_COLUMNS,
    STRENGTH_COLUMNS,
    TambonProfiles,
    profile_tambons,
    tambon_problems,
    tambon_strengths,
)
from data_access import assets, queries
from data_access.rollup import indicator_values
from data_access.schema import area


def scope_profiles(engine: Engine, figures: ScopeFigures) -> TambonProfiles:
    """Strengths and problems of the tambons of `figures`' deck (see `profile_tambons`)."""
    scope, year, k = figures.scope, figures.year, figures.min_households
    catalogue = queries.catalogue(engine)
    meta = catalogue.set_index("code")
    if scope.unit_level == "tambon":
        chosen = list(scope.units)
    else:
        rates = indicator_values(engine, "tambon", MAP_INDICATOR, [year], scope.province, k)
        chosen = profile_tambons(scope, rates, str(meta.at[MAP_INDICATOR, "polarity"]))
    deprivation = catalogue[catalogue["is_deprivation"].astype(bool)]
    bmn = list(deprivation["code"])
    categories = assets.categories(engine)
    per_codes = [asset_indicator_code(c, "per_1000hh") for c in categories["code"]]
    units = figures.units
    hidden_households = tuple(
        units.loc[
            (units["indicator_code"] == "households_surveyed") & units["suppressed"].astype(bool), "area_code"
        ]
    )
    found, worst = [], []
    provinces = indicator_values(engine, "province", [*bmn, *per_codes], [year], None, k)
    for province in sorted({code[:2] for code in chosen}):
        mine = [code for code in chosen if code[:2] == province]
        reference = provinces[provinces["area_code"] == province]
        per = indicator_values(engine, "tambon", per_codes, [year], province, k)
        per = per.assign(category_code=per["indicator_code"].str[len(ASSET_PREFIX) : -len("_per_1000hh")])
        province_per = reference[reference["indicator_code"].isin(per_codes)]
        province_per = pd.Series(
            province_per["value"].to_numpy(),
            index=province_per["indicator_code"].str[len(ASSET_PREFIX) : -len("_per_1000hh")],
        )
        counts = assets.tambon_counts(engine, province, year)
        found.append(tambon_strengths(counts, per, province_per, categories, mine, hidden_households))
        values = indicator_values(engine, "tambon", bmn, [year], province, k)
        worst.append(
            tambon_problems(
                values,
                reference[reference["indicator_code"].isin(bmn)][["indicator_code", "value"]],
                deprivation.set_index("code")["polarity"],
                mine,
            )
        )
    return TambonProfiles(
        tambons=_names(engine, chosen),
        strengths=pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=STRENGTH_COLUMNS),
        problems=pd.concat(worst, ignore_index=True) if worst else pd.DataFrame(columns=PROBLEM_COLUMNS),
        catalogue=deprivation[["code", "name_th", "name_en", "unit"]].reset_index(drop=True),
    )


def _names(engine: Engine, codes: list[str]) -> pd.DataFrame:
    """The tambons in `codes` order with their amphoe's and province's names."""
    wanted = sorted({*codes, *(c[:4] for c in codes), *(c[:2] for c in codes)})
    with engine.connect() as conn:
        names = pd.read_sql(
            select(area.c.code, area.c.name_th, area.c.name_en).where(area.c.code.in_(wanted)), conn
        ).set_index("code")
    rows = [
        {
            "area_code": code,
            "name_th": names.at[code, "name_th"],
            "name_en": names.at[code, "name_en"],
            "amphoe_th": names["name_th"].get(code[:4], ""),
            "amphoe_en": names["name_en"].get(code[:4], ""),
            "province_th": names["name_th"].get(code[:2], ""),
            "province_en": names["name_en"].get(code[:2], ""),
        }
        for code in codes
        if code in names.index
    ]
    return pd.DataFrame(
        rows,
        columns=["area_code", "name_th", "name_en", "amphoe_th", "amphoe_en", "province_th", "province_en"],
    )
