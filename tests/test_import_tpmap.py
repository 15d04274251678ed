"""TPMAP exports as downloaded (issue #12): the real 2561 files from ../shared/data/real go in unchanged
and the numbers that come out agree with TPMAP's own amphoe and province files, on both databases."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text

from analysis.errors import DataError
from data_access import importer
from data_access.rollup import indicator_values
from geo.boundaries import area_records
from geo.choropleth import build_choropleth
from geo.classify import classify
from tests.support.import_db import snapshot
from tests.support.real_data import real_file

TAMBON_PAIRS = [
    "61_24_tambol_common.csv", "61_24_tambol_11111.csv", "61_33_tambol_common.csv", "61_33_tambol_11111.csv",
]  # fmt: skip
SI_SA_KET_PAIR = ["61_33_tambol_common.csv", "61_33_tambol_11111.csv"]
HEADLINE = ["people_surveyed", "target_poor_people", "target_poor_rate"]


def files(*names: str) -> list[tuple[str, bytes]]:
    return [(name, real_file(name).read_bytes()) for name in names]


def imported(engine, *names: str, **options):
    checked = importer.preview_files(engine, files(*names), **options)
    assert checked.ok, checked.errors.head().to_string()
    importer.commit(engine, checked, user="test")
    return checked


def published(level_file: str) -> pd.DataFrame:
    """TPMAP's own figures of an amphoe or province file pair: code, people, target poor, rate."""
    common = pd.read_csv(real_file(f"{level_file}_common.csv"), dtype=str)
    bits = pd.read_csv(real_file(f"{level_file}_11111.csv"), dtype=str)
    key = common.columns[0]
    both = common[[key, "HOUSEMEMBER_CNT"]].merge(bits[[key, "poor.JPT.MOFval.CNT", "JPT.MOFval.pov.rate"]])
    return pd.DataFrame(
        {
            "area_code": both[key],
            "people_surveyed": both["HOUSEMEMBER_CNT"].astype(float),
            "target_poor_people": both["poor.JPT.MOFval.CNT"].astype(float),
            "target_poor_rate": both["JPT.MOFval.pov.rate"].astype(float),
        }
    ).set_index("area_code")


def shown(engine, level: str, parent: str | None) -> pd.DataFrame:
    values = indicator_values(engine, level, HEADLINE, 2561, parent)
    return values.pivot(index="area_code", columns="indicator_code", values="value")


def test_tambon_pairs_of_both_provinces_agree_with_tpmap_amphoe_and_province_files(empty_db):
    checked = imported(empty_db, *TAMBON_PAIRS)
    assert (checked.year, checked.year_source) == (2561, "file name")
    for province in ("24", "33"):
        ours = shown(empty_db, "amphoe", province)
        theirs = published(f"61_{province}_amphur")
        assert sorted(ours.index) == sorted(theirs.index)
        for code in theirs.index:
            assert ours.loc[code, "people_surveyed"] == theirs.loc[code, "people_surveyed"], code
            assert ours.loc[code, "target_poor_people"] == theirs.loc[code, "target_poor_people"], code
            assert ours.loc[code, "target_poor_rate"] == pytest.approx(theirs.loc[code, "target_poor_rate"])
    provinces = shown(empty_db, "province", None)
    theirs = published("61_province")
    for province in ("24", "33"):
        for column in HEADLINE:
            assert provinces.loc[province, column] == pytest.approx(theirs.loc[province, column], rel=1e-12)
    assert provinces.loc["33", "target_poor_people"] == 40_302
    assert provinces.loc["33", "people_surveyed"] == 960_505


def test_si_sa_ket_2561_map_draws_every_boundary_tambon_with_a_value_or_no_data(empty_db):
    imported(empty_db, *SI_SA_KET_PAIR)
    values = indicator_values(empty_db, "tambon", "target_poor_rate", 2561, "33")
    classification = classify(values["value"], "quantiles", 5, "higher_worse")
    spec = build_choropleth(
        values, classification, geometry_url="geo/tambon.json", unit="percent",
        indicator_label="target poor", lang="en", texts={"no_data": "no data"}, filter_prefix="33",
    )  # fmt: skip
    boundary = set(area_records("tambon").query("code.str.startswith('33')", engine="python")["code"])
    assert len(boundary) == 206
    with_value = boundary & set(spec.codes)
    no_data = boundary - set(spec.codes)
    # จปฐ. leaves out the two tambons the Si Sa Ket municipality was carved from.
    assert len(with_value) == 204 and no_data == {"330101", "330102"}
    assert values.set_index("area_code").loc[sorted(no_data), "value"].isna().all()
    assert spec.legend[-1]["count"] == len(no_data)  # the explicit "no data" class


def test_the_same_files_twice_change_nothing(empty_db):
    imported(empty_db, *SI_SA_KET_PAIR)
    before = snapshot(empty_db)
    again = importer.preview_files(empty_db, files(*SI_SA_KET_PAIR))
    assert again.counts["new"] == again.counts["updated"] == 0
    assert again.counts["unchanged"] == len(again.changes) > 13_000
    assert again.municipal_units.empty
    assert len(again.previous_imports) == 1
    importer.commit(empty_db, again)
    after = snapshot(empty_db)
    logs = {"import_log", "import_log_counts"}
    assert {k: v for k, v in after.items() if k not in logs} == {
        k: v for k, v in before.items() if k not in logs
    }


def test_cp874_and_utf8_twins_give_identical_tables(empty_db):
    utf8 = files(*SI_SA_KET_PAIR)
    twins = [(name, data.decode("utf-8").encode("cp874")) for name, data in utf8]
    one, other = importer.preview_files(empty_db, utf8), importer.preview_files(empty_db, twins)
    pd.testing.assert_frame_equal(one.prepared.records, other.prepared.records)
    pd.testing.assert_frame_equal(one.changes, other.changes)


def test_coarser_files_are_reconciled_and_never_stored(empty_db):
    names = [*SI_SA_KET_PAIR, "61_33_amphur_common.csv", "61_33_amphur_11111.csv"]
    names += ["61_province_common.csv", "61_province_11111.csv"]
    checked = importer.preview_files(empty_db, files(*names))
    table = checked.reconciliation
    assert set(table["level"]) == {"amphoe", "province"}
    assert len(table[table["level"] == "amphoe"]["area_code"].unique()) == 22
    assert set(table[table["level"] == "province"]["area_code"]) == {"33"}  # the others are not covered
    assert checked.differences.empty
    tambon_only = importer.preview_files(empty_db, files(*SI_SA_KET_PAIR))
    pd.testing.assert_frame_equal(
        checked.prepared.records.reset_index(drop=True), tambon_only.prepared.records.reset_index(drop=True)
    )


def test_a_doctored_amphoe_file_shows_its_difference(empty_db):
    doctored = (
        real_file("61_33_amphur_11111.csv")
        .read_text(encoding="utf-8")
        .replace("3301,4753,19119,6865,5766,", "3301,4753,19119,6865,5767,")
    )
    given = [*files(*SI_SA_KET_PAIR), ("61_33_amphur_11111.csv", doctored.encode())]
    checked = importer.preview_files(empty_db, given)
    differing = checked.differences.set_index("indicator_code")
    assert list(differing.index) == ["target_poor_people"]  # no amphoe common file: no rates to compare
    assert differing.loc["target_poor_people", "area_code"] == "3301"
    assert differing.loc["target_poor_people", "file_numerator"] == 5767
    assert differing.loc["target_poor_people", "rollup_numerator"] == 5766
    assert differing.loc["target_poor_people", "file"] == "61_33_amphur_11111.csv"
    with_rates = importer.preview_files(empty_db, [*given, *files("61_33_amphur_common.csv")])
    assert {"target_poor_people", "target_poor_rate"} <= set(with_rates.differences["indicator_code"])
    # The doctored count no longer matches TPMAP's own rate column on that row either.
    rate_error = with_rates.errors[with_rates.errors["column"] == "JPT.MOFval.pov.rate"]
    assert rate_error[["file", "row"]].values.tolist() == [["61_33_amphur_11111.csv", 2]]


def test_amphoe_files_alone_are_refused_then_checked_against_stored_tambons(empty_db):
    with pytest.raises(DataError) as refused:
        importer.preview_files(empty_db, files("61_33_amphur_common.csv", "61_33_amphur_11111.csv"))
    assert "stored for tambons only" in refused.value.message_en
    assert "ตำบล" in refused.value.message_th
    imported(empty_db, *SI_SA_KET_PAIR)
    checked = importer.preview_files(empty_db, files("61_33_amphur_common.csv", "61_33_amphur_11111.csv"))
    assert checked.differences.empty and len(checked.reconciliation) > 1000
    assert len(checked.changes) == 0


def test_village_file_rolls_up_to_its_tambons_exactly(empty_db):
    checked = imported(empty_db, "61_33_village_11111.csv", *SI_SA_KET_PAIR)
    tambon_check = checked.reconciliation[checked.reconciliation["level"] == "tambon"]
    assert len(tambon_check) > 0 and tambon_check["matches"].all()
    with empty_db.connect() as conn:
        villages = conn.execute(text("SELECT COUNT(*) FROM village")).scalar_one()
        sums = pd.read_sql(
            text(
                "SELECT v.tambon_code AS area_code, SUM(vv.numerator) AS villages FROM village_value vv "
                "JOIN village v ON v.code = vv.village_code "
                "WHERE vv.indicator_code = 'target_poor_people' GROUP BY v.tambon_code"
            ),
            conn,
        ).set_index("area_code")
    assert villages == 2754
    tambons = indicator_values(empty_db, "tambon", "target_poor_people", 2561, "33").set_index("area_code")
    joined = sums.join(tambons["numerator"])
    assert (joined["villages"] == joined["numerator"]).all() and len(joined) == 206
    assert joined["villages"].sum() == 40_302


def test_village_file_alone_stores_counts_and_says_rates_need_the_common_file(empty_db):
    checked = imported(empty_db, "61_33_village_11111.csv")
    assert any("_common" in english for _, english in checked.notes)
    stored = set(checked.prepared.records["indicator_code"])
    assert "target_poor_people" in stored and "target_poor_rate" not in stored
    province = indicator_values(empty_db, "province", "target_poor_people", 2561, None).set_index("area_code")
    assert province.loc["33", "value"] == 40_302


def test_health_only_file_is_the_health_dimension_of_the_any_dimension_file(empty_db):
    both = importer.preview_files(empty_db, files(*SI_SA_KET_PAIR, "61_33_tambol_10000.csv"))
    assert both.ok  # the two files agree on every tambon's health figure
    health = both.prepared.records.query("indicator_code == 'tp_health_rate'")
    assert len(health) == 206
    alone = importer.preview_files(empty_db, files("61_33_tambol_common.csv", "61_33_tambol_10000.csv"))
    assert (
        set(alone.prepared.records["indicator_code"]) - set(both.prepared.records["indicator_code"]) == set()
    )
    assert "target_poor_rate" not in set(alone.prepared.records["indicator_code"])
    merged = health.merge(alone.prepared.records, on=["area_code", "indicator_code", "year"])
    assert (merged["numerator_x"] == merged["numerator_y"]).all()


def test_an_unknown_dimension_suffix_is_refused_with_the_understood_ones(empty_db):
    data = real_file("61_33_tambol_11111.csv").read_bytes()
    with pytest.raises(DataError) as refused:
        importer.preview_files(empty_db, [("61_33_tambol_11000.csv", data)])
    message = refused.value.message_en
    assert "'_11000'" in message
    for suffix in ("11111", "10000", "01000", "00100", "00010", "00001"):
        assert suffix in message
    assert "11000" in refused.value.message_th


def test_municipal_units_are_created_counted_and_never_forced(empty_db):
    checked = imported(empty_db, "61_24_tambol_common.csv", "61_24_tambol_11111.csv")
    units = checked.municipal_units.set_index("area_code")
    assert len(units) == 16 and units.loc["240151", "name_th"] == "หน่วยเทศบาล 240151 (อ.เมืองฉะเชิงเทรา)"
    assert units.loc["240151", "name_en"] == "Municipal unit 240151 (Mueang Chachoengsao)"
    with empty_db.connect() as conn:
        stored = pd.read_sql(
            text(
                "SELECT m.area_code, m.covers_tambon, a.level, a.parent_code FROM municipal_area m "
                "JOIN area a ON a.code = m.area_code ORDER BY m.area_code"
            ),
            conn,
        ).set_index("area_code")
    assert len(stored) == 16 and (stored["level"] == "tambon").all()
    assert (stored["parent_code"] == stored.index.str[:4]).all()
    assert stored.loc["240252", "covers_tambon"] == "240201"  # the one tie the evidence supports
    assert stored["covers_tambon"].notna().sum() == 1
    tambons = indicator_values(empty_db, "tambon", "people_surveyed", 2561, "2401").set_index("area_code")
    amphoe = indicator_values(empty_db, "amphoe", "people_surveyed", 2561, "24").set_index("area_code")
    assert amphoe.loc["2401", "value"] == tambons["value"].sum()
    assert tambons.loc[["240151", "240152"], "value"].gt(0).all()


def test_other_unknown_codes_are_row_errors_naming_file_row_and_column(empty_db):
    common = real_file("61_24_tambol_common.csv").read_text(encoding="utf-8")
    doctored = common.replace('"240102",', '"240149",', 1).replace('"240151",', '"249951",', 1)
    checked = importer.preview_files(
        empty_db, [("61_24_tambol_common.csv", doctored.encode()), *files("61_24_tambol_11111.csv")]
    )
    errors = checked.errors.set_index("value")
    assert errors.loc["240149", "file"] == "61_24_tambol_common.csv"
    assert errors.loc["240149", "column"] == "tumbol_ID"
    assert "below 51" in errors.loc["240149", "problem_en"]
    assert "unknown amphoe 2499" in errors.loc["249951", "problem_en"]
    assert (
        errors.loc["240149", "row"]
        == common.splitlines().index(
            next(line for line in common.splitlines() if line.startswith('"240102"'))
        )
        + 1
    )
    assert "240149" not in set(checked.municipal_units["area_code"])
    before = snapshot(empty_db)
    with pytest.raises(DataError):
        importer.commit(empty_db, checked)
    assert snapshot(empty_db) == before


def test_a_year_given_wins_over_the_file_name(empty_db):
    checked = importer.preview_files(empty_db, files(*SI_SA_KET_PAIR), year=2562)
    assert (checked.year, checked.year_source) == (2562, "given")
    assert set(checked.prepared.records["year"]) == {2562}


def test_the_single_file_entry_routes_a_tpmap_file_to_the_set_import(empty_db):
    name = "61_33_tambol_common.csv"
    checked = importer.preview(empty_db, real_file(name).read_bytes(), name)
    assert checked.kind == "tpmap" and checked.year_source == "file name"
    assert "people_surveyed" in set(checked.prepared.records["indicator_code"])


def test_eight_digit_village_codes_are_villages_of_their_tambon(empty_db):
    from data_access.municipal import municipal_units
    from data_access.villages import village_values

    lines = real_file("61_33_village_11111.csv").read_text(encoding="utf-8").splitlines()
    first_of_each = [lines[0]] + [line for line in lines[1:] if line[9:11] == "01"]
    eight = [
        line.replace(line[:12], line[:9] + '"', 1) if i else line for i, line in enumerate(first_of_each)
    ]
    checked = importer.preview_files(empty_db, [("61_33_village_11111.csv", "\n".join(eight).encode())])
    assert checked.ok
    importer.commit(empty_db, checked)
    assert checked.rows_total == len(eight) - 1
    shown = village_values(empty_db, "330103", "target_poor_people", 2561)
    assert set(shown["area_code"].str.len()) == {8} and shown["numerator"].notna().all()
    assert list(shown["area_code"]) == sorted(shown["area_code"]) and shown["area_code"].iloc[0] == "33010301"
    assert set(municipal_units(empty_db)["area_code"]) == {"330151", "330451"}


def test_the_command_line_takes_the_pair_and_prints_year_and_reconciliation(empty_db):
    import os
    import subprocess
    import sys
    from pathlib import Path

    names = [*SI_SA_KET_PAIR, "61_33_amphur_common.csv", "61_33_amphur_11111.csv"]
    done = subprocess.run(
        [sys.executable, "-m", "data_access.importer", *(str(real_file(n)) for n in names), "--dry-run"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "DATABASE_URL": empty_db.url.render_as_string(hide_password=False)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "survey year: 2561 (from the file name)" in done.stdout
    assert "municipal units to create (2): 330151, 330451" in done.stdout
    assert "reconciliation amphoe 2561: 1,430 figures compared with the roll-up, 0 differ" in done.stdout
    assert "dry run: nothing written" in done.stdout


def test_a_bad_cell_is_a_row_error_naming_the_file_and_a_grouped_number_is_read(empty_db):
    common = real_file("61_33_tambol_common.csv").read_text(encoding="utf-8")
    doctored = common.replace('"330103",911,3954,', '"330103",911,"3,954",', 1)
    doctored = doctored.replace('"330104",1486,5726,', '"330104",1486,ห้าพัน,', 1)
    checked = importer.preview_files(
        empty_db, [("61_33_tambol_common.csv", doctored.encode()), *files("61_33_tambol_11111.csv")]
    )
    (error,) = checked.errors.itertuples()
    assert (error.file, error.row, error.column, error.value) == (
        "61_33_tambol_common.csv", 3, "HOUSEMEMBER_CNT", "ห้าพัน",
    )  # fmt: skip
    assert error.problem_en == "not a number"
    records = checked.prepared.records.set_index(["area_code", "indicator_code"])
    assert records.loc[("330103", "people_surveyed"), "numerator"] == 3954
    kept = importer.errors_csv(checked).decode("utf-8-sig").splitlines()
    assert kept[0].startswith("ไฟล์ / file,") and "61_33_tambol_common.csv,3,HOUSEMEMBER_CNT" in kept[1]
    # With the rejected row go its counts and every rate it is the denominator of; the target-poor
    # counts of 330104 come from the other file's good row and stay.
    from data_access.importer.pipeline import valid_records

    valid = valid_records(checked.prepared, checked.errors).query("area_code == '330104'")
    assert set(valid["indicator_code"]) == {
        "target_poor_people", "jpt_poor_households", "jpt_poor_people", "jpt_poor_card_registered",
    }  # fmt: skip
