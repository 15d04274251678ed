"""Municipal units and villages written into a writable copy of the seeded demo, as the TPMAP import
will write them: a unit is a tambon-level area under its amphoe (tambon part >= 51) with a
`municipal_area` row; villages split a tambon's stored numerators and denominators so that they add
up to the tambon exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from data_access.schema import area, indicator_value, municipal_area, village, village_value
from tests.support import writable_db
from tests.support.household_db import SEEDED_TEMPLATE

UNIT = "330151"  # a municipal unit of Mueang Si Sa Ket (3301), its numbers copied from COPIED
COPIED = "330102"
COVERING_UNIT = "330152"  # a second unit, tied by the mapping file to the polygon of COVERED
COVERED = "330103"
TAMBON = "330101"  # the tambon with villages
VILLAGES = (("33010101", 1, "บ้านหนึ่ง"), ("33010102", 2, None), ("3301010302", 3, None))
SHARES = (0.5, 0.3)  # the first two villages' shares; the third has the rest
YEAR = 2566


def add_levels(engine: Engine) -> None:
    """Two municipal units and three villages (all indicators, YEAR) under amphoe 3301."""
    with engine.begin() as conn:
        for code, name in ((UNIT, "หน่วยเทศบาล 330151 (อ.เมืองศรีสะเกษ)"), (COVERING_UNIT, "หน่วยเทศบาล 330152")):
            conn.execute(
                insert(area).values(
                    code=code, level="tambon", parent_code="3301", province_code="33",
                    name_th=name, name_en=f"Municipal unit {code}",
                )
            )  # fmt: skip
            source = select(indicator_value).where(indicator_value.c.area_code == COPIED)
            rows = [dict(r._mapping) | {"area_code": code} for r in conn.execute(source)]
            conn.execute(insert(indicator_value), rows)
        conn.execute(
            insert(municipal_area),
            [
                {"area_code": UNIT, "covers_tambon": None, "source": "test"},
                {"area_code": COVERING_UNIT, "covers_tambon": COVERED, "source": "test mapping"},
            ],
        )
        conn.execute(
            insert(village),
            [{"code": c, "tambon_code": TAMBON, "moo": moo, "name_th": name} for c, moo, name in VILLAGES],
        )
        stored = conn.execute(
            select(indicator_value).where(
                indicator_value.c.area_code == TAMBON, indicator_value.c.year == YEAR
            )
        ).all()
        rows = []
        for row in stored:
            for index, (code, _, _) in enumerate(VILLAGES):
                numerator, denominator = _share(row.numerator, index), _share(row.denominator, index)
                rows.append(
                    {
                        "village_code": code, "indicator_code": row.indicator_code, "year": YEAR,
                        "numerator": numerator, "denominator": denominator, "value": None,
                    }
                )  # fmt: skip
        conn.execute(insert(village_value), rows)


def _share(total: float | None, index: int) -> float | None:
    """The village's part of `total`: whole shares of whole numbers, the last village the rest."""
    if total is None:
        return None
    whole = float(total).is_integer()
    parts = [float(int(total * s)) if whole else total * s for s in SHARES]
    return parts[index] if index < len(parts) else total - sum(parts)


@pytest.fixture
def levels_db(request, tmp_path) -> Iterator[Engine]:
    """The small demo with municipal units and villages, in a SQLite database of this test's own."""
    template: Path = request.getfixturevalue("seeded_sqlite_template")
    with writable_db.copy_of("sqlite", template, tmp_path, SEEDED_TEMPLATE) as engine:
        add_levels(engine)
        yield engine


@pytest.fixture
def levels_writable_db(seeded_writable_db) -> Engine:
    """As `levels_db`, on every backend (SQLite and PostgreSQL)."""
    add_levels(seeded_writable_db)
    return seeded_writable_db
