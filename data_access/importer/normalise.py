"""Text as it arrives from Thai spreadsheets, made comparable: digits, vowels, spaces, header spellings.

Offices type the same thing many ways: Thai digits (๐-๙), the vowel sara am as one character or as
nikhahit + sara aa, non-breaking or zero-width spaces, "จปฐ. ข้อ 1" or "จปฐ ข้อ1". Everything that
compares user text with our vocabulary goes through here first.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_HEADER_NOISE = re.compile(r"[\s\u00a0\u202f._\-:/()\[\]]+")


def clean_text(value: str) -> str:
    """NFC, one form of sara am, Arabic digits, no invisible characters, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", str(value))
    text = text.replace("\u0e4d\u0e32", "\u0e33").translate(THAI_DIGITS)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def clean_series(values: pd.Series) -> pd.Series:
    """`clean_text` over a column of strings, done once per distinct value (files repeat values)."""
    uniques = pd.unique(values)
    mapping = {v: clean_text(v) for v in uniques}
    return values.map(mapping)


def header_key(header: str) -> str:
    """A header reduced for matching: 'ปี พ.ศ.' -> 'ปีพศ', 'Area Code' -> 'areacode'."""
    return _HEADER_NOISE.sub("", clean_text(header).lower())
