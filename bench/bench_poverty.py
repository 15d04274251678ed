"""Poverty analysis of a whole province from household data (analysis.poverty), and the poverty
page's server time from the aggregates the database keeps (issue #18) against loading households.

Target (the poverty analysis issue): changing the MPI weights or cutoff "recomputes from household data
for the whole province in under 1 s". Data: the Si Sa Ket (33) demo at full scale, survey year 2566
(~275,000 households; 2565 too for status transitions). Each step is timed `BENCH_REPEATS` times
(default 5) and the median shown, with the slowest run.

For comparison, the per-tambon M0 alone by DuckDB (SQL over the pandas frame, registered without
copying) and by a plain pandas groupby; both must agree with `mpi_by_area`.

Page section (`page_times`): a SQLite database (`BENCH_POVERTY_DB`, default
/tmp/tambon_atlas_bench_poverty.sqlite, built once and reused; `BENCH_POVERTY_URL` for another one,
e.g. PostgreSQL or national data) with Si Sa Ket tiled to about 825,000 households a year
(`BENCH_POVERTY_COPIES`, default 3). For the largest province-year it times the page's figures
(`components.poverty.report.poverty_report`, caches emptied: a first view) and a change of weights and
k (figures cached, MPI recomputed), beside the household path the page used before (households of two
years loaded, then `analysis.poverty`). Targets: first view under 1.5 s, new weights under 0.3 s; with
national data (70 provinces or more) the whole country too, as the province picker's first entry shows
it (its profiles kept summed per province; under 2 s / 0.5 s). Each line gives wall and CPU seconds
and the load average: on this shared machine the CPU seconds are what the page costs.

    BENCH_POVERTY_URL=sqlite:////tmp/copy.sqlite BENCH_POVERTY_BEFORE=0 \
        .venv/bin/python -c "from bench.bench_poverty import page_times; page_times()"
"""

from __future__ import annotations

import os
import statistics
import time

import duckdb
import numpy as np
import pandas as pd

from analysis.poverty import (
    default_weights,
    mpi_by_area,
    status_distribution,
    status_transitions,
    target_poor_by_dimension,
    weights_from_dimensions,
)
from analysis.tambon_indicators import DEFAULT_MPI_CUTOFF
from data_access.catalogue import read_indicators
from data_access.scope import area_scope
from sample_data.demo_generator import generate

TARGET_SECONDS = 1.0
PROVINCE = "33"
YEAR, PREVIOUS_YEAR = 2566, 2565
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
# A user moving the sliders: income counts three times, BMN 22 (income per person) twice its siblings.
CHANGED_DIMENSIONS = {"health": 1, "living": 2, "education": 1, "income": 3, "access": 1}
CHANGED_INDICATORS = {"bmn60_22": 2}
CHANGED_K = 0.2
DEFAULT = "mpi_by_area, default weights, k=0.26"
CHANGED = "mpi_by_area, changed weights, k=0.2"
TARGET_POOR = "target_poor_by_dimension"
TRANSITIONS = f"status_transitions {PREVIOUS_YEAR}->{YEAR}"
DUCKDB = "compare: M0 by DuckDB SQL"
PANDAS = "compare: M0 by pandas groupby"


LAST_CPU: list[float] = []  # CPU seconds of each timed run, in order (the median printed beside wall)


def timed(step) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(REPEATS):
        started, cpu = time.perf_counter(), time.process_time()
        result = step()
        times.append(time.perf_counter() - started)
        LAST_CPU.append(time.process_time() - cpu)
    return times, result


def duckdb_m0(connection, codes: list[str], weights: dict[str, float], k: float) -> pd.DataFrame:
    """Per-tambon n and M0 in SQL; column names come from the catalogue, numbers are bound."""
    score = " + ".join(f'? * coalesce("{c}", 0)' for c in codes)
    complete = " AND ".join(f'"{c}" IS NOT NULL' for c in codes)
    sql = f"""
        WITH scored AS (
            SELECT tambon_code, ({complete}) AS complete, {score} AS score FROM households
        )
        SELECT tambon_code AS area_code,
               count(*) FILTER (WHERE complete) AS n,
               sum(CASE WHEN complete AND round(score, 10) >= round(?, 10) THEN score ELSE 0 END)
                   / nullif(count(*) FILTER (WHERE complete), 0) AS M0
        FROM scored GROUP BY tambon_code ORDER BY tambon_code
    """
    return connection.execute(sql, [*(weights[c] for c in codes), k]).df()


def pandas_m0(households: pd.DataFrame, deprivations: pd.DataFrame, weights: dict, k: float) -> pd.DataFrame:
    g = deprivations[list(weights)]
    complete = g.notna().all(axis=1)
    score = g.fillna(0) @ pd.Series(weights)
    poor = complete & (score.round(10) >= round(k, 10))
    frame = pd.DataFrame({"area_code": households["tambon_code"], "n": complete, "s": score.where(poor, 0.0)})
    sums = frame.groupby("area_code").sum()
    return sums.assign(M0=sums["s"] / sums["n"]).reset_index()


def main() -> None:
    started = time.perf_counter()
    data = generate(scale=1.0)
    in_province = data.households["tambon_code"].str.startswith(PROVINCE)
    now = (in_province & (data.households["survey_year"] == YEAR)).to_numpy()
    before = data.households[in_province & (data.households["survey_year"] == PREVIOUS_YEAR)]
    households, deprivations = data.households[now], data.deprivations[now]
    catalogue = read_indicators()
    del data
    print(f"demo data          {time.perf_counter() - started:.1f} s to generate (not timed below)")
    print(
        f"Si Sa Ket {YEAR}     {len(households):,} households, {int(households['members'].sum()):,} people, "
        f"{households['tambon_code'].nunique()} tambons; {len(before):,} households in {PREVIOUS_YEAR}"
    )

    weights = default_weights(catalogue)
    codes = list(weights)

    def changed():
        w = weights_from_dimensions(catalogue, CHANGED_DIMENSIONS, CHANGED_INDICATORS)
        return mpi_by_area(households, deprivations, catalogue, w, CHANGED_K, "tambon")

    frame = pd.concat([households[["tambon_code"]], deprivations[codes]], axis=1)
    connection = duckdb.connect()
    connection.register("households", frame)
    steps = [
        (
            DEFAULT,
            lambda: mpi_by_area(households, deprivations, catalogue, weights, DEFAULT_MPI_CUTOFF, "tambon"),
        ),
        (CHANGED, changed),
        (
            "mpi_by_area, people (members)",
            lambda: mpi_by_area(
                households, deprivations, catalogue, weights, DEFAULT_MPI_CUTOFF, "tambon", "members"
            ),
        ),
        (
            TARGET_POOR,
            lambda: target_poor_by_dimension(households, deprivations, catalogue, "tambon"),
        ),
        ("status_distribution", lambda: status_distribution(households, "tambon")),
        (TRANSITIONS, lambda: status_transitions(before, households)),
        (DUCKDB, lambda: duckdb_m0(connection, codes, weights, DEFAULT_MPI_CUTOFF)),
        (
            PANDAS,
            lambda: pandas_m0(households, deprivations, weights, DEFAULT_MPI_CUTOFF),
        ),
    ]
    print(
        f"{'step (whole province, per tambon)':<40} {'median':>9} {'slowest':>9}  target {TARGET_SECONDS:g} s"
    )
    results = {}
    for name, step in steps:
        times, results[name] = timed(step)
        median = statistics.median(times)
        verdict = "OK" if median <= TARGET_SECONDS else "MISSED"
        print(f"{name:<40} {median * 1000:7.0f} ms {max(times) * 1000:7.0f} ms  {verdict}")

    default, moved = results[DEFAULT], results[CHANGED]
    for name in (DUCKDB, PANDAS):
        other = results[name]
        agree = list(other["area_code"]) == list(default.by_area["area_code"]) and np.allclose(
            other["M0"].to_numpy(dtype=float), default.by_area["M0"].to_numpy(), equal_nan=True
        )
        print(f"{name.removeprefix('compare: '):<40} agrees with mpi_by_area: {'yes' if agree else 'NO'}")
    default, moved = default.overall, moved.overall
    moves, target = results[TRANSITIONS], results[TARGET_POOR]
    print(f"province MPI       default: H {default.H:.4f}, A {default.A:.4f}, M0 {default.M0:.5f}")
    print(f"                   changed: H {moved.H:.4f}, A {moved.A:.4f}, M0 {moved.M0:.5f}")
    print(f"target poor        {target['target_poor'].sum() / target['surveyed'].sum():.2%} of people")
    print(
        f"status moves       improved {moves.improved:,}, same {moves.same:,}, worse {moves.worse:,}; "
        f"only in {PREVIOUS_YEAR} {moves.unmatched_before:,}, only in {YEAR} {moves.unmatched_after:,}"
    )
    page_times()


PAGE_TARGETS = {"first view": 1.5, "new weights and k": 0.3}
COUNTRY_TARGETS = {"first view": 2.0, "new weights and k": 0.5}


def household_page(engine, area_code: str, year: int, previous: int, catalogue, weights, k):
    """What the poverty page computed per first view before issue #18: a province's households of
    two years loaded, target poor (people and households) of the area and its children, status,
    transitions and the MPI."""
    from data_access.households import household_microdata

    households, deprivations = household_microdata(engine, area_code, year)
    before, _ = household_microdata(engine, area_code, previous)
    for level in ("province", "amphoe"):
        for people in (True, False):
            target_poor_by_dimension(households, deprivations, catalogue, level, people=people)
    status_distribution(households, "province")
    status_transitions(before, households)
    for level in ("province", "amphoe"):
        mpi_by_area(households, deprivations, catalogue, weights, k, level)
    return households, deprivations


def page_times() -> None:
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # no runtime here: caches work in memory
    from components.poverty import report as poverty_report
    from data_access import cached, queries
    from data_access.engine import make_engine

    url = os.environ.get("BENCH_POVERTY_URL")
    if not url:
        from pathlib import Path

        from bench.poverty_page_db import build

        path = Path(os.environ.get("BENCH_POVERTY_DB", "/tmp/tambon_atlas_bench_poverty.sqlite"))
        url = f"sqlite:///{path}"
        if not path.exists():
            build(url, int(os.environ.get("BENCH_POVERTY_COPIES", "3")))
    engine = make_engine(url)
    catalogue = queries.catalogue(engine)
    weights = default_weights(catalogue)
    changed = weights_from_dimensions(catalogue, CHANGED_DIMENSIONS, CHANGED_INDICATORS)
    years = queries.survey_years(engine)
    year, previous = years[-1], years[-2]
    from data_access.poverty_profiles import country_profile_rows

    cached.profiles_ready(url)  # once per process: builds the sums a database made before them lacks
    kept = country_profile_rows(engine, year)  # a province's code in tambon_code
    sizes = list(kept.groupby("tambon_code")["households"].sum().items())
    province, size = max(sizes, key=lambda row: row[1])
    print(f"poverty page       province {province}, {year}: {size:,} households ({previous} for the moves)")

    def first_view():
        cached.data_changed()
        for function in (poverty_report.area_figures, poverty_report.area_mpi):
            function.clear()
        return poverty_report.poverty_report(
            url, area_scope(engine, province), year, tuple(weights.items()), DEFAULT_MPI_CUTOFF
        )

    moves = iter(np.linspace(0.15, 0.45, 1000))

    def new_weights():  # figures cached; a k never asked before, so the MPI is computed
        return poverty_report.poverty_report(
            url, area_scope(engine, province), year, tuple(changed.items()), float(next(moves))
        )

    rows = [
        ("first view", first_view),
        ("new weights and k", new_weights),
    ]
    if os.environ.get("BENCH_POVERTY_BEFORE", "1") != "0":  # the household path is slow: it may be left out
        rows.append(
            (
                "before: households loaded",
                lambda: household_page(
                    engine, province, year, previous, catalogue, weights, DEFAULT_MPI_CUTOFF
                ),
            )
        )
    print(f"{'step':<40} {'median':>9} {'slowest':>9}  target")
    results = {}
    for name, step in rows:
        times, results[name] = timed(step)
        print_line(name, times, PAGE_TARGETS.get(name))
    report = results["first view"]
    print(
        f"page figures       households {report.households:,}, M0 {report.mpi.M0:.5f}; "
        f"profile rows {len(cached.poverty_profiles(url, province, year)[0]):,}"
    )
    if "before: households loaded" in results:
        households, _ = results["before: households loaded"]
        print(f"household path     {len(households):,} household rows loaded for the same figures")
    if len(sizes) >= 70:
        country_times(url, [code for code, _ in sizes], year, weights, changed)
    else:
        print(f"whole country      not measured: {len(sizes)} provinces with households (no national data)")


def country_times(url: str, provinces: list[str], year: int, weights, changed) -> None:
    """The whole country's page figures (the province picker's first entry): its profiles, status
    counts and moves summed per province by the database, the provinces ranked."""
    from components.poverty import report as poverty_report
    from data_access import cached
    from data_access.scope import country_scope

    scope = country_scope(cached.engine_for(url))

    def first_view():
        cached.data_changed()
        return poverty_report.poverty_report(url, scope, year, tuple(weights.items()), DEFAULT_MPI_CUTOFF)

    moves = iter(np.linspace(0.15, 0.45, 1000))

    def new_weights():
        return poverty_report.poverty_report(url, scope, year, tuple(changed.items()), float(next(moves)))

    for name, step in (
        ("whole country, first view", first_view),
        ("whole country, new weights and k", new_weights),
    ):
        times, report = timed(step)
        print_line(name, times, COUNTRY_TARGETS["first view" if "first" in name else "new weights and k"])
    rows = len(cached.country_profiles(url, year)[0])
    print(
        f"whole country      {len(provinces)} provinces, {report.households:,} households, "
        f"{rows:,} profile rows summed per province; H {report.mpi.H:.4f}, M0 {report.mpi.M0:.5f}"
    )


def print_line(name: str, times: list[float], target: float | None) -> None:
    median = statistics.median(times)
    verdict = "" if target is None else f"{target:g} s {'OK' if median <= target else 'MISSED'}"
    cpu = f"  cpu {statistics.median(_cpu):.2f} s" if (_cpu := LAST_CPU[-len(times) :]) else ""
    print(
        f"{name:<40} {median * 1000:7.0f} ms {max(times) * 1000:7.0f} ms  {verdict}{cpu}"
        f"  load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
