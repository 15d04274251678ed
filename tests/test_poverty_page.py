"""AppTest of the poverty page: headline figures against independent SQL, drill-down, MPI settings."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from tests.support.apptest import app_test

pytestmark = pytest.mark.apptest


@pytest.fixture
def poverty_page(sqlite_engine, monkeypatch):
    at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
    at.run()
    at.switch_page("pages/poverty.py").run()
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label))


def target_poor_sql(engine, prefix: str, year: int) -> tuple[int, int]:
    """Independent rule: people in households with a welfare card and at least one deprivation."""
    with engine.connect() as conn:
        return conn.execute(
            text(
                """
                SELECT SUM(h.members),
                       SUM(CASE WHEN h.welfare_card = 1 AND EXISTS (
                               SELECT 1 FROM household_deprivation d
                               WHERE d.household_id = h.id AND d.deprived = 1) THEN h.members ELSE 0 END)
                FROM household h
                WHERE substr(h.tambon_code, 1, :n) = :prefix AND h.survey_year = :year
                """
            ),
            {"n": len(prefix), "prefix": prefix, "year": year},
        ).one()


def test_province_headline_matches_independent_sql(poverty_page, sqlite_engine):
    at = poverty_page
    at.selectbox(key="pov_province").set_value("33").run()
    assert not at.exception
    people, target_poor = target_poor_sql(sqlite_engine, "33", 2566)
    assert metric(at, "ประชากรที่สำรวจ") == f"{people:,}"
    assert metric(at, "คนจนเป้าหมาย (คน)") == f"{target_poor:,}"
    assert metric(at, "ร้อยละคนจนเป้าหมาย") == f"{100 * target_poor / people:,.2f} %"


def test_amphoe_and_tambon_drill_down_and_ranking(poverty_page, sqlite_engine):
    at = poverty_page
    at.selectbox(key="pov_province").set_value("33").run()
    ranking = next(d.value for d in at.dataframe if "M0" in d.value.columns)
    assert len(ranking) == 22  # the amphoe of Si Sa Ket
    at.selectbox(key="pov_amphoe").set_value("3305").run()
    people, target_poor = target_poor_sql(sqlite_engine, "3305", 2566)
    assert metric(at, "คนจนเป้าหมาย (คน)") == f"{target_poor:,}"
    at.selectbox(key="pov_tambon").set_value("330501").run()
    assert not at.exception
    people, target_poor = target_poor_sql(sqlite_engine, "330501", 2566)
    assert metric(at, "ประชากรที่สำรวจ") == f"{people:,}"


def test_mpi_settings_change_the_index_and_bad_weights_fall_back(poverty_page):
    at = poverty_page
    at.selectbox(key="pov_province").set_value("33").run()
    default_h = metric(at, "สัดส่วนคนจนหลายมิติ H")
    at.slider(key="pov_cutoff").set_value(0.1).run()
    assert metric(at, "สัดส่วนคนจนหลายมิติ H") != default_h
    for key in ("pov_weight_health", "pov_weight_living", "pov_weight_education", "pov_weight_income"):
        at.number_input(key=key).set_value(0.0).run()
    at.number_input(key="pov_weight_access").set_value(0.0).run()
    assert not at.exception
    assert any("ใช้ค่าเริ่มต้น" in w.value for w in at.warning)


def test_english_page_and_methodology(poverty_page):
    at = poverty_page
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Poverty by area"
    assert any("Alkire" in m.value for m in at.markdown)


def test_indicator_weight_editor_opens_with_equal_weights(poverty_page):
    """AppTest cannot edit a data editor's cells; the weighting itself is tested in test_poverty.py."""
    at = poverty_page
    at.selectbox(key="pov_province").set_value("33").run()
    at.slider(key="pov_cutoff").set_value(0.1).run()
    before = metric(at, "ดัชนี M0")
    at.toggle(key="pov_custom_indicators").set_value(True).run()
    assert not at.exception
    assert metric(at, "ดัชนี M0") == before  # equal weights in the editor: nothing changes yet
