"""The officer's worklist and the follow-up dashboard, for an area or an area set, inside the user's
scope (SQL `visible_to`, as every household route). Figures come from `analysis.referral_figures`;
every read writes an audit row."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, select

from analysis.referral_figures import referral_states, referral_summary, worklist_groups
from data_access.access.audit import record
from data_access.access.auth import User
from data_access.access.household_access import (
    THAILAND,
    acting_user,
    check_area,
    mask_key,
    scoped_households,
    visible_to,
)
from data_access.area_sets import set_members
from data_access.importer.recompute import read_frame  # expands IN lists (an area set)
from data_access.schema import agency, area, household, referral, referral_detail, referral_event

FOUND_STATES = ("visited", "verified")  # a household an officer has found in the field
REFERRAL_COLUMNS = [
    "referral_id", "household_id", "household_ref", "survey_year", "tambon_code", "tambon_name_th",
    "tambon_name_en", "agency_id", "agency", "agency_kind", "kind", "referred_on", "due_on",
]  # fmt: skip


def officer_worklist(
    engine: Engine, user: User, area_code: str, year: int, today: dt.date | None = None
) -> dict[str, pd.DataFrame]:
    """overdue, due_this_week, waiting (referrals, with their state) and not_referred (target-poor
    households of survey `year` found in the field, visited or verified, with no referral)."""
    acting = acting_user(engine, user)
    area_code = check_area(engine, acting, area_code)
    today = today or dt.datetime.now(THAILAND).date()
    states = _referral_states(engine, acting, area_code=area_code)
    groups = worklist_groups(states, today)
    households, _ = scoped_households(engine, acting, area_code, int(year), not_referred=True)
    found = households["target_poor"] & households["verification_state"].isin(FOUND_STATES)
    groups["not_referred"] = households[found].reset_index(drop=True)
    counts = " ".join(f"{name}={len(frame)}" for name, frame in groups.items())
    record(engine, acting.username, "fieldwork_list", area_code, f"worklist year={year} {counts}")
    return groups


def followup_dashboard(
    engine: Engine, user: User, *, area_code: str | None = None, set_id: int | None = None,
    today: dt.date | None = None,
) -> dict[str, pd.DataFrame]:  # fmt: skip
    """by_agency, by_tambon and total (`referral_figures.SUMMARY_COLUMNS`) for an area or an area set;
    an officer's figures cover the part of it in their scope, exactly (staff only, no suppression)."""
    acting = acting_user(engine, user)
    today = today or dt.datetime.now(THAILAND).date()
    if set_id is not None:
        tambons = set_members(engine, int(set_id))
        states = _referral_states(engine, acting, tambons=tambons)
        where = f"set={int(set_id)}"
    else:
        area_code = check_area(engine, acting, area_code)
        states = _referral_states(engine, acting, area_code=area_code)
        where = ""
    states["all"] = "all"
    figures = {
        "by_agency": referral_summary(states, ["agency_id", "agency"], today),
        "by_tambon": referral_summary(states, ["tambon_code", "tambon_name_th", "tambon_name_en"], today),
        "total": referral_summary(states, "all", today),
    }
    record(engine, acting.username, "fieldwork_list", area_code, f"dashboard {where} referrals={len(states)}")
    return figures


def _referral_states(
    engine: Engine, acting: User, *, area_code: str | None = None, tambons=None
) -> pd.DataFrame:
    if tambons is not None:
        in_area = household.c.tambon_code.in_(list(tambons))
    else:
        in_area = household.c.tambon_code.in_(
            select(area.c.code).where(
                area.c.level == "tambon", area.c.code.startswith(area_code, autoescape=True)
            )
        )
    mine = in_area & visible_to(acting.id, household.c.tambon_code)
    with engine.connect() as conn:
        referrals = read_frame(
            conn,
            select(
                referral.c.id.label("referral_id"),
                referral.c.household_id,
                household.c.household_key,
                household.c.survey_year,
                household.c.tambon_code,
                area.c.name_th.label("tambon_name_th"),
                area.c.name_en.label("tambon_name_en"),
                referral_detail.c.agency_id,
                referral.c.agency,
                agency.c.kind.label("agency_kind"),
                referral.c.kind,
                referral.c.referred_on,
                referral_detail.c.due_on,
            )
            .join(household, household.c.id == referral.c.household_id)
            .join(area, area.c.code == household.c.tambon_code)
            .outerjoin(referral_detail, referral_detail.c.referral_id == referral.c.id)
            .outerjoin(agency, agency.c.id == referral_detail.c.agency_id)
            .where(mine)
            .order_by(referral.c.id),
        )
        events = read_frame(
            conn,
            select(
                referral_event.c.id,
                referral_event.c.referral_id,
                referral_event.c.status,
                referral_event.c.happened_on,
            )
            .join(referral, referral.c.id == referral_event.c.referral_id)
            .join(household, household.c.id == referral.c.household_id)
            .where(mine),
        )
    for column in ("referred_on", "due_on"):
        referrals[column] = pd.to_datetime(referrals[column]).dt.date
    events["happened_on"] = pd.to_datetime(events["happened_on"]).dt.date
    referrals["household_ref"] = referrals.pop("household_key").map(mask_key)
    return referral_states(referrals[REFERRAL_COLUMNS], events)


def record_export(engine: Engine, user: User, what: str, area_code: str | None, rows: int) -> None:
    """The audit row of a field-work table taken away (called when the file is built)."""
    acting = acting_user(engine, user)
    record(engine, acting.username, "fieldwork_export", area_code, f"{what} rows={rows}")
