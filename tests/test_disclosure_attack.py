"""Attack the published figures as a curious outsider would: collect everything an anonymous viewer
can read (every level, year and indicator, an area set's totals, the poverty page), solve the additive
relations between them (tests.support.disclosure_attack) and fail if any hidden count below the
threshold is pinned. Then the concrete leaks of issue #13, one regression test each.

The suite runs with suppression off (conftest); these tests set the threshold themselves."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from analysis import disclosure_poverty, poverty
from analysis.disclosure import protect, protection_note, round_count
from analysis.scope import Scope
from analysis.tambon_indicators import deprivation_dimensions
from data_access import queries
from data_access.area_sets import MOU_SET_NAME, mou_tambon_codes
from data_access.households import household_microdata
from data_access.rollup import indicator_values, set_values
from data_access.scope import scope_trend
from tests.support.disclosure_attack import Attack

K = 5
LEVELS = ("tambon", "amphoe", "province")
SAMPLED_TARGETS = 40


def published_and_true(engine, level, codes, years, parent=None):
    return (
        indicator_values(engine, level, codes, years, parent, min_households=K),
        indicator_values(engine, level, codes, years, parent),
    )


@pytest.fixture(scope="module")
def attacks():
    return {}


def build_attack(engine) -> Attack:
    catalogue = queries.catalogue(engine)
    codes, years = catalogue["code"].tolist(), queries.survey_years(engine)
    units = dict(zip(catalogue["code"], catalogue["unit"]))
    tambons = queries.areas(engine).query("level == 'tambon'")["code"].tolist()
    members = {}
    for t in tambons:
        for length in (2, 4, 6):
            members.setdefault(t[:length], []).append(t)
    members = {code: tuple(sorted(ts)) for code, ts in members.items()}
    attack = Attack(K)
    for level in LEVELS:
        attack.add(*published_and_true(engine, level, codes, years), members, units)
    mou = tuple(mou_tambon_codes(engine))
    scope = Scope("set", "1", MOU_SET_NAME, MOU_SET_NAME, mou, "tambon", mou, "33")
    shown = scope_trend(engine, scope, codes, K).assign(area_code="set")
    true = set_values(engine, list(mou), codes, years).assign(area_code="set")
    attack.add(shown, true, {**members, "set": mou}, units)
    return attack


@pytest.mark.parametrize("seed", [0, 1])
def test_no_hidden_small_count_is_pinned_by_the_published_sums(backend, seed, attacks):
    key = backend.url.get_backend_name()
    if key not in attacks:
        attacks[key] = build_attack(backend)
    attack = attacks[key]
    assert attack.truth_is_feasible(), "the attack model must hold for the true counts"
    targets = attack.targets()
    assert len(targets) > 100, "the small test demo must have small counts to protect"
    rng = np.random.default_rng(seed)
    # Every level is attacked: a random sample of the hidden small counts, amphoe and province first.
    upper = [t for t in targets if len(t.tambons) > 1]
    chosen = [targets[i] for i in rng.choice(len(targets), SAMPLED_TARGETS, replace=False)]
    chosen += [upper[i] for i in rng.choice(len(upper), min(10, len(upper)), replace=False)] if upper else []
    pinned = []
    for target in chosen:
        low, high = attack.interval(target)
        assert low - 1e-6 <= target.truth <= high + 1e-6
        if high - low < 1 - 1e-6:
            pinned.append((target.label, target.truth, low, high))
    assert not pinned, f"hidden small counts pinned by arithmetic on what is shown: {pinned[:5]}"


def test_the_attack_finds_the_leaks_of_per_cell_suppression(sqlite_engine, monkeypatch):
    """The attack has teeth: against the old rule (each indicator suppressed on its own, one
    complementary cell per parent, exact counts shown) it pins hidden small counts."""
    from analysis import disclosure
    from data_access import rollup

    def per_cell(values, k, base=1):
        shown = values.copy()
        if not k:
            return shown.assign(suppressed=False)
        mask = disclosure.suppression_mask(values, k, values["aggregation"], values["unit"]).to_numpy()
        shown.loc[mask, ["value", "numerator", "denominator"]] = np.nan
        return shown.assign(suppressed=mask)

    monkeypatch.setattr(rollup, "protect", per_cell)  # the scope's totals go through it too
    attack = build_attack(sqlite_engine)
    attack.half_width = 0.0  # exact counts
    assert attack.truth_is_feasible()
    targets = [t for t in attack.targets() if t.variable.startswith("status_")]
    rng = np.random.default_rng(0)
    pinned = 0
    for i in rng.choice(len(targets), 30, replace=False):
        low, high = attack.interval(targets[i])
        pinned += high - low < 1 - 1e-6
    assert pinned > 0


def test_the_same_cell_is_hidden_and_rounded_alike_on_every_page(backend):
    """Two pages asking for different indicators or parents must publish one pattern: a cell hidden
    on one is never shown on another (a map of one indicator beside a table of all)."""
    codes = queries.catalogue(backend)["code"].tolist()
    everything = indicator_values(backend, "tambon", codes, [2566], None, min_households=K)
    for subset, parent in ((["target_poor_rate"], "3301"), (["referral_coverage", "mpi_a"], "2401")):
        page = indicator_values(backend, "tambon", subset, [2566], parent, min_households=K)
        same = everything.merge(page, on=["area_code", "indicator_code", "year"], suffixes=("", "_page"))
        assert len(same) == len(page)
        assert (same["suppressed"] == same["suppressed_page"]).all()
        assert np.allclose(same["value"], same["value_page"], equal_nan=True)


def test_officers_see_exact_figures(backend):
    exact = indicator_values(backend, "tambon", ["target_poor_households"], [2566], "3301")
    assert not exact["suppressed"].any()
    assert (exact["numerator"] % 5 != 0).any(), "officers see the stored counts, not rounded ones"


# --- the concrete leaks of the issue -----------------------------------------------------------------


def cells(numerators, denominators, code, unit="percent", aggregation="ratio", scale=100.0, parent="2401"):
    n = len(numerators)
    return pd.DataFrame(
        {
            "area_code": [f"{parent}{i:02d}" for i in range(n)],
            "parent_code": parent,
            "indicator_code": code,
            "year": 2566,
            "numerator": np.asarray(numerators, float),
            "denominator": np.asarray(denominators, float),
            "value": np.nan,
            "aggregation": aggregation,
            "unit": unit,
            "scale": scale,
        }
    )


def test_intensity_and_m0_are_hidden_with_the_poor_households():
    """A and M0 rest on the poor households: with 1-4 poor they go with H, in one pattern."""
    frame = pd.concat(
        [
            cells([1, 30, 40], [200, 300, 400], "mpi_h"),
            cells([0.35, 9.0, 12.0], [1, 30, 40], "mpi_a"),
            cells([0.35, 9.0, 12.0], [200, 300, 400], "mpi_m0", unit="index", scale=1.0),
        ],
        ignore_index=True,
    )
    shown = protect(frame, K)
    by = shown.pivot(index="area_code", columns="indicator_code", values="suppressed")
    assert by.loc["240100"].all(), "one poor household: H, A and M0 all hidden"
    assert by.iloc[1:].any(axis=1).sum() >= 1, "a sibling hides it from the parent total"
    # The same sibling under every MPI figure: no linked figure gives the hidden one away.
    assert (by.nunique(axis=1) == 1).all()


def test_status_partition_hides_all_classes_together():
    frame = pd.concat(
        [
            cells([2, 50, 60], [100, 200, 300], "status_struggling_share"),
            cells([30, 50, 60], [100, 200, 300], "status_hard_share"),
            cells([40, 50, 90], [100, 200, 300], "status_getting_by_share"),
            cells([28, 50, 90], [100, 200, 300], "status_well_share"),
        ],
        ignore_index=True,
    )
    shown = protect(frame, K)
    first = shown[shown["area_code"] == "240100"]
    assert first["suppressed"].all(), "a class of 2 households: class = total - the other three"


def test_target_poor_households_and_referral_coverage_share_one_pattern():
    frame = pd.concat(
        [
            cells([3, 40, 60], [np.nan] * 3, "target_poor_households", "count", "sum", 1.0),
            cells([1, 10, 20], [3, 40, 60], "referral_coverage"),
        ],
        ignore_index=True,
    )
    shown = protect(frame, K)
    households = shown[shown["indicator_code"] == "target_poor_households"]["suppressed"].to_numpy()
    referral = shown[shown["indicator_code"] == "referral_coverage"]["suppressed"].to_numpy()
    assert households[0] and referral[0]
    assert (referral >= households).all(), "the denominator hidden under one is hidden under the other"


def test_five_people_from_two_households_are_hidden():
    frame = pd.concat(
        [
            cells([5, 60, 80], [np.nan] * 3, "target_poor_people", "count", "sum", 1.0),
            cells([2, 20, 30], [np.nan] * 3, "target_poor_households", "count", "sum", 1.0),
            cells([5, 60, 80], [400, 500, 600], "target_poor_rate"),
        ],
        ignore_index=True,
    )
    shown = protect(frame, K)
    assert shown.loc[shown["area_code"] == "240100", "suppressed"].all()


def test_published_rates_come_from_rounded_counts_with_few_decimals(backend):
    """Chart data never carries the many decimals that times the people surveyed give exact counts."""
    shown = indicator_values(backend, "amphoe", ["target_poor_rate"], [2566], "33", min_households=K)
    visible = shown[~shown["suppressed"] & shown["denominator"].notna()]
    assert (visible["numerator"] % 5 == 0).all() and (visible["denominator"] % 5 == 0).all()
    assert np.allclose(visible["value"], (100 * visible["numerator"] / visible["denominator"]).round(2))
    assert np.allclose(visible["value"], visible["value"].round(2))


def test_poverty_page_figures_for_the_public(backend):
    catalogue = queries.catalogue(backend)
    households, deprivations = household_microdata(backend, "24", 2566)
    people = poverty.target_poor_by_dimension(households, deprivations, catalogue, "amphoe")
    homes = poverty.target_poor_by_dimension(households, deprivations, catalogue, "amphoe", people=False)
    shown = disclosure_poverty.public_children(people, homes, K)
    small = (homes["target_poor"] > 0) & (homes["target_poor"] < K)
    assert shown.loc[small.to_numpy(), "target_poor"].isna().all()
    visible = shown["target_poor"].dropna()
    assert (visible % 5 == 0).all()
    # MPI: A and every contribution hidden when fewer than 5 households are poor.
    dims = deprivation_dimensions(catalogue)
    weights = poverty.default_weights(catalogue)
    for amphoe in sorted(households["tambon_code"].str[:4].unique()):
        rows = households["tambon_code"].str.startswith(amphoe).to_numpy()
        result = poverty.mpi_by_area(households[rows], deprivations[rows], catalogue, weights, 0.26, "amphoe")
        public, by_dimension = disclosure_poverty.public_mpi(result.overall, dims, K)
        if 0 < result.overall.q < K:
            assert np.isnan(public.A) and np.isnan(public.M0) and public.contribution.isna().all()
            assert by_dimension.isna().all()
        elif not np.isnan(public.H):
            assert public.q % 5 == 0


def test_transitions_hide_small_cells():
    moves = poverty.Transitions(
        matrix=pd.DataFrame([[3, 10, 0, 0], [2, 20, 8, 0], [0, 1, 40, 6], [0, 0, 7, 50]]),
        improved=24, same=113, worse=10, matched=150, unclassified=3, unmatched_before=4, unmatched_after=9,
    )  # fmt: skip
    shown = disclosure_poverty.public_transitions(moves, K)
    values = shown.matrix.to_numpy()
    assert np.isnan(values[0, 0]) and np.isnan(values[1, 0]) and values[0, 1] == 10
    assert np.isnan(shown.unclassified) and np.isnan(shown.unmatched_before)
    assert shown.improved == round_count(24.0) and shown.same == 115


# --- every export says how it was protected ----------------------------------------------------------


def test_every_export_carries_the_protection_line(sqlite_engine):
    from components.text import t
    from data_access.scope import area_scope, scope_figures
    from exports.slides import build_deck
    from exports.tables import ExportColumn, table_csv
    from geo.assets import load_geometry

    line = protection_note(K, "th")
    assert "5" in line and "ครัวเรือน" in line
    assert "households" in protection_note(K, "en") and "rounded" in protection_note(K, "en")
    frame = pd.DataFrame({"area_code": ["240101"], "value": [12.5]})
    columns = [ExportColumn("area_code", "code"), ExportColumn("value", "value", "percent")]
    rows = table_csv(frame, columns, footer=[line]).decode("utf-8-sig").splitlines()
    assert rows[-1] == line and rows[-2] == ""
    figures = scope_figures(sqlite_engine, area_scope(sqlite_engine, "3301"), 2566, K)
    deck = build_deck(figures, load_geometry("tambon", "33"), lambda key, **v: t(key, "th", **v), "th")
    assert protection_note(K, "th", short=True) in deck.footer
    officer = scope_figures(sqlite_engine, area_scope(sqlite_engine, "3301"), 2566)
    officer_deck = build_deck(
        officer, load_geometry("tambon", "33"), lambda key, **v: t(key, "th", **v), "th"
    )
    assert protection_note(None, "th") in officer_deck.footer


def test_public_table_export_notes_say_how(sqlite_engine, monkeypatch):
    from components.shared.downloads import export_notes

    monkeypatch.setenv("ATLAS_MIN_HOUSEHOLDS", "5")
    notes = dict(export_notes("3301", "2566", [], demo=True, lang="en"))
    assert notes["Disclosure control"] == protection_note(5, "en")


def test_public_poverty_page_hides_intensity_and_contributions_of_few_poor(sqlite_engine, monkeypatch):
    """The issue's case: an amphoe with 1-4 poor households showed A and the indicators they fail."""
    import json

    from tests.support.apptest import app_test

    catalogue = queries.catalogue(sqlite_engine)
    households, deprivations = household_microdata(sqlite_engine, "24", 2566)
    weights = poverty.default_weights(catalogue)
    by_area = poverty.mpi_by_area(households, deprivations, catalogue, weights, 0.26, "amphoe").by_area
    few = by_area[(by_area["q"] > 0) & (by_area["q"] < K)]
    assert len(few), "the test demo has an amphoe with 1-4 poor households"
    amphoe = few["area_code"].iloc[0]
    monkeypatch.setenv("ATLAS_MIN_HOUSEHOLDS", str(K))
    at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
    for name, value in {"province": "24", "amphoe": amphoe, "year": "2566"}.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/poverty.py").run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["ความรุนแรง A"] == "<5" and shown["ดัชนี M0 = H × A"] == "<5"
    assert shown["สัดส่วนคนจนหลายมิติ H"] == "<5"
    charts = {c.proto.id: json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    contribution = next(s for s in charts.values() if s["data"] and s["data"][0].get("orientation") == "h")
    assert not contribution["data"][0].get("x"), "no bar for a hidden contribution"


def test_public_viewers_get_the_default_mpi_settings(sqlite_engine, monkeypatch):
    """Swept weights or cutoffs would show where a rounded count flips: the public cannot set them."""
    from tests.support.apptest import app_test

    monkeypatch.setenv("ATLAS_MIN_HOUSEHOLDS", str(K))
    at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
    for name, value in {"province": "33", "year": "2566", "cutoff": "0.5"}.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/poverty.py").run()
    assert not at.exception
    assert not [s for s in at.slider if s.key == "pov_cutoff"]
    assert any("ค่าเริ่มต้น" in c.value for c in at.caption)


# --- community assets: "per 1,000 households" rests on the households cell ---------------------------


@pytest.fixture
def small_tambon(seeded_sqlite_template, tmp_path, fast_hashing):
    """A copy of the demo where officers removed households in the field until a tambon of Si Sa Ket
    had 3 left in 2566 (fewer than the public threshold), with its community assets as seeded."""
    from data_access import household_records
    from tests.support import writable_db
    from tests.support.household_db import SEEDED_TEMPLATE, signed_in

    with writable_db.copy_of("sqlite", seeded_sqlite_template, tmp_path, SEEDED_TEMPLATE) as engine:
        surveyed = indicator_values(engine, "tambon", "households_surveyed", 2566, "33")
        tambon = surveyed.sort_values(["numerator", "area_code"])["area_code"].iloc[0]
        officer = signed_in(engine, "officer33", "officer", ["33"])
        with engine.connect() as conn:
            ids = conn.exec_driver_sql(
                "SELECT id FROM household WHERE tambon_code = ? AND survey_year = 2566 ORDER BY id", (tambon,)
            ).scalars()
            ids = list(ids)
        for number in ids[: len(ids) - 3]:
            household_records.remove_household(engine, officer, number, "ย้ายออกนอกพื้นที่", 0)
        yield engine, tambon


def implied_households(count: pd.Series, per_1000: pd.Series) -> tuple[pd.Series, pd.Series]:
    """What an attacker reads off count ÷ per-1,000 × 1,000: the interval of household counts that
    give the published per-1,000 figure (it is shown to 2 decimals)."""
    return 1000 * count / (per_1000 + 0.005), 1000 * count / (per_1000 - 0.005)


def test_the_households_under_per_1000_cannot_be_recovered_anywhere(small_tambon, tmp_path, monkeypatch):
    """For a tambon of 3 households: map, explorer (the query layer at every level and parent they
    ask), the table page and its export (the table CLI writes the page's CSV) never give count ÷
    per-1,000 × 1,000 = 3; everywhere else the figure gives back the published (rounded) households
    cell, never the true count, and it is hidden wherever that cell is hidden."""
    from exports.table import main

    engine, tambon = small_tambon
    per, count = "asset_water_sources_per_1000hh", "asset_water_sources_count"
    raw = indicator_values(engine, "tambon", "households_surveyed", 2566, tambon[:4])
    assert raw.set_index("area_code").at[tambon, "numerator"] == 3  # the field saves refreshed it
    for level, parent in (
        ("tambon", tambon[:4]),
        ("tambon", tambon[:2]),
        ("amphoe", tambon[:2]),
        ("province", None),
    ):
        shown = indicator_values(
            engine, level, [per, count, "households_surveyed"], [2564, 2565, 2566], parent, K
        )
        true = indicator_values(engine, level, ["households_surveyed"], [2564, 2565, 2566], parent)
        wide = shown.pivot_table(
            index=["area_code", "year"], columns="indicator_code", values="value", dropna=False
        )
        hidden = shown.pivot_table(index=["area_code", "year"], columns="indicator_code", values="suppressed")
        truth = true.set_index(["area_code", "year"])["numerator"].reindex(wide.index)
        assert (hidden[per].astype(bool) == hidden["households_surveyed"].astype(bool)).all()
        visible = wide[wide[per].notna() & (wide[per] > 0)]
        low, high = implied_households(visible[count], visible[per])
        published = visible["households_surveyed"]
        assert ((low <= published + 1e-6) & (published - 1e-6 <= high)).all(), "it is the published cell"
        exact = truth.reindex(visible.index)
        recovered = (
            (high - low < 1) & ((low.round() == exact) | (high.round() == exact)) & (exact != published)
        )
        assert not recovered.any(), f"{level} under {parent}: true households recovered"
        if level == "tambon":
            assert wide.loc[(tambon, 2566), "households_surveyed"] != 3 and pd.isna(
                wide.loc[(tambon, 2566), per]
            )
    monkeypatch.setenv("ATLAS_MIN_HOUSEHOLDS", str(K))
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    out = tmp_path / "table.csv"
    args = ["--province=33", "--level=tambon", f"--amphoe={tambon[:4]}", "--year=2566", f"--out={out}"]
    assert main([*args, f"--indicators={per},{count},households_surveyed"]) == 0
    header, *rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    (row,) = [dict(zip(header, r)) for r in rows if r and r[0] == tambon]
    assert row["ครัวเรือนที่สำรวจ (จำนวน) 2566"] == row["แหล่งน้ำ: ต่อ 1,000 ครัวเรือน (คะแนน) 2566"] == "<5"
    assert row["แหล่งน้ำ: จำนวน 2566"].isdigit()  # the items themselves are shown exactly
