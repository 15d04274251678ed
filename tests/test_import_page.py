"""AppTest of the import page: a bad file is reported row by row and cannot be committed; a good file
is committed once, logged, and its numbers reach the other pages at once."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from components.shell.viewer import SIGNED_IN_KEY
from data_access.access import auth, user_admin
from data_access.engine import make_engine
from data_access.rollup import indicator_values
from tests.support.apptest import app_test
from tests.support.household_db import PASSWORD, session_of, signed_in
from tests.support.import_db import CORPUS, snapshot
from tests.support.sql import frame

pytestmark = [pytest.mark.apptest, pytest.mark.usefixtures("fast_hashing")]


def test_the_import_page_is_not_there_for_a_public_viewer(sqlite_engine, monkeypatch):
    at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
    at.run()
    at.switch_page("pages/import_data.py").run()
    assert not at.file_uploader and any("สำหรับเจ้าหน้าที่" in e.value for e in at.error)


@pytest.fixture
def writable_url(sqlite_engine, tmp_path) -> str:
    """A copy of the seeded database: this test writes."""
    with sqlite_engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "import-page.sqlite"
    shutil.copy(sqlite_engine.url.database, path)
    return f"sqlite:///{path}"


def open_import(monkeypatch, url: str) -> AppTest:
    """The import page as an administrator (the page is not in anyone else's menu)."""
    engine = make_engine(url)
    admin = user_admin.find_user_id(engine, "admin1")
    user = (
        signed_in(engine, "admin1", "admin")
        if admin is None
        else auth.authenticate(engine, "admin1", PASSWORD)
    )
    at = app_test(monkeypatch, url)
    at.session_state[SIGNED_IN_KEY] = session_of(engine, user)
    at.run()
    at.switch_page("pages/import_data.py").run()
    assert not at.exception
    return at


def test_a_file_with_problems_is_reported_and_cannot_be_committed(monkeypatch, writable_url):
    engine = make_engine(writable_url)
    before = snapshot(engine)
    at = open_import(monkeypatch, writable_url)
    data = (CORPUS / "unknown_areas.csv").read_bytes()
    at.file_uploader(key="imp_file").upload("unknown_areas.csv", data, "text/csv").run()
    assert not at.exception
    assert any("พบปัญหา" in e.value for e in at.error)
    (errors,) = [d.value for d in at.dataframe if "ปัญหา" in d.value.columns]
    first = errors.iloc[0]
    assert (first["แถว"], first["คอลัมน์"], first["ค่า"]) == (2, "area_code", "999999")
    assert "unknown area code 999999" in first["Problem"]
    assert at.button(key="imp_commit").disabled
    assert snapshot(engine) == before


def test_a_good_file_is_committed_logged_and_shown_everywhere(monkeypatch, writable_url):
    engine = make_engine(writable_url)
    values = indicator_values(engine, "tambon", "target_poor_rate", 2566, "3301")
    tambon = values.dropna(subset=["value"]).iloc[0]["area_code"]
    assert table_value(monkeypatch, writable_url, tambon) != pytest.approx(25.0)  # and now it is cached
    at = open_import(monkeypatch, writable_url)
    csv = f'รหัสตำบล,ปี พ.ศ.,ตัวชี้วัด,ตัวตั้ง,ตัวหาร\n{tambon},๒๕๖๖,target_poor_rate,"1,000","4,000"\n'
    at.file_uploader(key="imp_file").upload("ทดสอบ.csv", csv.encode("utf-8-sig"), "text/csv").run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric}["ปรับปรุง"] == "1"
    at.button(key="imp_commit").click().run()
    assert not at.exception
    assert any("นำเข้า ทดสอบ.csv แล้ว" in s.value for s in at.success)
    stored = frame(
        engine,
        "SELECT numerator, denominator, value FROM indicator_value "
        "WHERE area_code = :code AND indicator_code = 'target_poor_rate' AND year = 2566",
        code=tambon,
    ).iloc[0]
    assert (stored["numerator"], stored["denominator"], stored["value"]) == (1000, 4000, 25.0)
    log = frame(engine, "SELECT file_name, imported_by, rows FROM import_log")
    assert log.to_dict("records") == [{"file_name": "ทดสอบ.csv", "imported_by": "admin1", "rows": 1}]
    audit_rows = frame(engine, "SELECT username, action FROM audit_log WHERE action = 'import'")
    assert audit_rows.to_dict("records") == [{"username": "admin1", "action": "import"}]
    # The same file again: all unchanged, and the table page reads the new value, not a cached one.
    at.file_uploader(key="imp_file").upload("ทดสอบ.csv", csv.encode("utf-8-sig"), "text/csv").run()
    assert {m.label: m.value for m in at.metric}["ไม่เปลี่ยนแปลง"] == "1"
    assert table_value(monkeypatch, writable_url, tambon) == pytest.approx(25.0)


def table_value(monkeypatch, url: str, tambon: str) -> float:
    """The tambon's target poor rate as the table page shows it (a new session, shared caches)."""
    at = app_test(monkeypatch, url)
    for name, value in {"province": tambon[:2], "amphoe": tambon[:4], "year": "2566"}.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/table.py").run()
    (rows,) = [d.value for d in at.dataframe if d.key and d.key.startswith("tbl_rows_")]
    return rows.set_index("area_code").loc[tambon, "target_poor_rate"]


def test_a_tpmap_pair_is_checked_together_and_committed(monkeypatch, writable_url):
    from tests.support.real_data import real_file

    names = ("61_33_tambol_common.csv", "61_33_tambol_11111.csv", "61_33_amphur_11111.csv")
    at = open_import(monkeypatch, writable_url)
    assert at.file_uploader(key="imp_file").accept_multiple_files
    at.file_uploader(key="imp_file").set_value(
        [(name, real_file(name).read_bytes(), "text/csv") for name in names]
    ).run()
    assert not at.exception and not at.error
    assert any("ปีสำรวจที่ใช้: 2561 (จากชื่อไฟล์" in i.value for i in at.info)
    assert any("ตรงกับยอดรวม" in s.value for s in at.success)  # amphoe file agrees with the roll-up
    (expander,) = [e for e in at.expander if e.label == "หน่วยเทศบาลที่จะสร้าง (2)"]
    units = expander.dataframe[0].value
    assert list(units["รหัสพื้นที่"]) == ["330151", "330451"]
    at.button(key="imp_commit").click().run()
    assert not at.exception
    province = indicator_values(make_engine(writable_url), "province", "target_poor_people", 2561, None)
    assert province.set_index("area_code").loc["33", "value"] == 40_302


def test_a_utm_asset_file_is_placed_once_its_coordinate_system_is_chosen(monkeypatch, writable_url):
    engine = make_engine(writable_url)
    at = open_import(monkeypatch, writable_url)
    # Na Mueang (240101) in UTM zone 47N metres, as a survey team's GPS writes it
    csv = "หมวด,ชื่อ,x,y,ปี พ.ศ.\nแหล่งน้ำ,สระทดสอบ,724062.9,1514622.6,2566\n"
    at.file_uploader(key="imp_file").upload("utm.csv", csv.encode("utf-8"), "text/csv").run()
    assert not at.exception and at.button(key="imp_commit").disabled  # metres, system unknown
    at.selectbox(key="imp_crs").set_value(32647).run()
    assert not at.exception and not at.button(key="imp_commit").disabled
    at.button(key="imp_commit").click().run()
    stored = frame(engine, "SELECT tambon_code, import_id FROM community_asset WHERE name = 'สระทดสอบ'")
    assert stored["tambon_code"].tolist() == ["240101"] and stored["import_id"].notna().all()
