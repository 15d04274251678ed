"""The explorer's numbers: one wide frame of the areas in view, from the map's query, with the parent
area's name (for colour) and the households surveyed (for size)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.local_names import local_column, local_names
from analysis.tables import pivot_values
from components.shared.labels import marked_names
from components.shell.viewer import viewer_min_households
from components.view.explorer import ExplorerView
from components.view.geography import map_extent
from components.view.map import MapView
from data_access import cached

SIZE_INDICATOR = "households_surveyed"


@dataclass(frozen=True)
class Explorer:
    """What every explorer tool needs: the view, the database and the words to use."""

    url: str
    view: ExplorerView
    catalogue: pd.DataFrame
    areas: pd.DataFrame
    demo: bool
    lang: str
    members: tuple[str, ...] = ()  # an area set's tambons: only their areas are explored

    @property
    def names(self) -> dict[str, str]:
        return local_names(self.areas, self.lang)

    def frame(self, codes: Sequence[str], year: int | None = None) -> pd.DataFrame:
        wide = explorer_frame(self.url, self.view, codes, self.areas, self.lang, year)
        if not self.members:
            return wide
        prefixes = {m[:n] for m in self.members for n in (2, 4, 6)}
        return wide[wide["area_code"].isin(prefixes).to_numpy()].reset_index(drop=True)

    def indicator_name(self, code: str) -> str:
        return self.catalogue.set_index("code").loc[code, local_column(self.lang)]


def explorer_frame(
    url: str,
    view: ExplorerView,
    codes: Sequence[str],
    areas: pd.DataFrame,
    lang: str,
    year: int | None = None,
) -> pd.DataFrame:
    """One row per area in view: area columns, `name` (a municipal unit's with its mark), `parent_name`,
    `households`, then `codes`."""
    level, parent, _ = explorer_extent(view)
    wanted = tuple(dict.fromkeys([*codes, SIZE_INDICATOR]))
    year = view.year if year is None else year
    long = cached.indicator_values(url, level, wanted, (year,), parent, viewer_min_households())
    wide = pivot_values(long, wanted, year)
    names = local_names(areas, lang)
    wide.insert(1, "name", marked_names(url, wide, areas, lang))
    wide.insert(2, "parent_name", wide["parent_code"].map(names).fillna(""))
    wide["households"] = wide[SIZE_INDICATOR]
    return wide


def explorer_extent(view: ExplorerView) -> tuple[str, str | None, str]:
    return map_extent(as_map_view(view))


def as_map_view(view: ExplorerView, indicator: str | None = None) -> MapView:
    return MapView(
        province=view.province,
        amphoe=view.amphoe,
        level=view.level,
        year=view.year,
        indicator=indicator or view.indicator,
    )
