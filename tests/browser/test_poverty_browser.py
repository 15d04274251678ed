"""The poverty page in a real browser: Si Sa Ket's headline numbers, from the database."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import text

from data_access.engine import make_engine


def test_si_sa_ket_headline_numbers(page, app_url, browser_database):
    with make_engine(browser_database).connect() as conn:
        people, target_poor = conn.execute(
            text(
                """
                SELECT SUM(h.members),
                       SUM(CASE WHEN h.welfare_card = 1 AND EXISTS (
                               SELECT 1 FROM household_deprivation d
                               WHERE d.household_id = h.id AND d.deprived = 1) THEN h.members ELSE 0 END)
                FROM household h WHERE h.tambon_code LIKE '33%' AND h.survey_year = 2566
                """
            )
        ).one()
    page.goto(f"{app_url}/poverty?province=33&year=2566")
    expect(page.get_by_role("heading", name="ศรีสะเกษ · 2566")).to_be_visible(timeout=60_000)

    def metric_value(label: str):
        card = page.locator('[data-testid="stMetric"]', has_text=label)
        return card.locator('[data-testid="stMetricValue"]')

    expect(metric_value("ประชากรที่สำรวจ")).to_have_text(f"{people:,}")
    expect(metric_value("คนจนเป้าหมาย (คน)")).to_have_text(f"{target_poor:,}")
    expect(metric_value("ร้อยละคนจนเป้าหมาย")).to_have_text(f"{100 * target_poor / people:,.2f} %")
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_clicking_a_bar_of_the_ranking_drills_into_that_amphoe(page, app_url):
    page.goto(f"{app_url}/poverty?province=33&year=2566")
    expect(page.get_by_role("heading", name="ศรีสะเกษ · 2566")).to_be_visible(timeout=60_000)
    ranking = page.locator('[data-testid="stPlotlyChart"]').last
    ranking.scroll_into_view_if_needed()
    bars = ranking.locator(".point path")
    expect(bars).to_have_count(22)
    bars.last.click(force=True)  # the top bar: the amphoe most in need
    expect(page).to_have_url(re.compile(r"amphoe=33\d\d"), timeout=30_000)
    amphoe_heading = page.locator("h3", has_text="· 2566").first
    expect(amphoe_heading).not_to_have_text("ศรีสะเกษ · 2566")
