"""Text we write into files people open in a spreadsheet: one rule, at the bottom, for every layer that
writes a CSV or XLSX (table exports, the importer's error report)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """Neutralise a string a spreadsheet would treat as a formula; numbers written as text ("-5") and
    other values pass through. One rule for every file the product writes.

    >>> safe_text("=HYPERLINK(1)"), safe_text("-1+2"), safe_text("-5"), safe_text(-5), safe_text("นาดี")
    ("'=HYPERLINK(1)", "'-1+2", '-5', -5, 'นาดี')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number_text(value):
        return "'" + value
    return value


def _is_number_text(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True
