"""Presentation mode: the deck full screen without sidebar or header, stepped in the browser by the
`atlas_present` component (files in `static/present/`: arrow keys, Page Up/Down, space, a clicker,
full screen; offline), and the PPTX / PDF / PNG of the same deck."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from analysis.local_names import local_column
from components.shared.area_picker import load_choices
from components.shell.viewer import viewer_min_households
from components.text import t
from components.view import session
from components.view.present import PRESENT, PresentView, Target
from data_access import cached
from data_access.cached import CACHED
from exports import deck_files
from exports.slide_html import SLIDE_CSS, slide_html
from exports.slides import Deck, build_deck
from geo.assets import load_geometry

_atlas_present = components.declare_component(
    "atlas_present", path=str(Path(__file__).resolve().parents[2] / "static" / "present")
)

FULL_SCREEN_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], .atlas-demo-banner { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: .4rem 1rem .2rem !important;
  max-width: 100% !important; }
</style>"""


def resolve_presentation(url: str) -> PresentView:
    """The presentation's view, read from the link on every run (the link is where it lives)."""
    return session.resolve(PRESENT, load_choices(url), url)


@CACHED.resource(sets=True, max_entries=16)
def deck_for(
    url: str, kind: str, key: str, year: int, lang: str, demo: bool, min_households: int | None
) -> Deck:
    """The deck of a target as a viewer with this threshold may see it; shared by every session with
    that threshold (dataclasses are frozen)."""
    figures = cached.scope_figures(url, kind, key, year, min_households)
    profiles = cached.scope_profiles(url, kind, key, year, min_households)
    geometry = load_geometry(figures.scope.unit_level, figures.scope.province)
    return build_deck(
        figures,
        geometry,
        lambda k, **v: t(k, lang, **v),
        lang,
        t("demo_mark", lang) if demo else "",
        profiles,
    )


def target_chooser(url: str, view: PresentView, lang: str) -> None:
    """No target in the URL: pick an area set or a province, then present it."""
    st.info(t("pr_nothing", lang))
    sets = cached.area_set_list(url)
    areas = cached.areas(url).set_index("code")
    options = [f"set:{i}" for i in sets["id"]] + [f"area:{c}" for c in cached.provinces_with_data(url)]
    names = dict(zip((f"set:{i}" for i in sets["id"]), sets["name"]))
    name_column = local_column(lang)
    names |= {
        f"area:{c}": f"{t('province', lang)} {areas.at[c, name_column]}"
        for c in cached.provinces_with_data(url)
    }
    choice = st.selectbox(t("pr_choose", lang), options, format_func=names.get, key="pr_target")
    if choice and st.button(t("pr_choose", lang), key="pr_start", type="primary"):
        kind, key = choice.split(":")
        session.write_url(PRESENT, view.presenting(Target(kind, key)))
        st.rerun()


@CACHED.resource(sets=True, max_entries=16)
def deck_pages(
    url: str, kind: str, key: str, year: int, lang: str, demo: bool, min_households: int | None
) -> tuple[str, ...]:
    """Every slide of the deck as HTML, built once and sent to the browser once per deck."""
    deck = deck_for(url, kind, key, year, lang, demo, min_households)
    return tuple(slide_html(deck, i, as_image=True) for i in range(len(deck.slides)))


def presentation(url: str, view: PresentView, lang: str) -> None:
    """The deck in one browser component that steps on its own (no key is lost to a rerun); the slide
    it reports keeps the link current, and the downloads follow the slide shown."""
    demo, hide_below = cached.is_demo(url), viewer_min_households()
    target, year = view.target, view.year
    deck = deck_for(url, target.kind, target.key, year, lang, demo, hide_below)
    total = len(deck.slides)
    deck_id = f"{deck.file_stem}-{lang}"
    if st.session_state.get("pr_deck") != deck_id:
        st.session_state["pr_first_slide"] = parse_slide(view.slide, total)
        st.session_state["pr_slide"] = st.session_state["pr_first_slide"]
        st.session_state["pr_deck"] = deck_id
    st.html(FULL_SCREEN_CSS)
    report = _atlas_present(
        deck_id=deck_id,
        slides=list(deck_pages(url, target.kind, target.key, year, lang, demo, hide_below)),
        css=SLIDE_CSS,
        start=st.session_state["pr_first_slide"],
        labels={"prev": t("pr_prev", lang), "next": t("pr_next", lang), "full": t("pr_full_screen", lang)},
        key="pr_deck_view",
        default=None,
    )
    number = reported_slide(report, deck_id, total, st.session_state["pr_slide"])
    st.session_state["pr_slide"] = number
    downloads(deck, number, lang)
    session.write_url(PRESENT, replace(view, slide=number))


def parse_slide(value, total: int) -> int:
    """A 1-based slide number within 1..total (1 for anything else)."""
    number = int(value) if str(value).isdigit() else 1
    return min(max(number, 1), max(total, 1))


def reported_slide(report, deck_id: str, total: int, current: int) -> int:
    """The slide the browser says it shows, if the report is about this deck; else `current`.

    >>> reported_slide({"deck": "d-th", "slide": 4}, "d-th", 19, 1), reported_slide(None, "d-th", 19, 2)
    (4, 2)
    """
    if isinstance(report, dict) and report.get("deck") == deck_id:
        return parse_slide(report.get("slide", current), total)
    return current


def downloads(deck: Deck, number: int, lang: str) -> None:
    pptx, pdf, png, leave = st.columns([1.9, 1.3, 1.4, 1.9])
    pptx.download_button(
        t("pr_download_pptx", lang),
        data=lambda: deck_files.pptx_file(deck),
        file_name=f"{deck.file_stem}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        on_click="ignore",
        key="pr_pptx",
        icon=":material/slideshow:",
        width="stretch",
    )
    pdf.download_button(
        t("pr_download_pdf", lang),
        data=lambda: deck_files.pdf_file(deck),
        file_name=f"{deck.file_stem}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key="pr_pdf",
        icon=":material/picture_as_pdf:",
        width="stretch",
    )
    slide = deck.slides[number - 1]
    if slide.map is not None or slide.chart is not None:
        png.download_button(
            t("pr_download_png", lang),
            data=lambda: deck_files.figure_png(deck, number - 1),
            file_name=f"{deck.file_stem}-{number}.png",
            mime="image/png",
            on_click="ignore",
            key="pr_png",
            icon=":material/image:",
            width="stretch",
        )
    leave.page_link("pages/overview.py", label=t("pr_exit", lang), icon=":material/close_fullscreen:")
