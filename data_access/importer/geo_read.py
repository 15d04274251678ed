"""GeoJSON, GeoPackage and zipped Shapefile uploads -> a `RawTable` of text cells with x and y.

Read with geopandas (pyogrio). The attribute columns become text cells as a spreadsheet's would; a
point's coordinates go into `x` and `y` in the file's own reference system, which `RawTable.crs`
carries (the asset import transforms them to WGS 84). Rows are numbered from 2, as a spreadsheet's
data rows, so a report names feature 1 as row 2.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from analysis.errors import DataError
from data_access.importer.reading import RawTable, max_bytes

GEO_SUFFIXES = (".geojson", ".gpkg", ".zip", ".shp.zip")
SQLITE_MAGIC = b"SQLite format 3\x00"


def is_geo_file(data: bytes, file_name: str) -> bool:
    """A GeoPackage (SQLite), a GeoJSON, or a zip holding a Shapefile (an XLSX is a zip too)."""
    name = file_name.lower()
    if data.startswith(SQLITE_MAGIC) or name.endswith((".geojson", ".gpkg")):
        return True
    if name.endswith(".zip"):
        return True
    return name.endswith(".json") and b'"FeatureCollection"' in data[:4096]


def read_geo_table(data: bytes, file_name: str, limit: int | None = None) -> RawTable:
    """The features of the first layer as text cells plus `x`, `y`; whole-file problems raise DataError."""
    import geopandas as gpd

    limit = max_bytes() if limit is None else limit
    if len(data) > limit:
        raise DataError(
            f"ไฟล์ใหญ่เกินไป รับได้ไม่เกิน {limit / 1024 / 1024:,.0f} MB",
            f"The file is too large; the limit is {limit / 1024 / 1024:,.0f} MB.",
        )
    suffix = _suffix(data, file_name)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            frame = gpd.read_file(path, engine="pyogrio")
        except Exception as unreadable:  # pyogrio raises several classes for a damaged file
            raise DataError(
                f"อ่านไฟล์แผนที่ไม่ได้ ({suffix}): ไฟล์อาจเสียหายหรือไม่ใช่ GeoJSON, GeoPackage หรือ Shapefile ใน zip",
                f"Cannot read the map file ({suffix}): it may be damaged or not a GeoJSON, GeoPackage "
                f"or zipped Shapefile ({unreadable})",
            ) from unreadable
    if frame.empty:
        raise DataError("ไฟล์แผนที่ไม่มีข้อมูลสักรายการ", "The map file has no features.")
    geometry = frame.geometry
    not_points = ~geometry.isna() & (geometry.geom_type != "Point")
    # Polygons and lines stand for their centre; the report does not reject them, the preview notes it.
    points = geometry.where(~not_points, geometry.representative_point())
    cells = pd.DataFrame(frame.drop(columns=frame.geometry.name)).astype(object)
    cells = cells.where(cells.notna(), "").astype(str)
    cells["x"] = [repr(p.x) if p is not None and not p.is_empty else "" for p in points]
    cells["y"] = [repr(p.y) if p is not None and not p.is_empty else "" for p in points]
    cells.index = pd.RangeIndex(2, len(cells) + 2)
    crs = frame.crs.to_epsg() if frame.crs is not None else None
    notes = []
    if not_points.any():
        notes.append(
            (
                f"{int(not_points.sum()):,} รายการเป็นรูปเส้นหรือรูปปิด ใช้จุดภายในรูปแทนตำแหน่ง",
                f"{int(not_points.sum()):,} features are lines or polygons; a point inside each stands in",
            )
        )
    table = RawTable(frame=cells, notes=notes, crs=crs)
    return table


def _suffix(data: bytes, file_name: str) -> str:
    if data.startswith(SQLITE_MAGIC) or file_name.lower().endswith(".gpkg"):
        return ".gpkg"
    if zipfile.is_zipfile(_bytes_io(data)):
        with zipfile.ZipFile(_bytes_io(data)) as archive:
            if not any(n.lower().endswith(".shp") for n in archive.namelist()):
                raise DataError(
                    "ไฟล์ zip นี้ไม่มี Shapefile (.shp) อยู่ข้างใน",
                    "This zip file holds no Shapefile (.shp).",
                )
        return ".shp.zip"
    return ".geojson"


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)
