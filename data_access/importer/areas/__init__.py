"""Area codes for rows that give codes, names, or both (`AreaResolver`), and the command line that
puts codes on a file of names: `python -m data_access.importer.areas FILE --out FILE`."""

from data_access.importer.areas.names import NAME_COLUMNS, name_key, name_variants, split_path
from data_access.importer.areas.resolver import LEVEL_TH, AreaResolver, Match, Place, code_key

__all__ = [
    "LEVEL_TH",
    "NAME_COLUMNS",
    "AreaResolver",
    "Match",
    "Place",
    "code_key",
    "name_key",
    "name_variants",
    "split_path",
]
