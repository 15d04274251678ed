"""The national tambon table: 7,425 rows x 20 indicators, every tambon with values.

Target (the drill-down tables issue): ten thousand rows "must stay responsive". The demo fills only two
provinces, so this bench seeds the boundaries and catalogue into a fresh SQLite file and gives every
tambon synthetic numerators and denominators for two years (about 300,000 stored values). It times
the steps behind one screen (query, pivot, reference and marks, search, sort), the two exports, and
the page itself in Streamlit's AppTest (server time of a run, including the styled grid).
Each step: median of `BENCH_REPEATS` runs (default 5), and the slowest.
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.tables import pivot_values, reference_values, search_names, sort_rows, worse_than
from data_access.bulk import bulk_insert
from data_access.engine import make_engine
from data_access.queries import catalogue as read_catalogue
from data_access.rollup import indicator_values
from data_access.schema import area, indicator_value
from data_access.seed import seed
from exports.tables import ExportColumn, table_csv, table_xlsx

REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
YEARS = (2565, 2566)
INDICATORS = 20
TARGET_SECONDS = 1.0  # a screen step
EXPORT_TARGET_SECONDS = 3.0  # a file a person clicked to download


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'tables.sqlite'}"
        engine = make_engine(url)
        started = time.perf_counter()
        seed(engine, demo=False, log=lambda *_: None)
        codes, stored = fill_every_tambon(engine)
        print(
            f"database           {stored:,} values for every tambon, {len(codes)} indicators x "
            f"{len(YEARS)} years ({time.perf_counter() - started:.1f} s to build)"
        )
        steps(engine, codes)
        page(url, codes)
        engine.dispose()
    print(f"peak memory        {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def fill_every_tambon(engine) -> tuple[list[str], int]:
    meta = read_catalogue(engine)
    codes = meta.loc[meta["aggregation"] == "ratio", "code"].head(INDICATORS - 1).tolist() + [
        "households_surveyed"
    ]
    with engine.connect() as conn:
        tambons = pd.read_sql(area.select().where(area.c.level == "tambon"), conn)["code"]
    rng = np.random.default_rng(2565)
    frames = []
    scale = meta.set_index("code")["scale"]
    for year in YEARS:
        for code in codes:
            denominator = rng.integers(200, 4000, len(tambons)).astype(float)
            if code == "households_surveyed":
                numerator, denominator, value = denominator, np.full(len(tambons), np.nan), denominator
            else:
                numerator = np.floor(denominator * rng.beta(2, 12, len(tambons)))
                value = scale[code] * numerator / denominator
            frames.append(
                pd.DataFrame(
                    {
                        "area_code": tambons,
                        "indicator_code": code,
                        "year": year,
                        "numerator": numerator,
                        "denominator": denominator,
                        "value": value,
                    }
                )
            )
    values = pd.concat(frames, ignore_index=True)
    with engine.begin() as conn:
        bulk_insert(conn, indicator_value, values)
    return codes, len(values)


def steps(engine, codes: list[str]) -> None:
    meta = read_catalogue(engine)
    timings: dict[str, list[float]] = {}

    def timed(name, step):
        for _ in range(REPEATS):
            began = time.perf_counter()
            result = step()
            timings.setdefault(name, []).append(time.perf_counter() - began)
        return result

    long = timed(
        "query: rollup of 7,425 tambons x 20 indicators",
        lambda: indicator_values(engine, "tambon", codes, [2566]),
    )
    wide = timed("pivot to one row per tambon", lambda: pivot_values(long, codes, 2566))
    polarity = dict(zip(meta["code"], meta["polarity"]))
    reference = timed(
        "reference row (country) and worse-than marks",
        lambda: worse_than(
            wide,
            pivot_values(_as_area(reference_values(long, meta)), codes, 2566).iloc[0].to_dict(),
            polarity,
        ),
    )
    timed("search names ('บาง')", lambda: search_names(wide, "บาง"))
    timed("sort on an indicator, descending", lambda: sort_rows(wide, codes[0], True))
    columns = [ExportColumn("area_code", "รหัส"), ExportColumn("name_th", "ตำบล")] + [
        ExportColumn(code, code, "percent") for code in codes
    ]
    csv_bytes = timed("export CSV (UTF-8 BOM)", lambda: table_csv(wide, columns))
    xlsx_bytes = timed(
        "export XLSX (2 sheets)", lambda: table_xlsx(wide, columns, "ข้อมูล", "คำอธิบาย", [("a", "b")], meta)
    )
    print(
        f"rows x columns     {len(wide):,} x {len(columns)}; marked cells {int(reference.to_numpy().sum()):,}"
    )
    print(f"export sizes       CSV {len(csv_bytes) / 1e6:.1f} MB, XLSX {len(xlsx_bytes) / 1e6:.1f} MB")
    print(f"{'step':<52}{'median s':>10}{'max s':>10}  target")
    for name, values in timings.items():
        median = statistics.median(values)
        target = EXPORT_TARGET_SECONDS if name.startswith("export") else TARGET_SECONDS
        verdict = "OK" if median <= target else "MISSED"
        print(f"{name:<52}{median:>10.3f}{max(values):>10.3f}  {target:g} s {verdict}")


def page(url: str, codes: list[str]) -> None:
    """Server time of the table page for the whole country at tambon level (AppTest: no browser)."""
    import streamlit.runtime.scriptrunner.script_runner as runner
    from streamlit.testing.v1 import AppTest

    from tests.support.apptest import APP, _run_main_script

    os.environ["DATABASE_URL"] = url
    runner._mpa_v1 = _run_main_script
    at = AppTest.from_file(str(APP), default_timeout=300)
    params = {"province": "all", "level": "tambon", "year": "2566", "indicators": ",".join(codes)}
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/table.py")
    runs = []
    for label, action in (
        ("open: national tambon table (cold query)", lambda: at.run()),
        ("rerun, nothing changed (warm)", lambda: at.run()),
        ("sort by an indicator", lambda: at.selectbox(key="tbl_sort").set_value(codes[0]).run()),
        ("descending", lambda: at.toggle(key="tbl_desc").set_value(True).run()),
        ("search 'บาง'", lambda: at.text_input(key="tbl_q").set_value("บาง").run()),
        ("change from 2565", lambda: at.selectbox(key="tbl_year2").set_value(2565).run()),
    ):
        began = time.perf_counter()
        action()
        runs.append((label, time.perf_counter() - began, at.exception))
    shown = [d.value for d in at.dataframe if len(d.value) > 1]
    print("page server time (AppTest: script run and element serialisation, no browser)")
    for label, seconds, error in runs:
        print(f"  {label:<48}{seconds:>8.2f} s{'  ERROR ' + str(error) if error else ''}")
    print(f"  rows in the last grid: {len(shown[0]) if shown else 0:,}")


def _as_area(reference: pd.DataFrame) -> pd.DataFrame:
    return reference.assign(area_code="TH", name_th="ประเทศไทย", name_en="Thailand", parent_code=None)


if __name__ == "__main__":
    main()
