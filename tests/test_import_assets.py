"""Importing community assets: files as surveys make them (UTM metres, swapped columns, a point in the
wrong tambon, a zipped Shapefile, a GeoPackage), on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from analysis.coordinates import in_thailand, looks_projected, swapped, utm_zone_for
from analysis.errors import DataError
from data_access.importer.pipeline import commit, preview
from geo.points import tambon_of_points, to_wgs84
from tests.support.import_db import snapshot
from tests.support.sql import frame, scalar

# Two points well inside tambons of Mueang Chachoengsao (checked against the source polygons below).
NA_MUEANG = ("240101", 13.692, 101.0717)  # หน้าเมือง
BANG_TEEN_PED = ("240105", 13.6694, 101.0855)  # บางตีนเป็ด


@pytest.fixture(scope="module", autouse=True)
def _points_are_where_the_tests_say():
    found = tambon_of_points(
        np.array([NA_MUEANG[1], BANG_TEEN_PED[1]]), np.array([NA_MUEANG[2], BANG_TEEN_PED[2]])
    )
    assert list(found) == [NA_MUEANG[0], BANG_TEEN_PED[0]]


def csv(text: str) -> bytes:
    return text.strip().encode("utf-8") + b"\n"


def test_coordinate_rules_are_pure_and_name_thailand():
    assert in_thailand(np.array([13.69]), np.array([101.08])).tolist() == [True]
    assert swapped(np.array([101.08]), np.array([13.69])).tolist() == [True]  # the highland village file
    assert swapped(np.array([13.69]), np.array([101.08])).tolist() == [False]
    assert looks_projected(np.array([700000.0]), np.array([1515000.0])).tolist() == [True]
    assert (utm_zone_for(101.0), utm_zone_for(104.3)) == (32647, 32648)


def test_a_csv_with_points_and_names_imports_once_and_is_logged(empty_db):
    data = csv(
        f"""category,name,area_code,village_no,lat,lon,year,kind
แหล่งน้ำ,สระหนองบัว,{NA_MUEANG[0]},3,{NA_MUEANG[1]},{NA_MUEANG[2]},2566,สระน้ำ
tourist_sites,ตลาดน้ำ,{BANG_TEEN_PED[0]},หมู่ 5,,,2566,
"""
    )
    dry = preview(empty_db, data, "cbd.csv")
    assert dry.kind == "assets" and dry.ok and dry.counts["new"] == 2
    assert scalar(empty_db, "SELECT COUNT(*) FROM community_asset") == 0  # a dry run writes nothing
    result = commit(empty_db, dry, user="officer")
    stored = frame(empty_db, "SELECT * FROM community_asset ORDER BY name")
    assert list(stored["tambon_code"]) == [BANG_TEEN_PED[0], NA_MUEANG[0]]
    assert stored["import_id"].tolist() == [result.import_id] * 2
    assert stored.loc[1, "attributes"] == '{"kind": "สระน้ำ"}' and stored.loc[0, "village_no"] == 5
    assert not stored["is_synthetic"].astype(bool).any()
    count = scalar(
        empty_db,
        "SELECT numerator FROM indicator_value WHERE indicator_code = 'asset_water_sources_count' "
        "AND area_code = :t AND year = 2566",
        t=NA_MUEANG[0],
    )
    assert count == 1
    again = preview(empty_db, data, "cbd.csv")
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 2}
    assert len(again.previous_imports) == 1


def test_utm_coordinates_need_their_system_and_then_land_in_their_tambon(empty_db):
    x, y = (float(v) for v in _utm(NA_MUEANG[1], NA_MUEANG[2], 32647))
    data = csv(f"category,name,x,y,year\nwater_sources,บ่อบาดาล,{x:.1f},{y:.1f},2566")
    unsure = preview(empty_db, data, "utm.csv")
    assert "EPSG:32647" in unsure.errors.loc[0, "problem_en"] and not unsure.ok
    chosen = preview(empty_db, data, "utm.csv", crs=32647)
    assert chosen.ok
    assert chosen.changes.iloc[0]["tambon_code"] == NA_MUEANG[0]
    # Indian 1975 lies a few hundred metres off WGS 84: the transformation is applied, not skipped.
    indian = preview(empty_db, data, "utm.csv", crs=24047)
    moved = abs(indian.changes.iloc[0]["lat"] - chosen.changes.iloc[0]["lat"])
    assert 0.001 < moved < 0.01


def test_swapped_columns_outside_thailand_a_wrong_tambon_and_duplicates_are_row_errors(empty_db):
    before = snapshot(empty_db)
    data = csv(
        f"""category,name,tambon_code,lat,lon,year
water_sources,สลับ,{NA_MUEANG[0]},{NA_MUEANG[2]},{NA_MUEANG[1]},2566
water_sources,ปารีส,{NA_MUEANG[0]},48.85,2.35,2566
water_sources,ผิดตำบล,{BANG_TEEN_PED[0]},{NA_MUEANG[1]},{NA_MUEANG[2]},2566
water_sources,ซ้ำ,{NA_MUEANG[0]},{NA_MUEANG[1]},{NA_MUEANG[2]},2566
water_sources,ซ้ำ,{NA_MUEANG[0]},{NA_MUEANG[1]},{NA_MUEANG[2]},2566
น้ำตก,ไม่รู้หมวด,{NA_MUEANG[0]},,,2566
"""
    )
    dry = preview(empty_db, data, "dirty.csv")
    by_row = dry.errors.groupby("row")["problem_en"].apply(" | ".join)
    assert "swapped" in by_row[2] and "lat / lon" in dry.errors.loc[dry.errors["row"] == 2, "column"].iloc[0]
    assert "outside Thailand" in by_row[3]
    assert f"falls in tambon {NA_MUEANG[0]}, not in tambon {BANG_TEEN_PED[0]}" in by_row[4]
    assert "also on row 6" in by_row[5] and "also on row 5" in by_row[6]
    assert "unknown category" in by_row[7]
    assert dry.errors["problem_th"].str.len().gt(0).all()
    with pytest.raises(DataError):
        commit(empty_db, dry)
    assert snapshot(empty_db) == before  # nothing half-written


def test_a_zipped_shapefile_and_a_geopackage_carry_their_crs(empty_db, tmp_path):
    x, y = _utm(NA_MUEANG[1], NA_MUEANG[2], 32647)
    layer = gpd.GeoDataFrame(
        {"category": ["water_sources", "lodging"], "name": ["ฝายบ้านใหม่", "โฮมสเตย์"], "year": [2566, 2566]},
        geometry=[Point(x, y), Point(x + 30, y + 30)],
        crs=32647,
    )
    layer.to_file(tmp_path / "cbd.shp", engine="pyogrio", encoding="utf-8")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in tmp_path.glob("cbd.*"):
            zipped.write(part, part.name)
    from_shapefile = preview(empty_db, archive.getvalue(), "cbd.zip")
    assert from_shapefile.ok, from_shapefile.errors
    assert set(from_shapefile.changes["tambon_code"]) == {NA_MUEANG[0]}
    layer.to_crs(4326).to_file(tmp_path / "cbd.gpkg", engine="pyogrio")
    from_package = preview(empty_db, (tmp_path / "cbd.gpkg").read_bytes(), "cbd.gpkg")
    assert from_package.ok and from_package.counts["new"] == 2
    commit(empty_db, from_package)
    assert preview(empty_db, archive.getvalue(), "cbd.zip").counts["unchanged"] == 2


def test_an_office_adds_its_own_category_with_its_indicators(empty_db):
    from data_access.assets import add_category

    with empty_db.begin() as conn:
        add_category(conn, "community_products", "ผลิตภัณฑ์ชุมชน", "Community products")
    codes = frame(empty_db, "SELECT code FROM indicator WHERE code LIKE 'asset_community_products%'")["code"]
    assert sorted(codes) == [
        "asset_community_products_count",
        "asset_community_products_per_1000hh",
        "asset_community_products_share",
    ]
    data = csv("หมวด,ชื่อ,ตำบล,อำเภอ,จังหวัด,ปี พ.ศ.\nผลิตภัณฑ์ชุมชน,ผ้าทอ,หน้าเมือง,เมืองฉะเชิงเทรา,ฉะเชิงเทรา,2566")
    dry = preview(empty_db, data, "otop.csv")
    assert dry.ok and dry.changes.iloc[0]["tambon_code"] == NA_MUEANG[0]
    with pytest.raises(DataError):
        with empty_db.begin() as conn:
            add_category(conn, "community_products", "ซ้ำ", "Again")


def _utm(lat: float, lon: float, epsg: int) -> tuple[float, float]:
    from pyproj import Transformer

    return Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)


def test_to_wgs84_inverts_utm():
    x, y = _utm(13.69, 101.08, 32647)
    lat, lon = to_wgs84(np.array([x]), np.array([y]), 32647)
    assert lat[0] == pytest.approx(13.69) and lon[0] == pytest.approx(101.08)


def test_household_and_asset_imports_refresh_the_per_1000_households_figures(empty_db):
    """Both sides of "items per 1,000 households": an asset import and a household import that adds
    households to the tambon each leave the stored figure at 1,000 x items / households surveyed."""
    from data_access.importer.templates import template_frame

    def households(n: int) -> bytes:
        one = template_frame(empty_db, "households").drop(columns=["province", "amphoe", "tambon"]).iloc[[0]]
        rows = pd.concat([one] * n, ignore_index=True).assign(area_code=NA_MUEANG[0], year=2566)
        rows["household_key"] = [f"hh-{i}" for i in range(n)]
        return rows.to_csv(index=False).encode("utf-8")

    def per_1000() -> tuple[float, float, float]:
        row = frame(
            empty_db,
            "SELECT numerator, denominator, value FROM indicator_value WHERE area_code = :t AND year = 2566 "
            "AND indicator_code = 'asset_water_sources_per_1000hh'",
            t=NA_MUEANG[0],
        )
        return tuple(row.iloc[0])

    for data, name in ((households(4), "households.csv"),
                       (csv("หมวด,ชื่อ,รหัสตำบล,ปี พ.ศ.\nแหล่งน้ำ,สระหนึ่ง,240101,2566\nแหล่งน้ำ,สระสอง,240101,2566"),
                        "water.csv")):  # fmt: skip
        checked = preview(empty_db, data, name)
        assert checked.ok, checked.errors.to_dict("records")
        commit(empty_db, checked)
    assert per_1000() == (2.0, 4.0, 500.0)
    commit(empty_db, preview(empty_db, households(8), "households.csv"))  # four more in the tambon
    assert per_1000() == (2.0, 8.0, 250.0)
