"""Pure parsing: numbers as offices type them, area name forms, upload names. No database."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data_access.importer.areas import code_key, name_variants
from data_access.importer.log import safe_file_name
from data_access.importer.numbers import parse_numbers


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [("1,234", 1234.0, False), ("๑๒.๕", 12.5, False), ("12.5%", 12.5, True), (" 3 ", 3.0, False),
     ("-4", -4.0, False), ("1e-05", 1e-05, False), ("1,234,567.25", 1234567.25, False)],
)  # fmt: skip
def test_numbers_are_parsed(text, value, percent):
    parsed = parse_numbers(pd.Series([text]))
    assert parsed.values[0] == value and bool(parsed.percent[0]) is percent and not parsed.bad[0]


@pytest.mark.parametrize("text", ["1.234,5", "12 ครัวเรือน", "n/a", "1,23", "%", "inf", "สิบ"])
def test_non_numbers_are_errors_not_missing(text):
    parsed = parse_numbers(pd.Series([text]))
    assert parsed.bad[0] and math.isnan(parsed.values[0])


def test_blank_or_a_lone_dash_is_missing():
    parsed = parse_numbers(pd.Series(["", "  ", "-", " – ", "—"]))
    assert parsed.blank.all() and not parsed.bad.any()
    assert parse_numbers(pd.Series(["-5"])).values[0] == -5  # a negative number is not a dash


@pytest.mark.parametrize(
    ("text", "last"),
    [("ต.จาน", "จาน"), ("ตำบล  จาน", "จาน"), ("เทศบาลตำบลน้ำคำ", "น้ำคำ"), ("อ. เมืองศรีสะเกษ", "เมืองศรีสะเกษ"),
     ("จังหวัดศรีสะเกษ", "ศรีสะเกษ"), ("กิ่งอำเภอเมือง", "เมือง"), ("น\u0e4d\u0e32คำ", "นำคำ")],
)  # fmt: skip
def test_name_forms_are_stripped(text, last):
    assert name_variants(text)[-1] == name_variants(last)[-1]


def test_a_real_name_that_looks_like_a_prefix_is_tried_as_written_first():
    assert name_variants("จ.ป.ร.")[0] == "จ.ป.ร."


@pytest.mark.parametrize(
    ("text", "code"), [("TH330105", "330105"), (" th 33 ", "33"), ("๓๓๐๑", "3301"), ("330105.0", "330105")]
)
def test_codes_are_normalised(text, code):
    assert code_key(text) == code


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../etc/passwd", "passwd"), ("C:\\Users\\me\\ข้อมูล.xlsx", "ข้อมูล.xlsx"), ("", "upload"),
     ("a\x00b\nc.csv", "abc.csv"), (".hidden.csv", "hidden.csv"), ("x" * 300, "x" * 200)],
)  # fmt: skip
def test_upload_names_are_reduced_to_a_safe_base_name(name, safe):
    assert safe_file_name(name) == safe
