"""The national demo's calibration: the shipped table equals TPMAP's real 2561 province files, and a seed
of two small provinces (streamed, the next province-year made in a child process) hits it on both
databases."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import inspect

from data_access.catalogue import read_indicators
from data_access.seed import main, seed_demo
from data_access.seed_pipeline import pieces, ready_chunks
from sample_data.national_generator import (
    CALIBRATION_FILE,
    calibrated_provinces,
    national_years,
    read_calibration,
)
from tests.support.province_calibration import derive
from tests.support.real_data import real_file
from tests.support.sql import frame, scalar

SCALE = 0.02
PROVINCES = ["17", "75"]  # Sing Buri and Samut Songkhram: two of the smallest, 43 and 36 tambons
DIMENSIONS = ("health", "living", "education", "income", "access")
FRAMES = ("households", "deprivations", "referrals", "verifications", "values")


def test_shipped_table_is_exactly_the_real_province_files():
    real_folder = real_file("61_province_common.csv").parent
    real_file("61_province_11111.csv")
    assert CALIBRATION_FILE.read_text(encoding="utf-8") == derive(real_folder)
    table = read_calibration()
    assert len(table) == 76 and "10" not in table.index  # จปฐ. has no Bangkok
    # The country row of the real files is the sum of the provinces: 36,647,817 people, 1,032,987 poor.
    assert (table["people"].sum(), table["target_poor"].sum()) == (36_647_817, 1_032_987)


def test_province_choice():
    assert calibrated_provinces("all")[:2] == ["11", "12"] and len(calibrated_provinces("ALL")) == 76
    assert calibrated_provinces("33, 24,33") == ["24", "33"]
    with pytest.raises(ValueError, match="10"):
        calibrated_provinces("24,10")
    with pytest.raises(SystemExit) as refused:
        main(["--provinces", "99"])
    assert refused.value.code == 2


def _small_province():
    return national_years(["75"], 0.01)


@pytest.fixture(scope="module")
def made_in_turn():
    return list(ready_chunks(_small_province, read_indicators(), ahead=False))


def test_made_ahead_in_a_child_is_the_same_as_made_in_turn(made_in_turn):
    ahead = list(ready_chunks(_small_province, read_indicators(), ahead=True))
    assert [(c.province, c.year) for c in ahead] == [("75", 2564), ("75", 2565), ("75", 2566)]
    for a, b in zip(made_in_turn, ahead, strict=True):
        for name in FRAMES:
            pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_a_province_year_in_pieces_holds_every_row_once(made_in_turn):
    whole = made_in_turn[0]
    cut = list(pieces(whole, size=100))
    assert len(cut) == -(-len(whole.households) // 100) > 1
    assert all(len(piece.households) <= 100 for piece in cut)
    for name in FRAMES:
        joined = pd.concat([getattr(piece, name) for piece in cut])
        pd.testing.assert_frame_equal(joined, getattr(whole, name))
    assert all(piece.values.empty for piece in cut[:-1])  # tambon values go once, with the last piece


def test_failure_in_the_child_reaches_the_writer():
    def broken():
        raise RuntimeError("generator broke")

    with pytest.raises(RuntimeError, match="generator broke"):
        list(ready_chunks(broken, read_indicators(), ahead=True))


def test_two_provinces_seeded_to_their_calibration(empty_db):
    engine = empty_db
    stats = seed_demo(engine, scale=SCALE, provinces=PROVINCES, log=lambda *_: None, ahead=True)
    real = read_calibration().loc[PROVINCES]
    counts = frame(
        engine,
        "SELECT substr(tambon_code, 1, 2) AS province, survey_year, COUNT(*) AS households, "
        "SUM(members) AS people, SUM(CASE WHEN welfare_card THEN members ELSE 0 END) AS card_people, "
        "SUM(CASE WHEN income_per_person < 38000 THEN members ELSE 0 END) AS low_income_people "
        "FROM household GROUP BY substr(tambon_code, 1, 2), survey_year",
    ).set_index(["province", "survey_year"])
    assert stats["households"] == counts["households"].sum()
    for code in PROVINCES:
        for year in (2564, 2565, 2566):
            assert counts.loc[(code, year), "households"] == round(real.loc[code, "households"] * SCALE)
        first = counts.loc[(code, 2564)]
        target = real.loc[code]
        assert first["people"] / first["households"] == pytest.approx(
            target["people"] / target["households"], rel=0.03
        )
        assert first["card_people"] / first["people"] == pytest.approx(
            target["welfare_card_people"] / target["people"], rel=0.02
        )
        income_share = target["income_failed_people"] / target["income_assessed_people"]
        assert abs(first["low_income_people"] / first["people"] - income_share) < 0.002

    # Target poor per dimension in the first survey year, as the app reads them (tambon values rolled up).
    parts = frame(
        engine,
        "SELECT substr(area_code, 1, 2) AS province, indicator_code, SUM(numerator) AS n, "
        "SUM(denominator) AS d FROM indicator_value WHERE year = 2564 GROUP BY 1, 2",
    ).set_index(["province", "indicator_code"])
    for code in PROVINCES:
        people = parts.loc[(code, "people_surveyed"), "n"]
        for dimension in DIMENSIONS:
            ours = parts.loc[(code, f"tp_{dimension}_rate"), "n"]
            wanted = real.loc[code, f"target_poor_{dimension}"] / real.loc[code, "people"] * people
            assert abs(ours - wanted) <= max(0.03 * wanted, 8), (code, dimension, ours, wanted)
        # The target poor in all follow from how the dimensions overlap (not calibrated): at least the
        # largest dimension, at most their sum.
        dimensions = [parts.loc[(code, f"tp_{d}_rate"), "n"] for d in DIMENSIONS]
        assert max(dimensions) <= parts.loc[(code, "target_poor_people"), "n"] <= sum(dimensions)

    source = scalar(engine, "SELECT value FROM dataset_info WHERE key = 'source'")
    assert "สังเคราะห์" in source and "synthetic" in source and "TPMAP 2561" in source
    assert (
        scalar(engine, "SELECT COUNT(*) FROM household WHERE substr(tambon_code, 1, 2) NOT IN ('17', '75')")
        == 0
    )
    indexes = {i["name"] for i in inspect(engine).get_indexes("household")}
    assert "ix_household_tambon_year" in indexes  # dropped for the load, built again after it
    assert "ix_indicator_value_indicator_year" in {
        i["name"] for i in inspect(engine).get_indexes("indicator_value")
    }
