"""Area sets on both backends: the demo's MOU set, create / rename / edit / delete with Thai and English
errors, and set figures as summed parts (checked against raw SQL, and against the province roll-up)."""

from __future__ import annotations

import uuid

import pytest

from analysis.errors import DataError, NotFound
from data_access import area_sets
from data_access.rollup import indicator_values, set_values
from tests.support.sql import frame


def test_demo_ships_the_mou_set_of_the_fifteen_tambons(backend):
    sets = area_sets.list_sets(backend)
    mou = sets[sets["name"] == area_sets.MOU_SET_NAME]
    assert len(mou) == 1 and int(mou["members"].iloc[0]) == 15
    members = area_sets.set_members(backend, int(mou["id"].iloc[0]))
    names = frame(
        backend,
        "SELECT code, name_th, parent_code FROM area WHERE level = 'tambon' AND parent_code = '3301'",
    ).set_index("code")
    assert sorted(names.loc[members, "name_th"]) == sorted(area_sets.MOU_TAMBON_NAMES)
    area_sets.ensure_area_sets(backend)  # offered once: running again adds nothing
    assert len(area_sets.list_sets(backend)) == len(sets)


def test_create_rename_edit_delete(backend):
    name = f"ทดสอบ {uuid.uuid4().hex[:8]}"
    set_id = area_sets.create_set(backend, f"  {name} ", ["330105", "330107"])
    try:
        assert area_sets.set_members(backend, set_id) == ["330105", "330107"]
        with pytest.raises(DataError) as duplicate:
            area_sets.create_set(backend, name, ["330105"])
        assert "มีชุดพื้นที่ชื่อ" in duplicate.value.message_th and "already exists" in duplicate.value.message_en
        with pytest.raises(DataError) as unknown:
            area_sets.create_set(backend, name + " 2", ["330105", "999999", "3301"])
        assert "999999" in unknown.value.message_en and "3301" in unknown.value.message_th
        with pytest.raises(DataError):
            area_sets.rename_set(backend, set_id, area_sets.MOU_SET_NAME)
        area_sets.rename_set(backend, set_id, name + " ใหม่")
        area_sets.replace_members(backend, set_id, ["330103"])
        row = area_sets.list_sets(backend).set_index("id").loc[set_id]
        assert row["name"] == name + " ใหม่" and row["members"] == 1
    finally:
        area_sets.delete_set(backend, set_id)
    with pytest.raises(NotFound):
        area_sets.set_members(backend, set_id)
    assert frame(backend, "SELECT * FROM area_set_member WHERE set_id = :i", i=set_id).empty


@pytest.mark.parametrize("bad", ["", "   ", "x" * 121])
def test_bad_names_are_refused(backend, bad):
    with pytest.raises(DataError):
        area_sets.create_set(backend, bad, ["330105"])


def test_set_figures_are_summed_parts_not_a_mean_of_rates(backend):
    members = ["330103", "330105", "330107", "330124"]
    got = set_values(backend, members, ["target_poor_rate", "target_poor_people"], [2565, 2566])
    raw = frame(
        backend,
        "SELECT indicator_code, year, SUM(numerator) AS num, SUM(denominator) AS den FROM indicator_value "
        "WHERE area_code IN ('330103', '330105', '330107', '330124') "
        "AND indicator_code IN ('target_poor_rate', 'target_poor_people') GROUP BY indicator_code, year",
    ).set_index(["indicator_code", "year"])
    for _, row in got.iterrows():
        expected = raw.loc[(row["indicator_code"], row["year"])]
        if row["indicator_code"] == "target_poor_rate":
            assert row["value"] == pytest.approx(100 * expected["num"] / expected["den"], rel=1e-12)
        else:
            assert row["value"] == pytest.approx(expected["num"], rel=1e-12)


def test_every_tambon_of_a_province_gives_the_province_roll_up(backend):
    tambons = frame(backend, "SELECT code FROM area WHERE level = 'tambon' AND province_code = '33'")["code"]
    codes = ["target_poor_rate", "mpi_m0", "households_surveyed"]
    together = set_values(backend, tambons.tolist(), codes, 2566).set_index("indicator_code")["value"]
    province = indicator_values(backend, "province", codes, 2566)
    province = province[province["area_code"] == "33"].set_index("indicator_code")["value"]
    for code in codes:
        assert together[code] == pytest.approx(province[code], rel=1e-12)
