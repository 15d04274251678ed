"""AppTest of the indicator explorer: every tool from a link, conditions against raw SQL, refusals."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import app_test
from tests.support.sql import frame

pytestmark = pytest.mark.apptest


@pytest.fixture
def explorer_app(sqlite_engine, monkeypatch):
    def open_explorer(**params) -> AppTest:
        at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        at.switch_page("pages/explorer.py").run()
        return at

    return open_explorer


def tambon_rates(engine, indicator: str, year: int, province: str):
    return frame(
        engine,
        "SELECT area_code, 100.0 * numerator / denominator AS value FROM indicator_value "
        "WHERE indicator_code = :indicator AND year = :year AND area_code LIKE :prefix AND denominator > 0",
        indicator=indicator,
        year=year,
        prefix=province + "%",
    ).set_index("area_code")["value"]


def test_find_counts_the_tambons_raw_sql_finds(explorer_app, sqlite_engine):
    at = explorer_app(tool="find", province="33", year="2566", where="target_poor_rate>5;bmn60_09>1")
    assert not at.exception
    poor = tambon_rates(sqlite_engine, "target_poor_rate", 2566, "33")
    water = tambon_rates(sqlite_engine, "bmn60_09", 2566, "33")
    both = poor.index.intersection(water.index)
    expected = int(((poor[both].round(10) > 5) & (water[both].round(10) > 1)).sum())
    (metric,) = at.metric
    assert metric.value.startswith(f"{expected:,} จาก {len(both):,}")
    (found,) = [d.value for d in at.dataframe if "target_poor_rate" in d.value.columns]
    assert len(found) == expected and (found["target_poor_rate"] > 5).all()
    assert at.query_params["where"] == "target_poor_rate>5;bmn60_09>1"


def test_a_condition_that_tries_sql_is_refused_and_the_data_is_intact(explorer_app, sqlite_engine):
    rows_before = frame(sqlite_engine, "SELECT COUNT(*) AS n FROM area")["n"][0]
    at = explorer_app(tool="find", province="33", where="target_poor_rate>5; DROP TABLE area")
    assert not at.exception
    assert any("where" in w.value for w in at.warning)
    assert at.query_params["where"] == "target_poor_rate>5"
    assert frame(sqlite_engine, "SELECT COUNT(*) AS n FROM area")["n"][0] == rows_before


def test_scatter_reports_the_correlation_of_the_raw_values(explorer_app, sqlite_engine):
    at = explorer_app(tool="scatter", province="33", year="2566", x="tp_income_rate", y="target_poor_rate")
    assert not at.exception
    x = tambon_rates(sqlite_engine, "tp_income_rate", 2566, "33")
    y = tambon_rates(sqlite_engine, "target_poor_rate", 2566, "33")
    both = x.index.intersection(y.index)
    r = np.corrcoef(x[both], y[both])[0, 1]
    assert any(f"r = **{r:.3f}**" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    "params",
    [
        {"tool": "distribution", "chart": "box"},
        {"tool": "distribution", "chart": "histogram"},
        {"tool": "ranking", "indicator": "income_per_person"},
        {"tool": "correlation", "indicators": "target_poor_rate,tp_health_rate,income_per_person"},
        {"tool": "years", "indicator": "target_poor_rate", "year2": "2564"},
    ],
)
def test_every_tool_draws_from_a_link(explorer_app, params):
    at = explorer_app(province="24", year="2566", **params)
    assert not at.exception and not at.error
    for name, value in params.items():
        assert at.query_params[name] == value
    assert at.segmented_control(key="exp_tool").value == params["tool"]


def test_switching_tools_keeps_the_conditions(explorer_app):
    at = explorer_app(tool="find", province="24", where="target_poor_rate>1")
    at.segmented_control(key="exp_tool").set_value("ranking").run()
    at.segmented_control(key="exp_tool").set_value("find").run()
    assert not at.exception
    assert at.query_params["where"] == "target_poor_rate>1"


def test_scatter_of_an_asset_indicator_against_a_deprivation_indicator(explorer_app, sqlite_engine):
    # water sources per 1,000 households against BMN 9 (clean drinking water) not met, Chachoengsao
    x_code, y_code = "asset_water_sources_per_1000hh", "bmn60_09"
    at = explorer_app(tool="scatter", province="24", year="2566", x=x_code, y=y_code)
    assert not at.exception
    x = tambon_rates(sqlite_engine, x_code, 2566, "24")
    y = tambon_rates(sqlite_engine, y_code, 2566, "24")
    both = x.index.intersection(y.index)
    assert len(both) > 80
    r = np.corrcoef(x[both], y[both])[0, 1]
    assert any(f"r = **{r:.3f}**" in m.value for m in at.markdown)
