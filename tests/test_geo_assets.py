"""Static boundary geometry files (geo.assets): counts, codes, shared borders, rounding, caching, sizes.

Built once per module into a temporary folder, never into the repository's static/.
"""

from __future__ import annotations

import collections
import gzip
import json
import re
from pathlib import Path

import pytest
import shapely

from geo import assets
from geo.boundaries import area_records

DEMO_PROVINCES = ("24", "33", "10")
PROPERTIES = {"c", "th", "en", "p", "lp"}
# Budgets from the measured sizes (bytes; raw, gzip -9 as Streamlit serves app/static): about 10-25 %
# headroom, so a change of tolerance or format that bloats the files fails here.
RAW_BUDGET = {
    "province.json": 160_000,  # measured 133 KB
    "amphoe.json": 650_000,  # 568 KB
    "tambon.json": 2_500_000,  # 2.37 MB
    "tambon-24.json": 40_000,  # 30 KB
    "tambon-33.json": 80_000,  # 63 KB
}
GZIP_BUDGET = {"tambon.json": 500_000, "tambon-33.json": 15_000}  # measured 421 KB, 11 KB
PER_PROVINCE_FILE_BUDGET = 120_000  # the largest, tambon-30.json (Nakhon Ratchasima), is 94 KB


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[str, Path]:
    static = tmp_path_factory.mktemp("static")
    version = assets.ensure_built(static)
    return version, static / "geo" / version


@pytest.fixture(scope="module")
def index(built) -> dict:
    return json.loads((built[1] / "index.json").read_text(encoding="utf-8"))


def read(built, name: str) -> dict:
    return json.loads((built[1] / name).read_text(encoding="utf-8"))


def geometries(collection: dict):
    return shapely.from_geojson([json.dumps(f["geometry"]) for f in collection["features"]])


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("province.json", 77),
        ("amphoe.json", 928),
        ("tambon.json", 7425),
        ("tambon-24.json", 93),
        ("tambon-33.json", 206),
        ("amphoe-33.json", 22),
        ("amphoe-10.json", 50),
    ],
)
def test_feature_counts(built, index, name, count):
    assert len(read(built, name)["features"]) == count
    assert index["files"][name]["features"] == count
    assert index["files"][name]["bytes"] == (built[1] / name).stat().st_size


def test_one_file_per_level_and_province(built, index):
    provinces = sorted(area_records("province")["code"])
    expected = {"province.json", "amphoe.json", "tambon.json"} | {
        f"{level}-{code}.json" for code in provinces for level in ("amphoe", "tambon")
    }
    assert set(index["files"]) == expected
    assert {p.name for p in built[1].iterdir()} == expected | {"index.json"}
    for level, total in (("amphoe", 928), ("tambon", 7425)):
        assert sum(index["files"][f"{level}-{code}.json"]["features"] for code in provinces) == total


@pytest.mark.parametrize("level", ["province", "amphoe", "tambon"])
def test_codes_parents_and_names_match_the_boundary_file(built, level):
    records = area_records(level)
    expected = {row.code: (row.name_th, row.name_en, row.parent_code) for row in records.itertuples()}
    got = {
        f["properties"]["c"]: (f["properties"]["th"], f["properties"]["en"], f["properties"]["p"])
        for f in read(built, f"{level}.json")["features"]
    }
    assert got == expected


@pytest.mark.parametrize("code", DEMO_PROVINCES)
def test_province_files_hold_exactly_that_provinces_areas(built, code):
    for level in ("amphoe", "tambon"):
        codes = [f["properties"]["c"] for f in read(built, f"{level}-{code}.json")["features"]]
        expected = sorted(c for c in area_records(level)["code"] if c[:2] == code)
        assert codes == expected


def test_thai_names_intact(built):
    raw = (built[1] / "tambon-33.json").read_bytes()
    assert "จาน".encode() in raw and b"\\u0e" not in raw  # UTF-8, not escaped
    by_code = {f["properties"]["c"]: f["properties"] for f in read(built, "tambon-33.json")["features"]}
    assert by_code["330105"]["th"] == "จาน" and by_code["330105"]["en"] == "Chan"
    assert by_code["330105"]["p"] == "3301"


@pytest.mark.parametrize("name", ["province.json", "amphoe.json", "tambon.json", "tambon-33.json"])
def test_properties_exactly_and_label_points_inside(built, name):
    collection = read(built, name)
    assert set(collection) == {"type", "features"}
    for feature in collection["features"]:
        assert set(feature["properties"]) == PROPERTIES
    labels = shapely.points([f["properties"]["lp"] for f in collection["features"]])
    assert shapely.distance(labels, geometries(collection)).max() <= 1e-4  # inside, up to rounding


def test_province_parent_is_null(built):
    assert {f["properties"]["p"] for f in read(built, "province.json")["features"]} == {None}


def test_coordinates_have_at_most_four_decimals(built):
    too_precise = re.compile(rb"\d\.\d{5,}")
    for path in built[1].glob("*.json"):
        assert not too_precise.search(path.read_bytes()), path.name


def test_compact_separators(built):
    raw = (built[1] / "tambon-24.json").read_text(encoding="utf-8")
    assert ", " not in raw and '": ' not in raw


@pytest.mark.parametrize("name", ["province.json", "amphoe.json", "tambon.json"])
def test_levels_remain_valid_coverages(built, name):
    """Shared borders kept through simplification and rounding: no overlaps, edges matched exactly."""
    parts = geometries(read(built, name))
    assert shapely.is_valid(parts).all()
    assert shapely.coverage_is_valid(parts)


@pytest.mark.parametrize("code", DEMO_PROVINCES)
def test_no_gaps_or_overlaps_between_tambon(built, code):
    tambon = geometries(read(built, f"tambon-{code}.json"))
    union = shapely.union_all(tambon)
    assert shapely.area(tambon).sum() == pytest.approx(union.area, rel=0.005)
    holes = shapely.get_num_interior_rings(shapely.get_parts(union)).sum()
    assert holes == 0  # a sliver gap between neighbours would show as a hole


@pytest.mark.parametrize("code", DEMO_PROVINCES)
def test_tambon_union_matches_its_amphoe(built, code):
    """Amphoe and tambon are simplified separately, so their outlines agree closely, not exactly."""
    groups = collections.defaultdict(list)
    tambon = read(built, f"tambon-{code}.json")
    for feature, geometry in zip(tambon["features"], geometries(tambon)):
        groups[feature["properties"]["p"]].append(geometry)
    amphoe = read(built, f"amphoe-{code}.json")
    assert {f["properties"]["c"] for f in amphoe["features"]} == set(groups)
    for feature, geometry in zip(amphoe["features"], geometries(amphoe)):
        union = shapely.union_all(groups[feature["properties"]["c"]])
        assert shapely.symmetric_difference(union, geometry).area < 0.01 * geometry.area


def test_load_geometry_is_what_the_file_holds(built):
    for level, code, name in (("tambon", "24", "tambon-24.json"), ("amphoe", None, "amphoe.json")):
        assert assets.load_geometry(level, code) == read(built, name)
    assert assets.load_geometry("province", "24") == read(built, "province.json")
    assert assets.load_geometry("tambon", "24") is assets.load_geometry("tambon", "TH24")  # cached


def test_geometry_file_urls(built, monkeypatch):
    version, folder = built
    monkeypatch.setattr(assets, "STATIC_DIR", folder.parent.parent)
    assert assets.geometry_file("tambon", "24") == f"app/static/geo/{version}/tambon-24.json"
    assert assets.geometry_file("amphoe", None) == f"app/static/geo/{version}/amphoe.json"
    assert assets.geometry_file("province", "33") == f"app/static/geo/{version}/province.json"
    assert assets.geometry_file("tambon", "TH33") == f"app/static/geo/{version}/tambon-33.json"


@pytest.mark.parametrize(("level", "code"), [("district", None), ("tambon", "99"), ("amphoe", "2401")])
def test_bad_level_or_province_is_refused(level, code):
    with pytest.raises(ValueError, match="level|province_code"):
        assets.load_geometry(level, code)


def test_version_is_stable_and_follows_parameters(built):
    version = built[0]
    assert assets.asset_version() == version == assets.asset_version(dict(assets.TOLERANCES))
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    coarser = {**assets.TOLERANCES, ("tambon", "national"): 0.01}
    assert assets.asset_version(coarser) != version
    assert assets.asset_version(decimals=3) != version
    assert len({assets.asset_version(coarser), assets.asset_version(decimals=3), version}) == 3


def test_ensure_built_is_idempotent(built):
    version, folder = built
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assets.ensure_built.cache_clear()  # as a new process would: finds the folder, writes nothing
    assert assets.ensure_built(folder.parent.parent) == version
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    assert [p.name for p in folder.parent.iterdir()] == [version]  # no staging folders left behind


def test_losing_a_build_race_is_harmless(tmp_path, monkeypatch):
    """Another process renames its finished folder into place first: ours is discarded, no error."""
    write = assets._write_version

    def write_then_lose(folder: Path, version: str) -> None:
        write(folder, version)
        winner = folder.parent / version
        winner.mkdir()
        write(winner, version)

    monkeypatch.setattr(assets, "_write_version", write_then_lose)
    assets.ensure_built.cache_clear()
    version = assets.ensure_built(tmp_path)
    assert [p.name for p in (tmp_path / "geo").iterdir()] == [version]
    assert len(list((tmp_path / "geo" / version).iterdir())) == 158


def test_size_budgets(built):
    folder = built[1]
    for name, budget in RAW_BUDGET.items():
        assert (folder / name).stat().st_size <= budget, name
    for name, budget in GZIP_BUDGET.items():
        assert len(gzip.compress((folder / name).read_bytes(), 9)) <= budget, name
    largest = max((p for p in folder.glob("*-*.json")), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size <= PER_PROVINCE_FILE_BUDGET, largest.name


def test_thai_names_are_not_cut_at_16_characters():
    """The boundary source cut names at 16 characters; the shipped files carry the restored names."""
    from geo.boundaries import area_records

    tambons = area_records("tambon").set_index("code")
    amphoe = area_records("amphoe").set_index("code")
    pak_phanang = tambons[tambons["name_th"].str.startswith("ปากพนังฝั่งตะวัน")]["name_th"]
    assert len(pak_phanang) == 2 and pak_phanang.nunique() == 2
    assert "เมืองนครศรีธรรมราช" in set(amphoe["name_th"])


def test_seed_restores_cut_names_in_an_existing_database(tmp_path):
    """A database seeded from the old, cut files gets the full names on the next seed."""
    from sqlalchemy import select

    from data_access.engine import make_engine
    from data_access.schema import area
    from data_access.seed import seed

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    seed(engine, demo=False, log=lambda *_: None)
    with engine.begin() as conn:
        full = conn.execute(
            select(area.c.code, area.c.name_th).where(area.c.name_th == "เมืองนครศรีธรรมราช")
        ).one()
        conn.execute(area.update().where(area.c.code == full.code).values(name_th="เมืองนครศรีธรรมร"))
    seed(engine, demo=False, log=lambda *_: None)
    with engine.connect() as conn:
        assert conn.execute(select(area.c.name_th).where(area.c.code == full.code)).scalar() == full.name_th
    engine.dispose()
