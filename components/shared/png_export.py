"""Map and chart downloads, built only when the button is clicked (never on a plain rerun): a PNG
(title, legend, source, year and the demo mark, rendered on the server by headless Chromium) and the
map as one interactive HTML file that works with no internet (`geo.map_file`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from components.text import t
from exports.deck_files import picture_png
from exports.slides import Slide, map_slide_from_spec
from geo.assets import load_geometry
from geo.boundaries import ATTRIBUTION

if TYPE_CHECKING:
    from exports.slides import Slide

# The file builders (python-pptx, Chromium driver, folium) are imported on a click, not with the page:
# a map page's first run should not wait for them.


def png_button(slide: Slide, footer: str, demo: bool, lang: str, key: str, file_name: str) -> None:
    st.download_button(
        t("pr_download_png", lang),
        data=lambda: _picture_png()(slide, lang, footer, t("demo_mark", lang) if demo else ""),
        file_name=file_name,
        mime="image/png",
        icon=":material/image:",
        on_click="ignore",
        key=key,
    )


def map_png_button(
    spec, level: str, province: str | None, demo: bool, lang: str, key: str, place: str = ""
) -> None:
    """PNG of a map page map (`MapSpec`), titled with the indicator, the place and the level; the
    geometry is loaded only when the button is clicked."""

    def render() -> bytes:
        geometry = load_geometry(level, None if level == "province" else province)
        title = f"{spec.indicator_label} · {place}" if place else spec.indicator_label

        slide = map_slide_from_spec(spec, geometry, title)
        footer = f"{t('export_source', lang)}: {t('export_source_text', lang)} · {ATTRIBUTION}"
        return _picture_png()(slide, lang, footer, t("demo_mark", lang) if demo else "")

    st.download_button(
        t("pr_download_png", lang),
        data=render,
        file_name=f"tambon-atlas-map-{spec.render_key.replace('|', '-')}.png",
        mime="image/png",
        icon=":material/image:",
        on_click="ignore",
        key=key,
    )


def map_html_button(spec, level: str, province: str | None, place: str, lang: str, key: str) -> None:
    """The map as one self-contained HTML file (Leaflet inlined): opens by double-click, offline."""

    def render() -> bytes:
        from geo.map_file import offline_map_html

        geometry = load_geometry(level, None if level == "province" else province)
        source = f"{t('export_source', lang)}: {t('export_source_text', lang)}"
        return offline_map_html(spec, geometry, spec.indicator_label, place, source).encode("utf-8")

    st.download_button(
        t("map_download_html", lang),
        data=render,
        file_name=f"tambon-atlas-map-{spec.render_key.replace('|', '-')}.html",
        mime="text/html",
        icon=":material/public:",
        on_click="ignore",
        key=key,
        help=t("map_download_html_help", lang),
    )


def _picture_png():

    return picture_png
