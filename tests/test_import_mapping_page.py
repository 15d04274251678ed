"""AppTest of the column-mapping step: a file with headers no kind knows is mapped on the page (a new
indicator added), previewed as it will be stored, saved as a preset, committed; the next upload of the
same headers starts from the preset."""

from __future__ import annotations

import pytest

from data_access.engine import make_engine
from data_access.importer.mapping import STORED_COLUMNS
from data_access.importer.presets import list_presets
from tests.support.sql import frame
from tests.test_import_page import open_import, writable_url  # noqa: F401  (fixture)

pytestmark = [pytest.mark.apptest, pytest.mark.usefixtures("fast_hashing")]

FOREIGN = (
    "ตำบล,อำเภอ,จำนวนครัวเรือนยากจน,จำนวนครัวเรือนทั้งหมด,ปี,หมายเหตุ\n"
    "หนองครก,เมืองศรีสะเกษ,12,340,พ.ศ. 2567,\n"
    "จาน,เมืองศรีสะเกษ,8,210,2567,สำรวจซ้ำ\n"
).encode()


def widget(elements, suffix: str):
    (found,) = [e for e in elements if e.key and e.key.endswith(suffix)]
    return found


def test_map_preview_save_commit_and_the_preset_comes_back(monkeypatch, writable_url):  # noqa: F811
    engine = make_engine(writable_url)
    at = open_import(monkeypatch, writable_url)
    at.file_uploader(key="imp_file").upload("ยากจน.csv", FOREIGN, "text/csv").run()
    assert not at.exception and not at.error
    assert any(h.value == "จับคู่คอลัมน์" for h in at.subheader)
    # Guessed from the headers: areas and year; the counts still need their indicator.
    guessed = [widget(at.selectbox, f"_role_{i}").value for i in range(6)]
    assert guessed == ["tambon", "amphoe", "numerator", "denominator", "year", "ignore"]
    assert any("จำนวนครัวเรือนยากจน: ยังไม่ได้เลือกตัวชี้วัด" in w.value for w in at.warning)
    assert "imp_commit" not in [b.key for b in at.button]

    at.text_input(key="imp_map_new_code").input("poor_household_rate")
    at.text_input(key="imp_map_new_name_th").input("ร้อยละครัวเรือนยากจน")
    at.text_input(key="imp_map_new_name_en").input("Poor households")
    at.selectbox(key="imp_map_new_aggregation").set_value("ratio")
    at.selectbox(key="imp_map_new_unit").set_value("percent")
    at.button(key="imp_map_new_add").click().run()
    for index in (2, 3):
        widget(at.selectbox, f"_indicator_{index}").set_value("poor_household_rate")
    at.run()
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    (stored,) = [d.value for d in at.dataframe if "พื้นที่" in d.value.columns]
    stored.columns = [*STORED_COLUMNS, "change"]
    assert stored["row"].tolist() == [2, 3] and stored["year"].tolist() == [2567, 2567]
    assert stored["area"].tolist() == ["หนองครก · เมืองศรีสะเกษ · ศรีสะเกษ", "จาน · เมืองศรีสะเกษ · ศรีสะเกษ"]
    assert stored["numerator"].tolist() == [12, 8] and stored["denominator"].tolist() == [340, 210]
    assert stored["value"].tolist() == pytest.approx([1200 / 340, 800 / 210])
    assert set(stored["indicator_code"]) == {"poor_household_rate"} and set(stored["change"]) == {"ใหม่"}
    assert {m.label: m.value for m in at.metric}["ใหม่"] == "2"

    at.text_input(key="imp_map_preset_name").input("ครัวเรือนยากจน อบต.")
    at.button(key="imp_map_save").click().run()
    assert any("บันทึกชุดจับคู่ “ครัวเรือนยากจน อบต.” แล้ว" in s.value for s in at.success)
    assert list_presets(engine)["name"].tolist() == ["ครัวเรือนยากจน อบต."]

    at.button(key="imp_commit").click().run()
    assert not at.exception
    assert any("นำเข้า ยากจน.csv แล้ว" in s.value for s in at.success)
    values = frame(engine, "SELECT area_code, numerator, denominator FROM indicator_value "
                   "WHERE indicator_code = 'poor_household_rate' ORDER BY numerator")  # fmt: skip
    assert values.values.tolist() == [[stored["area_code"][1], 8, 210], [stored["area_code"][0], 12, 340]]
    assert frame(engine, "SELECT set_version FROM indicator WHERE code = 'poor_household_rate'")[
        "set_version"
    ].tolist() == ["imported"]

    # A fresh session, the same headers: the preset is offered preselected and nothing changes.
    again = open_import(monkeypatch, writable_url)
    again.file_uploader(key="imp_file").upload("ยากจน-2.csv", FOREIGN, "text/csv").run()
    assert not again.exception and not again.warning
    assert any("ครัวเรือนยากจน อบต." in s.value for s in again.success)
    assert {m.label: m.value for m in again.metric}["ไม่เปลี่ยนแปลง"] == "2"
