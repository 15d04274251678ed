"""The hot-spot classes outside the map: the explorer's LISA tool and the table's optional column
(on screen, in the CSV the page downloads, from the table command line) carry exactly
`analysis.hotspots`' classes of the values the viewer sees (fixed seed)."""

from __future__ import annotations

import csv
import io

import pytest

from analysis.hotspots import local_moran
from components.text import t
from data_access.rollup import indicator_values
from exports.table import main
from geo.assets import load_geometry
from tests.support.apptest import app_test

pytestmark = pytest.mark.apptest
WHERE = {"province": "33", "level": "tambon", "year": "2566"}


@pytest.fixture(scope="module")
def expected(sqlite_engine):
    """Si Sa Ket's tambons: class of each (area code -> HH/LL/HL/LH/ns/island), by hand from the
    analysis layer, and the global Moran's I."""
    values = indicator_values(sqlite_engine, "tambon", ["target_poor_rate"], [2566], "33")
    spots = local_moran(values.set_index("area_code")["value"], load_geometry("tambon", "33"))
    return spots


def opened(monkeypatch, engine, page: str, **params):
    at = app_test(monkeypatch, engine.url.render_as_string(hide_password=False))
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_explorer_tool_lists_every_class_with_global_morans_i(monkeypatch, sqlite_engine, expected):
    at = opened(
        monkeypatch,
        sqlite_engine,
        "pages/explorer.py",
        tool="hotspots",
        indicator="target_poor_rate",
        **WHERE,
    )
    counts = {m.label: int(m.value.replace(",", "")) for m in at.metric}
    for name, count in expected.counts().items():
        assert counts[t(f"hot_{name}", "th")] == count
    (table,) = [d.value for d in at.dataframe if "class_label" in d.value.columns]
    shown = dict(zip(table["area_code"], table["class_label"]))
    for code, name in expected.classes.items():
        assert shown[code] == t(f"hot_{name}", "th")
    assert any(f"{expected.global_i:.3f}" in str(e.proto) for e in at.get("component_instance"))


def test_the_table_column_and_its_csv_hold_the_same_classes(monkeypatch, sqlite_engine, expected, tmp_path):
    at = opened(
        monkeypatch,
        sqlite_engine,
        "pages/table.py",
        indicators="target_poor_rate",
        hotspots="1",
        **WHERE,
    )
    (table,) = [d.value for d in at.dataframe if d.key and d.key.startswith("tbl_rows_tambon")]
    labels = {c: t(f"hot_{n}", "th") for c, n in expected.classes.items()}
    assert dict(zip(table["area_code"], table["hot_spot"])) == {
        c: labels.get(c, "") for c in table["area_code"]
    }
    # The command line writes the same column for the same table (values of a public viewer).
    monkeypatch.setenv("DATABASE_URL", sqlite_engine.url.render_as_string(hide_password=False))
    out = tmp_path / "table.csv"
    args = [f"--{k}={v}" for k, v in WHERE.items()]
    assert main([*args, "--indicators=target_poor_rate", "--hotspots", f"--out={out}"]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    column = next(i for i, name in enumerate(header) if name.startswith("จุดร้อน-จุดเย็น (LISA)"))
    written = {row[0]: row[column] for row in rows[2:] if len(row) > column}
    assert any(label.startswith("จุดร้อน") for label in written.values()) or expected.counts()["HH"] == 0
    assert set(written.values()) <= {*labels.values(), ""}
