"""Where a view is: province, amphoe, tambon (codes), level, survey year and area set, with the same
names and rules on every page, so a link opens the same area on the map, the table and back.

`geography_fields` gives a screen these fields under its own widget keys; `Geography` writes the
place part of a link to another page. Pure (no Streamlit).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from analysis.levels import LEVELS
from components.view.fields import EMPTY_IS_NONE, SAME, ZERO_IS_NONE, Codec, Context, Field, Invalid, one_of
from components.view.fields import area_set as parse_set
from components.view.fields import year as parse_year


@dataclass(frozen=True)
class Choices:
    """What the database offers: valid codes and defaults."""

    provinces: list[str]  # provinces with data first
    provinces_with_data: set[str]
    amphoes: dict[str, list[str]]  # province -> its amphoe codes
    tambons: set[str]
    indicators: list[str]
    years: list[int]
    asset_categories: tuple[str, ...] = ()  # community-asset categories, in the catalogue's order

    @property
    def default_province(self) -> str | None:
        return self.provinces[0] if self.provinces_with_data else None

    @property
    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None


def choices_from(
    areas, provinces_with_data, indicators: list[str], years: list[int], asset_categories=()
) -> Choices:
    """Choices from the area list (code, level, parent_code), the provinces with data, the catalogue's
    codes, the survey years and the community-asset categories: provinces with data first."""
    with_data = set(provinces_with_data)
    provinces = areas.loc[areas["level"] == "province", "code"].tolist()
    provinces.sort(key=lambda code: (code not in with_data, code))
    amphoes = areas[areas["level"] == "amphoe"]
    return Choices(
        provinces=provinces,
        provinces_with_data=with_data,
        amphoes=amphoes.groupby("parent_code")["code"].apply(list).to_dict(),
        tambons=set(areas.loc[areas["level"] == "tambon", "code"]),
        indicators=list(indicators),
        years=list(years),
        asset_categories=tuple(asset_categories),
    )


@dataclass(frozen=True)
class Geography:
    """The place and year of a view, as a link to any page carries them."""

    province: str | None = None
    amphoe: str | None = None
    tambon: str | None = None
    level: str | None = None
    year: int | None = None
    set: int | None = None
    lang: str | None = None

    @classmethod
    def of_area(cls, code: str, **changes) -> Geography:
        """A province, amphoe or tambon by its code (its parents follow from the code)."""
        return cls(
            province=code[:2],
            amphoe=code[:4] if len(code) >= 4 else None,
            tambon=code if len(code) == 6 else None,
            **changes,
        )

    def params(self) -> dict[str, str]:
        """Link parameters: only what is set (an area set stands alone: its link names no area)."""
        if self.set is not None:
            chosen = {"set": str(self.set)}
        else:
            chosen = {name: getattr(self, name) for name in ("province", "amphoe", "tambon", "level")}
        chosen |= {"year": self.year, "lang": self.lang}
        return {name: str(value) for name, value in chosen.items() if value is not None}


# --- parsers of the place, in table order: province, amphoe, tambon


def province(text: str, context: Context) -> str | None:
    """A province code; "", "all" or "TH" is the whole country."""
    if text in ("", "all", "TH"):
        return None
    if text not in context.choices.provinces:
        raise Invalid(text)
    return text


def amphoe(text: str, context: Context) -> str | None:
    """An amphoe of the province read before it."""
    if not text:
        return None
    chosen = context.value("province")
    if not chosen or text not in context.choices.amphoes.get(chosen, []):
        raise Invalid(text)
    return text


def tambon(text: str, context: Context) -> str | None:
    """A tambon of the province read before it."""
    if not text:
        return None
    chosen = context.value("province")
    if not chosen or text not in context.choices.tambons or not text.startswith(chosen):
        raise Invalid(text)
    return text


def geography_fields(
    prefix: str,
    *,
    levels=LEVELS,
    level: str | None = "tambon",
    tambon_widget: Codec = SAME,
    tambon_shown=lambda view: True,
    tambon_field: bool = True,
) -> tuple[Field, ...]:
    """The place and year of a screen under its widget keys `<prefix>_province` ...; `level=None`
    leaves the level out (the screen has none)."""
    place = [
        Field(
            "province",
            f"{prefix}_province",
            province,
            default=lambda choices: choices.default_province,
            write=lambda code: code or "all",
            widget=EMPTY_IS_NONE,
        ),
        Field("amphoe", f"{prefix}_amphoe", amphoe, widget=EMPTY_IS_NONE),
    ]
    if tambon_field:
        place.append(Field("tambon", f"{prefix}_tambon", tambon, widget=tambon_widget, shown=tambon_shown))
    if level is not None:
        place.append(Field("level", f"{prefix}_level", one_of(levels), default=level))
    place.append(Field("year", f"{prefix}_year", parse_year, default=lambda choices: choices.latest_year))
    return tuple(place)


def set_field(key: str) -> Field:
    """The `set` parameter: an area set whose areas the page keeps (a selectbox of ids, 0 for none)."""
    return Field("set", key, parse_set, widget=ZERO_IS_NONE)


# --- the place's rules, shared by the map, the table and the explorer


def normalise_area(view, choices: Choices):
    """Make the place agree: an amphoe belongs to the province and forces tambon level; a tambon lies
    in the view; a country view has no amphoe or tambon; a province has no province level; the year
    exists. `view` is any view with these attributes (a missing one is left alone)."""
    has = {f.name for f in fields(view)}
    province_code = view.province if view.province in choices.provinces else None
    amphoe_code = (
        view.amphoe if province_code and view.amphoe in choices.amphoes.get(province_code, []) else None
    )
    tambon_code = getattr(view, "tambon", None)
    tambon_code = tambon_code if province_code and tambon_code in choices.tambons else None
    if tambon_code and not tambon_code.startswith(amphoe_code or province_code):
        tambon_code = None
    level_name = getattr(view, "level", "tambon")
    level_name = level_name if level_name in LEVELS else "tambon"
    if province_code and level_name == "province":
        level_name = "amphoe"
    if amphoe_code or tambon_code:
        level_name = "tambon"
    if tambon_code and not amphoe_code:
        amphoe_code = tambon_code[:4]
    year_value = view.year if view.year in choices.years else choices.latest_year
    changes = {"province": province_code, "amphoe": amphoe_code, "year": year_value}
    if "tambon" in has:
        changes["tambon"] = tambon_code
    if "level" in has:
        changes["level"] = level_name
    return replace(view, **changes)


def apply_click(view, code: str, choices: Choices, normalise=normalise_area):
    """Clicking an area drills down: a province opens its amphoe, an amphoe its tambons, a tambon its
    detail panel."""
    if len(code) == 2 and code in choices.provinces:
        return normalise(replace(view, province=code, amphoe=None, tambon=None, level="amphoe"), choices)
    if len(code) == 4:
        return normalise(replace(view, province=code[:2], amphoe=code, tambon=None, level="tambon"), choices)
    if len(code) == 6:
        return normalise(replace(view, province=code[:2], tambon=code), choices)
    return view


def up_one_level(view):
    """Tambon detail -> its amphoe; amphoe -> its province; province -> the country."""
    if view.tambon:
        return replace(view, tambon=None)
    if view.amphoe:
        return replace(view, amphoe=None, level="amphoe")
    if view.province:
        return replace(view, province=None, level="province")
    return view


def map_extent(view) -> tuple[str, str | None, str]:
    """(level shown, parent code for the roll-up, code prefix the browser keeps) for the view."""
    if view.amphoe:
        return "tambon", view.amphoe, view.amphoe
    if view.province:
        return view.level, view.province, view.province
    return view.level, None, ""
