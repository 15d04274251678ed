"""What a person sees: first load, navigation, language switch, deep link, catalogue, offline."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import text

from components.shell.navigation import PAGES
from components.shell.session import PUBLIC
from components.text import t
from data_access.engine import make_engine

NAV = '[data-testid="stSidebar"] [data-testid="stPageLink"]'


def wait_for_app(page) -> None:
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stStatusWidget"] [data-testid="stSpinner"]\')'
    )


def nav_labels(page) -> list[str]:
    """Visible link texts of the sidebar navigation (the icon ligature name is the first line)."""
    return [text.strip().splitlines()[-1].strip() for text in page.locator(f"{NAV} a").all_inner_texts()]


def test_first_load_shows_our_navigation_in_thai_with_demo_banner(page, app_url, browser_database):
    page.goto(app_url)
    # Read the navigation the moment it first appears: Streamlit's file-name sidebar (home, catalogue,
    # about) must never flash before ours.
    page.locator(f"{NAV} a").first.wait_for()
    first_seen = nav_labels(page)
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("แผนที่ข้อมูลชุมชนระดับตำบล")
    expected = [t(label, "th") for _, label, _, _, roles in PAGES if PUBLIC in roles]
    assert expected[:3] == ["หน้าแรก", "ภาพรวมจังหวัด", "แผนที่"] and "นำเข้าข้อมูล" not in expected
    assert first_seen == nav_labels(page) == expected, first_seen
    expect(page.locator(".atlas-demo-banner")).to_contain_text("ข้อมูลสาธิต (สังเคราะห์)")

    # The headline households figure is the real count in the database for the latest survey year.
    with make_engine(browser_database).connect() as conn:
        households = conn.execute(
            text(
                "SELECT COUNT(*) FROM household WHERE survey_year = (SELECT MAX(survey_year) FROM household)"
            )
        ).scalar_one()
    metric = page.locator('[data-testid="stMetric"]', has_text="ครัวเรือนที่สำรวจ ปี 2566")
    expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(f"{households:,}")
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()


def test_language_switch_changes_labels_and_lives_in_the_url(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"] label', has_text="English").click()
    expect(page.locator("h1").first).to_contain_text("community data map by tambon")
    expect(page.locator(NAV, has_text="Indicators")).to_be_visible()
    expect(page.locator(".atlas-demo-banner")).to_contain_text("not real households")
    page.wait_for_url(re.compile(r"lang=en"))

    # A copied link opens in English in a fresh page.
    fresh = page.context.new_page()
    fresh.goto(page.url)
    expect(fresh.locator("h1").first).to_contain_text("community data map by tambon")


def test_catalogue_page_lists_and_filters_indicators(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="ตัวชี้วัด", exact=True).click()
    expect(page.locator("h1").first).to_have_text("ตัวชี้วัด")
    expect(page.get_by_text("พบ 113 ตัวชี้วัด")).to_be_visible()  # 83 shipped, 3 per asset category
    page.get_by_label("ค้นหา (ไทยหรืออังกฤษ)").fill("รายได้")
    page.get_by_label("ค้นหา (ไทยหรืออังกฤษ)").press("Enter")
    expect(page.get_by_text(re.compile(r"^พบ [1-9] ตัวชี้วัด$"))).to_be_visible()
    expect(page.get_by_text("รายได้เฉลี่ยต่อคนต่อปี").first).to_be_visible()


def test_invalid_link_parameter_shows_a_notice_not_an_error(page, app_url):
    page.goto(f"{app_url}/?lang=xx")
    wait_for_app(page)
    expect(page.locator('[data-testid="stAlert"]', has_text="lang=xx")).to_be_visible()
    expect(page.locator("h1").first).to_contain_text("แผนที่ข้อมูลชุมชนระดับตำบล")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
