"""After stored numbers change (an import, a referral): drop every cache that holds them, in the query
layer and in the components, so every page shows the new numbers at once."""

from __future__ import annotations

from components import poverty_report, present_view
from components.map_controls import load_choices
from data_access import cached


def sets_changed() -> None:
    """An area set was created, renamed, edited or deleted: its figures and its deck are stale."""
    cached.area_sets_changed()
    present_view.deck_for.clear()
    present_view.deck_pages.clear()


def data_changed() -> None:
    cached.data_changed()
    present_view.deck_for.clear()
    present_view.deck_pages.clear()
    load_choices.clear()
    poverty_report.area_figures.clear()
    poverty_report.area_mpi.clear()
    poverty_report.set_figures.clear()
    poverty_report.set_mpi.clear()
