"""The cost of disclosure control in information: how many published cells (area x indicator x year
with data) a viewer who is not signed in loses to suppression, and how many show a rounded rather
than the exact value, at tambon and amphoe level, before (the old per-indicator rule: primary plus
one complementary cell per parent) and after (`analysis.disclosure.protect`).

Runs on the database the app uses (`ATLAS_DATA_DIR` / `DATABASE_URL`), seeding the full demo into a
temporary SQLite file when that database is empty: e.g.
`ATLAS_DATA_DIR=/tmp/disc .venv/bin/python -m bench bench_disclosure`.
"""

from __future__ import annotations

import tempfile
import time

import numpy as np
import pandas as pd

from analysis.disclosure import DEFAULT_MIN_HOUSEHOLDS, suppression_mask
from data_access import queries
from data_access.config import database_url
from data_access.engine import make_engine
from data_access.rollup import indicator_values
from data_access.seed import seed

LEVELS = ("tambon", "amphoe")


def cost(engine, level: str, k: int) -> dict[str, float]:
    """Cells with data, hidden before and after, and rounded (shown, but not exactly) after."""
    codes = queries.catalogue(engine)["code"].tolist()
    years = queries.survey_years(engine)
    meta = queries.catalogue(engine).set_index("code")
    raw = indicator_values(engine, level, codes, years)
    started = time.perf_counter()
    public = indicator_values(engine, level, codes, years, min_households=k)
    seconds = time.perf_counter() - started
    has_data = raw["tambons_with_data"].to_numpy() > 0
    frame = raw.assign(
        aggregation=meta.loc[raw["indicator_code"], "aggregation"].to_numpy(),
        unit=meta.loc[raw["indicator_code"], "unit"].to_numpy(),
    )
    before = suppression_mask(frame, k, frame["aggregation"], frame["unit"]).to_numpy() & has_data
    after = public["suppressed"].to_numpy() & has_data
    shown = has_data & ~after
    exact = np.isclose(public["value"].to_numpy(float), raw["value"].to_numpy(float), rtol=0, atol=1e-9)
    parts_exact = np.isclose(
        public["numerator"].to_numpy(float), raw["numerator"].to_numpy(float), rtol=0, atol=1e-9
    ) | np.isnan(raw["numerator"].to_numpy(float))
    return {
        "cells": int(has_data.sum()),
        "hidden_before": int(before.sum()),
        "hidden_after": int(after.sum()),
        "rounded_after": int((shown & ~(exact & parts_exact)).sum()),
        "seconds": seconds,
    }


def report(engine, k: int = DEFAULT_MIN_HOUSEHOLDS) -> pd.DataFrame:
    rows = []
    for level in LEVELS:
        figures = cost(engine, level, k)
        rows.append({"level": level, **figures})
    table = pd.DataFrame(rows)
    for column in ("hidden_before", "hidden_after", "rounded_after"):
        table[column + "_%"] = (100 * table[column] / table["cells"]).round(2)
    return table


def main() -> None:
    engine = make_engine(database_url())
    if not queries.is_ready(engine):
        folder = tempfile.mkdtemp()
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite")
        seed(engine, demo=True, log=lambda *_: None)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(report(engine).to_string(index=False))
