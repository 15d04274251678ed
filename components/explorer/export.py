"""Exports of explorer views: the same CSV / XLSX as the tables, for the rows behind a chart."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.local_names import language_suffix
from analysis.tables import HIDDEN
from analysis.units import small_count
from components.explorer.data import Explorer, explorer_extent
from components.shared.downloads import download_buttons, export_notes
from components.shared.labels import unit_label
from components.table.data import UNIT_KINDS
from components.text import t
from data_access.config import min_households
from exports.table_frame import indicator_header
from exports.tables import ExportColumn

TEXT_HEADERS = {"name": "col_area", "parent_name": "exp_parent", "area_code": "col_code"}


def export_frame(
    ex: Explorer,
    frame: pd.DataFrame,
    columns: Sequence[str],
    codes: Sequence[str],
    key: str,
    extra: Sequence[tuple[str, str]] = (),
    headers: dict[str, tuple[str, str]] | None = None,
    year_text: str | None = None,
) -> None:
    """Download buttons for `columns` of `frame`: text columns by TEXT_HEADERS, indicator columns by
    their catalogue name and unit, others by `headers` {column: (header, kind)}."""
    view, lang = ex.view, ex.lang
    meta = ex.catalogue.set_index("code")
    suffix = language_suffix(lang)
    export = []
    for column in columns:
        if column in TEXT_HEADERS:
            export.append(ExportColumn(column, t(TEXT_HEADERS[column], lang)))
        elif column in meta.index:
            unit = meta.loc[column, "unit"]
            header = indicator_header(meta.loc[column, f"name_{suffix}"], unit_label(unit, lang))
            hide = (
                {"hidden": column + HIDDEN, "hidden_text": small_count(min_households())}
                if column + HIDDEN in frame
                else {}
            )
            export.append(ExportColumn(column, header, UNIT_KINDS.get(unit, "number"), **hide))
        else:
            header, kind = (headers or {}).get(column, (column, "number"))
            export.append(ExportColumn(column, header, kind))
    level, parent, _ = explorer_extent(view)
    stem = f"tambon-atlas-{view.tool}-{parent or 'TH'}-{level}-{view.year}"
    notes = export_notes(
        f"{ex.names.get(parent or '', t('whole_country', lang))} · {t(f'level_{level}', lang)}",
        year_text or str(view.year),
        [(t("exp_tool", lang), t(f"exp_tool_{view.tool}", lang)), *extra],
        ex.demo,
        lang,
    )
    indicators = meta.loc[[c for c in dict.fromkeys(codes) if c in meta.index]].reset_index()
    download_buttons(frame, export, stem, notes, indicators, lang, key)
