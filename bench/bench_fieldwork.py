"""Saving a household from field work, and seeing its tambon recomputed, for Si Sa Ket.

Target (issue #15): "saving a household and seeing its tambon recomputed takes under 1 s for Si Sa
Ket". Data: the full-scale demo (both provinces, 2564-2566; Si Sa Ket ~275,000 households a year) in
`data/bench_fieldwork.sqlite` (seeded on first run, reused after; `DATABASE_URL` to time another
database, e.g. PostgreSQL, which must already be seeded). Each step is one transaction as the page
runs it (scope re-checked in SQL, version check, write, snapshot, recompute of the tambon-year,
audit row), timed `BENCH_REPEATS` times (default 5) in the largest Si Sa Ket tambon of 2566; the
median and the slowest are shown.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from pathlib import Path

from sqlalchemy import func, select

from data_access import agencies, household_records, referral_followup, verification
from data_access.access import auth, user_admin
from data_access.engine import make_engine
from data_access.fieldwork_setup import ensure_fieldwork
from data_access.schema import app_user, household, indicator_value
from data_access.seed import seed

TARGET_SECONDS = 1.0
PROVINCE, YEAR = "33", 2566
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
PASSWORD = "bench fieldwork password"
DATABASE = Path(__file__).resolve().parents[1] / "data" / "bench_fieldwork.sqlite"


def engine_for_bench():
    url = os.environ.get("DATABASE_URL")
    if url:
        return make_engine(url)
    DATABASE.parent.mkdir(exist_ok=True)
    engine = make_engine(f"sqlite:///{DATABASE}")
    started = time.perf_counter()
    seed(engine, demo=True, scale=1.0, log=lambda *_: None)
    ensure_fieldwork(engine)
    print(f"database ready in {time.perf_counter() - started:.1f} s ({engine.url.render_as_string()})")
    return engine


def officer(engine) -> auth.User:
    with engine.connect() as conn:
        exists = conn.execute(select(app_user.c.id).where(app_user.c.username == "bench_officer")).first()
    if exists is None:
        user_admin.create_user(
            engine, "bench_officer", PASSWORD, "officer", "Bench", [PROVINCE], actor=auth.CONSOLE
        )
    return auth.authenticate(engine, "bench_officer", PASSWORD)


def largest_tambon(engine) -> tuple[str, int, int]:
    """(tambon, households in it in YEAR, one of them)."""
    with engine.connect() as conn:
        tambon, households = conn.execute(
            select(household.c.tambon_code, func.count())
            .where(household.c.tambon_code.startswith(PROVINCE), household.c.survey_year == YEAR)
            .group_by(household.c.tambon_code)
            .order_by(func.count().desc())
        ).first()
        number = conn.execute(
            select(func.min(household.c.id)).where(
                household.c.tambon_code == tambon, household.c.survey_year == YEAR
            )
        ).scalar_one()
    return tambon, int(households), int(number)


def timed(step) -> list[float]:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    engine = engine_for_bench()
    user = officer(engine)
    tambon, households, number = largest_tambon(engine)
    print(f"tambon {tambon}: {households:,} households in {YEAR}; household {number}; {REPEATS} runs each")
    current = household_records.household_for_edit(engine, user, number)
    form = {f: current[f] for f in household_records.HOUSEHOLD_FIELDS} | {
        "deprivations": current["deprivations"]
    }
    state = {"version": current["version"], "members": int(current["members"])}

    def save() -> None:
        state["members"] = state["members"] % 12 + 1
        state["version"] = household_records.update_household(
            engine, user, number, form | {"members": state["members"]}, state["version"]
        )

    def new_household() -> None:
        household_records.create_household(engine, user, tambon, YEAR, form)

    states = iter(["visited", "verified"] * REPEATS)
    agency_id = int(agencies.list_agencies(engine)["id"].iloc[0])
    today = dt.date(2024, 6, 30)

    def refer_and_help() -> None:
        referral = referral_followup.refer_household(
            engine, user, number, agency_id, "bench", today, today + dt.timedelta(days=14), today=today
        )
        referral_followup.record_status(engine, user, referral, "helped", today, today=today)

    rows = [
        ("edit a household + recompute its tambon-year", timed(save)),
        ("record a new household + recompute", timed(new_household)),
        (
            "set verification + recompute",
            timed(lambda: verification.set_verification(engine, user, number, next(states), today=today)),
        ),
        ("refer + mark helped (two saves)", timed(refer_and_help)),
    ]
    with engine.connect() as conn:
        members = conn.execute(select(household.c.members).where(household.c.id == number)).scalar_one()
        surveyed = conn.execute(
            select(indicator_value.c.numerator).where(
                indicator_value.c.area_code == tambon,
                indicator_value.c.year == YEAR,
                indicator_value.c.indicator_code == "households_surveyed",
            )
        ).scalar_one()
    assert members == state["members"] and surveyed == households + REPEATS, "the recompute did not land"
    print(f"{'step':<48} {'median s':>9} {'slowest s':>10}  target {TARGET_SECONDS:.1f} s")
    for label, times in rows:
        median = statistics.median(times)
        verdict = "ok" if median < TARGET_SECONDS else "SLOW"
        print(f"{label:<48} {median:>9.3f} {max(times):>10.3f}  {verdict}")


if __name__ == "__main__":
    main()
