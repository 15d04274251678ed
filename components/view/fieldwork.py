"""The officers' pages in the link: the household page's `household` (one household opened; the
data layer checks the viewer's scope, not this) and the field-work page's area `set`. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from components.view.fields import Field, Screen
from components.view.geography import set_field


@dataclass(frozen=True)
class HouseholdView:
    household: str | None = None


HOUSEHOLD = Screen(
    "households", HouseholdView, (Field("household", None, lambda text, context: text or None),)
)


@dataclass(frozen=True)
class FieldworkView:
    set: int | None = None


FIELDWORK = Screen("fieldwork", FieldworkView, (set_field("fw_set"),))
