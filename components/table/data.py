"""The table page's numbers: `exports.table_frame` fed with this viewer's cached queries.

Screen and export read the same `TableData`, so the file holds what is on screen: the same rows,
filter, order, columns and reference row; `python -m exports.table` builds it the same way.
"""

from __future__ import annotations

import pandas as pd

from analysis.units import small_count
from components.shared.downloads import texts
from components.shell.viewer import viewer_min_households
from components.view.table import TableView, table_extent
from data_access import cached
from data_access.cached import CACHED
from data_access.config import min_households
from exports import table_frame
from exports.table_frame import UNIT_KINDS, TableData  # noqa: F401  (the page's vocabulary)
from exports.tables import ExportColumn


def table_source(
    url: str, catalogue: pd.DataFrame, areas: pd.DataFrame, k: int | None
) -> table_frame.TableSource:
    """The queries as a viewer with threshold `k` (`viewer_min_households`) may see them."""
    return table_frame.TableSource(
        values=lambda level, codes, years, parent: cached.indicator_values(
            url, level, codes, years, parent, k
        ),
        exact_values=lambda level, codes, years: cached.indicator_values(
            url, level, codes, years, None, None
        ),
        villages=lambda tambon, codes, years: cached.village_values(url, tambon, codes, years, k),
        catalogue=catalogue,
        areas=areas,
        municipal=cached.municipal_units(url),
        min_households=k,
        hidden_text=small_count(min_households()),
    )


def load_table(
    url: str, view: TableView, catalogue: pd.DataFrame, areas: pd.DataFrame, lang: str
) -> TableData:
    """The table of `view` for this viewer, kept (`table_data`): shared, so callers must not modify it."""
    return table_data(url, view, lang, viewer_min_households())


@CACHED.resource(max_entries=32)
def table_data(url: str, view: TableView, lang: str, min_households: int | None) -> TableData:
    """The table of `view` as a viewer with this threshold may see it, built once: pivoting, the
    protected reference row and the municipal notes of the national tambon table (7,425 rows) cost
    more than drawing it."""
    level, parent = table_extent(view)
    source = table_source(url, cached.catalogue(url), cached.areas(url), min_households)
    data = table_frame.build_table(source, view, level, parent, lang, texts(lang))
    if not getattr(view, "hotspots", False) or level == "village" or data.indicators.empty:
        return data
    first = data.indicators.iloc[0]["code"]
    spots = cached.hot_spots(url, level, first, view.year, parent, parent or "", min_households)
    classes = spots.classes if spots is not None else pd.Series(dtype=object)
    return table_frame.with_hot_spots(data, classes, texts(lang))


def export_columns(data: TableData, view: TableView, lang: str) -> list[ExportColumn]:
    return table_frame.export_columns(data, view, lang, texts(lang), small_count(min_households()))
