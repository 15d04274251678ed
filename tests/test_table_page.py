"""AppTest of the drill-down table: view from the URL, drilling by row selection, change mode, search,
exports, and the same numbers as an independent SQL query."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from components.table.data import export_columns, load_table
from components.view.table import TableView
from exports.tables import table_csv, table_xlsx
from tests.support.apptest import app_test
from tests.support.sql import frame

pytestmark = pytest.mark.apptest


@pytest.fixture
def table_app(sqlite_engine, monkeypatch):
    def open_table(**params) -> AppTest:
        at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        at.switch_page("pages/table.py").run()
        return at

    return open_table


def rows_table(at: AppTest):
    (table,) = [d for d in at.dataframe if d.key and d.key.startswith("tbl_rows_")]
    return table.value


def raw_values(engine, parent: str, length: int, indicator: str, year: int):
    """amphoe or tambon values under `parent` by plain SQL: 100 * sum(num) / sum(den)."""
    return frame(
        engine,
        "SELECT substr(area_code, 1, :length) AS code, 100.0 * SUM(numerator) / SUM(denominator) AS value "
        "FROM indicator_value WHERE indicator_code = :indicator AND year = :year "
        "AND area_code LIKE :prefix GROUP BY substr(area_code, 1, :length)",
        length=length,
        indicator=indicator,
        year=year,
        prefix=parent + "%",
    ).set_index("code")["value"]


def test_province_table_lists_its_amphoe_with_the_sql_values(table_app, sqlite_engine):
    at = table_app(province="24", year="2566")
    assert not at.exception
    table = rows_table(at)
    assert len(table) == 11 and table["area_code"].str.len().eq(4).all()
    expected = raw_values(sqlite_engine, "24", 4, "target_poor_rate", 2566)
    for code, value in table.set_index("area_code")["target_poor_rate"].items():
        assert value == pytest.approx(expected[code], rel=1e-12)
    (reference,) = [
        d.value for d in at.dataframe if len(d.value) == 1 and d.value.loc[0, "area_code"] == "24"
    ]
    province = raw_values(sqlite_engine, "24", 2, "target_poor_rate", 2566)["24"]
    assert reference.loc[0, "target_poor_rate"] == pytest.approx(province, rel=1e-12)
    assert at.query_params["indicators"].startswith("households_surveyed,")


def test_choosing_an_amphoe_shows_its_tambons(table_app):
    # Row selection itself is a grid click: tests/browser/test_table_browser.py does it.
    at = table_app(province="24")
    at.selectbox(key="tbl_amphoe").set_value("2401").run()
    assert not at.exception
    table = rows_table(at)
    assert table["area_code"].str.startswith("2401").all() and table["area_code"].str.len().eq(6).all()
    assert at.query_params["amphoe"] == "2401" and at.query_params["level"] == "tambon"


def test_deep_link_to_a_tambon_opens_its_detail_below_the_table(table_app):
    at = table_app(province="24", amphoe="2401", tambon="240101")
    assert not at.exception
    assert any("หน้าเมือง" in h.value for h in at.subheader)
    at.button(key="tbl_up_one_level").click().run()
    assert at.session_state["tbl_tambon"] is None
    assert at.query_params.get("tambon") is None


def test_change_mode_search_and_sort_travel_in_the_url(table_app, sqlite_engine):
    at = table_app(
        province="33", amphoe="3301", year="2566", year2="2565", q="เมือง", sort="target_poor_rate", desc="1"
    )
    assert not at.exception
    table = rows_table(at)
    assert len(table) >= 1 and table["name"].str.contains("เมือง").all()
    before = raw_values(sqlite_engine, "3301", 6, "target_poor_rate", 2565)
    after = raw_values(sqlite_engine, "3301", 6, "target_poor_rate", 2566)
    for code, change in table.set_index("area_code")["target_poor_rate"].items():
        assert change == pytest.approx(after[code] - before[code], abs=1e-9)
    values = table["target_poor_rate"].dropna().tolist()
    assert values == sorted(values, reverse=True)
    params = at.query_params
    assert params["year2"] == "2565" and params["q"] == "เมือง" and params["desc"] == "1"


def test_invalid_parameters_fall_back_with_a_notice(table_app):
    at = table_app(province="24", indicators="target_poor_rate,DROP TABLE area", year2="1999", sort="x;--")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "indicators" in notices and "year2" in notices
    assert at.query_params["indicators"] == "target_poor_rate"
    assert "sort" not in at.query_params


def test_export_holds_what_is_on_screen(sqlite_engine, monkeypatch):
    """CSV and XLSX are built from the TableData the screen shows: same rows, order and numbers."""
    import data_access.cached as cached

    url = sqlite_engine.url.render_as_string(hide_password=False)
    monkeypatch.setattr(cached, "current_url", lambda: url)
    areas, catalogue = cached.areas(url), cached.catalogue(url)
    view = TableView(
        province="24",
        level="amphoe",
        year=2566,
        indicators=("target_poor_rate", "households_surveyed"),
        parts=True,
        sort="target_poor_rate",
        desc=True,
    )
    data = load_table(url, view, catalogue, areas, "th")
    columns = export_columns(data, view, "th")
    import pandas as pd

    rows = pd.concat([data.reference, data.rows], ignore_index=True)
    parsed = list(csv.reader(io.StringIO(table_csv(rows, columns).decode("utf-8-sig"))))
    # Columns are grouped by dimension: households surveyed (overview) before the target-poor rate.
    assert parsed[0][:3] == ["รหัส", "อำเภอ", "ครัวเรือนที่สำรวจ (จำนวน) 2566"]
    rate = parsed[0].index("ร้อยละคนจนเป้าหมาย (ร้อยละ) 2566")
    assert parsed[1][0] == "24" and parsed[1][1] == "ฉะเชิงเทรา"
    assert [r[0] for r in parsed[2:]] == data.rows["area_code"].tolist()
    expected = raw_values(sqlite_engine, "24", 4, "target_poor_rate", 2566)
    for row in parsed[2:]:
        assert float(row[rate]) == pytest.approx(round(expected[row[0]], 4))
    book = load_workbook(
        io.BytesIO(table_xlsx(rows, columns, "ข้อมูล", "คำอธิบาย", [("a", "b")], catalogue.head(2)))
    )
    sheet = book["ข้อมูล"]
    assert sheet.max_row == len(parsed)
    assert sheet.cell(row=3, column=rate + 1).value == pytest.approx(float(parsed[2][rate]))


SAMPLE = [
    "target_poor_rate",
    "income_per_person",
    "bmn60_09",
    "households_surveyed",
    "capital_human",
    "mpi_m0",
]


@pytest.mark.parametrize("province, amphoe", [("33", None), ("33", "3301"), ("24", "2403")])
def test_table_and_explorer_agree_with_sql_for_a_sample(sqlite_engine, monkeypatch, province, amphoe):
    """The same number on the table, in the explorer and from plain SQL, for several indicators."""
    from components.explorer.data import explorer_frame
    from components.view.explorer import ExplorerView
    from data_access import cached

    url = sqlite_engine.url.render_as_string(hide_password=False)
    level, length, prefix = ("tambon", 6, amphoe) if amphoe else ("amphoe", 4, province)
    view = TableView(province=province, amphoe=amphoe, level=level, year=2566, indicators=tuple(SAMPLE))
    table = load_table(url, view, cached.catalogue(url), cached.areas(url), "th").rows.set_index("area_code")
    explored = explorer_frame(
        url,
        ExplorerView(province=province, amphoe=amphoe, level=level, year=2566),
        SAMPLE,
        cached.areas(url),
        "th",
    ).set_index("area_code")
    meta = cached.catalogue(url).set_index("code")
    for code in SAMPLE:
        raw = frame(
            sqlite_engine,
            "SELECT substr(area_code, 1, :length) AS code, SUM(numerator) AS num, SUM(denominator) AS den "
            "FROM indicator_value WHERE indicator_code = :code AND year = 2566 AND area_code LIKE :prefix "
            "GROUP BY substr(area_code, 1, :length)",
            length=length,
            code=code,
            prefix=prefix + "%",
        ).set_index("code")
        if meta.loc[code, "aggregation"] == "sum":
            expected = raw["num"]
        else:
            expected = meta.loc[code, "scale"] * raw["num"] / raw["den"]
        for area_code, value in expected.items():
            assert table.loc[area_code, code] == pytest.approx(value, rel=1e-12), (code, area_code)
            assert explored.loc[area_code, code] == pytest.approx(value, rel=1e-12), (code, area_code)


def test_the_national_table_opens_for_a_public_viewer_with_the_country_row(table_app):
    """The country's reference row comes from the exact totals, protected after summing."""
    at = table_app(province="all", level="tambon", year="2566")
    assert not at.exception
    assert {"24", "33"} <= set(rows_table(at)["area_code"].str[:2])
    (reference,) = [d.value for d in at.dataframe if len(d.value) == 1]
    assert reference.loc[0, "area_code"] == "TH"


def test_each_session_keeps_its_own_styled_rows_across_reruns(table_app, monkeypatch):
    """components.table.view._shown_rows: a rerun of the same rows reuses its Styler; another session
    styles its own (a Styler holds state while it renders, so none is shared)."""
    from components.table import view

    monkeypatch.setattr(view, "MARKED_ROWS", 10)  # the seed's tables are small: keep any above 10 rows
    first = table_app(province="all", level="tambon", year="2566")
    kept = first.session_state[view.SHOWN_KEY][2]
    first.run()
    assert not first.exception
    assert first.session_state[view.SHOWN_KEY][2] is kept
    second = table_app(province="all", level="tambon", year="2566")
    assert second.session_state[view.SHOWN_KEY][2] is not kept
    assert rows_table(second).equals(rows_table(first))
