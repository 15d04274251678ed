"""The tambon profile slides of the deck (issue #16): which tambons get one, the counts behind each
strength and both values of each problem as the database holds them, the order of the slides, both
languages, and a public viewer's per-1,000 figure hidden with the households cell it is divided by."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.assets import STRENGTH_MIN_COUNT, STRENGTH_MIN_LQ
from analysis.tambon_profile import PROVINCE_PROFILES, tambon_strengths
from components.text import t
from data_access.rollup import indicator_values
from data_access.scope import area_scope, scope_figures
from data_access.tambon_profiles import scope_profiles
from exports.slide_html import slide_html
from exports.slides import Deck, build_deck, profile_slide
from tests.support.long_profile import CODE, LONG_CATEGORY, long_name_profile
from tests.support.sql import scalar

YEAR = 2566
NO_SHAPES = {"type": "FeatureCollection", "features": []}


def text_in(lang):
    return lambda key, **values: t(key, lang, **values)


@pytest.fixture(scope="module")
def amphoe_profiles(sqlite_engine):
    figures = scope_figures(sqlite_engine, area_scope(sqlite_engine, "2401"), YEAR)
    return figures, scope_profiles(sqlite_engine, figures)


def items(engine, where: str, **params) -> float:
    sql = f"SELECT COUNT(*) FROM community_asset WHERE survey_year <= {YEAR} AND {where}"
    return float(scalar(engine, sql, **params))


def test_every_tambon_of_an_amphoe_has_a_profile_with_the_counts_behind_its_strengths(
    sqlite_engine, amphoe_profiles
):
    figures, profiles = amphoe_profiles
    assert profiles.codes() == list(figures.scope.units)
    found = profiles.strengths
    assert len(found) > 5 and set(found["area_code"]) <= set(profiles.codes())
    for row in found.head(8).itertuples():
        count = items(
            sqlite_engine, "tambon_code = :t AND category_code = :c", t=row.area_code, c=row.category_code
        )
        province = items(sqlite_engine, "tambon_code LIKE '24%' AND category_code = :c", c=row.category_code)
        tambon_all = items(sqlite_engine, "tambon_code = :t", t=row.area_code)
        province_all = items(sqlite_engine, "tambon_code LIKE '24%'")
        households = scalar(
            sqlite_engine,
            "SELECT numerator FROM indicator_value WHERE indicator_code = 'households_surveyed' "
            "AND area_code = :t AND year = :y",
            t=row.area_code,
            y=YEAR,
        )
        assert (row.count, row.province_count) == (count, province)
        assert row.per_1000 == pytest.approx(1000 * count / households)
        assert row.lq == pytest.approx((count / tambon_all) / (province / province_all))
        assert row.lq >= STRENGTH_MIN_LQ and row.count >= STRENGTH_MIN_COUNT and not row.per_1000_hidden


def test_problems_carry_the_tambon_and_the_province_values_worst_first(sqlite_engine, amphoe_profiles):
    _, profiles = amphoe_profiles
    worst = profiles.problems
    assert len(worst) and (worst["gap"] > 0).all()
    codes = list(worst["indicator_code"].unique())
    tambons = indicator_values(sqlite_engine, "tambon", codes, YEAR, "2401").set_index(
        ["area_code", "indicator_code"]
    )
    province = indicator_values(sqlite_engine, "province", codes, YEAR).set_index(
        ["area_code", "indicator_code"]
    )
    for row in worst.itertuples():
        assert row.value == pytest.approx(tambons.at[(row.area_code, row.indicator_code), "value"])
        assert row.reference == pytest.approx(province.at[("24", row.indicator_code), "value"])
        assert row.gap == pytest.approx(row.value - row.reference)
    for _, mine in worst.groupby("area_code"):
        assert list(mine["gap"]) == sorted(mine["gap"], reverse=True) and len(mine) <= 3


def test_the_deck_puts_each_profile_after_its_tambon_in_thai_and_english(amphoe_profiles):
    figures, profiles = amphoe_profiles
    deck = build_deck(figures, NO_SHAPES, text_in("th"), "th", t("demo_mark", "th"), profiles)
    kinds = [s.kind for s in deck.slides]
    assert kinds[4:] == ["unit", "profile"] * len(figures.scope.units)
    names = profiles.tambons.set_index("area_code")
    for unit, profile in zip(deck.slides[4::2], deck.slides[5::2]):
        code = next(c for c in profiles.codes() if unit.title == f"ตำบล{names.at[c, 'name_th']}")
        assert profile.title == f"ตำบล{names.at[code, 'name_th']}: จุดเด่นและปัญหา"
        strengths, problems = profile.tables
        mine = profiles.strengths[profiles.strengths["area_code"] == code]
        assert [row[0] for row in strengths.rows] == list(mine["name_th"]) or not len(mine)
    html = slide_html(deck, 5)
    assert 'class="atlas-slide s-profile"' in html and t("demo_mark", "th") in html
    assert html.count("<table>") == 2 and deck.slides[5].tables[0].caption in html
    english = profile_slide(profiles, code, figures, text_in("en"), "en")
    assert english.title == f"Tambon {names.at[code, 'name_en']}: strengths and problems"
    assert english.tables[0].header[:3] == ("Category", "Items", "Per 1,000 households")
    assert english.tables[1].header[1:3] == ("Tambon", "Province")


def test_a_province_deck_profiles_its_tambons_most_in_need_after_the_amphoe(sqlite_engine):
    figures = scope_figures(sqlite_engine, area_scope(sqlite_engine, "24"), YEAR)
    profiles = scope_profiles(sqlite_engine, figures)
    rates = indicator_values(sqlite_engine, "tambon", "target_poor_rate", YEAR, "24")
    worst = rates.sort_values(["value", "area_code"], ascending=[False, True])["area_code"].head(
        PROVINCE_PROFILES
    )
    assert profiles.codes() == list(worst)
    deck = build_deck(figures, NO_SHAPES, text_in("th"), "th", "", profiles)
    kinds = [s.kind for s in deck.slides]
    amphoe = len(figures.scope.units)
    assert kinds[4:] == ["unit"] * amphoe + ["profile"] * PROVINCE_PROFILES


def test_a_hidden_households_cell_hides_the_per_1000_figure_on_the_slide():
    counts = pd.DataFrame(
        {
            "area_code": ["a", "a", "b", "b"],
            "category_code": ["w", "x", "w", "x"],
            "count": [9.0, 1.0, 1.0, 9.0],
        }
    )
    per = pd.DataFrame(
        {
            "area_code": ["a", "b"],
            "category_code": ["w", "x"],
            "value": [40.0, 50.0],
            "suppressed": [False, True],
        }
    )
    names = pd.DataFrame({"code": ["w", "x"], "name_th": ["น้ำ", "ป่า"], "name_en": ["Water", "Forest"]})
    found = tambon_strengths(counts, per, pd.Series({"w": 10.0, "x": 10.0}), names, ["a", "b"]).set_index(
        "area_code"
    )
    assert not found.at["a", "per_1000_hidden"] and found.at["a", "per_1000"] == 40.0
    assert found.at["b", "per_1000_hidden"] and pd.isna(found.at["b", "per_1000"])  # hidden on the map too
    in_a_set = tambon_strengths(counts, per, pd.Series({"w": 10.0, "x": 10.0}), names, ["a"], ("a",))
    assert in_a_set["per_1000_hidden"].all()  # hidden by the set's own rule on the unit slide
    profiles, figures = long_name_profile(hidden_per_1000=True)
    slide = profile_slide(profiles, CODE, figures, text_in("en"), "en")
    strengths, problems = slide.tables
    assert strengths.rows[0] == (LONG_CATEGORY[1], "1,234", "<5", "23,456", "1,234.56", "12.34")
    assert problems.rows[0][1:] == ("88.88 %", "12.34 %", "76.5")
    html = slide_html(Deck("d", (slide,), "footer", "synthetic"), 0)
    assert "&lt;5" in html and "synthetic" in html
