"""The poverty page's view: province, amphoe, tambon and year as on every page, the area set, and the
MPI settings: `cutoff` (k) and `weights` (relative dimension weights in TPMAP order). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.tambon_indicators import DEFAULT_MPI_CUTOFF, TPMAP_DIMENSIONS
from components.view.fields import EMPTY_IS_NONE, Codec, Field, Invalid, Screen
from components.view.geography import geography_fields, normalise_area, set_field

EQUAL_WEIGHTS = (1.0,) * len(TPMAP_DIMENSIONS)
WEIGHT_KEYS = {d: f"pov_weight_{d}" for d in TPMAP_DIMENSIONS}


@dataclass(frozen=True)
class PovertyView:
    province: str | None = None
    amphoe: str | None = None
    tambon: str | None = None
    year: int | None = None
    cutoff: float = DEFAULT_MPI_CUTOFF
    weights: tuple[float, ...] = EQUAL_WEIGHTS
    set: int | None = None

    @property
    def area_code(self) -> str | None:
        return self.tambon or self.amphoe or self.province


def _cutoff(text: str, context) -> float:
    try:
        cutoff = float(text)
    except ValueError:
        raise Invalid(text) from None
    if not 0.05 <= cutoff <= 1:
        raise Invalid(text)
    return cutoff


def _weights(text: str, context) -> tuple[float, ...]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        raise Invalid(text) from None
    if len(values) != len(TPMAP_DIMENSIONS) or any(not 0 <= v <= 10 for v in values):
        raise Invalid(text)
    return values


POVERTY = Screen(
    "poverty",
    PovertyView,
    (
        *geography_fields("pov", level=None, tambon_widget=EMPTY_IS_NONE),
        Field(
            "cutoff",
            "pov_cutoff",
            _cutoff,
            default=DEFAULT_MPI_CUTOFF,
            write=lambda k: None if k == DEFAULT_MPI_CUTOFF else f"{k:g}",
            widget=Codec(float, float),
        ),
        Field(
            "weights",
            tuple(WEIGHT_KEYS.values()),
            _weights,
            default=EQUAL_WEIGHTS,
            write=lambda w: None if all(v == 1.0 for v in w) else ",".join(f"{v:g}" for v in w),
            widget=Codec(tuple, lambda values: tuple(float(v) for v in values)),
        ),
        set_field("set_pov"),
    ),
    normalise_area,
)
