"""Derive `sample_data/province_calibration.csv` from TPMAP's real 2561 province tables (test side only:
the real files are never shipped or read at run time).

    .venv/bin/python -m tests.support.province_calibration > sample_data/province_calibration.csv

`tests/test_province_calibration.py` derives it again and asserts the shipped file is exactly this.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

# Shipped column <- (file, real column). Counts of people unless the name says households.
COLUMNS = {
    "households": ("common", "household.CNT"),
    "people": ("common", "HOUSEMEMBER_CNT"),
    "welfare_card_people": ("common", "MOF_VAL_CNT"),
    "income_assessed_people": ("common", "indicator22.ALL"),
    "income_failed_people": ("common", "indicator22.CNT"),
    "target_poor": ("poor", "poor.JPT.MOFval.CNT"),
    "target_poor_health": ("poor", "poor.JPT.MOFval.health"),
    "target_poor_living": ("poor", "poor.JPT.MOFval.living"),
    "target_poor_education": ("poor", "poor.JPT.MOFval.education"),
    "target_poor_income": ("poor", "poor.JPT.MOFval.income"),
    "target_poor_access": ("poor", "poor.JPT.MOFval.accessibility"),
}


def derive(real_folder: Path) -> str:
    """The calibration CSV's text, one row per province of the real table, in code order."""
    files = {
        "common": _rows(real_folder / "61_province_common.csv"),
        "poor": _rows(real_folder / "61_province_11111.csv"),
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["province_code", *COLUMNS])
    for code in sorted(files["common"]):
        writer.writerow([code, *(int(files[f][code][column]) for f, column in COLUMNS.values())])
    return out.getvalue()


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["province_ID"]: row for row in csv.DictReader(handle)}


if __name__ == "__main__":
    from tests.support.real_data import REAL_DATA

    sys.stdout.write(derive(REAL_DATA))
