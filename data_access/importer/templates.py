"""Downloadable templates (CSV and XLSX) whose example rows use real areas and indicators from the
database, so a template imported unchanged passes every check (the tests do exactly that)."""

from __future__ import annotations

import io

import pandas as pd
from sqlalchemy import Engine, select

from analysis.capitals import CAPITAL_COLUMNS
from analysis.errors import DataError
from data_access.importer.kind_catalogue import COLUMNS as CATALOGUE_COLUMNS
from data_access.importer.kind_households import deprivation_specs
from data_access.importer.kinds import Context
from data_access.importer.validate import latest_year
from data_access.schema import area

PREFERRED_TAMBON = "330105"  # จาน, Mueang Si Sa Ket: one of the MOU tambons


def template_frame(engine: Engine, kind: str, layout: str = "long") -> pd.DataFrame:
    """Headers and example rows for `kind` ('indicators' with layout 'long' or 'wide', 'households',
    'referrals', 'catalogue')."""
    with engine.connect() as conn:
        context = Context(conn)
        place = _example_tambon(conn)
        catalogue = context.catalogue
    year = latest_year() - 2
    names = {
        "area_code": place["code"],
        "province": place["province"],
        "amphoe": place["amphoe"],
        "tambon": place["name_th"],
    }
    if kind == "indicators" and layout == "long":
        return pd.DataFrame(
            [
                {
                    **names,
                    "year": year,
                    "indicator": "target_poor_rate",
                    "numerator": 37,
                    "denominator": 1520,
                    "value": "2.43",
                },
                {
                    **names,
                    "year": year,
                    "indicator": "households_surveyed",
                    "numerator": 512,
                    "denominator": "",
                    "value": "",
                },
            ]
        )
    if kind == "indicators":
        return pd.DataFrame(
            [{"area_code": place["code"], "year": year, "households_surveyed": 512,
              "target_poor_rate_numerator": 37,
              "target_poor_rate_denominator": 1520, "target_poor_rate": "2.43%"}]
        )  # fmt: skip
    if kind in ("households", "referrals"):
        flags = [s.name for s in deprivation_specs(catalogue)]
        example = {"household_key": "hh-demo-0001", "year": year, **names, "village_no": 3, "members": 4,
                   "income_per_person": "41,250", **dict.fromkeys(CAPITAL_COLUMNS, 3), "welfare_card": 1,
                   **dict.fromkeys(flags, 0)}  # fmt: skip
        if flags:
            example[flags[0]] = 1
            example[flags[-1]] = ""  # blank: not assessed
        second = {
            **example,
            "household_key": "hh-demo-0002",
            "members": 2,
            "welfare_card": 0,
            "capital_social": "",
        }
        if kind == "households":
            return pd.DataFrame([example, second])
        return pd.DataFrame(
            [{"household_key": "hh-demo-0001", "year": year, "agency": "องค์การบริหารส่วนตำบล",
              "kind": "ซ่อมแซมที่อยู่อาศัย", "status": "resolved", "referred_on": f"15/01/{year}",
              "resolved_on": f"20/03/{year}", "note": "ตัวอย่าง"}]
        )  # fmt: skip
    if kind == "catalogue":
        return pd.DataFrame(
            [{"code": "example_rate", "set_version": "local-2567", "name_th": "ตัวอย่างร้อยละ",
              "name_en": "Example rate",
              "dimension": "overview", "unit": "percent", "polarity": "higher_worse", "aggregation": "ratio",
              "scale": 100, "is_deprivation": 0, "bmn_number": "", "description_th": "ตัวอย่าง",
              "description_en": "Example", "source": "สำนักงานตำบล"}],
            columns=[c.name for c in CATALOGUE_COLUMNS],
        )  # fmt: skip
    raise DataError(f"ไม่มีแม่แบบสำหรับ '{kind}'", f"no template for '{kind}'")


def template_csv(engine: Engine, kind: str, layout: str = "long") -> bytes:
    """The template as CSV, UTF-8 with BOM (Excel shows Thai correctly)."""
    return template_frame(engine, kind, layout).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def template_xlsx(engine: Engine, kind: str, layout: str = "long") -> bytes:
    """The template as an XLSX workbook: the data sheet first (the importer reads the first sheet)."""
    from openpyxl import Workbook

    frame = template_frame(engine, kind, layout)
    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([("" if pd.isna(v) else v) for v in row])
    for cell in sheet[1]:
        cell.number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _example_tambon(conn) -> dict[str, str]:
    tambon = area.alias("tambon")
    amphoe = area.alias("amphoe")
    province = area.alias("province")
    statement = (
        select(
            tambon.c.code,
            tambon.c.name_th,
            amphoe.c.name_th.label("amphoe"),
            province.c.name_th.label("province"),
        )
        .join(amphoe, amphoe.c.code == tambon.c.parent_code)
        .join(province, province.c.code == amphoe.c.parent_code)
        .where(tambon.c.level == "tambon")
    )
    row = conn.execute(statement.where(tambon.c.code == PREFERRED_TAMBON)).mappings().first()
    row = row or conn.execute(statement.order_by(tambon.c.code).limit(1)).mappings().first()
    if row is None:
        raise DataError("ยังไม่มีข้อมูลพื้นที่ในฐานข้อมูล", "no areas in the database yet")
    return dict(row)
