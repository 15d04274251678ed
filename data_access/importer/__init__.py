"""Data import: real-world files in, clear errors out, nothing lost (issue #6).

    preview = importer.preview(engine, data, "ศรีสะเกษ 2566.xlsx")   # dry run, writes nothing
    preview.counts, preview.errors, importer.errors_csv(preview)
    result = importer.commit(engine, preview, user="somchai")         # one transaction

TPMAP exports go in as downloaded, several at once (issue #12):

    preview = importer.preview_files(engine, [(name, data), ...], year=None)

A large household or indicator file on disk is read a run of rows at a time (issue #18):

    preview = importer.preview_file(engine, path)   # None for another kind; commit() as above
    preview.year, preview.year_source, preview.reconciliation, preview.municipal_units

Kinds: TPMAP files, village names, indicator values (long or wide), households, referrals,
catalogue additions; detected from the headers unless given. Headers no kind knows:
`preview(..., mapping=ColumnMapping(...))` (`mapping`, saved by name in `presets`). Row problems are
rows of `preview.errors`; whole-file problems raise `analysis.errors.DataError` (see `pipeline`).
Command line: `python -m data_access.importer`.
"""

from data_access.importer.log import list_imports
from data_access.importer.pipeline import (
    KINDS,
    ImportPreview,
    ImportResult,
    commit,
    errors_csv,
    preview,
    preview_file,
    preview_files,
)
from data_access.importer.reading import DEFAULT_MAX_BYTES
from data_access.importer.templates import template_csv, template_xlsx
from data_access.importer.tpmap_read import looks_like_tpmap

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KINDS",
    "ImportPreview",
    "ImportResult",
    "commit",
    "errors_csv",
    "list_imports",
    "looks_like_tpmap",
    "preview",
    "preview_file",
    "preview_files",
    "template_csv",
    "template_xlsx",
]
