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


def country_profile_sums(engine, year: int, k: float) -> dict[str, float]:
    """Independent of the app's code: people, target poor and the MPI incidence H of every household
    profile in the database (default weights: each dimension equal, split equally among its
    indicators; a profile with an unanswered indicator is left out of H)."""
    with engine.connect() as conn:
        people, target_poor = conn.execute(
            text(
                "SELECT SUM(members), SUM(CASE WHEN welfare_card = :yes AND deprived <> '' THEN members "
                "ELSE 0 END) FROM household_profile WHERE survey_year = :year"
            ),
            {"year": year, "yes": True},
        ).one()
        dimension = dict(
            conn.execute(
                text("SELECT code, dimension FROM indicator WHERE is_deprivation = :yes"), {"yes": True}
            ).all()
        )
        rows = conn.execute(
            text("SELECT deprived, not_assessed, households FROM household_profile WHERE survey_year = :y"),
            {"y": year},
        ).all()
    dimensions = set(dimension.values())
    weight = {
        code: 1 / len(dimensions) / sum(d == dim for d in dimension.values())
        for code, dim in dimension.items()
    }
    assessed = sum(n for _, missing, n in rows if not missing)
    poor = sum(
        n
        for deprived, missing, n in rows
        if not missing and sum(weight[c] for c in deprived.split()) >= k - 1e-9
    )
    return {"people": people, "target_poor": target_poor, "H": poor / assessed}


def test_the_whole_country_from_its_link_matches_independent_sums(sqlite_engine, monkeypatch):
    """`province=all` opens the whole country (the first entry of the picker) and stays in the link;
    its figures equal sums over every stored profile and over the household rows; a new k moves H as
    the independent sum does; a province bar drills in."""
    at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
    at.query_params["province"] = "all"
    at.run()
    at.switch_page("pages/poverty.py").run()
    assert not at.exception
    assert at.session_state["pov_province"] == "" and at.query_params["province"] == "all"
    assert at.selectbox(key="pov_province").options[0] == "ทั้งประเทศ"
    sums = country_profile_sums(sqlite_engine, 2566, 0.26)
    assert (sums["people"], sums["target_poor"]) == target_poor_sql(sqlite_engine, "", 2566)
    assert metric(at, "ประชากรที่สำรวจ") == f"{sums['people']:,}"
    assert metric(at, "คนจนเป้าหมาย (คน)") == f"{sums['target_poor']:,}"
    assert metric(at, "สัดส่วนคนจนหลายมิติ H") == f"{100 * sums['H']:,.2f} %"
    ranking = next(d.value for d in at.dataframe if "M0" in d.value.columns)
    assert sorted(ranking.iloc[:, 0]) == ["24", "33"]  # the provinces ranked
    at.slider(key="pov_cutoff").set_value(0.1).run()
    assert (
        metric(at, "สัดส่วนคนจนหลายมิติ H")
        == f"{100 * country_profile_sums(sqlite_engine, 2566, 0.1)['H']:,.2f} %"
    )
    assert at.query_params["province"] == "all" and at.query_params["cutoff"] == "0.1"
    at.selectbox(key="pov_province").set_value("33").run()
    assert at.query_params["province"] == "33"
    people, _ = target_poor_sql(sqlite_engine, "33", 2566)
    assert metric(at, "ประชากรที่สำรวจ") == f"{people:,}"
