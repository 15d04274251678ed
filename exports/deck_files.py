"""Files of a deck: PPTX, PDF and PNG pictures, from one Chromium launch per export.

The pictures of maps and charts are photographed once and used by both the PPTX and the PDF, so the
two files show the same images.
"""

from __future__ import annotations

import base64
import functools
from concurrent.futures import ThreadPoolExecutor

from exports.chromium import PIXEL_RATIO, Renderer
from exports.deck_pptx import deck_pptx
from exports.slide_html import deck_document, figure_html, figures_document
from exports.slides import Deck, Slide


def own_thread(export):
    """Run an export in a thread of its own: Playwright's sync API refuses a thread with a running
    asyncio loop (a test session's browser, a notebook), and a fresh thread never has one."""

    @functools.wraps(export)
    def run(*args, **kwargs):
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(export, *args, **kwargs).result()

    return run


def deck_pictures(deck: Deck, renderer: Renderer) -> dict[int, bytes]:
    """PNG of every slide's map or chart, by slide index."""
    indexes = [i for i, s in enumerate(deck.slides) if s.map is not None or s.chart is not None]
    html = figures_document([figure_html(deck.slides[i], deck.lang) for i in indexes])
    return dict(zip(indexes, renderer.pngs(html)))


@own_thread
def pptx_and_pdf(deck: Deck) -> tuple[bytes, bytes]:
    with Renderer() as renderer:
        pictures = deck_pictures(deck, renderer)
        return deck_pptx(deck, pictures), _pdf(deck, pictures, renderer)


@own_thread
def pptx_file(deck: Deck) -> bytes:
    with Renderer() as renderer:
        return deck_pptx(deck, deck_pictures(deck, renderer))


@own_thread
def pdf_file(deck: Deck) -> bytes:
    with Renderer() as renderer:
        return _pdf(deck, deck_pictures(deck, renderer), renderer)


def figure_png(deck: Deck, index: int) -> bytes:
    """Slide `index`'s map or chart as a PNG card: title, picture, legend, source and year, demo mark."""
    return picture_png(deck.slides[index], deck.lang, deck.footer, deck.demo_mark)


@own_thread
def picture_png(slide: Slide, lang: str, footer: str, demo_mark: str = "") -> bytes:
    """Any map or chart of the slide model as a PNG card (the map page's PNG uses this too)."""
    card = figure_html(slide, lang, card=True, footer=footer, demo_mark=demo_mark)
    with Renderer() as renderer:
        (png,) = renderer.pngs(figures_document([card]))
        return png


def _pdf(deck: Deck, pictures: dict[int, bytes], renderer: Renderer) -> bytes:
    tags = {i: _img(png) for i, png in pictures.items()}
    return renderer.pdf(deck_document(deck, tags))


def _img(png: bytes) -> str:
    width = int.from_bytes(png[16:20], "big") // PIXEL_RATIO  # PNG header: IHDR width, height
    return (
        f'<img alt="" style="width:{width}px" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
    )
