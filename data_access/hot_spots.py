"""Hot spots of the values a viewer sees: local Moran's I (`analysis.hotspots`) of one indicator over
the areas of a map or table, with that viewer's protection applied first. One function for the map's
hot-spot mode, the explorer's tool, the table's optional column and the table command line."""

from __future__ import annotations

from analysis.hotspots import HotSpotError, HotSpots, local_moran
from data_access import rollup
from geo.assets import load_geometry


def hot_spots_of(
    engine, level: str, indicator: str, year: int, parent: str | None, prefix: str, min_households: int | None
) -> HotSpots | None:
    """LISA classes of `indicator` in `year` for the areas at `level` under `parent` whose code starts
    with `prefix`; None when too few areas have a value and a neighbour to test."""
    values = rollup.indicator_values(engine, level, [indicator], [year], parent, min_households)
    values = values[values["area_code"].str.startswith(prefix)]
    geometry = load_geometry(level, None if level == "province" or not parent else parent[:2])
    try:
        return local_moran(values.set_index("area_code")["value"], geometry)
    except HotSpotError:
        return None
