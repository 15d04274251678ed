"""A screen's view as a declared table of fields: the URL name, the widget key that holds it, the
parser that checks a link's text, the default, and how it goes back to the URL.

Pure (no Streamlit). `parse_params` turns link parameters into a valid view and (name, value) notices
for what it had to ignore; `view_params` turns a view back into parameters, so a link round-trips.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any


class Invalid(ValueError):
    """A link value that cannot be used: the field keeps its default and the page shows a notice."""


class PartlyInvalid(Invalid):
    """Part of a list was bad: the good part (`kept`, unless None) is used and the page warned."""

    def __init__(self, text: str, kept):
        super().__init__(text)
        self.kept = kept


@dataclass(frozen=True)
class Context:
    """What a parser may look at: the database's choices, the area sets, and the fields read so far
    (or their defaults), for rules such as "the amphoe lies in the province"."""

    choices: Any
    sets: Collection[int]
    values: Mapping[str, Any]

    def value(self, name: str):
        return self.values.get(name)


Parser = Callable[[str, Context], Any]


@dataclass(frozen=True)
class Codec:
    """A view value as its widget holds it and back (a selectbox shows None badly, so "" or 0)."""

    to_widget: Callable[[Any], Any] = lambda value: value
    from_widget: Callable[[Any], Any] = lambda value: value


SAME = Codec()
EMPTY_IS_NONE = Codec(lambda value: value or "", lambda value: value or None)
ZERO_IS_NONE = Codec(lambda value: value or 0, lambda value: value or None)
AS_LIST = Codec(list, lambda value: tuple(value or ()))
AS_FLAG = Codec(bool, bool)
AS_TEXT = Codec(str, lambda value: str(value or ""))


def text_or_none(value) -> str | None:
    """The URL text of a value; None, "" and False are left out of the link."""
    if value is None or value is False or value == "":
        return None
    return "1" if value is True else str(value)


@dataclass(frozen=True)
class Field:
    name: str  # URL parameter and attribute of the screen's view
    key: str | tuple[str, ...] | None  # session key(s) of the widget(s); None: kept in the URL only
    parse: Parser
    default: Any = None  # a value, or a function of the choices
    write: Callable[[Any], str | None] = text_or_none
    shown: Callable[[Any], bool] = lambda view: True  # whether this view's link carries the field
    widget: Codec = SAME
    keep_input: bool = False  # an empty value never overwrites what the viewer is still typing
    notice_length: int = 100  # a notice quotes at most this much of a bad value

    def default_for(self, choices):
        return self.default(choices) if callable(self.default) else self.default


@dataclass(frozen=True)
class Screen:
    """A screen's view: its dataclass, its fields and the rule that makes their values agree."""

    name: str
    view: type
    fields: tuple[Field, ...]
    normalise: Callable[[Any, Any], Any] = lambda view, choices: view

    @property
    def keyed(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.key is not None)

    def parse(self, params: Mapping[str, str], choices, sets: Collection[int] = ()):
        """(view, notices) of a link: see `parse_params`."""
        return parse_params(self, params, choices, sets)

    def link(self, view, lang: str) -> dict[str, str]:
        """The URL parameters of `view` in language `lang`, so a copied link restores it."""
        return {"lang": lang, **view_params(self, view)}


def default_view(screen: Screen, choices):
    return screen.view(**{f.name: f.default_for(choices) for f in screen.fields})


def parse_params(
    screen: Screen, params: Mapping[str, str], choices, sets: Collection[int] = ()
) -> tuple[Any, list[tuple[str, str]]]:
    """A valid view from URL parameters: each field parsed in table order; a bad value keeps the
    default and is reported as (name, value); then the screen's rule makes the parts agree."""
    view = default_view(screen, choices)
    values = {f.name: getattr(view, f.name) for f in screen.fields}
    context = Context(choices, frozenset(sets), values)
    notices: list[tuple[str, str]] = []
    for item in screen.fields:
        if item.name not in params:
            continue
        text = str(params[item.name])
        try:
            values[item.name] = item.parse(text, context)
        except Invalid as bad:
            if getattr(bad, "kept", None) is not None:
                values[item.name] = bad.kept
            notices.append((item.name, text[: item.notice_length]))
    return screen.normalise(replace(view, **values), choices), notices


def view_params(screen: Screen, view) -> dict[str, str]:
    """The URL parameters of `view`: every field it shows, written by the field's own rule."""
    params = {}
    for item in screen.fields:
        if item.shown(view):
            text = item.write(getattr(view, item.name))
            if text is not None:
                params[item.name] = text
    return params


# --- parsers: each returns the value or raises Invalid; "" means "not given" where a field may be empty


def one_of(allowed: Sequence[str]) -> Parser:
    def parse(text: str, context: Context) -> str:
        if text not in allowed:
            raise Invalid(text)
        return text

    return parse


def indicator(text: str, context: Context) -> str:
    """A catalogue code."""
    if text not in context.choices.indicators:
        raise Invalid(text)
    return text


def indicator_list(limit: int, at_least: int = 1) -> Parser:
    """Comma-separated catalogue codes, each once; an unknown code is a notice, the known ones stay
    (unless fewer than `at_least` are left: then the default)."""
    return code_list(lambda choices: choices.indicators, limit, at_least)


def code_list(known_of: Callable[[Any], Collection[str]], limit: int | None = None, at_least: int = 0):
    """Comma-separated codes the choices offer (`known_of(choices)`), each once, at most `limit`; an
    unknown or repeated code is a notice and the known ones stay (fewer than `at_least`: the default)."""

    def parse(text: str, context: Context) -> tuple[str, ...]:
        codes = [c for c in text.split(",") if c]
        offered = known_of(context.choices)
        known = tuple(c for c in dict.fromkeys(codes) if c in offered)[:limit]
        if len(known) != len(codes) or len(known) < at_least:
            raise PartlyInvalid(text, known if len(known) >= at_least else None)
        return known

    return parse


def year(text: str, context: Context) -> int:
    """A survey year the database has."""
    value = whole_number(text)
    if value not in context.choices.years:
        raise Invalid(text)
    return value


def optional_year(text: str, context: Context) -> int | None:
    return year(text, context) if text else None


def int_between(low: int, high: int) -> Parser:
    def parse(text: str, context: Context) -> int:
        value = whole_number(text)
        if value is None or not low <= value <= high:
            raise Invalid(text)
        return value

    return parse


def flag(text: str, context: Context) -> bool:
    """1, true or on; anything else is off (a link never fails on a switch)."""
    return text in ("1", "true", "on")


def bounded_text(limit: int) -> Parser:
    return lambda text, context: text[:limit]


def area_set(text: str, context: Context) -> int | None:
    """The id of a saved area set; "" or 0 for none."""
    if text in ("", "0"):
        return None
    if not (text.isascii() and text.isdigit()) or int(text) not in context.sets:
        raise Invalid(text)
    return int(text)


def whole_number(text) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None
