"""The one module of the bottom layers that imports Streamlit: cached engine and cached queries.

Query results are cached per database URL, so a test app pointed at another database never sees
this one's numbers. The engine is a process-wide resource.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access import municipal, queries, rollup, villages
from data_access.config import database_url, min_households
from data_access.engine import make_engine

TTL_SECONDS = 600


def current_url() -> str:
    try:
        secrets = {"DATABASE_URL": st.secrets["DATABASE_URL"]} if "DATABASE_URL" in st.secrets else {}
    except Exception:  # no secrets file at all is the normal case
        secrets = {}
    return database_url(secrets)


@st.cache_resource(show_spinner=False)
def engine_for(url: str):
    return make_engine(url)


def engine():
    return engine_for(current_url())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def is_ready(url: str) -> bool:
    return queries.is_ready(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def dataset_facts(url: str) -> dict[str, str]:
    return queries.dataset_facts(engine_for(url))


def is_demo(url: str) -> bool:
    """Synthetic demo data is loaded: every screen and export must say so."""
    return dataset_facts(url).get("is_demo") == "1"


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def area_counts(url: str) -> dict[str, int]:
    return queries.area_counts(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def survey_years(url: str) -> list[int]:
    return queries.survey_years(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def household_records(url: str) -> int:
    return queries.household_records(engine_for(url))


def province_overview(url: str) -> pd.DataFrame:
    return _province_overview(url, viewer_min_households())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _province_overview(url: str, min_households_shown) -> pd.DataFrame:
    return queries.province_overview(engine_for(url), min_households_shown)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def catalogue(url: str) -> pd.DataFrame:
    return queries.catalogue(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def dimensions(url: str) -> pd.DataFrame:
    return queries.dimensions(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def areas(url: str) -> pd.DataFrame:
    return queries.areas(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def provinces_with_data(url: str) -> list[str]:
    return queries.provinces_with_data(engine_for(url))


SIGNED_IN_KEY = "_signed_in"  # set by the sign-in screen only; never a widget key


def viewer_min_households() -> int | None:
    """The suppression threshold for this session: small counts are hidden from viewers who are not
    signed in; officers and administrators see the stored numbers."""
    if st.session_state.get(SIGNED_IN_KEY):
        return None
    k = min_households()
    return k if k > 1 else None  # 1: suppression switched off


def indicator_values(
    url: str, level: str, indicators: tuple[str, ...], years: tuple[int, ...], parent: str | None
) -> pd.DataFrame:
    """`rollup.indicator_values` as this viewer may see it (cached per threshold)."""
    return _indicator_values(url, level, indicators, years, parent, viewer_min_households())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=256)
def _indicator_values(url, level, indicators, years, parent, min_households_shown):
    return rollup.indicator_values(
        engine_for(url), level, list(indicators), list(years), parent, min_households_shown
    )


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def municipal_units(url: str) -> pd.DataFrame:
    """Every municipal unit (area_code, covers_tambon, source): a few hundred rows at most."""
    return municipal.municipal_units(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=256)
def municipal_units_with_values(url: str, indicator_code: str, year: int, prefix: str) -> int:
    return municipal.units_with_values(engine_for(url), indicator_code, year, prefix)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def tambons_with_villages(url: str, province: str) -> list[str]:
    return villages.tambons_with_villages(engine_for(url), province)


def village_values(
    url: str, tambon: str, indicators: tuple[str, ...], years: tuple[int, ...]
) -> pd.DataFrame:
    """`villages.village_values` of one tambon as this viewer may see it (cached per threshold)."""
    return _village_values(url, tambon, indicators, years, viewer_min_households())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _village_values(url, tambon, indicators, years, min_households_shown):
    return villages.village_values(
        engine_for(url), tambon, list(indicators), list(years), min_households_shown
    )


def area_profile(url: str, tambon_code: str, year: int) -> pd.DataFrame:
    return _area_profile(url, tambon_code, year, viewer_min_households())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _area_profile(url: str, tambon_code: str, year: int, min_households_shown) -> pd.DataFrame:
    return queries.area_profile(engine_for(url), tambon_code, year, min_households_shown)


@st.cache_resource(show_spinner=False)
def profiles_ready(url: str) -> bool:
    """Poverty aggregates exist for every tambon-year with households: built once per database per
    process for a database made before them."""
    from data_access.poverty_profiles import ensure_profiles

    ensure_profiles(engine_for(url))
    return True


@st.cache_resource(show_spinner=False, max_entries=32, ttl=TTL_SECONDS)
def poverty_profiles(url: str, province: str, year: int):
    """(profiles, deprivations) of one province-year from `household_profile`: the frames
    `analysis.poverty` takes, a row per profile with its `households` and `members`. Shared by every
    session: callers must not modify them."""
    from analysis.profiles import profile_frames
    from data_access.poverty_profiles import profile_rows

    profiles_ready(url)
    known = catalogue(url)
    codes = sorted(known.loc[known["is_deprivation"].astype(bool), "code"])
    return profile_frames(profile_rows(engine_for(url), province, year), codes)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def household_status(url: str, province: str, year: int) -> pd.DataFrame:
    """Households per tambon and status class of one province-year (`household_status`)."""
    from data_access.poverty_profiles import status_rows

    profiles_ready(url)
    return status_rows(engine_for(url), province, year)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def household_transitions(url: str, province: str, year_before: int, year_after: int):
    """Status moves touching one province's tambons (`household_transition`), None when not kept."""
    from data_access.poverty_profiles import transition_rows

    profiles_ready(url)
    return transition_rows(engine_for(url), province, year_before, year_after)


@st.cache_resource(show_spinner=False, max_entries=4, ttl=TTL_SECONDS)
def import_preview(
    url: str,
    data: bytes,
    file_name: str,
    kind: str | None,
    encoding: str | None,
    sheet: str | None,
    year: int | None,
    header_row: int | None = None,
    mapping_json: str | None = None,
):
    """The dry run of an uploaded file, kept while the person reads it and decides (a 300,000-row
    file takes seconds to check); `commit` compares with the database again, so it is never stale.
    `mapping_json`: a column mapping (importer.mapping) for a file whose headers no kind knows."""
    from data_access import importer
    from data_access.importer.mapping import ColumnMapping

    mapping = ColumnMapping.from_json(mapping_json) if mapping_json else None
    return importer.preview(
        engine_for(url), data, file_name, kind, encoding, sheet, year, header_row=header_row, mapping=mapping
    )


@st.cache_resource(show_spinner=False, max_entries=4, ttl=TTL_SECONDS)
def import_outline(
    data: bytes, file_name: str, encoding: str | None, sheet: str | None, header_row: int | None
):
    """Headers and first rows of an upload, for the column-mapping step (read once per file)."""
    from data_access.importer.mapping import file_outline

    return file_outline(data, file_name, encoding, sheet, header_row)


def hot_spots(url: str, level: str, indicator: str, year: int, parent: str | None, prefix: str):
    """Local Moran's I of the values this viewer sees on a map (`analysis.hotspots`); None when too
    few areas have a value to test."""
    return _hot_spots(url, level, indicator, year, parent, prefix, viewer_min_households())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def _hot_spots(url, level, indicator, year, parent, prefix, min_households_shown):
    from analysis.hotspots import HotSpotError, local_moran
    from geo.assets import load_geometry

    values = rollup.indicator_values(
        engine_for(url), level, [indicator], [year], parent, min_households_shown
    )
    values = values[values["area_code"].str.startswith(prefix)]
    geometry = load_geometry(level, None if level == "province" or not parent else parent[:2])
    try:
        return local_moran(values.set_index("area_code")["value"], geometry)
    except HotSpotError:
        return None


@st.cache_data(ttl=60, show_spinner=False, max_entries=32)
def household_list(url: str, user, chosen: tuple) -> pd.DataFrame:
    """An officer's household list (`household_access.household_list`, scope checked there), kept a
    minute per user and filter so choosing a row does not query again (nor writes a second audit row);
    cleared by `data_changed`."""
    from data_access import household_access

    return household_access.household_list(engine_for(url), user, **dict(chosen))


def data_version(url: str) -> int:
    """The database's data version, read on every run (never cached: it is what tells caches apart)."""
    from data_access import data_version as version

    return version.current(engine_for(url))


@st.cache_resource(show_spinner=False, max_entries=4, ttl=TTL_SECONDS)
def import_preview_files(url: str, files: tuple, encoding: str | None, year: int | None):
    """The dry run of several TPMAP files uploaded together (as `import_preview`)."""
    from data_access import importer

    return importer.preview_files(engine_for(url), list(files), year=year, encoding=encoding)


def data_changed() -> None:
    """After an import the stored numbers changed for everyone: drop the cached query results and
    poverty aggregates (every user's copies are stale), and the import previews. Static caches
    (engine, areas' geometry) stay."""
    for cached_query in (
        is_ready,
        dataset_facts,
        survey_years,
        household_records,
        _province_overview,
        catalogue,
        dimensions,
        provinces_with_data,
        _indicator_values,
        _area_profile,
        municipal_units,
        municipal_units_with_values,
        tambons_with_villages,
        _village_values,
        _hot_spots,
        household_status,
        household_transitions,
    ):
        cached_query.clear()
    poverty_profiles.clear()
    household_list.clear()
    import_preview.clear()
    import_preview_files.clear()
    area_sets_changed()


@st.cache_resource(show_spinner=False)
def area_sets_ready(url: str) -> bool:
    """Set tables exist (and the demo's MOU set was offered once): run once per database per process."""
    from data_access.area_sets import ensure_area_sets

    ensure_area_sets(engine_for(url))
    return True


@st.cache_resource(show_spinner=False)
def fieldwork_ready(url: str) -> bool:
    """Field-work tables exist and older referrals are migrated: run once per database per process."""
    from data_access.fieldwork_setup import ensure_fieldwork

    ensure_fieldwork(engine_for(url))
    return True


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def area_set_list(url: str) -> pd.DataFrame:
    from data_access import area_sets

    area_sets_ready(url)
    return area_sets.list_sets(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def area_set_members(url: str, set_id: int) -> list[str]:
    from data_access import area_sets

    return area_sets.set_members(engine_for(url), set_id)


def area_sets_changed() -> None:
    """A set was created, renamed, edited or deleted: the list is shared, every user's copy is stale."""
    area_set_list.clear()
    area_set_members.clear()
    _scope_figures.clear()
    _scope_trend.clear()


def scope_figures(url: str, kind: str, key: str, year: int):
    """Figures of an area set (kind "set", key = id) or an area (kind "area", key = code) for `year`,
    as this viewer may see them."""
    return _scope_figures(url, kind, key, year, viewer_min_households())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _scope_figures(url: str, kind: str, key: str, year: int, min_households_shown):
    from data_access import scope

    engine = engine_for(url)
    area_sets_ready(url)
    chosen = scope.set_scope(engine, int(key)) if kind == "set" else scope.area_scope(engine, key)
    return scope.scope_figures(engine, chosen, year, min_households_shown)


def scope_trend(url: str, kind: str, key: str, indicators: tuple[str, ...]) -> pd.DataFrame:
    return _scope_trend(url, kind, key, indicators, viewer_min_households())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _scope_trend(url: str, kind: str, key: str, indicators: tuple[str, ...], min_households_shown):
    from data_access import scope

    engine = engine_for(url)
    chosen = scope.set_scope(engine, int(key)) if kind == "set" else scope.area_scope(engine, key)
    return scope.scope_trend(engine, chosen, list(indicators), min_households_shown)
