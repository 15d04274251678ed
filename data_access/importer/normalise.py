"""Text as it arrives from Thai spreadsheets, made comparable: digits, vowels, spaces, header spellings.

Offices type the same thing many ways: Thai digits (๐-๙), the vowel sara am as one character or as
nikhahit + sara aa, TIS-620-era keyboards that put the tone mark between them ("นํ้า" for "น้ำ"),
doubled vowels, non-breaking or zero-width spaces, "จปฐ. ข้อ 1" or "จปฐ ข้อ1". Everything that
compares user text with our vocabulary goes through here first.

Thai character order is PyThaiNLP's `normalize` (sara am, tone/vowel order, repeated vowels and
tone marks), applied only to text that holds Thai letters, so Latin text and digits never change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd
from pythainlp.util import normalize as thai_normalize

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI = re.compile("[\u0e01-\u0e4e]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_HEADER_NOISE = re.compile(r"[\s\u00a0\u202f._\-:/()\[\]]+")


def clean_text(value: str) -> str:
    """NFC, Thai marks in one order (one sara am), Arabic digits, no invisible characters, single
    spaces, trimmed."""
    return _clean(str(value))


@lru_cache(maxsize=65536)  # names repeat across rows and checks; PyThaiNLP's pass costs ~50 µs
def _clean(value: str) -> str:
    text = unicodedata.normalize("NFC", value).translate(THAI_DIGITS)
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()
    return thai_normalize(text) if _THAI.search(text) else text


def clean_series(values: pd.Series) -> pd.Series:
    """`clean_text` over a column of strings, done once per distinct value (files repeat values)."""
    uniques = pd.unique(values)
    mapping = {v: clean_text(v) for v in uniques}
    return values.map(mapping)


def header_key(header: str) -> str:
    """A header reduced for matching: 'ปี พ.ศ.' -> 'ปีพศ', 'Area Code' -> 'areacode'."""
    return _HEADER_NOISE.sub("", clean_text(header).lower())
