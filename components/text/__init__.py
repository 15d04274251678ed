"""Every label the app shows, in Thai (default) and English: one catalogue, read with `t()`.

Each screen keeps its labels as data in a module of this package (`TEXT = {key: (thai, english)}`);
long texts (a page of Markdown) sit beside them as `<name>.th.md` and `<name>.en.md`. Pages and
components never hard-code display text. `tests/test_text_catalogue.py` holds the catalogue honest:
both languages for every key, every `t("…")` in the code known, no key left unused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from analysis.local_names import in_language, language_suffix
from components.text import (
    access,
    common,
    explorer,
    fieldwork,
    frame,
    importing,
    levels,
    map_screen,
    poverty,
    present,
    table,
)

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"
SCREENS = (common, frame, map_screen, poverty, table, explorer, present, importing, access, levels, fieldwork)
LONG_TEXTS = ("about", "methodology")


def _merged(screens) -> dict[str, tuple[str, str]]:
    """One dictionary of every screen's labels; a key defined on two screens is a mistake, not an override."""
    merged: dict[str, tuple[str, str]] = {}
    for screen in screens:
        twice = merged.keys() & screen.TEXT.keys()
        if twice:
            raise ValueError(f"text keys defined twice ({screen.__name__}): {sorted(twice)}")
        merged |= screen.TEXT
    return merged


TEXT = _merged(SCREENS)


def t(key: str, lang: str, **values) -> str:
    """The label `key` in `lang` ('th' or 'en'), formatted with `values`."""
    text = in_language(TEXT[key], lang)
    return text.format(**values) if values else text


@cache
def long_text(name: str, lang: str) -> str:
    """The long text `name` (one of LONG_TEXTS) in `lang`, as Markdown."""
    if name not in LONG_TEXTS:
        raise KeyError(name)
    return Path(__file__).with_name(f"{name}.{language_suffix(lang)}.md").read_text(encoding="utf-8")
