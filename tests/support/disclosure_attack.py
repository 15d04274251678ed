"""An outsider's attack on the published figures: everything an anonymous viewer can read becomes
linear constraints on the unknown true tambon counts, and linear programming gives the feasible
interval of each hidden count.

What the outsider knows and uses:
- every published cell at every level (tambon, amphoe, province) and every area-set total is the sum
  of its tambons' numerators and denominators;
- the structure of the catalogue: indicators that share a numerator or denominator share a variable
  (`VARIABLES`), the four status classes add up to the classified households, a numerator never
  exceeds its denominator, counts are not negative;
- a shown count R is the true count rounded to 5, and the rule says counts 1-4 are never shown, so
  the true count lies in [max(R - 2, k), R + 2] (exactly 0 when R = 0);
- a hidden cell says nothing more ("<5" reads the same for a small count and for a cell hidden to
  protect one).
The LP relaxation is solved (scipy HiGHS); a width below 1 means the count is pinned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, vstack

STATUS = ("struggling", "hard", "getting_by", "well")
DIMENSIONS = ("health", "living", "education", "income", "access")

# indicator -> (numerator variable, denominator variable); None where the part is not a count.
VARIABLES: dict[str, tuple[str | None, str | None]] = {
    "households_surveyed": ("hh", None),
    "welfare_card_rate": ("welfare", "hh"),
    "people_surveyed": ("people", None),
    "target_poor_people": ("tp_people", None),
    "target_poor_rate": ("tp_people", "people"),
    **{f"tp_{d}_rate": (f"tp_{d}_people", "people") for d in DIMENSIONS},
    "target_poor_households": ("tp_hh", None),
    "referral_coverage": ("resolved", "tp_hh"),
    "referred_households": ("referred", None),
    "mpi_h": ("mpi_q", "mpi_n"),
    "mpi_a": (None, "mpi_q"),
    "mpi_m0": (None, "mpi_n"),
    **{f"status_{s}_share": (f"status_{s}", "classified") for s in STATUS},
    "income_per_person": (None, "income_people"),
}
# Variables that share a constraint are solved together; every other variable is a family of its own.
FAMILY = {
    "hh": "hh",
    "welfare": "hh",
    "people": "people",
    "tp_people": "people",
    "tp_hh": "tp_hh",
    "resolved": "tp_hh",
    "mpi_q": "mpi",
    "mpi_n": "mpi",
    "classified": "status",
    **{f"tp_{d}_people": "people" for d in DIMENSIONS},
    **{f"status_{s}": "status" for s in STATUS},
}


def variables_of(code: str, unit: str) -> tuple[str | None, str | None]:
    if code in VARIABLES:
        return VARIABLES[code]
    if code.startswith("bmn"):
        return f"{code}_fail", f"{code}_assessed"
    if code.startswith("capital_"):
        return None, f"{code}_scored"
    if code.startswith("asset_"):
        # Community assets are items, not households, published exactly: no household variable. The
        # denominator of "per 1,000 households" is the households surveyed, the `hh` variable itself,
        # so every published per-1,000 figure is one more constraint on the households cell (and a
        # figure shown under a hidden households count would pin it).
        return (None, "hh") if code.endswith("_per_1000hh") else (None, None)
    return (code, None) if unit == "count" else (None, None)


def family(variable: str) -> str:
    return FAMILY.get(variable, variable.rsplit("_", 1)[0])


@dataclass
class Cell:
    """One published count: the tambons it sums, its variable, year, what was shown, the truth."""

    tambons: tuple[str, ...]
    variable: str
    year: int
    shown: float | None  # None: hidden
    truth: float
    label: str


@dataclass
class Attack:
    k: int
    half_width: float = 2.0  # a shown count is within this of the truth (rounding to 5)
    cells: list[Cell] = field(default_factory=list)

    def add(self, published: pd.DataFrame, truth: pd.DataFrame, members: dict[str, tuple[str, ...]], units):
        """Published rows (area_code, indicator_code, year, numerator, denominator, suppressed) and the
        same rows unprotected; `members` maps an area code to its tambons."""
        truth = truth[truth["numerator"].notna() | truth["denominator"].notna()]
        merged = published.merge(
            truth[["area_code", "indicator_code", "year", "numerator", "denominator"]],
            on=["area_code", "indicator_code", "year"],
            suffixes=("", "_true"),
        )
        for row in merged.itertuples(index=False):
            numerator, denominator = variables_of(row.indicator_code, units.get(row.indicator_code, ""))
            for variable, shown, true in (
                (numerator, row.numerator, row.numerator_true),
                (denominator, row.denominator, row.denominator_true),
            ):
                if variable is None or pd.isna(true):
                    continue
                self.cells.append(
                    Cell(
                        members[row.area_code],
                        variable,
                        int(row.year),
                        None if row.suppressed else float(shown),
                        float(true),
                        f"{row.area_code} {row.indicator_code} {row.year} {variable}",
                    )
                )

    def targets(self) -> list[Cell]:
        """Hidden cells whose true count is small: what must not be pinned."""
        return [c for c in self.cells if c.shown is None and 0 < c.truth < self.k]

    def interval(self, target: Cell) -> tuple[float, float]:
        """(min, max) of the target's sum over everything published in its family and year."""
        cells = [
            c
            for c in self.cells
            if c.year == target.year
            and family(c.variable) == family(target.variable)
            and c.tambons[0][:2] == target.tambons[0][:2]
        ]
        index: dict[tuple[str, str], int] = {}
        for c in cells:
            for t in c.tambons:
                index.setdefault((t, c.variable), len(index))
        rows, cols, vals, lower, upper = [], [], [], [], []

        def constraint(terms, lo, hi):
            r = len(lower)
            for col, coef in terms:
                rows.append(r)
                cols.append(col)
                vals.append(coef)
            lower.append(lo)
            upper.append(hi)

        seen = set()
        for c in cells:
            if c.shown is None or (c.tambons, c.variable) in seen:
                continue
            seen.add((c.tambons, c.variable))
            lo, hi = self._shown_interval(c.shown)
            constraint([(index[(t, c.variable)], 1.0) for t in c.tambons], lo, hi)
        tambons = sorted({t for t, _ in index})
        for t in tambons:  # structure: parts within their wholes, the status partition
            for numerator, denominator in {v for v in VARIABLES.values() if v[0] and v[1]} | _bmn(index):
                if (t, numerator) in index and (t, denominator) in index:
                    constraint([(index[(t, numerator)], 1.0), (index[(t, denominator)], -1.0)], -np.inf, 0.0)
            parts = [(t, f"status_{s}") for s in STATUS]
            if all(p in index for p in parts) and (t, "classified") in index:
                terms = [(index[p], 1.0) for p in parts] + [(index[(t, "classified")], -1.0)]
                constraint(terms, 0.0, 0.0)
        size = len(index)
        matrix = coo_matrix((vals, (rows, cols)), shape=(len(lower), size)).tocsr()
        lower, upper = np.array(lower), np.array(upper)
        objective = np.zeros(size)
        for t in target.tambons:
            objective[index[(t, target.variable)]] = 1.0
        bounds = [(0, None)] * size
        found = []
        a_ub = vstack([matrix, -matrix]).tocsr()
        b_ub = np.concatenate([upper, -lower])
        keep = np.isfinite(b_ub)
        for sign in (1.0, -1.0):
            solved = linprog(
                sign * objective, A_ub=a_ub[keep], b_ub=b_ub[keep], bounds=bounds, method="highs"
            )
            if solved.status == 3:  # unbounded: nothing published caps it
                found.append(np.inf)
                continue
            assert solved.status == 0, f"the published figures must be consistent: {solved.message}"
            found.append(sign * solved.fun)
        return found[0], found[1]

    def _shown_interval(self, shown: float) -> tuple[float, float]:
        if shown == 0:
            return 0.0, 0.0
        return max(shown - self.half_width, self.k), shown + self.half_width

    def truth_is_feasible(self) -> bool:
        """Sanity of the model: the true counts satisfy every constraint from a shown cell."""
        for c in self.cells:
            if c.shown is None:
                continue
            lo, hi = self._shown_interval(c.shown)
            if not lo - 1e-9 <= c.truth <= hi + 1e-9:
                return False
        return True


def _bmn(index) -> set[tuple[str, str]]:
    return {(v, v.replace("_fail", "_assessed")) for _, v in index if v.endswith("_fail")}
