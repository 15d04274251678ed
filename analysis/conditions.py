"""Conditions across indicators ("target_poor_rate > 5 and bmn60_09 > 10") that find areas.

A condition is parsed against a whitelist of indicator codes and operators and then evaluated on a
wide table in pandas: names and values never reach SQL, so nothing typed can change a query. The
text form is what the URL carries: `target_poor_rate>5;bmn60_09>=10` (`;` or ` and ` between parts).
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

OPERATORS: dict[str, Callable] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "=": operator.eq,
    "!=": operator.ne,
}
MAX_CONDITIONS = 8
MAX_TEXT = 600
_PART = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]{0,63})\s*(>=|<=|!=|>|<|=)\s*(\S+)\s*$")
_SPLIT = re.compile(r";|\s+and\s+|\s+และ\s+", re.IGNORECASE)


class ConditionError(ValueError):
    """A condition that cannot be used, with the reason in Thai and English."""

    def __init__(self, message_th: str, message_en: str):
        super().__init__(message_en)
        self.message_th = message_th
        self.message_en = message_en


@dataclass(frozen=True)
class Condition:
    indicator: str
    op: str
    value: float

    def text(self) -> str:
        return f"{self.indicator}{self.op}{self.value:g}"


def make_condition(indicator: str, op: str, value: float | str, allowed: Collection[str]) -> Condition:
    """A checked condition: a known indicator, a whitelisted operator and a finite number.

    >>> make_condition("target_poor_rate", ">", "5", {"target_poor_rate"})
    Condition(indicator='target_poor_rate', op='>', value=5.0)
    """
    if indicator not in allowed:
        shown = str(indicator)[:40]
        raise ConditionError(f"ไม่รู้จักตัวชี้วัด '{shown}'", f"Unknown indicator '{shown}'")
    if op not in OPERATORS:
        valid = " ".join(OPERATORS)
        raise ConditionError(
            f"เครื่องหมาย '{str(op)[:10]}' ใช้ไม่ได้ (ใช้ได้: {valid})",
            f"Operator '{str(op)[:10]}' is not allowed (valid: {valid})",
        )
    try:
        number = float(str(value).replace(",", "").removesuffix("%"))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        shown = str(value)[:40]
        raise ConditionError(
            f"ค่า '{shown}' ของ {indicator} ไม่ใช่ตัวเลข", f"Value '{shown}' for {indicator} is not a number"
        )
    return Condition(indicator, op, number)


def parse_conditions(text: str, allowed: Collection[str]) -> list[Condition]:
    """Conditions from their text form; raises ConditionError naming the part that is wrong.

    >>> [c.text() for c in parse_conditions("a>5; b<=2.5", {"a", "b"})]
    ['a>5', 'b<=2.5']
    """
    if len(text) > MAX_TEXT:
        raise ConditionError("เงื่อนไขยาวเกินไป", "The conditions are too long")
    parts = [part for part in _SPLIT.split(text) if part.strip()]
    if len(parts) > MAX_CONDITIONS:
        raise ConditionError(f"ใส่เงื่อนไขได้ไม่เกิน {MAX_CONDITIONS} ข้อ", f"At most {MAX_CONDITIONS} conditions")
    conditions = []
    for number, part in enumerate(parts, start=1):
        match = _PART.match(part)
        if not match:
            shown = part.strip()[:60]
            raise ConditionError(
                f"เงื่อนไขข้อ {number} '{shown}' อ่านไม่ได้ (รูปแบบ: รหัสตัวชี้วัด > ตัวเลข)",
                f"Condition {number} '{shown}' cannot be read (form: indicator_code > number)",
            )
        conditions.append(make_condition(*match.groups(), allowed=allowed))
    return conditions


def conditions_text(conditions: Sequence[Condition]) -> str:
    return ";".join(c.text() for c in conditions)


def matches(wide: pd.DataFrame, conditions: Sequence[Condition]) -> pd.Series:
    """True where an area meets every condition. A missing value never matches: an area without data
    is not reported as meeting (or failing) a threshold it was never measured against."""
    result = pd.Series(True, index=wide.index)
    for condition in conditions:
        column = pd.to_numeric(wide[condition.indicator], errors="coerce")
        values = column.to_numpy(dtype=float)
        # Compare as shown (rounded to 10 decimals), so 5.0 computed as 4.9999999999 still equals 5.
        hit = OPERATORS[condition.op](np.round(values, 10), condition.value) & ~np.isnan(values)
        result &= hit
    return result
