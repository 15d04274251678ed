"""Headless system Chromium (through Playwright) as the server's renderer: HTML -> PNG and PDF.

Chromium shapes Thai with HarfBuzz and the installed system fonts, so vowels and tone marks sit where
they belong, which pure-Python PDF writers get wrong. One browser launch per export; every request that
is not a data: URL is refused, so nothing is fetched from the network.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium calls home at start; the machine may have no internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
PIXEL_RATIO = 2  # pictures at twice their CSS size: sharp on a projector and in print


class RendererUnavailable(RuntimeError):
    """Chromium or Playwright is missing; the message says what to install."""


class Renderer(AbstractContextManager):
    """`with Renderer() as r: r.pngs(html); r.pdf(html)` on one browser and one page."""

    def __enter__(self) -> Renderer:
        if not os.path.exists(CHROMIUM):
            raise RendererUnavailable(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as missing:  # pragma: no cover - playwright is in requirements.txt
            raise RendererUnavailable("pip install playwright") from missing
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = self._browser.new_context(
                viewport={"width": 1400, "height": 900}, device_scale_factor=PIXEL_RATIO
            )
            context.route("**/*", _local_only)
            self._page = context.new_page()
        except Exception:
            self._playwright.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._browser.close()
        finally:
            self._playwright.stop()

    def _load(self, html: str) -> None:
        self._page.set_content(html, wait_until="load")
        self._page.evaluate("document.fonts.ready.then(() => true)")

    def pngs(self, html: str, selector: str = ".atlas-figure") -> list[bytes]:
        """A PNG of each element matching `selector`, in document order."""
        self._load(html)
        return [element.screenshot(type="png") for element in self._page.query_selector_all(selector)]

    def pdf(self, html: str) -> bytes:
        """The document printed with its own @page size and backgrounds."""
        self._load(html)
        return self._page.pdf(print_background=True, prefer_css_page_size=True)


def _local_only(route) -> None:
    if route.request.url.startswith(("data:", "about:")):
        route.continue_()
    else:
        route.abort()
