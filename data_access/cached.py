"""The one module of the bottom layers that imports Streamlit: cached engine and cached queries.

Query results are cached per database URL, so a test app pointed at another database never sees
this one's numbers. The engine is a process-wide resource.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access import households, queries, rollup
from data_access.config import database_url, min_households
from data_access.engine import make_engine

TTL_SECONDS = 600
REVISION_TTL_SECONDS = 2  # how stale another process's save may look: one rerun at most


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


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def province_overview(url: str) -> pd.DataFrame:
    return queries.province_overview(engine_for(url))


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
    return _indicator_values(
        url, level, indicators, years, parent, viewer_min_households(), data_revision(url)
    )


@st.cache_data(ttl=REVISION_TTL_SECONDS, show_spinner=False)
def data_revision(url: str) -> str:
    """The stored-number change counter (`data_access.revision`), part of the key of the cached figures
    below, so a save in any server process reaches every process's next action."""
    from data_access import revision

    return revision.current(engine_for(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=256)
def _indicator_values(url, level, indicators, years, parent, min_households_shown, revision=None):
    return rollup.indicator_values(
        engine_for(url), level, list(indicators), list(years), parent, min_households_shown
    )


def area_profile(url: str, tambon_code: str, year: int) -> pd.DataFrame:
    return _area_profile(url, tambon_code, year, viewer_min_households(), data_revision(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _area_profile(url: str, tambon_code: str, year: int, min_households_shown, revision=None) -> pd.DataFrame:
    return queries.area_profile(engine_for(url), tambon_code, year, min_households_shown)


@st.cache_resource(show_spinner=False, max_entries=8, ttl=TTL_SECONDS)
def household_microdata(url: str, area_code: str, year: int):
    """(households, deprivations) of one area-year, shared by every session: callers must not modify
    them (analysis functions copy what they change)."""
    return households.household_microdata(engine_for(url), area_code, year)


@st.cache_resource(show_spinner=False, max_entries=4, ttl=TTL_SECONDS)
def import_preview(
    url: str,
    data: bytes,
    file_name: str,
    kind: str | None,
    encoding: str | None,
    sheet: str | None,
    year: int | None,
):
    """The dry run of an uploaded file, kept while the person reads it and decides (a 300,000-row
    file takes seconds to check); `commit` compares with the database again, so it is never stale."""
    from data_access import importer

    return importer.preview(engine_for(url), data, file_name, kind, encoding, sheet, year)


def data_changed() -> None:
    """After an import the stored numbers changed for everyone: drop the cached query results and
    household frames (every user's copies are stale), and the import previews. Static caches
    (engine, areas' geometry) stay."""
    for cached_query in (
        is_ready,
        dataset_facts,
        survey_years,
        household_records,
        province_overview,
        catalogue,
        dimensions,
        provinces_with_data,
        _indicator_values,
        _area_profile,
        data_revision,
    ):
        cached_query.clear()
    household_microdata.clear()
    import_preview.clear()
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
    return _scope_figures(url, kind, key, year, viewer_min_households(), data_revision(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _scope_figures(url: str, kind: str, key: str, year: int, min_households_shown, revision=None):
    from data_access import scope

    engine = engine_for(url)
    area_sets_ready(url)
    chosen = scope.set_scope(engine, int(key)) if kind == "set" else scope.area_scope(engine, key)
    return scope.scope_figures(engine, chosen, year, min_households_shown)


def scope_trend(url: str, kind: str, key: str, indicators: tuple[str, ...]) -> pd.DataFrame:
    return _scope_trend(url, kind, key, indicators, viewer_min_households(), data_revision(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _scope_trend(
    url: str, kind: str, key: str, indicators: tuple[str, ...], min_households_shown, revision=None
):
    from data_access import scope

    engine = engine_for(url)
    chosen = scope.set_scope(engine, int(key)) if kind == "set" else scope.area_scope(engine, key)
    return scope.scope_trend(engine, chosen, list(indicators), min_households_shown)
