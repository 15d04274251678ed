"""`python -m exports.table` writes the file the table page downloads for a viewer who is not signed
in (same rows, order, columns, rounding and "<5" cells), and refuses unknown codes with exit 2."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from components.shared.downloads import protection_line
from components.table.data import export_columns, load_table
from components.view.geography import choices_from
from components.view.table import normalise_table, parse_table_view
from data_access import cached, queries
from exports import table_frame
from exports.table import main
from exports.tables import table_csv
from tests.support.apptest import app_test
from tests.support.levels_db import TAMBON, UNIT

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = "target_poor_people,target_poor_rate,households_surveyed"
CASES = {
    "province": {"province": "33", "level": "amphoe", "year": "2566"},
    "amphoe": {"province": "33", "amphoe": "3301", "level": "tambon", "year": "2566", "year2": "2565"},
    "tambon": {"province": "33", "tambon": TAMBON, "level": "village", "year": "2566", "parts": "1"},
}


def cli_args(params: dict[str, str], out: Path) -> list[str]:
    args = [f"--{k}={v}" for k, v in params.items() if k != "parts"]
    return [
        *args,
        *(["--parts"] if params.get("parts") else []),
        f"--indicators={INDICATORS}",
        f"--out={out}",
    ]


def csv_table(content: bytes) -> list[list[str]]:
    """The table of a CSV download: its rows up to the empty row before the protection note."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return rows[: rows.index([])] if [] in rows else rows


def page_csv(engine, params: dict[str, str]) -> bytes:
    """The CSV the table page's download button holds for these URL parameters (not signed in)."""
    url = engine.url.render_as_string(hide_password=False)
    areas, catalogue = cached.areas(url), cached.catalogue(url)
    choices = choices_from(
        areas, cached.provinces_with_data(url), catalogue["code"].tolist(), cached.survey_years(url)
    )
    view, notices = parse_table_view({**params, "indicators": INDICATORS}, choices)
    assert not notices
    view = normalise_table(view, choices)
    data = load_table(url, view, catalogue, areas, "th")
    # As `components.shared.downloads.download_buttons` builds it, with the protection line at the end.
    footer = [protection_line("th")]
    return table_csv(table_frame.export_frame(data), export_columns(data, view, "th"), footer=footer)


@pytest.fixture
def public(monkeypatch, levels_db):
    """A viewer who is not signed in, with the app's threshold of 5 households, on the levels demo."""
    monkeypatch.setenv("ATLAS_MIN_HOUSEHOLDS", "5")
    monkeypatch.setenv("DATABASE_URL", levels_db.url.render_as_string(hide_password=False))
    cached.data_changed()
    return levels_db


@pytest.mark.parametrize("case", CASES)
def test_the_csv_is_the_page_download(public, tmp_path, case):
    out = tmp_path / "table.csv"
    assert main(cli_args(CASES[case], out)) == 0
    written = out.read_bytes()
    assert written == page_csv(public, CASES[case])
    rows = csv_table(written)
    assert "ปกป้องตัวเลขขนาดเล็ก" in written.decode("utf-8-sig").splitlines()[-1]
    if case == "amphoe":  # the municipal unit is a row of its amphoe, marked as such
        (unit,) = [r for r in rows if r[0] == UNIT]
        assert rows[0][2] == "หมายเหตุ" and unit[2].startswith("เทศบาล (ไม่มีขอบเขตบนแผนที่)")
    if case == "tambon":
        assert [r[0] for r in rows[1:]] == [TAMBON, "33010101", "33010102", "3301010302"]
        assert "<5" in {cell for row in rows for cell in row}


def test_the_page_shows_the_rows_the_cli_writes(public, tmp_path, monkeypatch):
    out = tmp_path / "villages.csv"
    assert main(cli_args(CASES["tambon"], out)) == 0
    written = csv_table(out.read_bytes())
    at = app_test(monkeypatch, public.url.render_as_string(hide_password=False))
    for name, value in {**CASES["tambon"], "indicators": INDICATORS}.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/table.py").run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if d.key == f"tbl_rows_village_{TAMBON}"]
    assert table["area_code"].tolist() == [r[0] for r in written[2:]]
    assert table["name"].tolist() == [r[1] for r in written[2:]]


def test_the_xlsx_has_the_table_and_notes_of_the_page(public, tmp_path):
    out = tmp_path / "table.xlsx"
    assert main(cli_args(CASES["amphoe"], out)) == 0
    book = load_workbook(io.BytesIO(out.read_bytes()))
    sheet, about = book.worksheets
    expected = csv_table(page_csv(public, CASES["amphoe"]))
    cells = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    assert [row[:3] for row in cells] == [row[:3] for row in expected]
    notes = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row[0]}
    assert notes["ปี พ.ศ."] == "2565 → 2566" and "หน่วยเทศบาล" in notes["หมายเหตุ"]
    assert "ข้อมูลสาธิต" in notes["⚠"]


@pytest.mark.parametrize(
    "override, th, en",
    [
        ({"indicators": "target_poor_rate,nope"}, "ไม่รู้จักรหัสตัวชี้วัด nope", "unknown indicator code nope"),
        ({"amphoe": "2401"}, "ไม่พบรหัสอำเภอ", "no such amphoe of province 33"),
        ({"province": "99"}, "ไม่พบรหัสจังหวัด", "no such province"),
        ({"year": "2500"}, "ไม่มีปีสำรวจนี้", "no such survey year"),
        ({"tambon": None}, "ต้องระบุ --tambon", "needs --tambon"),
    ],
)
def test_unknown_codes_exit_2_with_a_thai_and_english_message(public, tmp_path, capsys, override, th, en):
    params = {**CASES["tambon"], "amphoe": "3301", **override}
    indicators = params.pop("indicators", INDICATORS)
    args = [f"--{k}={v}" for k, v in params.items() if v and k != "parts"]
    out = tmp_path / "never.csv"
    assert main([*args, f"--indicators={indicators}", f"--out={out}"]) == 2
    message = capsys.readouterr().err
    assert th in message and en in message
    assert not out.exists()


def test_runs_as_a_module(sqlite_engine, tmp_path):
    out = tmp_path / "amphoe.csv"
    url = sqlite_engine.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, "-m", "exports.table", *cli_args(CASES["province"], out)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = csv_table(out.read_bytes())
    assert rows[1][:2] == ["33", "ศรีสะเกษ"] and len(rows) == 2 + 22
    assert queries.areas(sqlite_engine).query("parent_code == '33'")["code"].tolist() == [
        r[0] for r in rows[2:]
    ]
