"""Officer household lists, detail, export and referrals (`data_access.access.household_access`): scope is
enforced by every route, keys are masked, input is validated, and each sensitive action is audited."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from sqlalchemy import func, select

from analysis.errors import DataError, Forbidden, NotFound
from data_access import referrals
from data_access.access import auth, user_admin
from data_access.access import household_access as access
from data_access.schema import audit_log, household, indicator_value, referral
from tests.support.household_db import signed_in

pytestmark = pytest.mark.usefixtures("fast_hashing")
YEAR = 2566
TODAY = dt.date(2024, 6, 30)


@pytest.fixture
def db(seeded_writable_db):
    return seeded_writable_db


@pytest.fixture
def officer(db) -> auth.User:
    """Scoped to Chachoengsao (24)."""
    return signed_in(db, "officer24", "officer", ["24"])


@pytest.fixture
def admin(db) -> auth.User:
    return signed_in(db, "admin", "admin")


def a_household(db, prefix: str, year: int = YEAR, **where) -> dict:
    statement = (
        select(household)
        .where(household.c.tambon_code.startswith(prefix), household.c.survey_year == year)
        .order_by(household.c.id)
    )
    for column, value in where.items():
        statement = statement.where(household.c[column] == value)
    with db.connect() as conn:
        return dict(conn.execute(statement).mappings().first())


def count(db, table) -> int:
    with db.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def audit_rows(db, action: str) -> pd.DataFrame:
    with db.connect() as conn:
        rows = conn.execute(select(audit_log).where(audit_log.c.action == action).order_by(audit_log.c.id))
        return pd.DataFrame(rows.mappings().all(), columns=[c.name for c in audit_log.columns])


# --- scope ----------------------------------------------------------------------------------------


def test_an_officer_lists_only_their_province(db, officer):
    frame = access.household_list(db, officer, "24", YEAR, limit=100_000)
    assert list(frame.columns) == access.LIST_COLUMNS
    assert len(frame) == frame.attrs["total"] > 0
    assert frame["tambon_code"].str.startswith("24").all()
    with db.connect() as conn:
        expected = conn.execute(
            select(func.count())
            .select_from(household)
            .where(household.c.tambon_code.startswith("24"), household.c.survey_year == YEAR)
        ).scalar_one()
    assert len(frame) == expected
    shown = access.household_list(db, officer, "2401", YEAR, limit=5)
    assert len(shown) == 5 and shown.attrs["total"] > 5 and shown["tambon_code"].str.startswith("2401").all()


@pytest.mark.parametrize("area_code", ["33", "3301", "330101", "10"])
def test_an_officer_cannot_list_or_export_another_province(db, officer, area_code):
    with pytest.raises(Forbidden) as refused:
        access.household_list(db, officer, area_code, YEAR)
    assert refused.value.message_th and refused.value.message_en
    with pytest.raises(Forbidden):
        access.household_export_csv(db, officer, area_code, YEAR)
    denied = audit_rows(db, "access_denied")
    assert len(denied) == 2 and set(denied["area_code"]) == {area_code}
    assert set(denied["username"]) == {"officer24"}
    assert audit_rows(db, "household_list").empty and audit_rows(db, "household_export").empty


@pytest.mark.parametrize(
    "area_code",
    [
        "%",
        "_",
        "__",
        "2%",
        "24%",
        "24__",
        "%33%",
        "3_",
        "",
        " 24",
        "24 ",
        "２４",
        "24' OR '1'='1",
        "24;--",
        None,
        24,
    ],
)
def test_wildcards_and_tricks_in_area_codes_are_refused(db, officer, area_code):
    with pytest.raises(DataError):
        access.household_list(db, officer, area_code, YEAR)
    with pytest.raises(DataError):
        access.household_export_csv(db, officer, area_code, YEAR)


def test_a_24_prefix_on_a_33_code_finds_nothing(db, officer):
    with pytest.raises(NotFound):
        access.household_list(db, officer, "243301", YEAR)  # '24' + an amphoe of Si Sa Ket


def test_a_33_household_id_is_refused_by_every_route(db, officer):
    other = a_household(db, "33")
    referrals_before = count(db, referral)
    with pytest.raises(Forbidden):
        access.household_detail(db, officer, other["id"])
    with pytest.raises(Forbidden):
        referrals.save_referral(
            db, officer, other["id"], "อบต.", "ซ่อมบ้าน", "referred", "2024-01-15", today=TODAY
        )
    with pytest.raises(Forbidden):  # refused before the form is even checked
        referrals.save_referral(db, officer, other["id"], "", "", "bogus", "not a date", today=TODAY)
    assert count(db, referral) == referrals_before
    denied = audit_rows(db, "access_denied")
    assert len(denied) == 3 and set(denied["area_code"]) == {other["tambon_code"]}
    assert audit_rows(db, "household_detail").empty and audit_rows(db, "referral_saved").empty
    with pytest.raises(NotFound):
        access.household_detail(db, officer, 10**9)
    for tampered in ("1 OR 1=1", str(other["id"]), 1.5, True, None):
        with pytest.raises(DataError):
            access.household_detail(db, officer, tampered)


def test_a_forged_user_object_gains_nothing(db, officer):
    forged = auth.User(officer.id, "officer24", "x", "admin", ("33",), officer.signed_in_at)
    with pytest.raises(Forbidden):
        access.household_list(db, forged, "33", YEAR)
    with pytest.raises(Forbidden):
        access.household_detail(db, forged, a_household(db, "33")["id"])
    stranger = auth.User(4242, "ghost", "x", "admin", ("24",), officer.signed_in_at)
    with pytest.raises(Forbidden):
        access.household_list(db, stranger, "24", YEAR)


def test_the_sql_itself_is_scoped(db, officer, monkeypatch):
    """Even if the Python check wrongly let a request through, the query finds no 33 household."""
    monkeypatch.setattr(access, "can_see_area", lambda user, code: True)
    assert access.household_list(db, officer, "33", YEAR).empty
    assert access.household_export_csv(db, officer, "33", YEAR).decode("utf-8-sig").count("\n") == 1
    other = a_household(db, "33")["id"]
    with pytest.raises(Forbidden):
        access.household_detail(db, officer, other)
    before = count(db, referral)
    with pytest.raises(Forbidden):
        referrals.save_referral(db, officer, other, "อบต.", "ซ่อมบ้าน", "referred", "2024-01-15", today=TODAY)
    assert count(db, referral) == before


def test_an_amphoe_scope_is_narrower_than_its_province(db):
    officer = signed_in(db, "amphoe.officer", "officer", ["3301"])
    frame = access.household_list(db, officer, "3301", YEAR, limit=100_000)
    assert len(frame) and frame["tambon_code"].str.startswith("3301").all()
    for area_code in ("33", "3302", "24"):
        with pytest.raises(Forbidden):
            access.household_list(db, officer, area_code, YEAR)
    with pytest.raises(Forbidden):
        access.household_detail(db, officer, a_household(db, "3302")["id"])
    assert (
        access.household_detail(db, officer, a_household(db, "3301")["id"]).household["tambon_code"][:4]
        == "3301"
    )


def test_admins_see_every_province(db, admin):
    for area_code in ("24", "33"):
        assert len(access.household_list(db, admin, area_code, YEAR))
    detail = access.household_detail(db, admin, a_household(db, "33")["id"])
    assert detail.household["tambon_code"].startswith("33")


def test_anonymous_expired_and_deactivated_users_see_nothing(db, officer, admin):
    own = a_household(db, "24")
    expired = auth.User(
        officer.id, "officer24", "x", "officer", ("24",), officer.signed_in_at - dt.timedelta(hours=9)
    )
    for user in (None, "officer24", expired):
        with pytest.raises(Forbidden):
            access.household_list(db, user, "24", YEAR)
        with pytest.raises(Forbidden):
            access.household_detail(db, user, own["id"])
        with pytest.raises(Forbidden):
            access.household_export_csv(db, user, "24", YEAR)
        with pytest.raises(Forbidden):
            referrals.save_referral(db, user, own["id"], "a", "b", "referred", "2024-01-01", today=TODAY)
    user_admin.set_active(db, admin, officer.id, False)
    with pytest.raises(Forbidden):
        access.household_list(db, officer, "24", YEAR)


def test_scope_changes_apply_to_the_next_request(db, officer, admin):
    access.household_list(db, officer, "24", YEAR, limit=1)
    user_admin.set_scopes(db, admin, officer.id, ["33"])
    with pytest.raises(Forbidden):
        access.household_list(db, officer, "24", YEAR)  # the old User object still says 24
    assert len(access.household_list(db, officer, "33", YEAR, limit=1)) == 1


# --- the list's content ---------------------------------------------------------------------------


def test_keys_are_masked_everywhere(db, officer):
    with db.connect() as conn:
        keys = set(
            conn.execute(
                select(household.c.household_key).where(household.c.tambon_code.startswith("2401"))
            ).scalars()
        )
    frame = access.household_list(db, officer, "2401", YEAR, limit=100_000)
    assert frame["household_ref"].str.fullmatch(r"[0-9a-f]{4}…[0-9a-f]{2}").all()
    assert not keys & set(frame["household_ref"])
    exported = access.household_export_csv(db, officer, "2401", YEAR).decode("utf-8-sig")
    assert not any(key in exported for key in keys)
    detail = repr(access.household_detail(db, officer, int(frame["household_id"].iloc[0])))
    assert not any(key in detail for key in keys)
    assert access.mask_key("abcdef0123456789") == "abcd…89"
    assert access.mask_key("abc") == "…" and access.mask_key(None) == "…"


def test_list_figures_agree_with_the_stored_tambon_values(db, officer):
    frame = access.household_list(db, officer, "24", YEAR, limit=100_000)
    with db.connect() as conn:
        stored = dict(
            conn.execute(
                select(indicator_value.c.indicator_code, func.sum(indicator_value.c.numerator))
                .where(
                    indicator_value.c.area_code.startswith("24"),
                    indicator_value.c.year == YEAR,
                    indicator_value.c.indicator_code.in_(
                        ["target_poor_households", "referred_households", "households_surveyed"]
                    ),
                )
                .group_by(indicator_value.c.indicator_code)
            ).all()
        )
    assert frame["target_poor"].sum() == stored["target_poor_households"]
    assert (frame["referrals"] > 0).sum() == stored["referred_households"]
    assert len(frame) == stored["households_surveyed"]
    assert set(frame["status"]) <= {"struggling", "hard", "getting_by", "well", "unclassified"}
    names = frame["status_class"].map({1: "struggling", 2: "hard", 3: "getting_by", 4: "well"})
    assert (names.fillna("unclassified") == frame["status"]).all()


def test_filters(db, officer):
    everyone = access.household_list(db, officer, "24", YEAR, limit=100_000)
    hard = access.household_list(db, officer, "24", YEAR, status="hard", limit=100_000)
    assert len(hard) == (everyone["status"] == "hard").sum() > 0
    income = access.household_list(db, officer, "24", YEAR, deprived_dimension="income", limit=100_000)
    assert len(income) > 0 and income["deprived_dimensions"].str.contains("income").all()
    assert len(income) == everyone["deprived_dimensions"].str.contains("income").sum()
    carded = access.household_list(db, officer, "24", YEAR, welfare_card=True, limit=100_000)
    assert carded["welfare_card"].all() and len(carded) == everyone["welfare_card"].sum()
    waiting = access.household_list(
        db, officer, "24", YEAR, welfare_card=True, not_referred=True, limit=100_000
    )
    assert (waiting["referrals"] == 0).all() and waiting["welfare_card"].all()
    assert len(waiting) == (everyone["welfare_card"] & (everyone["referrals"] == 0)).sum()


@pytest.mark.parametrize(
    "filters",
    [
        {"status": "'; DROP TABLE household; --"},
        {"status": "Hard"},
        {"deprived_dimension": "income' OR 1=1"},
        {"deprived_dimension": "%"},
        {"welfare_card": "true"},
        {"not_referred": "yes"},
        {"limit": 0},
        {"limit": "10; DROP TABLE audit_log"},
        {"year": "2566 OR 1=1"},
    ],
)
def test_bad_filters_are_refused(db, officer, filters):
    households = count(db, household)
    filters = dict(filters)  # shared by both backends' runs
    year = filters.pop("year", YEAR)
    with pytest.raises(DataError) as refused:
        access.household_list(db, officer, "24", year, **filters)
    assert refused.value.message_th and refused.value.message_en
    assert count(db, household) == households


def test_list_detail_and_export_are_audited(db, officer):
    frame = access.household_list(db, officer, "2401", YEAR, status="hard", limit=10)
    listed = audit_rows(db, "household_list").iloc[-1]
    assert (listed["username"], listed["area_code"]) == ("officer24", "2401")
    assert "year=2566" in listed["detail"] and "status=hard" in listed["detail"]
    some = int(frame["household_id"].iloc[0])
    access.household_detail(db, officer, some)
    viewed = audit_rows(db, "household_detail").iloc[-1]
    assert viewed["detail"] == f"household={some}" and viewed["area_code"] == frame["tambon_code"].iloc[0]
    data = access.household_export_csv(db, officer, "2401", YEAR, welfare_card=True)
    exported = audit_rows(db, "household_export").iloc[-1]
    assert exported["area_code"] == "2401" and "welfare_card=True" in exported["detail"]
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert "รหัสครัวเรือน (ปิดบัง)" in table.columns and "household_id" not in table.columns
    assert f"rows={len(table)}" in exported["detail"]
    english = access.household_export_csv(db, officer, "2401", YEAR, lang="en").decode("utf-8-sig")
    assert english.startswith("household_ref,survey_year")


# --- detail -----------------------------------------------------------------------------------------


def test_detail_has_capitals_deprivations_history_and_referrals(db, officer):
    with db.connect() as conn:
        referred = conn.execute(
            select(referral.c.household_id)
            .join(household, household.c.id == referral.c.household_id)
            .where(household.c.tambon_code.startswith("24"))
            .order_by(referral.c.id)
        ).scalar()
    detail = access.household_detail(db, officer, referred)
    row = detail.household
    assert {"capital_human", "capital_social", "mean_capital_score", "status", "income_per_person"} <= set(
        row
    )
    assert len(detail.deprivations) == 17 and set(detail.deprivations["deprived"].dropna()) <= {0, 1}
    assert set(detail.history["survey_year"]) <= {2564, 2565, 2566} and row["survey_year"] in set(
        detail.history["survey_year"]
    )
    assert detail.history["household_ref"].nunique() == 1
    assert referred in set(detail.referrals["household_id"])
    assert set(detail.referrals.columns) >= {"agency", "kind", "status", "referred_on", "resolved_on", "note"}


# --- referrals ------------------------------------------------------------------------------------


def tambon_value(db, tambon: str, code: str, year: int = YEAR) -> tuple[float, float]:
    with db.connect() as conn:
        row = conn.execute(
            select(indicator_value.c.numerator, indicator_value.c.denominator).where(
                indicator_value.c.area_code == tambon,
                indicator_value.c.indicator_code == code,
                indicator_value.c.year == year,
            )
        ).one()
    return row.numerator, row.denominator


def target_poor_without_referral(db, officer) -> dict:
    frame = access.household_list(
        db, officer, "24", YEAR, welfare_card=True, not_referred=True, limit=100_000
    )
    chosen = frame[frame["target_poor"]].iloc[0]
    return {"id": int(chosen["household_id"]), "tambon": chosen["tambon_code"]}


def test_saving_a_referral_recomputes_the_tambon_and_is_audited(db, officer):
    target = target_poor_without_referral(db, officer)
    referred_before = tambon_value(db, target["tambon"], "referred_households")[0]
    covered_before = tambon_value(db, target["tambon"], "referral_coverage")[0]
    saved = referrals.save_referral(
        db, officer, target["id"], " อบต.ทดสอบ ", "ซ่อมแซมบ้าน", "resolved", "2024-03-01", dt.date(2024, 4, 1),
        "โทรนัดแล้ว", today=TODAY,
    )  # fmt: skip
    assert tambon_value(db, target["tambon"], "referred_households")[0] == referred_before + 1
    assert tambon_value(db, target["tambon"], "referral_coverage")[0] == covered_before + 1
    with db.connect() as conn:
        stored = conn.execute(select(referral).where(referral.c.id == saved)).mappings().one()
    assert (stored["agency"], stored["kind"], stored["status"]) == ("อบต.ทดสอบ", "ซ่อมแซมบ้าน", "resolved")
    assert stored["referred_on"] == dt.date(2024, 3, 1) and stored["resolved_on"] == dt.date(2024, 4, 1)
    logged = audit_rows(db, "referral_saved").iloc[-1]
    assert logged["username"] == "officer24" and logged["area_code"] == target["tambon"]
    assert f"household={target['id']} referral={saved}" in logged["detail"]

    again = referrals.save_referral(
        db, officer, target["id"], "อบต.ทดสอบ", "ซ่อมแซมบ้าน", "declined", "2024-03-01", None, None,
        referral_id=saved, today=TODAY,
    )  # fmt: skip
    assert again == saved
    assert tambon_value(db, target["tambon"], "referral_coverage")[0] == covered_before
    detail = access.household_detail(db, officer, target["id"])
    assert detail.household["referral_state"] == "declined" and len(detail.referrals) == 1


def test_a_referral_id_of_another_household_is_not_updated(db, officer, admin):
    other = a_household(db, "33")
    foreign = referrals.save_referral(
        db, admin, other["id"], "อำเภอ", "อาชีพ", "referred", "2024-01-01", today=TODAY
    )
    own = a_household(db, "24")["id"]
    with pytest.raises(NotFound):
        referrals.save_referral(
            db, officer, own, "x agency", "y kind", "declined", "2024-01-01", referral_id=foreign, today=TODAY
        )
    with db.connect() as conn:
        assert (
            conn.execute(select(referral.c.status).where(referral.c.id == foreign)).scalar_one() == "referred"
        )


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"agency": ""}, "agency"),
        ({"agency": None}, "agency"),
        ({"agency": "   "}, "agency"),
        ({"agency": "x" * 201}, "200"),
        ({"kind": ""}, "kind"),
        ({"kind": '=HYPERLINK("http://evil")'}, "formula"),
        ({"note": "+cmd|' /C calc'!A0"}, "formula"),
        ({"note": "x" * 2001}, "2000"),
        ({"agency": "bad\x00byte"}, "control"),
        ({"status": "done"}, "status"),
        ({"status": "RESOLVED"}, "status"),
        ({"status": "resolved' OR '1'='1"}, "status"),
        ({"status": None}, "status"),
        ({"referred_on": None}, "referral date"),
        ({"referred_on": ""}, "referral date"),
        ({"referred_on": "15/01/2567"}, "not a date"),
        ({"referred_on": "2024-02-30"}, "not a date"),
        ({"referred_on": "2567-01-15"}, "future"),  # a Buddhist Era year typed as Common Era
        ({"referred_on": "1999-12-31"}, "2000"),
        ({"referred_on": dt.date(2024, 7, 1)}, "future"),
        ({"status": "resolved", "resolved_on": None}, "resolution date"),
        ({"status": "resolved", "resolved_on": "2023-12-31"}, "before"),
        ({"status": "declined", "resolved_on": "2024-07-01"}, "future"),
        ({"status": "in_progress", "resolved_on": "2024-02-01"}, "still open"),
        ({"referred_on": 20240115}, "not a date"),
    ],
)
def test_referral_form_validation(db, officer, changes, words):
    form = {
        "agency": "อบต.", "kind": "ซ่อมบ้าน", "status": "referred", "referred_on": "2024-01-15",
        "resolved_on": None, "note": None,
    }  # fmt: skip
    form.update(changes)
    own = a_household(db, "24")["id"]
    before = count(db, referral)
    with pytest.raises(DataError, match=words) as refused:
        referrals.save_referral(db, officer, own, today=TODAY, **form)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in refused.value.message_th)
    assert count(db, referral) == before and audit_rows(db, "referral_saved").empty


def test_dates_may_be_dates_datetimes_or_iso_text():
    assert referrals.check_referral("a", "b", "referred", "2024-01-15")["referred_on"] == dt.date(2024, 1, 15)
    moment = dt.datetime(2024, 1, 15, 6, 30)
    values = referrals.check_referral(
        "a", "b", "resolved", dt.date(2024, 1, 1), moment, today=dt.date(2024, 1, 15)
    )
    assert values["resolved_on"] == dt.date(2024, 1, 15) and values["note"] is None


INJECTIONS = [
    "'; DROP TABLE referral; --",
    "Robert'); DELETE FROM household; --",
    "' OR '1'='1",
    "%",
    "_",
    "\\' ; UPDATE app_user SET role='admin' --",
    "1); DROP TABLE audit_log; --",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_in_referral_text_are_stored_literally(db, officer, text):
    own = a_household(db, "24")["id"]
    households, users = count(db, household), officer.id
    saved = referrals.save_referral(
        db, officer, own, "agency " + text, "kind " + text, "referred", "2024-01-15", note=text, today=TODAY
    )
    with db.connect() as conn:
        stored = conn.execute(select(referral).where(referral.c.id == saved)).mappings().one()
    assert (stored["agency"], stored["kind"], stored["note"]) == ("agency " + text, "kind " + text, text)
    assert count(db, household) == households
    assert auth.current_user(db, users, officer.signed_in_at).role == "officer"
    assert len(audit_rows(db, "referral_saved")) == 1
    listed = access.household_detail(db, officer, own).referrals
    assert text in set(listed["note"])
