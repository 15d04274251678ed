"""TPMAP pairs -> long records (area, indicator, year, numerator, denominator), and the reconciliation
of a coarser level's file with the roll-up of the finer one.

Within a (year, level) group every common file and every target-poor file is stacked, then each
measure takes its numerator from its own part and its denominator from the common part, joined on the
ID. Each record keeps the file and row of both parts, so a problem on either rejects it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.rates import values_from_parts
from data_access.importer.kinds import same_numbers
from data_access.importer.tpmap_columns import (
    COUNTRY_CODE,
    PEOPLE,
    PUBLISHED_RATE,
    TARGET_POOR,
    measures_for,
)
from data_access.importer.tpmap_read import LEVEL_TH, TpmapFile

RECORD_COLUMNS = [
    "area_code", "indicator_code", "year", "numerator", "denominator", "file", "row", "file2", "row2",
]  # fmt: skip
RECONCILIATION_COLUMNS = [
    "year", "level", "area_code", "indicator_code", "file", "file_numerator", "file_denominator",
    "rollup_numerator", "rollup_denominator", "file_value", "rollup_value", "matches",
]  # fmt: skip
PREFIX = {"tambon": 6, "amphoe": 4, "province": 2}


@dataclass
class Part:
    """The stacked files of one part (common, or one bits suffix) of a (year, level) group."""

    wide: pd.DataFrame  # index: code; `_file`, `_row` and numeric columns
    files: list[TpmapFile] = field(default_factory=list)

    def file(self, name: str) -> TpmapFile:
        return next(f for f in self.files if f.name == name)


def stack(files: list[TpmapFile]) -> Part:
    """One frame for several files of the same part (e.g. both provinces' tambon common files); an ID
    given by two of them is an error on the second."""
    frames = []
    seen: dict[str, str] = {}
    for file in files:
        wide = file.wide.assign(_file=file.name)
        again = wide.index.isin(list(seen))
        if again.any():
            first = [seen[c] for c in wide.index[again]]
            file.problems.add(
                wide.loc[again, "_row"], file.id_column, list(wide.index[again]),
                [f"รหัสนี้มีอยู่แล้วในไฟล์ {f}" for f in first], [f"this ID is also in {f}" for f in first],
            )  # fmt: skip
            wide = wide[~again]
        seen.update(dict.fromkeys(wide.index, file.name))
        frames.append(wide)
    return Part(pd.concat(frames), files)


def group_records(
    year: int, common: Part | None, bits: dict[str, Part], catalogue: pd.DataFrame, notices: list
) -> pd.DataFrame:
    """Every measure of the group's files as long records (RECORD_COLUMNS plus `value`)."""
    pieces = []
    if common is not None:
        pieces.append(_measures(measures_for("common", None), common, common, year))
    for suffix, part in sorted(bits.items()):
        wanted = [m for m in measures_for("bits", suffix) if common is not None or not m.denominator]
        pieces.append(_measures(wanted, part, common, year))
        if common is None:
            notices.append(
                (
                    f"ไม่มีไฟล์ _common คู่กับ {', '.join(f.name for f in part.files)}: นำเข้าเฉพาะจำนวนนับ "
                    "อัตรา (ร้อยละ) ต้องใช้จำนวนคนที่สำรวจจากไฟล์ _common",
                    f"No _common file beside {', '.join(f.name for f in part.files)}: only the counts are "
                    "imported; the rates need the people surveyed from the _common file",
                )
            )
        elif PUBLISHED_RATE in part.wide and TARGET_POOR in part.wide:
            _check_published_rate(part, common)
    pieces = [p for p in pieces if not p.empty]
    if not pieces:
        return pd.DataFrame(columns=[*RECORD_COLUMNS, "value"])
    return with_values(pd.concat(pieces, ignore_index=True), catalogue)


def with_values(records: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    meta = catalogue.set_index("code").reindex(records["indicator_code"])
    records = records.copy()
    records["value"] = values_from_parts(
        records["numerator"].reset_index(drop=True),
        records["denominator"].reset_index(drop=True),
        meta["aggregation"].to_numpy(),
        meta["scale"].to_numpy(dtype=float),
    ).to_numpy()
    return records


def _measures(measures: list, numerators: Part, denominators: Part | None, year: int) -> pd.DataFrame:
    """The measures whose columns the part has, all at once: one record per ID and measure."""
    wide = numerators.wide
    measures = [
        m for m in measures
        if m.numerator in wide and (m.denominator is None or m.denominator in denominators.wide)
    ]  # fmt: skip
    if not measures or wide.empty:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    rows, count = len(wide), len(measures)
    numerator = wide[[m.numerator for m in measures]].to_numpy(dtype=float)
    denominator = np.full((rows, count), np.nan)
    file2 = np.full(rows, "", dtype=object)
    row2 = np.zeros(rows, dtype=int)
    has_rate = any(m.denominator for m in measures)
    missing = np.zeros(rows, dtype=bool)
    if has_rate:
        den = denominators.wide.reindex(wide.index)
        for j, m in enumerate(measures):
            if m.denominator:
                denominator[:, j] = den[m.denominator].to_numpy(dtype=float)
        file2 = den["_file"].fillna("").to_numpy(dtype=object)
        row2 = den["_row"].fillna(0).astype(int).to_numpy()
        missing = den["_file"].isna().to_numpy()
        if missing.any():
            _no_common_row(numerators, wide[missing])
    is_rate = np.array([m.denominator is not None for m in measures])
    frame = pd.DataFrame(
        {
            "area_code": np.tile(wide.index.to_numpy(dtype=object), count),
            "indicator_code": np.repeat([m.indicator_code for m in measures], rows),
            "year": year,
            "numerator": numerator.ravel(order="F"),
            "denominator": denominator.ravel(order="F"),
            "file": np.tile(wide["_file"].to_numpy(dtype=object), count),
            "row": np.tile(wide["_row"].to_numpy(dtype=int), count),
            "file2": np.where(np.repeat(is_rate, rows), np.tile(file2, count), ""),
            "row2": np.where(np.repeat(is_rate, rows), np.tile(row2, count), 0),
        }
    )
    return frame[~(np.tile(missing, count) & np.repeat(is_rate, rows))]


def _no_common_row(part: Part, rows: pd.DataFrame) -> None:
    for name, group in rows.groupby("_file"):
        file = part.file(name)
        file.problems.add(
            group["_row"], file.id_column, list(group.index),
            f"ไม่มีรหัสนี้ในไฟล์ _common ระดับ{LEVEL_TH[file.level]} จึงคำนวณอัตราไม่ได้ (ต้องใช้ {PEOPLE})",
            f"this ID is not in the {file.level} _common file, so its rates cannot be computed "
            f"(they need {PEOPLE})",
        )  # fmt: skip


def _check_published_rate(part: Part, common: Part) -> None:
    """TPMAP's own rate column must agree with target poor / people surveyed from the pair."""
    people = common.wide[PEOPLE].reindex(part.wide.index)
    computed = 100 * part.wide[TARGET_POOR] / people.where(people > 0)
    published = part.wide[PUBLISHED_RATE]
    wrong = published.notna() & computed.notna() & ((published - computed).abs() > 1e-6)
    for name, group in part.wide[wrong.to_numpy()].groupby("_file"):
        file = part.file(name)
        expected = computed.loc[group.index]
        file.problems.add(
            group["_row"], PUBLISHED_RATE, list(group[PUBLISHED_RATE]),
            [f"ไม่ตรงกับ {TARGET_POOR} ÷ {PEOPLE} × 100 (= {v:.6f})" for v in expected],
            [f"differs from {TARGET_POOR} / {PEOPLE} × 100 (= {v:.6f})" for v in expected],
        )  # fmt: skip


def village_sums(village_bits: dict[str, Part]) -> dict[str, Part]:
    """The village target-poor files summed per tambon (code[:6]), as if they were tambon files."""
    summed = {}
    for suffix, part in village_bits.items():
        numeric = part.wide.drop(columns=["_file", "_row"]).drop(columns=[PUBLISHED_RATE], errors="ignore")
        by_tambon = numeric.groupby(numeric.index.str[:6]).sum(min_count=1)
        by_tambon["_file"] = part.files[0].name
        by_tambon["_row"] = 0  # a sum of rows: rejected village rows are already empty in it
        summed[suffix] = Part(by_tambon, part.files)
    return summed


def rollup(records: pd.DataFrame, level: str, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Tambon records summed to `level` (sum of numerators over sum of denominators, as everywhere)."""
    codes = records["area_code"].str[: PREFIX[level]] if level in PREFIX else COUNTRY_CODE
    summed = (
        records.assign(area_code=codes)
        .groupby(["area_code", "indicator_code", "year"], as_index=False)[["numerator", "denominator"]]
        .sum(min_count=1)
    )
    return with_values(summed, catalogue)


def reconcile(
    coarse: pd.DataFrame, fine: pd.DataFrame, level: str, catalogue: pd.DataFrame, covered: set[str]
) -> pd.DataFrame:
    """One row per area and indicator of the coarser file that the finer data covers: the file's
    parts, the roll-up's parts, and whether both numerator and denominator agree."""
    coarse = coarse[coarse["area_code"].isin(covered)]
    rolled = fine if level == "tambon" else rollup(fine, level, catalogue)
    merged = coarse.merge(
        rolled[["area_code", "indicator_code", "year", "numerator", "denominator", "value"]],
        on=["area_code", "indicator_code", "year"],
        how="left",
        suffixes=("", "_rollup"),
    )
    matches = same_numbers(merged["numerator"], merged["numerator_rollup"]) & same_numbers(
        merged["denominator"], merged["denominator_rollup"]
    )
    return pd.DataFrame(
        {
            "year": merged["year"].astype(int),
            "level": level,
            "area_code": merged["area_code"],
            "indicator_code": merged["indicator_code"],
            "file": merged["file"],
            "file_numerator": merged["numerator"],
            "file_denominator": merged["denominator"],
            "rollup_numerator": merged["numerator_rollup"],
            "rollup_denominator": merged["denominator_rollup"],
            "file_value": merged["value"],
            "rollup_value": merged["value_rollup"],
            "matches": matches.to_numpy(dtype=bool),
        }
    )[RECONCILIATION_COLUMNS]
