"""Field work (issue #15): recording and correcting households, lost-update refusal, history and
restore, verification and its coverage indicator, managed agencies migrated from free text, and
referrals followed as dated events; scope enforced on every route. Both databases."""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select

from analysis.errors import DataError, Forbidden, FormError, StaleVersion
from data_access import agencies, household_records, referral_followup, verification
from data_access.access.household_access import household_list
from data_access.assets import refresh_values
from data_access.catalogue import read_indicators
from data_access.fieldwork_setup import ensure_fieldwork
from data_access.household_form import check_household_form
from data_access.schema import (
    agency,
    audit_log,
    community_asset,
    household,
    household_deprivation,
    indicator_value,
    referral,
    referral_detail,
    referral_event,
)
from tests.support.household_db import signed_in

pytestmark = pytest.mark.usefixtures("fast_hashing")
TAMBON = "330101"  # Mueang Si Sa Ket, in an MOU tambon
YEAR = 2566
TODAY = dt.date(2024, 6, 30)
CATALOGUE = read_indicators()
CODES = sorted(CATALOGUE.loc[CATALOGUE["is_deprivation"], "code"])


def a_form(**changes) -> dict:
    form = {
        "village_no": "๓", "members": "4", "income_per_person": "๒๕,๐๐๐", "welfare_card": True,
        "capital_human": 2, "capital_physical": 1, "capital_economic": 1, "capital_natural": 2,
        "capital_social": 2, "deprivations": {code: 0 for code in CODES} | {CODES[0]: 1},
    }  # fmt: skip
    return form | changes


@pytest.fixture
def db(seeded_writable_db):
    return seeded_writable_db


@pytest.fixture
def officer(db):
    return signed_in(db, "officer33", "officer", ["33"])


@pytest.fixture
def outsider(db):
    return signed_in(db, "officer24", "officer", ["24"])


def value(db, indicator_code: str, tambon: str = TAMBON, year: int = YEAR) -> tuple[float, float]:
    with db.connect() as conn:
        row = conn.execute(
            select(indicator_value.c.numerator, indicator_value.c.denominator).where(
                indicator_value.c.area_code == tambon,
                indicator_value.c.year == year,
                indicator_value.c.indicator_code == indicator_code,
            )
        ).one()
    return float(row.numerator), float(row.denominator or 0)


# --- the form -------------------------------------------------------------------------------------


def test_form_accepts_thai_digits_and_separators():
    values = check_household_form(a_form(), CATALOGUE)
    assert values["village_no"] == 3 and values["members"] == 4 and values["income_per_person"] == 25000.0
    assert values["deprivations"][CODES[0]] == 1 and values["deprivations"][CODES[1]] == 0


def test_form_names_every_bad_field_in_thai_and_english():
    answers = {code: 0 for code in CODES[1:]} | {CODES[1]: "maybe", "bmn99_99": 1}
    form = a_form(
        members="0", village_no="หนึ่ง", income_per_person="-5", capital_human=7, deprivations=answers
    )
    with pytest.raises(FormError) as raised:
        check_household_form(form, CATALOGUE)
    problems = raised.value.problems
    assert problems["members"] == (
        "จำนวนสมาชิกต้องอยู่ระหว่าง 1 ถึง 50 (ได้ 0)",
        "The household members must be from 1 to 50 (got 0)",
    )
    assert problems["village_no"][1] == "The village number must be a number (got 'หนึ่ง')"
    assert (
        "0 to 1e+07" in problems["income_per_person"][1] or "10,000,000" in problems["income_per_person"][1]
    )
    assert problems["capital_human"][0] == "ทุนมนุษย์ต้องอยู่ระหว่าง 1 ถึง 4 (ได้ 7)"
    assert problems[f"deprivation:{CODES[0]}"][1].startswith("Answer required: BMN 1")
    assert "got 'maybe'" in problems[f"deprivation:{CODES[1]}"][1]
    assert "bmn99_99" in problems["deprivations"][1]
    assert set(problems) == {
        "members", "village_no", "income_per_person", "capital_human", "deprivations",
        f"deprivation:{CODES[0]}", f"deprivation:{CODES[1]}",
    }  # fmt: skip


# --- add, edit, lost update, history, restore ------------------------------------------------------


def test_new_household_is_stored_and_its_tambon_recomputed(db, officer):
    before = value(db, "households_surveyed")
    number = household_records.create_household(db, officer, TAMBON, YEAR, a_form())
    assert value(db, "households_surveyed") == (before[0] + 1, 0.0)
    with db.connect() as conn:
        stored = conn.execute(select(household).where(household.c.id == number)).mappings().one()
        flags = conn.execute(
            select(household_deprivation.c.indicator_code).where(
                household_deprivation.c.household_id == number
            )
        ).scalars()
        assert stored["members"] == 4 and stored["village_no"] == 3 and list(flags) == [CODES[0]]
    current = household_records.household_for_edit(db, officer, number)
    assert current["version"] == 1 and current["removed_reason"] is None


def asset_rows(db, tambon_like: str) -> pd.DataFrame:
    """Every stored community-asset figure of the tambons matching `tambon_like`, in one order."""
    with db.connect() as conn:
        rows = pd.read_sql(
            select(indicator_value).where(
                indicator_value.c.indicator_code.like("asset_%"),
                indicator_value.c.area_code.like(tambon_like),
            ),
            conn,
        )
    return rows.sort_values(["area_code", "indicator_code", "year"], ignore_index=True)


def test_a_field_save_refreshes_the_tambons_asset_figures_per_1000_households(db, officer):
    """Households surveyed is the denominator of "per 1,000 households": adding or removing one in
    the field moves the tambon's figures in the same save, the others stay, and the rows are what a
    rebuild of the whole province from the records writes."""
    before = asset_rows(db, "33%")
    water = "asset_water_sources_per_1000hh"
    households = value(db, "households_surveyed")[0]
    number = household_records.create_household(db, officer, TAMBON, YEAR, a_form())
    after = asset_rows(db, "33%")
    with db.connect() as conn:
        items = conn.execute(
            select(func.count()).where(
                community_asset.c.tambon_code == TAMBON,
                community_asset.c.category_code == "water_sources",
                community_asset.c.survey_year <= YEAR,
            )
        ).scalar_one()
    own = after[(after["area_code"] == TAMBON) & (after["year"] == YEAR)].set_index("indicator_code")
    assert (own.at[water, "numerator"], own.at[water, "denominator"]) == (items, households + 1)
    assert own.at[water, "value"] == pytest.approx(1000 * items / (households + 1))
    moved = (
        (after["area_code"] == TAMBON)
        & (after["year"] == YEAR)
        & after["indicator_code"].str.endswith("_1000hh")
    )
    assert moved.sum() == 10 and len(after) == len(before)  # one per category
    assert_frame_equal(after[~moved], before[~moved])  # nothing else moved
    with db.begin() as conn:
        refresh_values(conn, ["33"])
    assert_frame_equal(asset_rows(db, "33%"), after)
    household_records.remove_household(db, officer, number, "ย้ายออกนอกพื้นที่", 1)
    removed = asset_rows(db, TAMBON).set_index(["indicator_code", "year"])
    assert removed.at[(water, YEAR), "denominator"] == households


def surveyed(db) -> float:
    """The tambon-year's stored households surveyed."""
    from data_access.rollup import indicator_values

    rows = indicator_values(db, "tambon", ["households_surveyed"], [YEAR], TAMBON[:4])
    return float(rows.loc[rows["area_code"] == TAMBON, "numerator"].iloc[0])


def test_second_save_of_the_same_version_is_refused_with_the_newer_values(db, officer):
    from data_access import data_version

    number = household_records.create_household(db, officer, TAMBON, YEAR, a_form())
    other = signed_in(db, "second33", "officer", ["3301"])
    counted = data_version.current(db)
    assert household_records.update_household(db, other, number, a_form(members=6), 1) == 2
    assert data_version.current(db) == counted + 1  # every process's cached figures are now stale
    with pytest.raises(StaleVersion) as raised:
        household_records.update_household(db, officer, number, a_form(members=5), 1)
    assert data_version.current(db) == counted + 1  # a refused save changed nothing
    assert raised.value.current["members"] == 6 and raised.value.current["version"] == 2
    assert "second33" in raised.value.message_en
    assert household_records.household_for_edit(db, officer, number)["members"] == 6


def test_concurrent_first_edits_of_an_imported_household_let_one_through(db, officer):
    with db.connect() as conn:
        number = conn.execute(
            select(household.c.id).where(household.c.tambon_code == TAMBON, household.c.survey_year == YEAR)
        ).scalars().first()  # fmt: skip
    current = household_records.household_for_edit(db, officer, number)
    form = {f: current[f] for f in household_records.HOUSEHOLD_FIELDS} | {
        "deprivations": current["deprivations"]
    }
    outcomes = []

    def save(members):
        try:
            outcomes.append(
                household_records.update_household(db, officer, number, form | {"members": members}, 0)
            )
        except (StaleVersion, DataError) as refused:
            outcomes.append(type(refused).__name__)

    threads = [threading.Thread(target=save, args=(m,)) for m in (7, 8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(str, outcomes)) == ["1", "StaleVersion"] or outcomes.count(1) == 1
    assert household_records.household_for_edit(db, officer, number)["version"] == 1


def test_history_shows_each_change_and_an_admin_restores_as_a_new_version(db, officer):
    with db.connect() as conn:
        original = conn.execute(
            select(household).where(household.c.tambon_code == TAMBON, household.c.survey_year == YEAR)
        ).mappings().first()  # fmt: skip
    number = original["id"]
    current = household_records.household_for_edit(db, officer, number)
    form = {f: current[f] for f in household_records.HOUSEHOLD_FIELDS} | {
        "deprivations": current["deprivations"]
    }
    household_records.update_household(db, officer, number, form | {"members": original["members"] + 2}, 0)
    before = surveyed(db)
    household_records.remove_household(db, officer, number, "ย้ายไปต่างจังหวัด", 1)
    assert number not in set(household_list(db, officer, TAMBON, YEAR)["household_id"])
    assert surveyed(db) == before - 1  # a removed household no longer counts in its tambon
    history = household_records.household_history(db, officer, number)
    assert list(history["action"]) == ["imported", "edited", "removed"]
    edited = history.iloc[1]
    assert (edited["field"], edited["old_value"], edited["new_value"], edited["saved_by"]) == (
        "members",
        original["members"],
        original["members"] + 2,
        "officer33",
    )
    assert history.iloc[2]["new_value"] == "ย้ายไปต่างจังหวัด"
    with pytest.raises(Forbidden):
        household_records.restore_version(db, officer, number, 0, 2)
    admin = signed_in(db, "admin", "admin")
    assert household_records.restore_version(db, admin, number, 0, 2) == 3
    restored = household_records.household_for_edit(db, admin, number)
    assert restored["members"] == original["members"] and restored["removed_reason"] is None
    assert number in set(household_list(db, officer, TAMBON, YEAR)["household_id"])
    last = household_records.household_history(db, officer, number)
    assert set(last.loc[last["version"] == 3, "field"]) == {"members", "removed_reason"}


def test_an_officer_of_another_province_can_do_none_of_it(db, officer, outsider):
    number = household_records.create_household(db, officer, TAMBON, YEAR, a_form())
    agency_id = int(agencies.list_agencies(db)["id"].iloc[0])
    refused = [
        lambda: household_records.create_household(db, outsider, TAMBON, YEAR, a_form()),
        lambda: household_records.household_for_edit(db, outsider, number),
        lambda: household_records.update_household(db, outsider, number, a_form(), 1),
        lambda: household_records.remove_household(db, outsider, number, "x", 1),
        lambda: household_records.household_history(db, outsider, number),
        lambda: verification.set_verification(db, outsider, number, "verified", today=TODAY),
        lambda: referral_followup.refer_household(
            db, outsider, number, agency_id, "ทุน", TODAY, TODAY + dt.timedelta(days=7), today=TODAY
        ),
        lambda: household_list(db, outsider, TAMBON, YEAR),
    ]
    for attempt in refused:
        with pytest.raises(Forbidden):
            attempt()
    referral_id = referral_followup.refer_household(
        db, officer, number, agency_id, "ทุน", TODAY, TODAY + dt.timedelta(days=7), today=TODAY
    )
    with pytest.raises(Forbidden):
        referral_followup.record_status(db, outsider, referral_id, "helped", TODAY, today=TODAY)
    with db.connect() as conn:
        denied = conn.execute(
            select(func.count()).select_from(audit_log).where(audit_log.c.action == "access_denied")
        ).scalar_one()
    assert denied >= len(refused)


# --- verification and referrals -------------------------------------------------------------------


def test_verifying_and_helping_move_the_tambon_coverage(db, officer):
    number = household_records.create_household(db, officer, TAMBON, YEAR, a_form())  # target poor
    verified, target = value(db, "verification_coverage")
    verification.set_verification(db, officer, number, "verified", today=TODAY, on=TODAY)
    assert value(db, "verification_coverage") == (verified + 1, target)
    assert household_list(db, officer, TAMBON, YEAR, verification="verified")["household_id"].eq(number).any()
    helped, _ = value(db, "referral_coverage")
    agency_id = int(agencies.list_agencies(db)["id"].iloc[0])
    referral_id = referral_followup.refer_household(
        db, officer, number, agency_id, "ทุนการศึกษา", TODAY, TODAY + dt.timedelta(days=14), today=TODAY
    )
    referral_followup.record_status(db, officer, referral_id, "accepted", TODAY, today=TODAY)
    assert value(db, "referral_coverage")[0] == helped
    referral_followup.record_status(db, officer, referral_id, "helped", TODAY, "ได้ทุนแล้ว", today=TODAY)
    assert value(db, "referral_coverage")[0] == helped + 1
    referral_followup.record_status(db, officer, referral_id, "closed", TODAY, today=TODAY)
    with db.connect() as conn:
        row = conn.execute(
            select(referral.c.status, referral.c.resolved_on).where(referral.c.id == referral_id)
        ).one()
    assert (row.status, row.resolved_on) == ("resolved", TODAY)  # helped, then closed: still helped
    events = referral_followup.referral_events(db, officer, number)
    assert list(events["status"]) == ["referred", "accepted", "helped", "closed"]
    assert set(events["recorded_by"]) == {"officer33"}
    with pytest.raises(DataError):  # nothing follows a closed referral
        referral_followup.record_status(db, officer, referral_id, "in_progress", TODAY, today=TODAY)


def test_referral_needs_a_listed_agency_and_a_sane_due_date(db, officer):
    number = household_records.create_household(db, officer, TAMBON, YEAR, a_form())
    agency_id = int(agencies.list_agencies(db)["id"].iloc[0])
    with pytest.raises(DataError, match="Choose an agency"):
        referral_followup.refer_household(db, officer, number, 9999, "ทุน", TODAY, TODAY, today=TODAY)
    with pytest.raises(DataError, match="due date must be from"):
        referral_followup.refer_household(
            db, officer, number, agency_id, "ทุน", TODAY, TODAY - dt.timedelta(days=1), today=TODAY
        )


# --- migration of free-text agencies --------------------------------------------------------------


def test_free_text_agencies_and_statuses_are_migrated_once(db):
    with db.connect() as conn:
        names = set(conn.execute(select(referral.c.agency).distinct()).scalars())
        listed = dict(conn.execute(select(agency.c.name, agency.c.kind)).all())
        referrals = conn.execute(select(func.count()).select_from(referral)).scalar_one()
        tied = conn.execute(select(func.count()).select_from(referral_detail)).scalar_one()
        by_status = dict(
            conn.execute(
                select(referral.c.status, func.count())
                .join(referral_event, referral_event.c.referral_id == referral.c.id)
                .where(referral_event.c.status != "referred")
                .group_by(referral.c.status)
            ).all()
        )
        resolved = conn.execute(
            select(func.count()).select_from(referral).where(referral.c.status == "resolved")
        ).scalar_one()
        helped = conn.execute(
            select(func.count()).select_from(referral_event).where(referral_event.c.status == "helped")
        ).scalar_one()
        opened = conn.execute(
            select(func.count()).select_from(referral_event).where(referral_event.c.status == "referred")
        ).scalar_one()
    assert set(listed) == names and listed["องค์การบริหารส่วนตำบล"] == "local"
    assert listed["โรงพยาบาลส่งเสริมสุขภาพตำบล"] == "health"
    assert tied == referrals and opened == referrals and helped == resolved > 0
    assert "referred" not in by_status
    assert ensure_fieldwork(db) == {
        "agencies": 0,
        "referrals_tied": 0,
        "opened_events": 0,
        "status_events": 0,
    }


def test_renaming_an_agency_renames_it_on_its_referrals(db):
    admin = signed_in(db, "admin", "admin")
    first = agencies.list_agencies(db).iloc[0]
    agencies.save_agency(db, admin, "อบต. ทดสอบ", "local", "045-000000", agency_id=int(first["id"]))
    with db.connect() as conn:
        assert set(conn.execute(select(referral.c.agency).distinct()).scalars()) >= {"อบต. ทดสอบ"}
        assert first["name"] not in set(conn.execute(select(referral.c.agency).distinct()).scalars())
    with pytest.raises(Forbidden):
        agencies.save_agency(db, signed_in(db, "officer1", "officer", ["33"]), "x", "local")


def test_worklist_and_dashboard_of_households_referred_by_hand(db, officer):
    from data_access import worklist

    first = household_records.create_household(db, officer, TAMBON, YEAR, a_form())
    second = household_records.create_household(db, officer, TAMBON, YEAR, a_form())
    verification.set_verification(db, officer, first, "verified", today=TODAY, on=TODAY)
    verification.set_verification(db, officer, second, "visited", today=TODAY, on=TODAY)
    before = worklist.officer_worklist(db, officer, TAMBON, YEAR, today=TODAY)
    assert {first, second} <= set(before["not_referred"]["household_id"])
    agency_id = int(agencies.list_agencies(db)["id"].iloc[0])
    late = referral_followup.refer_household(
        db,
        officer,
        first,
        agency_id,
        "ทุน",
        TODAY - dt.timedelta(days=20),
        TODAY - dt.timedelta(days=1),
        today=TODAY,
    )
    soon = referral_followup.refer_household(
        db,
        officer,
        second,
        agency_id,
        "บ้าน",
        TODAY - dt.timedelta(days=2),
        TODAY + dt.timedelta(days=3),
        today=TODAY,
    )
    referral_followup.record_status(db, officer, soon, "accepted", TODAY, today=TODAY)
    after = worklist.officer_worklist(db, officer, TAMBON, YEAR, today=TODAY)
    assert late in set(after["overdue"]["referral_id"]) and soon not in set(after["overdue"]["referral_id"])
    assert soon in set(after["due_this_week"]["referral_id"])
    assert late in set(after["waiting"]["referral_id"]) and soon not in set(after["waiting"]["referral_id"])
    assert not {first, second} & set(after["not_referred"]["household_id"])
    referral_followup.record_status(db, officer, soon, "helped", TODAY, today=TODAY)  # 2 days, within due
    figures = worklist.followup_dashboard(db, officer, area_code=TAMBON, today=TODAY)
    mine = figures["by_agency"].set_index("agency_id").loc[agency_id]
    with db.connect() as conn:
        legacy = conn.execute(
            select(func.count())
            .select_from(referral.join(household, household.c.id == referral.c.household_id))
            .join(referral_detail, referral_detail.c.referral_id == referral.c.id)
            .where(household.c.tambon_code == TAMBON, referral_detail.c.agency_id == agency_id)
        ).scalar_one()
    assert (
        mine["referrals"] == legacy
    )  # every referral of the tambon to that agency, the two new ones included
    assert mine["due_counted"] == 2 and mine["resolved_within_due"] == 1  # the late one counts against
    assert mine["share_resolved_within_due"] == 50.0


def test_an_import_recompute_leaves_verification_coverage_alone(db, officer):
    from data_access.access.household_access import indicator_catalogue
    from data_access.importer.recompute import recompute_tambon_years

    number = household_records.create_household(db, officer, TAMBON, YEAR, a_form())
    verification.set_verification(db, officer, number, "verified", today=TODAY, on=TODAY)
    verified = value(db, "verification_coverage")
    with db.begin() as conn:
        recompute_tambon_years(conn, {(TAMBON, YEAR)}, indicator_catalogue(conn))
    assert value(db, "verification_coverage") == verified and verified[0] >= 1
