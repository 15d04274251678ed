"""Old address of the text catalogue, kept while branches written against it are merged; the catalogue
and `t()` live in `components.text`."""

from components.text import DEFAULT_LANGUAGE, LANGUAGES, TEXT, t

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "TEXT", "t"]
