"""Presentation mode: one slide of the deck at a time, full screen without sidebar or header, previous
and next by buttons and the arrow keys (Streamlit's own button shortcuts: no script, works offline),
and the PPTX / PDF / PNG of the same deck."""

from __future__ import annotations

import streamlit as st

from components.i18n import t
from components.present_state import Target, parse_slide, parse_target, parse_year
from components.state import add_notices
from data_access import cached
from exports import deck_files
from exports.slide_html import SLIDE_CSS, slide_html
from exports.slides import Deck, build_deck
from geo.assets import load_geometry

FULL_SCREEN_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], .atlas-demo-banner { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: .4rem 1rem .2rem !important;
  max-width: 100% !important; }
.atlas-slide { width: min(100%, calc((100vh - 84px) * 16 / 9)) !important; margin: 0 auto;
  box-shadow: 0 0 0 1px #d0d0d0; }
</style>"""


def resolve_target(url: str) -> tuple[Target | None, int | None]:
    """The target and year of the URL (each bad parameter becomes a notice)."""
    sets = cached.area_set_list(url)
    areas = cached.areas(url)
    target, notices = parse_target(dict(st.query_params), sets["id"].tolist(), set(areas["code"]))
    year, year_notices = parse_year(dict(st.query_params), cached.survey_years(url))
    add_notices(notices + year_notices)
    return target, year


@st.cache_resource(show_spinner=False, max_entries=16, ttl=600)
def deck_for(url: str, kind: str, key: str, year: int, lang: str, demo: bool) -> Deck:
    """The deck of a target; shared by every session (dataclasses are frozen)."""
    figures = cached.scope_figures(url, kind, key, year)
    geometry = load_geometry(figures.scope.unit_level, figures.scope.province)
    return build_deck(
        figures, geometry, lambda k, **v: t(k, lang, **v), lang, t("demo_mark", lang) if demo else ""
    )


def target_chooser(url: str, lang: str) -> None:
    """No target in the URL: pick an area set or a province, then present it."""
    st.info(t("pr_nothing", lang))
    sets = cached.area_set_list(url)
    areas = cached.areas(url).set_index("code")
    options = [f"set:{i}" for i in sets["id"]] + [f"area:{c}" for c in cached.provinces_with_data(url)]
    names = dict(zip((f"set:{i}" for i in sets["id"]), sets["name"]))
    name_column = "name_th" if lang == "th" else "name_en"
    names |= {
        f"area:{c}": f"{t('province', lang)} {areas.at[c, name_column]}"
        for c in cached.provinces_with_data(url)
    }
    choice = st.selectbox(t("pr_choose", lang), options, format_func=names.get, key="pr_target")
    if choice and st.button(t("pr_choose", lang), key="pr_start", type="primary"):
        kind, key = choice.split(":")
        st.query_params.update(Target(kind, key).params())
        st.rerun()


def presentation(url: str, target: Target, year: int, lang: str) -> None:
    deck = deck_for(url, target.kind, target.key, year, lang, cached.is_demo(url))
    total = len(deck.slides)
    if "pr_slide" not in st.session_state or st.session_state.get("pr_deck") != deck.file_stem:
        st.session_state["pr_slide"] = parse_slide(st.query_params.get("slide", "1"), total)
        st.session_state["pr_deck"] = deck.file_stem
    number = parse_slide(st.session_state["pr_slide"], total)
    st.html(FULL_SCREEN_CSS + f"<style>{SLIDE_CSS}</style>" + slide_html(deck, number - 1, as_image=True))
    controls(deck, number, total, lang)
    st.query_params.update({**target.params(), "year": str(year), "slide": str(number), "lang": lang})


def controls(deck: Deck, number: int, total: int, lang: str) -> None:
    prev, position, nxt, pptx, pdf, png, leave = st.columns([1.1, 0.7, 1.1, 1.9, 1.3, 1.4, 1.9])
    prev.button(
        t("pr_prev", lang),
        key="pr_prev",
        shortcut="Left",
        disabled=number <= 1,
        on_click=_step,
        args=(-1, total),
        icon=":material/arrow_back:",
        width="stretch",
    )
    position.markdown(
        f"<div style='text-align:center;font-size:1.3rem'>{number} / {total}</div>", unsafe_allow_html=True
    )
    nxt.button(
        t("pr_next", lang),
        key="pr_next",
        shortcut="Right",
        disabled=number >= total,
        on_click=_step,
        args=(1, total),
        icon=":material/arrow_forward:",
        width="stretch",
        type="primary",
    )
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


def _step(delta: int, total: int) -> None:
    st.session_state["pr_slide"] = parse_slide(int(st.session_state.get("pr_slide", 1)) + delta, total)
