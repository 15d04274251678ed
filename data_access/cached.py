"""The one cache boundary: every `st.cache_*` of the app is made here, through `CACHED`, and the
cached engine and queries live here too (the one module of the bottom layers that imports Streamlit).

Query results are cached per database URL, so a test app pointed at another database never sees
this one's numbers. The engine is a process-wide resource. A component that caches something built
above this layer (a deck, the poverty report) decorates it with `CACHED.data` / `CACHED.resource`
where it lives, so `data_changed` drops it too without knowing it by name.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access import assets, municipal, queries, rollup, villages
from data_access.config import database_url
from data_access.engine import make_engine

TTL_SECONDS = 600


class CacheRegistry:
    """Every cached function, registered by the decorator that caches it, so that `clear_all` cannot
    forget one. `static` caches (the engine, once-per-process table setup, an uploaded file's outline)
    hold nothing that an import or an edit changes, and are kept."""

    def __init__(self) -> None:
        # Keyed by module and name: a module imported twice (AppTest, reloads) replaces its entry.
        self._follow_data: dict[str, object] = {}
        self._follow_sets: dict[str, object] = {}
        self._static: dict[str, object] = {}

    def data(self, *, sets: bool = False, **options):
        """`st.cache_data` (ttl TTL_SECONDS unless given), cleared by `clear_all`; `sets=True`: also
        by `clear_sets`, because the result depends on an area set's definition."""
        return self._register(st.cache_data, self._follow_sets if sets else self._follow_data, options)

    def resource(self, *, sets: bool = False, **options):
        """`st.cache_resource` for shared objects built from stored data (callers must not modify
        them), cleared as `data`."""
        return self._register(st.cache_resource, self._follow_sets if sets else self._follow_data, options)

    def static(self, **options):
        """`st.cache_resource` kept across data changes; no ttl unless given."""
        return self._register(st.cache_resource, self._static, {"ttl": None, **options})

    def _register(self, cache, registry: dict, options: dict):
        def decorate(function):
            cached_function = cache(**{"ttl": TTL_SECONDS, "show_spinner": False, **options})(function)
            registry[f"{function.__module__}.{function.__qualname__}"] = cached_function
            return cached_function

        return decorate

    def followers(self, sets_only: bool = False) -> tuple:
        """The cached functions `clear_all` (or, `sets_only`, `clear_sets`) drops."""
        sets = tuple(self._follow_sets.values())
        return sets if sets_only else (*self._follow_data.values(), *sets)

    def follows_data(self, function) -> bool:
        return any(f is function for f in self.followers())

    def is_static(self, function) -> bool:
        return any(f is function for f in self._static.values())

    def clear_all(self) -> None:
        for cached_function in self.followers():
            cached_function.clear()

    def clear_sets(self) -> None:
        for cached_function in self.followers(sets_only=True):
            cached_function.clear()


CACHED = CacheRegistry()


def current_url() -> str:
    try:
        secrets = {"DATABASE_URL": st.secrets["DATABASE_URL"]} if "DATABASE_URL" in st.secrets else {}
    except Exception:  # no secrets file at all is the normal case
        secrets = {}
    return database_url(secrets)


@CACHED.static()
def engine_for(url: str):
    return make_engine(url)


def engine():
    return engine_for(current_url())


@CACHED.data()
def is_ready(url: str) -> bool:
    return queries.is_ready(engine_for(url))


@CACHED.data()
def dataset_facts(url: str) -> dict[str, str]:
    return queries.dataset_facts(engine_for(url))


def is_demo(url: str) -> bool:
    """Synthetic demo data is loaded: every screen and export must say so."""
    return dataset_facts(url).get("is_demo") == "1"


@CACHED.data()
def area_counts(url: str) -> dict[str, int]:
    return queries.area_counts(engine_for(url))


@CACHED.data()
def survey_years(url: str) -> list[int]:
    return queries.survey_years(engine_for(url))


@CACHED.data()
def household_records(url: str) -> int:
    return queries.household_records(engine_for(url))


@CACHED.data()
def province_overview(url: str, min_households: int | None) -> pd.DataFrame:
    return queries.province_overview(engine_for(url), min_households)


@CACHED.data()
def catalogue(url: str) -> pd.DataFrame:
    return queries.catalogue(engine_for(url))


@CACHED.data()
def dimensions(url: str) -> pd.DataFrame:
    return queries.dimensions(engine_for(url))


@CACHED.data()
def areas(url: str) -> pd.DataFrame:
    return queries.areas(engine_for(url))


@CACHED.data()
def provinces_with_data(url: str) -> list[str]:
    return queries.provinces_with_data(engine_for(url))


@CACHED.data(max_entries=256)
def indicator_values(
    url: str,
    level: str,
    indicators: tuple[str, ...],
    years: tuple[int, ...],
    parent: str | None,
    min_households: int | None,
) -> pd.DataFrame:
    """`rollup.indicator_values` as a viewer with this threshold may see it (`components.shell.viewer`
    gives the viewer's; None: the stored figures, for officers and for totals protected afterwards)."""
    return rollup.indicator_values(
        engine_for(url), level, list(indicators), list(years), parent, min_households
    )


@CACHED.data()
def municipal_units(url: str) -> pd.DataFrame:
    """Every municipal unit (area_code, covers_tambon, source): a few hundred rows at most."""
    return municipal.municipal_units(engine_for(url))


@CACHED.data(max_entries=256)
def municipal_units_with_values(url: str, indicator_code: str, year: int, prefix: str) -> int:
    return municipal.units_with_values(engine_for(url), indicator_code, year, prefix)


@CACHED.data()
def tambons_with_villages(url: str, province: str) -> list[str]:
    return villages.tambons_with_villages(engine_for(url), province)


@CACHED.data(max_entries=64)
def village_values(
    url: str, tambon: str, indicators: tuple[str, ...], years: tuple[int, ...], min_households: int | None
) -> pd.DataFrame:
    """`villages.village_values` of one tambon as a viewer with this threshold may see it."""
    return villages.village_values(engine_for(url), tambon, list(indicators), list(years), min_households)


@CACHED.data(max_entries=64)
def area_profile(url: str, tambon_code: str, year: int, min_households: int | None) -> pd.DataFrame:
    return queries.area_profile(engine_for(url), tambon_code, year, min_households)


@CACHED.data()
def profiles_ready(url: str) -> bool:
    """Poverty aggregates exist for every tambon-year with households: built once for a database
    made before them (a cheap check afterwards)."""
    from data_access.poverty_profiles import ensure_profiles

    ensure_profiles(engine_for(url))
    return True


@CACHED.resource(max_entries=32)
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


@CACHED.data(max_entries=64)
def household_status(url: str, province: str, year: int) -> pd.DataFrame:
    """Households per tambon and status class of one province-year (`household_status`)."""
    from data_access.poverty_profiles import status_rows

    profiles_ready(url)
    return status_rows(engine_for(url), province, year)


@CACHED.data(max_entries=64)
def household_transitions(url: str, province: str, year_before: int, year_after: int):
    """Status moves touching one province's tambons (`household_transition`), None when not kept."""
    from data_access.poverty_profiles import transition_rows

    profiles_ready(url)
    return transition_rows(engine_for(url), province, year_before, year_after)


@CACHED.resource(max_entries=4)
def country_profiles(url: str, year: int):
    """(profiles, deprivations) of the whole country in `year`, summed per province in SQL (a
    province's distinct profiles, its code in `tambon_code`). Shared: callers must not modify them."""
    from analysis.profiles import profile_frames
    from data_access.poverty_profiles import country_profile_rows

    profiles_ready(url)
    known = catalogue(url)
    codes = sorted(known.loc[known["is_deprivation"].astype(bool), "code"])
    return profile_frames(country_profile_rows(engine_for(url), year), codes)


@CACHED.data(max_entries=8)
def country_status(url: str, year: int) -> pd.DataFrame:
    """Households per province and status class in `year`."""
    from data_access.poverty_profiles import country_status_rows

    profiles_ready(url)
    return country_status_rows(engine_for(url), year)


@CACHED.data(max_entries=8)
def country_transitions(url: str, year_before: int, year_after: int):
    """Status moves summed per pair of provinces, None when the pair is not kept."""
    from data_access.poverty_profiles import country_transition_rows

    profiles_ready(url)
    return country_transition_rows(engine_for(url), year_before, year_after)


@CACHED.resource(max_entries=4)
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
    crs: int | None = None,
):
    """The dry run of an uploaded file, kept while the person reads it and decides (a 300,000-row
    file takes seconds to check); `commit` compares with the database again, so it is never stale.
    `mapping_json`: a column mapping (importer.mapping) for a file whose headers no kind knows."""
    from data_access import importer
    from data_access.importer.mapping import ColumnMapping

    mapping = ColumnMapping.from_json(mapping_json) if mapping_json else None
    return importer.preview(
        engine_for(url),
        data,
        file_name,
        kind,
        encoding,
        sheet,
        year,
        header_row=header_row,
        mapping=mapping,
        crs=crs,
    )


@CACHED.static(max_entries=4, ttl=TTL_SECONDS)
def import_outline(
    data: bytes, file_name: str, encoding: str | None, sheet: str | None, header_row: int | None
):
    """Headers and first rows of an upload, for the column-mapping step (read once per file)."""
    from data_access.importer.mapping import file_outline

    return file_outline(data, file_name, encoding, sheet, header_row)


@CACHED.data(max_entries=32)
def hot_spots(url, level, indicator, year, parent, prefix, min_households: int | None):
    """Local Moran's I of the values a viewer with this threshold sees on a map (`analysis.hotspots`);
    None when too few areas have a value to test."""
    from data_access.hot_spots import hot_spots_of

    return hot_spots_of(engine_for(url), level, indicator, year, parent, prefix, min_households)


@CACHED.data(ttl=60, max_entries=32)
def household_list(url: str, user, chosen: tuple) -> pd.DataFrame:
    """An officer's household list (`household_access.household_list`, scope checked there), kept a
    minute per user and filter so choosing a row does not query again (nor writes a second audit row);
    cleared by `data_changed`."""
    from data_access.access import household_access

    return household_access.household_list(engine_for(url), user, **dict(chosen))


def data_version(url: str) -> int:
    """The database's data version, read on every run (never cached: it is what tells caches apart)."""
    from data_access import data_version as version

    return version.current(engine_for(url))


@CACHED.resource(max_entries=4)
def import_preview_files(url: str, files: tuple, encoding: str | None, year: int | None):
    """The dry run of several TPMAP files uploaded together (as `import_preview`)."""
    from data_access import importer

    return importer.preview_files(engine_for(url), list(files), year=year, encoding=encoding)


@CACHED.data()
def asset_categories(url: str) -> pd.DataFrame:
    return assets.categories(engine_for(url))


@CACHED.data()
def asset_points_file(url: str, province_code: str, category: str) -> tuple[str, int]:
    """(URL, count) of one category's points in a province: queried and written once, then fetched by
    the browser once (`geo.point_files`)."""
    return assets.points_file_for(engine_for(url), province_code, category)


@CACHED.data()
def asset_counts(url: str, province_code: str, year: int) -> pd.DataFrame:
    return assets.tambon_counts(engine_for(url), province_code, year)


def data_changed() -> None:
    """After an import or an edit the stored numbers changed for everyone: drop every cached query
    result, household frame, import preview and component cache that holds them (every user's copies
    are stale). Static caches (engine, once-per-process setup) stay."""
    CACHED.clear_all()


@CACHED.static()
def area_sets_ready(url: str) -> bool:
    """Set tables exist (and the demo's MOU set was offered once): run once per database per process."""
    from data_access.area_sets import ensure_area_sets

    ensure_area_sets(engine_for(url))
    return True


@CACHED.static()
def fieldwork_ready(url: str) -> bool:
    """Field-work tables exist and older referrals are migrated: run once per database per process."""
    from data_access.fieldwork_setup import ensure_fieldwork

    ensure_fieldwork(engine_for(url))
    return True


@CACHED.data(sets=True)
def area_set_list(url: str) -> pd.DataFrame:
    from data_access import area_sets

    area_sets_ready(url)
    return area_sets.list_sets(engine_for(url))


@CACHED.data(sets=True)
def area_set_members(url: str, set_id: int) -> list[str]:
    from data_access import area_sets

    return area_sets.set_members(engine_for(url), set_id)


def area_sets_changed() -> None:
    """A set was created, renamed, edited or deleted: the list is shared, every user's copy is stale,
    and so is everything cached with `sets=True`."""
    CACHED.clear_sets()


@CACHED.data(sets=True, max_entries=64)
def scope_figures(url: str, kind: str, key: str, year: int, min_households: int | None):
    """Figures of an area set (kind "set", key = id), an area (kind "area", key = code) or the country
    (kind "country", key "") for `year`, as a viewer with this threshold may see them."""
    from data_access import scope

    engine = engine_for(url)
    area_sets_ready(url)
    return scope.scope_figures(engine, scope.scope_of(engine, kind, key), year, min_households)


@CACHED.data(sets=True, max_entries=64)
def scope_profiles(url: str, kind: str, key: str, year: int, min_households: int | None):
    """The tambon profiles (strengths and problems) of the deck of a scope, as this viewer may see them."""
    from data_access import tambon_profiles

    figures = scope_figures(url, kind, key, year, min_households)
    return tambon_profiles.scope_profiles(engine_for(url), figures)


@CACHED.data(sets=True, max_entries=64)
def scope_trend(url: str, kind: str, key: str, indicators: tuple[str, ...], min_households: int | None):
    from data_access import scope

    engine = engine_for(url)
    return scope.scope_trend(engine, scope.scope_of(engine, kind, key), list(indicators), min_households)
