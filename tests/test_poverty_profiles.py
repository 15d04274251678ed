"""The poverty page's stored aggregates (issue #18) equal the household-level computation: pure
equality on seeded random households for random weights, cutoffs, levels and groups of tambons (no
hypothesis installed: seeded numpy), the example of Alkire & Foster's paper through the stored form,
and, on both databases, stored rows equal to a rebuild from scratch after the seed and after field
edits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import delete, or_, select

from analysis import poverty
from analysis.capitals import CAPITAL_COLUMNS
from analysis.profiles import profile_frames
from data_access import household_records, seed_pipeline
from data_access.catalogue import read_indicators
from data_access.households import household_microdata
from data_access.poverty_profiles import (
    PROVINCE_FACT,
    country_profile_rows,
    country_status_rows,
    country_transition_rows,
    ensure_profiles,
    household_profiles,
    profile_rows,
    rebuild_profiles,
    status_rows,
    transition_rows,
)
from data_access.schema import (
    area,
    dataset_info,
    household,
    household_profile,
    household_profile_province,
    household_status,
    household_transition,
)
from data_access.seed import seed_demo
from tests.support.household_db import signed_in
from tests.support.sql import scalar

TAMBONS = ("330101", "330102", "330201", "240101")
KEPT_TABLES = (household_profile, household_profile_province, household_status, household_transition)
COUNT = "households"


def random_households(rng, n=600, codes=("a1", "a2", "b1", "c1", "c2", "c3"), year=2566):
    households = pd.DataFrame(
        {
            "id": np.arange(n),
            "household_key": [f"k{i}" for i in rng.permutation(n + 40)[:n]],
            "survey_year": year,
            "tambon_code": rng.choice(TAMBONS, n),
            "members": rng.integers(1, 8, n),
            "welfare_card": rng.random(n) < 0.5,
        }
    )
    for column in CAPITAL_COLUMNS:
        households[column] = rng.integers(1, 5, n).astype(float)
        households.loc[rng.random(n) < 0.05, column] = np.nan
    g = pd.DataFrame(rng.random((n, len(codes))) < rng.uniform(0.05, 0.5, len(codes)), columns=list(codes))
    return households, g.astype(float).mask(rng.random(g.shape) < 0.03)


def catalogue_of(codes) -> pd.DataFrame:
    dims = ["health", "living", "education", "income", "access"]
    return pd.DataFrame(
        {
            "code": list(codes),
            "dimension": [dims[i % len(dims)] for i in range(len(codes))],
            "is_deprivation": True,
        }
    )


def stored(households, deprivations):
    """What the database keeps and the page reads back, without a database."""
    rows = household_profiles(households, deprivations)
    return profile_frames(rows, list(deprivations.columns))


def assert_frames_equal(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False, atol=1e-12, rtol=0
    )


@pytest.mark.parametrize("seed", range(4))
def test_stored_profiles_give_the_household_figures_for_random_weights_cutoffs_and_levels(seed):
    rng = np.random.default_rng(seed)
    households, deprivations = random_households(rng)
    catalogue = catalogue_of(deprivations.columns)
    profiles, profile_g = stored(households, deprivations)
    assert len(profiles) < len(households) and profiles[COUNT].sum() == len(households)
    weights = dict(zip(deprivations.columns, rng.uniform(0, 1, deprivations.shape[1])))
    k = float(rng.choice([0.1, 0.2, 0.26, 1 / 3, 0.5, 0.75, 1.0]))
    for level in ("province", "amphoe", "tambon"):
        for people in (True, False):
            assert_frames_equal(
                poverty.target_poor_by_dimension(profiles, profile_g, catalogue, level, people, count=COUNT),
                poverty.target_poor_by_dimension(households, deprivations, catalogue, level, people),
            )
        for sample_weight in (None, "members"):
            got = poverty.mpi_by_area(
                profiles, profile_g, catalogue, weights, k, level, sample_weight, count=COUNT
            )
            expected = poverty.mpi_by_area(
                households, deprivations, catalogue, weights, k, level, sample_weight
            )
            assert_frames_equal(got.by_area, expected.by_area)
            for name in ("H", "A", "M0", "n", "q"):
                assert getattr(got.overall, name) == pytest.approx(getattr(expected.overall, name), abs=1e-12)
            assert got.overall.excluded == expected.overall.excluded
            for series in ("censored_headcount", "uncensored_headcount", "contribution"):
                pd.testing.assert_series_equal(
                    getattr(got.overall, series), getattr(expected.overall, series), atol=1e-12, rtol=0
                )


def test_the_example_of_alkire_and_foster_2011_through_the_stored_form():
    """Four people, four dimensions (their paper's example): scores (0, 2, 4, 1) of 4; with k = 2 of 4,
    H = 1/2, A = 3/4, M0 = 3/8."""
    g0 = pd.DataFrame(
        {"income": [0, 0, 1, 0], "schooling": [0, 1, 1, 1], "calories": [0, 0, 1, 0], "health": [0, 1, 1, 0]},
        dtype=float,
    )
    people = pd.DataFrame({"tambon_code": "330101", "members": 1, "welfare_card": True}, index=g0.index)
    profiles, g = stored(people, g0)
    catalogue = catalogue_of(g0.columns)
    result = poverty.mpi_by_area(
        profiles, g, catalogue, dict.fromkeys(g0.columns, 0.25), 0.5, "tambon", count=COUNT
    )
    assert (result.overall.H, result.overall.A, result.overall.M0) == (0.5, 0.75, 0.375)
    assert result.overall.censored_headcount["schooling"] == 0.5


@pytest.mark.parametrize("seed", range(2))
def test_stored_classes_and_moves_give_the_household_status_and_transitions(seed):
    rng = np.random.default_rng(100 + seed)
    before, _ = random_households(rng, year=2565)
    after, _ = random_households(rng, year=2566)
    movers = rng.random(len(after)) < 0.1  # some households are found in another tambon next time
    after.loc[movers, "tambon_code"] = rng.choice(TAMBONS, movers.sum())
    classes = after[["tambon_code"]].assign(
        status_class=poverty._status_classes(after, poverty.DEFAULT_BANDS), households=1
    )
    counts = classes.groupby(["tambon_code", "status_class"], as_index=False)["households"].sum()
    pairs = poverty.transition_pairs(before, after)
    assert pairs["households"].sum() == len(set(before["household_key"]) | set(after["household_key"]))
    groups = [set(TAMBONS), {"330101"}, {"330101", "330102"}, {"330201", "240101"}]
    for group in groups:
        in_after = after["tambon_code"].isin(group)
        expected = poverty.status_transitions(before[before["tambon_code"].isin(group)], after[in_after])
        got = poverty.transitions_from_pairs(pairs, group)
        pd.testing.assert_frame_equal(got.matrix, expected.matrix)
        assert vars(got) | {"matrix": None} == vars(expected) | {"matrix": None}
        for level, code in (("tambon", "330101"), ("amphoe", "3301"), ("province", "33")):
            if not group <= {t for t in TAMBONS if t.startswith(code)}:
                continue
            assert_frames_equal(
                poverty.status_from_counts(counts[counts["tambon_code"].isin(group)], level),
                poverty.status_distribution(after[in_after], level),
            )


# --- stored, on both databases -------------------------------------------------------------------


def kept_rows(engine) -> dict[str, pd.DataFrame]:
    """Every stored aggregate row, in one order."""
    frames = {}
    with engine.connect() as conn:
        for table in KEPT_TABLES:
            columns = [c.name for c in table.primary_key.columns]
            rows = pd.DataFrame(
                conn.execute(select(table).order_by(*table.primary_key.columns)).mappings().all()
            )
            frames[table.name] = rows.sort_values(columns, ignore_index=True)
    return frames


def rebuilt_from_scratch(engine, province: str) -> dict[str, pd.DataFrame]:
    """Every aggregate row, those of `province` rebuilt from nothing, in a transaction rolled back."""
    tambons = select(area.c.code).where(area.c.province_code == province)
    with engine.connect() as conn:
        with conn.begin() as transaction:
            for table in (household_profile, household_status):
                conn.execute(delete(table).where(table.c.tambon_code.in_(tambons)))
            conn.execute(
                delete(household_profile_province).where(
                    household_profile_province.c.province_code == province
                )
            )
            t = household_transition
            conn.execute(delete(t).where(or_(t.c.tambon_after.in_(tambons), t.c.tambon_before.in_(tambons))))
            rebuild_profiles(conn, province, [2564, 2565, 2566])
            frames = {}
            for table in KEPT_TABLES:
                columns = [c.name for c in table.primary_key.columns]
                rows = pd.DataFrame(conn.execute(select(table)).mappings().all())
                frames[table.name] = rows.sort_values(columns, ignore_index=True)
            transaction.rollback()
    return frames


def assert_kept_equals_rebuild(engine, province: str) -> None:
    kept, rebuilt = kept_rows(engine), rebuilt_from_scratch(engine, province)
    for name in kept:
        pd.testing.assert_frame_equal(kept[name], rebuilt[name], check_dtype=False, obj=name)


def a_form(codes, **changes) -> dict:
    form = {
        "village_no": "3", "members": "6", "income_per_person": "25000", "welfare_card": True,
        "capital_human": 1, "capital_physical": 1, "capital_economic": 1, "capital_natural": 2,
        "capital_social": 1, "deprivations": {code: 0 for code in codes} | {codes[0]: 1, codes[5]: 1},
    }  # fmt: skip
    return form | changes


@pytest.mark.usefixtures("fast_hashing")
def test_stored_aggregates_equal_a_rebuild_after_seed_and_field_edits(seeded_writable_db):
    db = seeded_writable_db

    catalogue = read_indicators()
    codes = sorted(catalogue.loc[catalogue["is_deprivation"], "code"])
    officer = signed_in(db, "officer33", "officer", ["33"])
    tambon = "330101"
    number = household_records.create_household(db, officer, tambon, 2566, a_form(codes))
    current = household_records.household_for_edit(db, officer, number)
    form = a_form(codes, welfare_card=False, capital_human=4, capital_social=4)
    form["deprivations"] = form["deprivations"] | {codes[2]: None}
    household_records.update_household(db, officer, number, form, current["version"])
    # An imported household of the year before is removed: it leaves its tambon and its moves.
    earlier = "330102"
    with db.connect() as conn:
        removed = conn.execute(
            select(household.c.id)
            .where(household.c.tambon_code == earlier, household.c.survey_year == 2565)
            .limit(1)
        ).scalar()
    version = household_records.household_for_edit(db, officer, removed)["version"]
    household_records.remove_household(db, officer, removed, "ย้ายออก", version)
    assert_kept_equals_rebuild(db, "33")  # the seed's rows and those the edits left, as from nothing
    # A database made before the per-province sums were kept gets them once, equal to the kept ones.
    kept = kept_rows(db)["household_profile_province"]
    with db.begin() as conn:
        conn.execute(delete(household_profile_province))
        conn.execute(delete(dataset_info).where(dataset_info.c.key == PROVINCE_FACT))
    assert ensure_profiles(db) == 0 and not kept.empty
    pd.testing.assert_frame_equal(kept_rows(db)["household_profile_province"], kept, check_dtype=False)

    # What the page reads equals the households that count (the removed one left out).
    households, deprivations = household_microdata(db, tambon[:4], 2566)
    profiles, g = profile_frames(profile_rows(db, tambon[:4], 2566), list(deprivations.columns))
    assert_frames_equal(
        poverty.target_poor_by_dimension(profiles, g, catalogue, "tambon", count=COUNT),
        poverty.target_poor_by_dimension(households, deprivations, catalogue, "tambon"),
    )
    status = status_rows(db, tambon[:4], 2566)
    assert_frames_equal(
        poverty.status_from_counts(status, "tambon"), poverty.status_distribution(households, "tambon")
    )
    before, _ = household_microdata(db, earlier[:4], 2565)
    before = before[before["id"] != removed]
    after, _ = household_microdata(db, earlier[:4], 2566)
    pairs = transition_rows(db, earlier[:4], 2565, 2566)
    group = {
        code
        for code in set(pairs["tambon_after"]) | set(pairs["tambon_before"])
        if code.startswith(earlier[:4])
    }
    got = poverty.transitions_from_pairs(pairs, group)
    expected = poverty.status_transitions(before, after)
    pd.testing.assert_frame_equal(got.matrix, expected.matrix)
    assert (got.matched, got.unmatched_before, got.unmatched_after) == (
        expected.matched,
        expected.unmatched_before,
        expected.unmatched_after,
    )


@pytest.mark.usefixtures("fast_hashing")
def test_a_recompute_in_small_runs_of_households_stores_what_one_run_does(seeded_writable_db, monkeypatch):
    """An import's recompute reads a run of about BATCH_HOUSEHOLDS households at a time and sums the
    provinces once: the values and aggregates are those of the seed and of a rebuild from nothing."""
    from data_access.access.household_access import indicator_catalogue
    from data_access.importer import recompute
    from data_access.schema import indicator_value

    db = seeded_writable_db
    monkeypatch.setattr(recompute, "BATCH_HOUSEHOLDS", 40)
    values = select(indicator_value).where(
        indicator_value.c.area_code.like("3301%"), indicator_value.c.indicator_code.like("bmn%")
    )

    def stored() -> pd.DataFrame:
        with db.connect() as conn:
            rows = pd.DataFrame(conn.execute(values).mappings().all())
        return rows.sort_values(["area_code", "indicator_code", "year"], ignore_index=True)

    seeded = stored()
    with db.begin() as conn:
        tambons = sorted(
            conn.execute(
                select(household.c.tambon_code).distinct().where(household.c.tambon_code.like("3301%"))
            ).scalars()
        )
        batches = list(recompute.household_batches(conn, tambons, 2566))
        assert len(batches) > 3 and sorted(sum(batches, [])) == tambons  # every tambon, once
        years = {(code, year) for code in tambons for year in (2565, 2566)}
        recompute.recompute_tambon_years(conn, years, indicator_catalogue(conn))
    assert not seeded.empty
    pd.testing.assert_frame_equal(stored(), seeded, check_dtype=False)
    assert_kept_equals_rebuild(db, "33")


def test_a_seed_in_pieces_stores_aggregates_equal_to_a_rebuild(empty_db, monkeypatch):
    """The seed stores a province-year's aggregates as the year ends, summed over its pieces, with the
    moves from only the keys and classes of the year before: the same rows as a rebuild."""
    monkeypatch.setattr(seed_pipeline, "PIECE_HOUSEHOLDS", 50)
    seed_demo(empty_db, scale=0.004, provinces=["75"], log=lambda *_: None, ahead=False)
    smallest = "SELECT MIN(n) FROM (SELECT COUNT(*) AS n FROM household GROUP BY survey_year) AS years"
    assert scalar(empty_db, smallest) > 2 * 50  # every year came in several pieces
    assert_kept_equals_rebuild(empty_db, "75")


def country_households(engine, year: int):
    """Every household of the seeded provinces in `year` (the whole country of the test data)."""
    parts = [household_microdata(engine, province, year) for province in ("24", "33")]
    households = pd.concat([h for h, _ in parts], ignore_index=True)
    return households, pd.concat([d for _, d in parts], ignore_index=True)


def test_the_whole_country_summed_per_province_in_sql_equals_its_households(backend):
    """The country's profiles, status counts and moves summed per province by the database give the
    household-level figures of every province and of the country, for random weights and cutoffs."""
    catalogue = read_indicators()
    households, deprivations = country_households(backend, 2566)
    rows = country_profile_rows(backend, 2566)
    assert set(rows["tambon_code"]) == {"24", "33"} and rows["households"].sum() == len(households)
    per_tambon = sum(len(profile_rows(backend, p, 2566)) for p in ("24", "33"))
    assert len(rows) < per_tambon  # a province's distinct profiles, not its tambons times theirs
    profiles, g = profile_frames(rows, list(deprivations.columns))
    for people in (True, False):
        assert_frames_equal(
            poverty.target_poor_by_dimension(profiles, g, catalogue, "province", people, count=COUNT),
            poverty.target_poor_by_dimension(households, deprivations, catalogue, "province", people),
        )
    rng = np.random.default_rng(18)
    codes = list(poverty.default_weights(catalogue))
    for k in (0.26, float(rng.uniform(0.05, 0.6))):
        weights = dict(zip(codes, rng.uniform(0, 1, len(codes))))
        got = poverty.mpi_by_area(profiles, g, catalogue, weights, k, "province", count=COUNT)
        expected = poverty.mpi_by_area(households, deprivations, catalogue, weights, k, "province")
        assert_frames_equal(got.by_area, expected.by_area)
        for name in ("H", "A", "M0", "n", "q", "excluded"):
            assert getattr(got.overall, name) == pytest.approx(getattr(expected.overall, name), abs=1e-12)
        pd.testing.assert_series_equal(got.overall.contribution, expected.overall.contribution, atol=1e-12)
    assert_frames_equal(
        poverty.status_from_counts(country_status_rows(backend, 2566), "province"),
        poverty.status_distribution(households, "province"),
    )
    before, _ = country_households(backend, 2565)
    moves = poverty.transitions_from_pairs(country_transition_rows(backend, 2565, 2566), {"24", "33"})
    expected_moves = poverty.status_transitions(before, households)
    pd.testing.assert_frame_equal(moves.matrix, expected_moves.matrix)
    assert vars(moves) | {"matrix": None} == vars(expected_moves) | {"matrix": None}
    assert country_transition_rows(backend, 2563, 2564) is None  # no households before the first year
