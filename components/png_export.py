"""PNG downloads of a map or chart: title, legend, source, year and the demo mark, rendered on the
server by headless Chromium when the button is clicked (never on a plain rerun)."""

from __future__ import annotations

import streamlit as st

from components.i18n import t
from exports.deck_files import picture_png
from exports.slides import Slide, map_slide_from_spec
from geo.assets import load_geometry
from geo.boundaries import ATTRIBUTION


def png_button(slide: Slide, footer: str, demo: bool, lang: str, key: str, file_name: str) -> None:
    st.download_button(
        t("pr_download_png", lang),
        data=lambda: picture_png(slide, lang, footer, t("demo_mark", lang) if demo else ""),
        file_name=file_name,
        mime="image/png",
        icon=":material/image:",
        on_click="ignore",
        key=key,
    )


def map_png_button(spec, level: str, province: str | None, demo: bool, lang: str, key: str) -> None:
    """PNG of a map page map (`MapSpec`); the geometry is loaded only when the button is clicked."""

    def render() -> bytes:
        geometry = load_geometry(level, None if level == "province" else province)
        slide = map_slide_from_spec(spec, geometry, spec.indicator_label)
        footer = f"{t('export_source', lang)}: {t('export_source_text', lang)} · {ATTRIBUTION}"
        return picture_png(slide, lang, footer, t("demo_mark", lang) if demo else "")

    st.download_button(
        t("pr_download_png", lang),
        data=render,
        file_name=f"tambon-atlas-map-{spec.render_key.replace('|', '-')}.png",
        mime="image/png",
        icon=":material/image:",
        on_click="ignore",
        key=key,
    )
