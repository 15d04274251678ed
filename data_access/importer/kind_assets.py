"""Community assets (U2T Community Big Data records): one row or feature per item.

Columns: `category` (code or Thai/English name), `name`, the area by code or names and/or a point
(`lat`/`lon` in degrees, or `x`/`y` in the file's or the chosen reference system), `village_no`,
`year`, `attributes` (or any other columns, kept as a small JSON object). Every point goes to WGS 84
and is placed in its tambon by a spatial join against the source boundaries; by row the report names
coordinates outside Thailand, latitude and longitude in each other's columns, metres given without a
reference system, a point in another tambon than the row names, and duplicates. An item is the same
item when category, tambon, village and name agree, so the same file twice changes nothing.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from sqlalchemy import Connection, select

from analysis.coordinates import CHOICES, PROJECTED, WGS84, in_thailand, looks_projected, swapped
from analysis.errors import DataError
from data_access.assets import refresh_values
from data_access.importer.columns import AREA_COLUMNS, YEAR, ColumnSpec, MissingColumns, match_columns
from data_access.importer.kinds import Context, Prepared, classify, same_numbers, tambons_and_years
from data_access.importer.normalise import clean_text, header_key
from data_access.importer.numbers import parse_numbers
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems
from data_access.importer.validate import duplicate_keys
from data_access.schema import asset_category, community_asset
from geo.points import tambon_of_points, to_wgs84

CATEGORY = ColumnSpec("category", "หมวด", ("หมวดข้อมูล", "ประเภท", "category_code", "asset_category"))
NAME = ColumnSpec("name", "ชื่อ", ("ชื่อรายการ", "item", "item_name", "asset_name", "ชื่อทรัพยากร"))
VILLAGE = ColumnSpec("village_no", "หมู่ที่", ("หมู่", "moo", "village", "หมู่บ้าน"))
LAT = ColumnSpec("lat", "ละติจูด", ("latitude", "ละติจูด", "lat_wgs84", "พิกัดละติจูด"))
LON = ColumnSpec("lon", "ลองจิจูด", ("longitude", "long", "lng", "ลองติจูด", "พิกัดลองจิจูด"))
X = ColumnSpec("x", "พิกัด x", ("easting", "utm_e", "east", "พิกัดx"))
Y = ColumnSpec("y", "พิกัด y", ("northing", "utm_n", "north", "พิกัดy"))
ATTRIBUTES = ColumnSpec("attributes", "รายละเอียด", ("รายละเอียดเพิ่มเติม", "details"))
SPECS = [CATEGORY, NAME, VILLAGE, LAT, LON, X, Y, ATTRIBUTES, YEAR, *AREA_COLUMNS]
KEY = ["category_code", "tambon_code", "village_no", "name"]
STORED = [*KEY, "lat", "lon", "attributes", "survey_year"]
MAX_ATTRIBUTES = 12


class CommunityAssets:
    name = "assets"
    label_th = "ข้อมูลชุมชน (Community Big Data): หมวด ชื่อ พื้นที่หรือพิกัด"
    label_en = "Community assets (Community Big Data): category, name, area or coordinates"

    def detect(self, header_keys: set[str], context: Context) -> bool:
        return bool(header_keys & CATEGORY.keys()) and bool(header_keys & NAME.keys())

    def prepare(self, table: RawTable, context: Context) -> Prepared:
        frame = table.frame
        headers = list(frame.columns)
        found = match_columns(headers, SPECS)
        missing = [spec for spec in (CATEGORY, NAME) if spec.name not in found]
        if missing:
            raise MissingColumns(missing, headers)
        if "year" not in found and context.year is None:
            raise DataError(
                "ไม่ทราบปีที่สำรวจ: เพิ่มคอลัมน์ปี พ.ศ. หรือเลือกปีของทั้งไฟล์",
                "The survey year is not known: add a year column or choose the year for the whole file.",
            )
        has_point = {"lat", "lon"} <= set(found) or {"x", "y"} <= set(found)
        has_area = "area_code" in found or "tambon" in found
        if not has_point and not has_area:
            raise MissingColumns([LAT, LON, AREA_COLUMNS[0]], headers)
        problems = Problems()
        category = self._categories(frame[found["category"]], found["category"], context, problems)
        names = frame[found["name"]].map(clean_text)
        problems.add(frame.index[names == ""], found["name"], "", "ไม่ได้ระบุชื่อ", "the name is missing")
        village = self._villages(frame, found, problems)
        named_tambon, years = (
            tambons_and_years(frame, found, context, problems)
            if has_area
            else (
                pd.Series(pd.NA, index=frame.index, dtype=object),
                self._years(frame, found, context, problems),
            )
        )
        lat, lon = self._points(frame, found, table.crs or context.crs, problems)
        placed = tambon_of_points(lat.to_numpy(), lon.to_numpy())
        placed.index = frame.index
        tambon = self._place(frame, found, named_tambon, placed, lat, problems)
        records = pd.DataFrame(
            {
                "row": frame.index,
                "category_code": category,
                "name": names,
                "tambon_code": tambon,
                "village_no": village,
                "lat": lat.round(6),
                "lon": lon.round(6),
                "attributes": self._attributes(frame, found),
                "survey_year": years,
            }
        )
        records = records.dropna(subset=["category_code", "tambon_code", "survey_year"])
        records = records[records["name"] != ""]
        keys = records.set_index("row")[KEY].astype(object)
        keys["village_no"] = keys["village_no"].map(lambda v: "" if pd.isna(v) else f"หมู่ {int(v)}")
        duplicated = duplicate_keys(keys, found["name"], problems, "รายการ", "item")
        return Prepared(self.name, records[~duplicated.to_numpy()], problems, len(frame))

    def _categories(self, text: pd.Series, header: str, context: Context, problems: Problems) -> pd.Series:
        rows = context.conn.execute(select(asset_category)).mappings().all()
        lookup = {}
        for row in rows:
            for spelling in (row["code"], row["name_th"], row["name_en"]):
                lookup[header_key(spelling)] = row["code"]
        codes = text.map(lambda v: lookup.get(header_key(str(v))))
        unknown = codes.isna()
        known = ", ".join(f"{r['code']} ({r['name_th']})" for r in rows)
        problems.add(
            text.index[unknown], header, text[unknown],
            f"ไม่รู้จักหมวดนี้ ใช้ได้: {known} (เพิ่มหมวดของสำนักงานเองได้ในหน้าหมวดข้อมูลชุมชน)",
            f"unknown category; use one of: {known} (an office may add its own category)",
        )  # fmt: skip
        return codes

    def _villages(self, frame: pd.DataFrame, found: dict[str, str], problems: Problems) -> pd.Series:
        if "village_no" not in found:
            return pd.Series(pd.NA, index=frame.index, dtype="Int64")
        header = found["village_no"]
        text = frame[header].astype(str).str.replace(r"^\s*(หมู่ที่|หมู่|ม\.)\s*", "", regex=True)
        parsed = parse_numbers(text)
        bad = parsed.bad | (
            ~parsed.blank & ((parsed.values % 1 != 0) | (parsed.values < 1) | (parsed.values > 99))
        )
        problems.add(
            frame.index[bad], header, frame.loc[bad, header],
            "หมู่ที่ต้องเป็นจำนวนเต็ม 1-99", "the village number must be a whole number from 1 to 99",
        )  # fmt: skip
        return parsed.values.where(~bad).round().astype("Int64")

    def _years(self, frame, found, context, problems) -> pd.Series:
        from data_access.importer import validate

        if "year" in found:
            return validate.years(frame[found["year"]], found["year"], problems, context.year)
        return pd.Series(context.year, index=frame.index, dtype="Int64")

    def _points(self, frame, found, crs: int | None, problems: Problems) -> tuple[pd.Series, pd.Series]:
        """(lat, lon) in WGS 84 of every row with a usable point, NaN elsewhere (a row error says why)."""
        nan = pd.Series(np.nan, index=frame.index)
        if {"lat", "lon"} <= set(found):
            x_header, y_header, epsg = found["lon"], found["lat"], crs or WGS84
        elif {"x", "y"} <= set(found):
            x_header, y_header, epsg = found["x"], found["y"], crs
        else:
            return nan, nan
        x, y = parse_numbers(frame[x_header]), parse_numbers(frame[y_header])
        for parsed, header in ((x, x_header), (y, y_header)):
            problems.add(
                frame.index[parsed.bad], header, frame.loc[parsed.bad, header],
                "พิกัดต้องเป็นตัวเลข", "a coordinate must be a number",
            )  # fmt: skip
        one_blank = x.blank ^ y.blank
        problems.add(
            frame.index[one_blank], x_header, frame.loc[one_blank, x_header],
            "มีพิกัดเพียงค่าเดียว ต้องมีทั้งสองค่าหรือเว้นว่างทั้งคู่",
            "only one coordinate is given; give both or neither",
        )  # fmt: skip
        usable = ~(x.bad | y.bad | x.blank | y.blank)
        metres = usable & pd.Series(looks_projected(x.values, y.values), index=frame.index)
        if epsg is None or (epsg not in PROJECTED and metres.any() and epsg == WGS84):
            # Degrees were assumed: metres cannot be placed without knowing the system.
            wrong = metres if epsg is not None else usable
            choices = ", ".join(f"EPSG:{code}" for code in CHOICES)
            problems.add(
                frame.index[wrong], x_header, frame.loc[wrong, x_header] + " / " + frame.loc[wrong, y_header],
                f"พิกัดเป็นเมตร (เช่น UTM) แต่ไม่ทราบระบบพิกัด กรุณาเลือกระบบพิกัดของไฟล์ ({choices})",
                f"the coordinates are metres (e.g. UTM) but the file's reference system is not known; "
                f"choose it ({choices})",
            )  # fmt: skip
            usable &= ~wrong
            epsg = epsg or WGS84
        lat, lon = to_wgs84(x.values.where(usable).to_numpy(), y.values.where(usable).to_numpy(), epsg)
        lat, lon = pd.Series(lat, index=frame.index), pd.Series(lon, index=frame.index)
        exchanged = usable & pd.Series(swapped(lat, lon), index=frame.index)
        problems.add(
            frame.index[exchanged], f"{y_header} / {x_header}",
            frame.loc[exchanged, y_header] + " / " + frame.loc[exchanged, x_header],
            f"ละติจูดกับลองจิจูดสลับกัน: คอลัมน์ {y_header} มีค่าลองจิจูด (ราว 97-106) "
            f"และ {x_header} มีค่าละติจูด (ราว 5-21) กรุณาสลับชื่อหัวคอลัมน์ทั้งสอง",
            f"latitude and longitude are swapped: {y_header} holds a longitude (about 97-106) and "
            f"{x_header} a latitude (about 5-21); exchange the two column headers",
        )  # fmt: skip
        outside = usable & ~exchanged & ~pd.Series(in_thailand(lat, lon), index=frame.index)
        problems.add(
            frame.index[outside], f"{y_header} / {x_header}",
            frame.loc[outside, y_header] + " / " + frame.loc[outside, x_header],
            "พิกัดอยู่นอกประเทศไทย (ตรวจระบบพิกัดหรือค่าที่พิมพ์)",
            "the point lies outside Thailand (check the reference system or the numbers typed)",
        )  # fmt: skip
        good = usable & ~exchanged & ~outside
        return lat.where(good), lon.where(good)

    def _place(
        self, frame, found, named: pd.Series, placed: pd.Series, lat: pd.Series, problems
    ) -> pd.Series:
        """The tambon of each row: where its point falls; the one it names when it has no point."""
        point_header = found.get("lat") or found.get("y") or "lat"
        located = lat.notna()
        nowhere = located & placed.isna()
        problems.add(
            frame.index[nowhere], point_header, lat[nowhere].astype(str),
            "พิกัดไม่อยู่ในตำบลใดของประเทศไทย (อาจอยู่ในทะเลหรือนอกเขตแดน)",
            "the point is in no tambon of Thailand (at sea or across the border?)",
        )  # fmt: skip
        area_header = found.get("area_code") or found.get("tambon") or point_header
        elsewhere = located & placed.notna() & named.notna() & (placed != named)
        there, said = placed[elsewhere].astype(str), named[elsewhere].astype(str)
        problems.add(
            frame.index[elsewhere], area_header, said + " → " + there,
            "พิกัดอยู่ในตำบล " + there + " ไม่ใช่ตำบล " + said + " ที่แถวนี้ระบุ",
            "the point falls in tambon " + there + ", not in tambon " + said + " that the row names",
        )  # fmt: skip
        tambon = named.where(~located, placed)
        return tambon.where(~(nowhere | elsewhere))

    def _attributes(self, frame: pd.DataFrame, found: dict[str, str]) -> pd.Series:
        if "attributes" in found:
            return frame[found["attributes"]].map(lambda v: clean_text(v) or None)
        used = set(found.values())
        others = [c for c in frame.columns if c not in used][:MAX_ATTRIBUTES]
        if not others:
            return pd.Series(None, index=frame.index, dtype=object)
        cells = frame[others].apply(lambda column: column.map(clean_text))

        def as_json(row) -> str | None:
            kept = {k: v for k, v in row.items() if v}
            return json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else None

        return cells.apply(as_json, axis=1)

    def changes(self, conn: Connection, prepared: Prepared, records: pd.DataFrame) -> pd.DataFrame:
        """Records with `change` (new / updated / unchanged) against the stored items of the same key."""
        records = records.copy()
        tambons = sorted(set(records["tambon_code"].astype(str)))
        stored = pd.DataFrame(columns=["id", *STORED])
        if tambons:
            query = select(community_asset.c.id, *(community_asset.c[c] for c in STORED)).where(
                community_asset.c.tambon_code.in_(tambons)
            )
            stored = pd.DataFrame(conn.execute(query).all(), columns=["id", *STORED])
        stored = stored.assign(key=_keys(stored)).drop_duplicates("key").set_index("key")
        keyed = _keys(records)
        match = stored.reindex(keyed.to_numpy())
        match.index = records.index
        records["id"] = match["id"].to_numpy()
        same = (
            same_numbers(records["lat"], match["lat"])
            & same_numbers(records["lon"], match["lon"])
            & same_numbers(records["survey_year"], match["survey_year"])
            & (records["attributes"].fillna("") == match["attributes"].fillna("")).to_numpy()
        )
        records["change"] = classify(match["id"].notna(), same)
        return records

    def write(self, conn: Connection, prepared: Prepared, changes: pd.DataFrame) -> set[tuple[str, int]]:
        new = changes[changes["change"] == "new"]
        if not new.empty:
            rows = new[STORED].astype(object).where(new[STORED].notna(), None).to_dict("records")
            for row in rows:
                row.update(source="import", is_synthetic=False, import_id=None)
            conn.execute(community_asset.insert(), rows)
        for row in changes[changes["change"] == "updated"].itertuples():
            conn.execute(
                community_asset.update()
                .where(community_asset.c.id == int(row.id))
                .values(
                    lat=None if pd.isna(row.lat) else float(row.lat),
                    lon=None if pd.isna(row.lon) else float(row.lon),
                    attributes=row.attributes,
                    survey_year=int(row.survey_year),
                    import_id=None,
                )
            )
        provinces = sorted({str(t)[:2] for t in changes.loc[changes["change"] != "unchanged", "tambon_code"]})
        if provinces:
            refresh_values(conn, provinces)
        return set()

    def stamp_import(self, conn: Connection, import_id: int) -> None:
        """The items this import wrote carry its log id (written after the log row exists)."""
        conn.execute(
            community_asset.update()
            .where(community_asset.c.import_id.is_(None), community_asset.c.is_synthetic.is_(False))
            .values(import_id=import_id, source=f"import {import_id}")
        )


def _keys(frame: pd.DataFrame) -> pd.Series:
    """One text key per item (category|tambon|village|name), a missing village written alike."""
    parts = [frame[c].astype(object).where(frame[c].notna(), "").astype(str) for c in KEY]
    parts[2] = parts[2].str.replace(r"\.0$", "", regex=True)
    return pd.Series(
        ["|".join(values) for values in zip(*parts, strict=True)], index=frame.index, dtype=object
    )
