"""Small-count suppression: primary rules, complementary suppression against differencing, and the
public screens and exports saying "<5" (the suite runs with suppression off; these tests set k)."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from analysis.disclosure import apply_suppression, suppression_mask
from data_access.rollup import indicator_values
from tests.support.apptest import app_test


def rows(numerators, denominators=None, parent="2401"):
    n = len(numerators)
    return pd.DataFrame(
        {
            "parent_code": parent,
            "indicator_code": "x",
            "year": 2566,
            "numerator": np.asarray(numerators, float),
            "denominator": np.asarray(denominators if denominators is not None else [1000.0] * n, float),
        }
    )


@pytest.mark.parametrize(
    "numerators, denominators, expected",
    [
        ([0, 40, 50], None, [False, False, False]),  # zero discloses nothing
        ([4, 40, 50], None, [True, True, False]),  # 4 small; 40 hides it from "parent - others"
        ([4, 3, 50], None, [True, True, False]),  # two small, but 4 + 3 >= 5: enough
        ([1, 2, 50, 60], None, [True, True, True, False]),  # 1 + 2 < 5: one more goes
        ([98, 40, 50], [100, 1000, 1000], [True, True, False]),  # 2 households are not deprived
        ([2, 40, 50], [3, 1000, 1000], [True, True, False]),  # an area of 3 households
        ([np.nan, 40, 50], None, [False, False, False]),  # no data is not suppressed
    ],
)
def test_primary_and_complementary_rules(numerators, denominators, expected):
    assert suppression_mask(rows(numerators, denominators), 5).tolist() == expected


def test_counts_have_no_denominator_rule_and_groups_are_independent():
    frame = pd.concat(
        [rows([3, 100, 200], parent="2401"), rows([10, 20, 30], parent="2402")], ignore_index=True
    )
    frame["denominator"] = np.nan
    mask = suppression_mask(frame, 5, pd.Series(["sum"] * 6))
    assert mask.tolist() == [True, True, False, False, False, False]


def test_nothing_is_suppressed_at_k_one():
    assert not suppression_mask(rows([1, 2, 3]), 1).any()


@pytest.mark.parametrize("seed", range(30))
def test_no_hidden_cell_can_be_recovered_from_a_visible_parent_total(seed):
    rng = np.random.default_rng(seed)
    groups = []
    for parent in range(6):
        n = int(rng.integers(2, 9))
        numerators = rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40], size=n)
        groups.append(rows(numerators, rng.integers(50, 500, n), parent=f"24{parent:02d}"))
    frame = pd.concat(groups, ignore_index=True)
    shown = apply_suppression(frame.assign(value=frame["numerator"]), 5)
    for _, group in shown.groupby("parent_code"):
        total = frame.loc[group.index, "numerator"].sum()
        if total < 5:
            continue  # the parent's own total is a small count: hidden where the parent is shown
        hidden = frame.loc[group.index[group["suppressed"]], "numerator"]
        assert len(hidden) != 1, "one hidden child is the parent total minus the others"
        assert hidden.sum() == 0 or hidden.sum() >= 5, "hidden children must not add up to a small count"
        visible = frame.loc[group.index[~group["suppressed"]], "numerator"]
        assert not ((visible > 0) & (visible < 5)).any()


def test_the_query_layer_suppresses_for_public_viewers(sqlite_engine):
    public = indicator_values(
        sqlite_engine, "tambon", "target_poor_households", 2566, "3301", min_households=5
    )
    full = indicator_values(sqlite_engine, "tambon", "target_poor_households", 2566, "3301")
    assert public["suppressed"].any() and not full["suppressed"].any()
    small = (full["numerator"] > 0) & (full["numerator"] < 5)
    assert public.loc[small.to_numpy(), "suppressed"].all()
    assert public.loc[public["suppressed"], ["value", "numerator", "denominator"]].isna().all().all()


def test_public_table_and_its_export_say_less_than_five(sqlite_engine, monkeypatch):
    monkeypatch.setenv("ATLAS_MIN_HOUSEHOLDS", "5")
    at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
    for name, value in {"province": "33", "amphoe": "3301", "indicators": "target_poor_households"}.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/table.py").run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if d.key and d.key.startswith("tbl_rows_")]
    cells = table["target_poor_households"].astype(str)
    assert (cells == "<5").any()
    numbers = pd.to_numeric(cells.str.replace(",", ""), errors="coerce").dropna()
    assert not ((numbers > 0) & (numbers < 5)).any()
    assert any("ถูกปกปิด" in c.value for c in at.caption)

    from components.table.data import export_columns, load_table
    from components.view.table import TableView
    from data_access import cached
    from exports.tables import table_csv

    url = sqlite_engine.url.render_as_string(hide_password=False)
    view = TableView(
        province="33", amphoe="3301", level="tambon", year=2566, indicators=("target_poor_households",)
    )
    data = load_table(url, view, cached.catalogue(url), cached.areas(url), "th")
    exported = list(
        csv.reader(io.StringIO(table_csv(data.rows, export_columns(data, view, "th")).decode("utf-8-sig")))
    )
    values = [r[2] for r in exported[1:]]
    assert "<5" in values
    assert not any(v not in ("", "<5") and 0 < float(v) < 5 for v in values)


def test_an_index_or_amount_is_hidden_only_when_few_households_are_behind_it():
    frame = rows([0.4, 2.0, 0.9], [300.0, 4.0, 500.0])  # M0-like numerators; the second area has 4 units
    mask = suppression_mask(frame, 5, units=pd.Series(["index"] * 3))
    assert mask.tolist() == [True, True, False]  # 4 units hide it; the 300-unit sibling hides it again
    amounts = rows([61933.0, 1200.0, 88000.0], [1000.0, 3.0, 900.0])
    assert suppression_mask(amounts, 5, units=pd.Series(["baht"] * 3)).tolist() == [False, True, True]


def test_public_poverty_page_stops_at_the_amphoe_and_hides_small_counts(sqlite_engine, monkeypatch):
    monkeypatch.setenv("ATLAS_MIN_HOUSEHOLDS", "5")
    at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
    for name, value in {"province": "33", "amphoe": "3301", "tambon": "330101", "year": "2566"}.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/poverty.py").run()
    assert not at.exception
    assert any("tambon=330101" in w.value for w in at.warning)
    assert at.selectbox(key="pov_tambon").value in ("", None) and at.selectbox(key="pov_tambon").disabled
    assert any("เฉพาะเจ้าหน้าที่" in c.value for c in at.caption)
    shown = [m.value for m in at.metric]
    assert not any(v.isdigit() and 0 < int(v) < 5 for v in shown)
