"""Which of a Thai/English pair a reader sees: `name_th` in Thai, `name_en` in English.

Areas, indicators, dimensions and tambons of households all carry their names as `<base>_th` and
`<base>_en`; every screen, export and slide picks one through here. A language other than English
reads Thai, as `components.text.t` does.
"""

from __future__ import annotations

from collections.abc import Mapping


def language_suffix(lang: str) -> str:
    """ "en" for English, else "th"."""
    return "en" if lang == "en" else "th"


def local_column(lang: str, base: str = "name") -> str:
    """The column of `base` in `lang`: "name_th", "tambon_name_en", "description_th" ..."""
    return f"{base}_{language_suffix(lang)}"


def local_name(row, lang: str, base: str = "name"):
    """The name of one record in `lang`: `row` is a mapping (dict, pandas row) or has attributes
    (a dataclass, an itertuples row)."""
    column = local_column(lang, base)
    if isinstance(row, Mapping) or hasattr(row, "index") and hasattr(row, "loc"):
        return row[column]
    return getattr(row, column)


def local_names(frame, lang: str, key: str = "code", base: str = "name") -> dict:
    """{key: name in `lang`} over the rows of a frame (areas, catalogue, dimensions)."""
    return dict(zip(frame[key], frame[local_column(lang, base)]))


def in_language(pair: tuple, lang: str):
    """The English or the Thai one of a (thai, english) pair."""
    return pair[1] if lang == "en" else pair[0]
