"""Row-level problems: row number as the spreadsheet shows it, column, value, problem in Thai and English.

Checks are vectorised, so a check adds many rows at once: `problems.add(rows, column, values, th, en)`.
The download (`errors_csv`) is UTF-8 with a BOM so Excel opens Thai text correctly, and any echoed
value that a spreadsheet would run as a formula is defused first.
"""

from __future__ import annotations

import io

import pandas as pd

from analysis.text_safety import safe_text

ERROR_COLUMNS = ["row", "column", "value", "problem_th", "problem_en"]
ERROR_HEADERS = ["แถว / row", "คอลัมน์ / column", "ค่า / value", "ปัญหา", "problem"]


class Problems:
    """Collects problems from many checks; `frame()` gives them sorted by row, then column."""

    def __init__(self) -> None:
        self._frames: list[pd.DataFrame] = []

    def add(self, rows, column, values, problem_th, problem_en) -> None:
        """`rows`: spreadsheet row numbers; `column`, `values`, `problem_*`: one, or one per row."""
        rows = list(rows)
        if not rows:
            return
        self._frames.append(
            pd.DataFrame(
                {
                    "row": pd.array(rows, dtype="int64"),
                    "column": _as_list(column, len(rows)),
                    "value": _as_list(values, len(rows)),
                    "problem_th": _as_list(problem_th, len(rows)),
                    "problem_en": _as_list(problem_en, len(rows)),
                }
            )
        )

    def extend(self, other: Problems) -> None:
        self._frames.extend(other._frames)

    def frame(self) -> pd.DataFrame:
        if not self._frames:
            return pd.DataFrame(
                {c: pd.Series(dtype="int64" if c == "row" else object) for c in ERROR_COLUMNS}
            )
        frame = pd.concat(self._frames, ignore_index=True)
        frame["value"] = frame["value"].astype(object).where(frame["value"].notna(), "").astype(str)
        return frame.sort_values(["row", "column"], kind="stable", ignore_index=True)


def _as_list(values, length: int) -> list:
    if isinstance(values, (pd.Series, pd.Index, list, tuple)):
        values = list(values)
        if len(values) != length:
            raise ValueError("one value per row, or a single value")
        return values
    return [values] * length


def errors_csv(errors: pd.DataFrame) -> bytes:
    """The error report as a CSV download (UTF-8 with BOM), with Thai and English headers."""
    # A set of files imported together (TPMAP) names the file of each row first.
    by_file = "file" in errors.columns
    out = errors[(["file"] if by_file else []) + ERROR_COLUMNS].copy()
    for column in ("file", "column", "value") if by_file else ("column", "value"):
        out[column] = out[column].astype(str).map(safe_text)
    out.columns = (["ไฟล์ / file"] if by_file else []) + ERROR_HEADERS
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def formula_first(errors: pd.DataFrame, formulas: list[tuple[int, str, str]]) -> pd.DataFrame:
    """A formula cell is reported as a formula, not also as "not a number" by the column's own check."""
    if not formulas:
        return errors
    cells = {(row, column) for row, column, _ in formulas}
    is_formula_cell = [(r, c) in cells for r, c in zip(errors["row"], errors["column"])]
    is_formula_message = errors["problem_en"].str.startswith("is a formula")
    return errors[~(pd.Series(is_formula_cell, index=errors.index) & ~is_formula_message)].reset_index(
        drop=True
    )
