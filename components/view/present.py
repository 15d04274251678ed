"""What the presentation and the overview are about: `set` (an area set id) or `tambon` / `amphoe` /
`province` (the most specific wins), `year`, and the presentation's `slide` (1-based). The
presentation keeps its view in the link only (the deck steps in the browser); the overview in its
pickers. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from components.view.fields import EMPTY_IS_NONE, ZERO_IS_NONE, Field, Invalid, Screen, area_set, whole_number
from components.view.fields import year as parse_year
from components.view.geography import Geography


@dataclass(frozen=True)
class Target:
    kind: str  # "set", "area" or "country" (the overview)
    key: str  # set id as text, or an area code ("" for the country)

    def params(self) -> dict[str, str]:
        if self.kind == "set":
            return Geography(set=int(self.key)).params()
        if self.kind == "country":
            return Geography(province="all").params()
        return Geography.of_area(self.key).params()


def _any_area(level: str):
    """An area code of `level` the database has ("all" and "TH" name none)."""

    def parse(text: str, context) -> str | None:
        choices = context.choices
        known = {
            "province": choices.provinces,
            "amphoe": {a for amphoes in choices.amphoes.values() for a in amphoes},
            "tambon": choices.tambons,
        }[level]
        if text in ("", "all", "TH"):
            return None
        if text not in known:
            raise Invalid(text)
        return text

    return parse


def _slide(text: str, context) -> int:
    """A slide number; anything else is the first slide (the deck clamps it to its length)."""
    number = whole_number(text)
    return number if number is not None and number >= 1 else 1


@dataclass(frozen=True)
class PresentView:
    set: int | None = None
    province: str | None = None
    amphoe: str | None = None
    tambon: str | None = None
    year: int | None = None
    slide: int = 1

    @property
    def target(self) -> Target | None:
        if self.set is not None:
            return Target("set", str(self.set))
        code = self.tambon or self.amphoe or self.province
        return Target("area", code) if code else None

    def presenting(self, target: Target) -> PresentView:
        """This view about `target` (from its first slide)."""
        if target.kind == "set":
            return replace(self, set=int(target.key), province=None, amphoe=None, tambon=None, slide=1)
        place = Geography.of_area(target.key)
        return replace(
            self, set=None, province=place.province, amphoe=place.amphoe, tambon=place.tambon, slide=1
        )


def _latest(choices) -> int | None:
    return choices.latest_year


PRESENT = Screen(
    "present",
    PresentView,
    (
        Field("set", None, area_set),
        Field("province", None, _any_area("province")),
        Field("amphoe", None, _any_area("amphoe")),
        Field("tambon", None, _any_area("tambon")),
        Field("year", None, parse_year, default=_latest),
        Field("slide", None, _slide, default=1, write=str),
    ),
)


@dataclass(frozen=True)
class OverviewView:
    province: str | None = None
    year: int | None = None
    set: int | None = None

    @property
    def target(self) -> Target:
        if self.set is not None:
            return Target("set", str(self.set))
        return Target("area", self.province) if self.province else Target("country", "")


def _province_with_data(text: str, context) -> str | None:
    """A province with data; "all" (or "TH") is the whole country."""
    if text in ("all", "TH"):
        return None
    if text not in context.choices.provinces_with_data:
        raise Invalid(text)
    return text


def _normalise_overview(view: OverviewView, choices) -> OverviewView:
    known = view.province is None or view.province in choices.provinces_with_data
    province = view.province if known else choices.default_province
    year = view.year if view.year in choices.years else choices.latest_year
    return replace(view, province=province, year=year)


OVERVIEW = Screen(
    "overview",
    OverviewView,
    (
        Field(
            "province",
            "ov_province",
            _province_with_data,
            default=lambda c: c.default_province,
            write=lambda code: code or "all",
            widget=EMPTY_IS_NONE,
        ),
        Field("year", "ov_year", parse_year, default=_latest),
        Field("set", "set_ov", area_set, widget=ZERO_IS_NONE),
    ),
    _normalise_overview,
)
