"""Field work end to end in a real browser (issue #15, "done means"): an officer records a new
household in a tambon of their scope, verifies it, refers it to an agency and moves the referral to
helped; the tambon's verification and referral coverage change; an officer of another province
opening the same household by its link gets a refusal and no form. Server and database of its own."""

from __future__ import annotations

import re
import shutil

from playwright.sync_api import expect

from data_access.access import auth, user_admin
from data_access.engine import make_engine
from tests.browser.conftest import guarded_page, sign_in_through_the_form
from tests.support.app_server import running_app
from tests.support.sql import frame

PASSWORD = "correct horse battery staple"
WAIT = 30_000


def coverage(engine, tambon: str, year: int) -> dict[str, tuple[float, float]]:
    rows = frame(
        engine,
        "SELECT indicator_code, numerator, denominator FROM indicator_value WHERE area_code = :tambon "
        "AND year = :year AND indicator_code IN ('verification_coverage', 'referral_coverage')",
        tambon=tambon,
        year=year,
    )
    return {r.indicator_code: (r.numerator, r.denominator) for r in rows.itertuples()}


def sign_in(page, base: str, username: str) -> None:
    page.goto(base)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name="เข้าสู่ระบบ").click(timeout=WAIT)
    sign_in_through_the_form(page, username, PASSWORD)
    expect(sidebar.get_by_text("· เจ้าหน้าที่")).to_be_visible(timeout=WAIT)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the last selectbox labelled `label` (Streamlit's combobox)."""
    box = page.get_by_label(label, exact=True).last
    box.click()
    box.press_sequentially(option)  # the combobox filters its options as one types
    page.keyboard.press("Enter")


def test_officer_records_verifies_refers_and_helps_and_an_outsider_can_do_none_of_it(
    browser, browser_database, tmp_path
):
    path = tmp_path / "fieldwork.sqlite"
    shutil.copy(browser_database.removeprefix("sqlite:///"), path)
    engine = make_engine(f"sqlite:///{path}")
    user_admin.create_user(engine, "somsak", PASSWORD, "officer", "สมศักดิ์", ["3301"], actor=auth.CONSOLE)
    user_admin.create_user(engine, "udom", PASSWORD, "officer", "อุดม", ["24"], actor=auth.CONSOLE)
    year = int(frame(engine, "SELECT MAX(survey_year) AS y FROM household")["y"].iloc[0])
    with running_app(f"sqlite:///{path}") as base, guarded_page(browser) as page:
        sign_in(page, base, "somsak")
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="ครัวเรือน (เจ้าหน้าที่)").click()
        page.get_by_text("บันทึกครัวเรือนใหม่ที่พบในพื้นที่").click(timeout=WAIT)
        form = page.locator('[data-testid="stForm"]').filter(has_text="คำตอบ จปฐ.").first
        form.get_by_label("หมู่ที่", exact=True).fill("๕")
        form.get_by_label("จำนวนสมาชิก (คน)").fill("๓")
        form.get_by_text("ถือบัตรสวัสดิการแห่งรัฐ").click()
        radios = form.locator('[data-testid="stRadio"]')
        for i in range(radios.count()):
            radios.nth(i).get_by_text("ไม่ผ่าน" if i == 0 else "ผ่าน", exact=True).click()
        form.get_by_role("button", name="บันทึกครัวเรือน").click()
        saved = page.get_by_text(re.compile(r"บันทึกครัวเรือนใหม่แล้ว \(หมายเลข \d+\)"))
        expect(saved).to_be_visible(timeout=WAIT)
        number = int(re.search(r"\d+", saved.inner_text()).group())
        tambon = frame(engine, "SELECT tambon_code FROM household WHERE id = :n", n=number)[
            "tambon_code"
        ].iloc[0]
        before = coverage(engine, tambon, year)

        expect(page.get_by_text("การสอบทาน", exact=True)).to_be_visible(timeout=WAIT)  # the new household
        choose(page, "สถานะการสอบทาน", "สอบทานแล้ว")
        page.get_by_role("button", name="บันทึกการสอบทาน").click()
        expect(page.get_by_text("บันทึกการสอบทานแล้ว")).to_be_visible(timeout=WAIT)
        kind = page.get_by_label("ประเภทความช่วยเหลือ")
        kind.fill("ทุนประกอบอาชีพ")
        kind.press("Enter")
        expect(page.get_by_text(re.compile("บันทึกการส่งต่อแล้ว"))).to_be_visible(timeout=WAIT)
        choose(page, "สถานะ", "ได้รับความช่วยเหลือแล้ว")
        page.get_by_role("button", name="บันทึกสถานะ").click()
        expect(page.get_by_text("บันทึกสถานะแล้ว")).to_be_visible(timeout=WAIT)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)

        # The tambon's new verification coverage on the map (its tooltip's parts) and the overview.
        after = coverage(engine, tambon, year)
        page.goto(
            f"{base}/map?province=33&amphoe=3301&level=tambon&indicator=verification_coverage&year={year}"
        )
        expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=WAIT)
        map_frame = page.frame_locator('iframe[title="components.shared.map_component.atlas_map"]').first
        expect(map_frame.locator('#map[data-status="ready"]')).to_be_attached(timeout=WAIT)
        inner = next(f for f in page.frames if "atlas_map" in f.url)
        point = inner.evaluate("code => window.atlasMap.pointOf(code)", tambon)
        box = page.locator('iframe[title="components.shared.map_component.atlas_map"]').first.bounding_box()
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        numerator, denominator = after["verification_coverage"]
        expect(map_frame.locator(".leaflet-tooltip")).to_contain_text(
            f"{numerator:,.0f} / {denominator:,.0f}"
        )
        page.goto(f"{base}/overview?province=33&year={year}")
        expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=WAIT)
        province = frame(
            engine,
            "SELECT SUM(numerator) AS n, SUM(denominator) AS d FROM indicator_value "
            "WHERE area_code LIKE '33%' AND year = :year AND indicator_code = 'verification_coverage'",
            year=year,
        ).iloc[0]
        shown = f"{100 * province['n'] / province['d']:,.2f} %"
        expect(page.locator('[data-testid="stMetric"]').filter(has_text="สอบทาน").first).to_contain_text(
            shown, timeout=WAIT
        )
    assert after["verification_coverage"][0] == before["verification_coverage"][0] + 1
    assert after["referral_coverage"][0] == before["referral_coverage"][0] + 1
    events = frame(
        engine, "SELECT e.status FROM referral_event e JOIN referral r ON r.id = e.referral_id "
        "WHERE r.household_id = :n ORDER BY e.id", n=number,
    )  # fmt: skip
    assert list(events["status"]) == ["referred", "helped"]

    with running_app(f"sqlite:///{path}") as base, guarded_page(browser) as page:
        sign_in(page, base, "udom")
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="ครัวเรือน (เจ้าหน้าที่)").click()
        page.get_by_label("พื้นที่", exact=True).first.click(timeout=WAIT)
        options = page.get_by_role("option").all_inner_texts()
        assert options and all("(24" in o for o in options), options  # their province only
        page.keyboard.press("Escape")
        page.goto(f"{base}/households?household={number}")  # the other officer's household, by its link
        expect(page.get_by_text(re.compile("นอกพื้นที่รับผิดชอบ")).first).to_be_visible(timeout=WAIT)
        expect(page.get_by_text("การสอบทาน", exact=True)).to_have_count(0)
    # Every data-layer route (each save, verification and referral by id) is refused for this officer
    # in tests/test_fieldwork.py as well.
