"""Area and unit labels the table, the map's values table and the explorer share."""

from __future__ import annotations

import pandas as pd

from analysis.local_names import local_column
from components.shared.downloads import texts
from data_access import cached
from exports import table_frame
from exports.table_frame import UNIT_KINDS, TableData  # noqa: F401  (the page's vocabulary)


def unit_label(unit: str, lang: str) -> str:
    return table_frame.unit_label(unit, texts(lang))


def marked_names(url: str, wide: pd.DataFrame, areas: pd.DataFrame, lang: str) -> pd.Series:
    """Area names, a municipal unit's followed by its mark, so every tool and export says it has no
    polygon (on the map it is counted, not drawn)."""
    names = wide[local_column(lang)].astype(str)
    notes = pd.Series(
        table_frame.municipal_notes(wide["area_code"], cached.municipal_units(url), areas, lang, texts(lang)),
        index=wide.index,
    )
    return names.where(notes == "", names + " · " + notes)
