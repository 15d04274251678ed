"""AppTest of field work on the households page: an officer records a household through the form
(Thai digits, field-by-field messages), verifies one opened by its link and refers it to a listed
agency; an officer of another province opening the same link gets a refusal and nothing of it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access.catalogue import read_indicators
from data_access.schema import household, household_verification, referral
from tests.support.apptest import app_test
from tests.support.household_db import signed_in
from tests.support.sql import frame
from tests.test_access_pages import as_session, url_of

pytestmark = [
    pytest.mark.apptest,
    pytest.mark.usefixtures("fast_hashing"),
    pytest.mark.parametrize("seeded_writable_db", ["sqlite"], indirect=True),
]
CATALOGUE = read_indicators()
CODES = sorted(CATALOGUE.loc[CATALOGUE["is_deprivation"], "code"])


def households_page(db, monkeypatch, user, **params):
    at = app_test(monkeypatch, url_of(db), timeout=180)
    as_session(at, db, user)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page("pages/households.py").run()
    assert not at.exception, at.exception
    return at


def submit(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def a_household_id(db, tambon_prefix: str) -> int:
    with db.connect() as conn:
        return (
            conn.execute(
                select(household.c.id)
                .where(household.c.tambon_code.startswith(tambon_prefix))
                .order_by(household.c.id)
            )
            .scalars()
            .first()
        )


def test_an_officer_records_a_household_and_is_told_what_is_wrong_field_by_field(
    seeded_writable_db, monkeypatch
):
    db = seeded_writable_db
    officer = signed_in(db, "officer3301", "officer", ["3301"])
    at = households_page(db, monkeypatch, officer)
    at.text_input(key="hf_new_members").set_value("๐")
    submit(at, "บันทึกครัวเรือน")
    shown = " ".join(e.value for e in at.error)
    assert "จำนวนสมาชิกต้องอยู่ระหว่าง 1 ถึง 50 (ได้ 0)" in shown and "กรุณาระบุหมู่ที่" in shown
    assert "กรุณาตอบ ไม่ผ่าน จปฐ. ข้อ 1" in shown
    at.text_input(key="hf_new_members").set_value("๔")
    at.text_input(key="hf_new_village").set_value("๗")
    at.checkbox(key="hf_new_card").check()
    for code in CODES:
        at.radio(key=f"hf_new_dep_{code}").set_value("1" if code == CODES[0] else "0")
    submit(at, "บันทึกครัวเรือน")
    assert any("บันทึกครัวเรือนใหม่แล้ว" in s.value for s in at.success), [e.value for e in at.error]
    with db.connect() as conn:
        saved = conn.execute(select(household).order_by(household.c.id.desc())).mappings().first()
    assert (saved["members"], saved["village_no"], saved["tambon_code"][:4]) == (4, 7, "3301")
    assert at.query_params["household"] == str(saved["id"])  # the link opens the new household again


def test_verify_and_refer_a_household_opened_by_its_link(seeded_writable_db, monkeypatch):
    db = seeded_writable_db
    number = a_household_id(db, "3301")
    officer = signed_in(db, "officer33", "officer", ["33"])
    at = households_page(db, monkeypatch, officer, household=str(number))
    at.selectbox(key=f"ver_state_{number}").set_value("verified")
    submit(at, "บันทึกการสอบทาน")
    at.text_input(key=f"ref_kind_{number}").set_value("ซ่อมแซมบ้าน")
    submit(at, "บันทึก")
    with db.connect() as conn:
        state = conn.execute(
            select(household_verification.c.state, household_verification.c.recorded_by).where(
                household_verification.c.household_id == number
            )
        ).one()
        kinds = set(conn.execute(select(referral.c.kind).where(referral.c.household_id == number)).scalars())
    assert tuple(state) == ("verified", "officer33") and "ซ่อมแซมบ้าน" in kinds

    outsider = signed_in(db, "officer24", "officer", ["24"])
    at = households_page(db, monkeypatch, outsider, household=str(number))
    assert any("นอกพื้นที่รับผิดชอบ" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "บันทึกการสอบทาน"]


def test_the_field_work_page_shows_the_worklist_and_overview_of_the_officers_area(
    seeded_writable_db, monkeypatch
):
    db = seeded_writable_db
    officer = signed_in(db, "officer3301b", "officer", ["3301"])
    at = households_page(db, monkeypatch, officer)
    at.switch_page("pages/fieldwork.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="fw_area").options == [
        o for o in at.selectbox(key="fw_area").options if "(3301)" in o
    ]
    headings = " ".join(m.value for m in at.markdown)
    assert "เกินกำหนด" in headings and "พบในพื้นที่แล้วแต่ยังไม่ได้ส่งต่อ" in headings
    assert {m.label for m in at.metric} >= {"ยังไม่เสร็จ", "มัธยฐานจำนวนวันจนได้ข้อยุติ"}
    by_agency = [d.value for d in at.dataframe if "มัธยฐานจำนวนวันจนได้ข้อยุติ" in d.value.columns]
    assert by_agency and by_agency[0]["การส่งต่อ"].sum() > 0
    actions = set(
        frame(db, "SELECT detail FROM audit_log WHERE action = 'fieldwork_list'")["detail"].str.split().str[0]
    )
    assert actions == {"worklist", "dashboard", "outcome"}
    caveat = " ".join(i.value for i in at.info)
    assert "ไม่ใช่การประมาณผลเชิงสาเหตุ" in caveat
    outcome = [d.value for d in at.dataframe if "ร้อยละที่พ้นคนจนเป้าหมาย" in d.value.columns]
    assert outcome and list(outcome[0]["กลุ่ม"]) == ["ได้รับความช่วยเหลือ", "ยังไม่ได้รับ", "ยังไม่ได้รับ (ปรับมาตรฐาน)"]

    public = app_test(monkeypatch, url_of(db))
    public.switch_page("pages/fieldwork.py").run()
    assert any("สำหรับเจ้าหน้าที่" in e.value for e in public.error) and not public.dataframe
