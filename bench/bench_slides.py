"""The MOU deck export (the presentation issue): a 17+-slide deck for the 15-tambon MOU set must export
in under 20 s. Data: the database the app uses (`DATABASE_URL`, else data/tambon_atlas.sqlite, seeded
at full scale by `make run`), survey year 2566. Times the figures query, the slide model, and PPTX and
PDF each from a cold Chromium launch, then both from one launch, `BENCH_REPEATS` times (default 3).

Then stepping in the browser (the app served on its own port, headless system Chromium): key presses
on the page around the deck, each timed from its keydown to the slide change in the deck's frame
(target under 50 ms a step), spaced presses and a burst of presses with no wait, every press counted
(no press may be lost, even while the page reruns to keep the link current).
"""

from __future__ import annotations

import os
import statistics
import time

from components.text import t
from data_access import area_sets
from data_access.config import database_url, describe_url
from data_access.engine import make_engine
from data_access.scope import scope_figures, set_scope
from exports.deck_files import pdf_file, pptx_and_pdf, pptx_file
from exports.slides import build_deck
from geo.assets import load_geometry

TARGET_SECONDS = 20.0
YEAR = 2566
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


def _timed(step, repeats: int = REPEATS):
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def main() -> None:
    url = database_url()
    engine = make_engine(url)
    print(f"database  {describe_url(url)}")
    area_sets.ensure_area_sets(engine)
    sets = area_sets.list_sets(engine)
    chosen = sets[sets["name"] == area_sets.MOU_SET_NAME]
    if chosen.empty:
        print("the MOU set is not in this database (seed the demo data first)")
        return
    set_id = int(chosen["id"].iloc[0])

    def deck():
        figures = scope_figures(engine, set_scope(engine, set_id), YEAR)
        geometry = load_geometry("tambon", figures.scope.province)
        return build_deck(figures, geometry, lambda k, **v: t(k, "th", **v), "th", t("demo_mark", "th"))

    median, worst, built = _timed(deck)
    print(f"slides    {len(built.slides)}  (query + slide model: median {median:.2f} s, max {worst:.2f} s)")
    for name, export in (("pptx", pptx_file), ("pdf", pdf_file), ("pptx+pdf", pptx_and_pdf)):
        median, worst, data = _timed(lambda export=export: export(built))
        size = sum(len(d) for d in data) if isinstance(data, tuple) else len(data)
        verdict = "ok" if worst < TARGET_SECONDS else "TOO SLOW"
        print(
            f"{name:9} median {median:.2f} s, max {worst:.2f} s, {size / 1e6:.2f} MB"
            f"  [{verdict} < {TARGET_SECONDS:.0f} s]"
        )
    engine.dispose()
    stepping(url, set_id)


STEP_TARGET_MS = 50.0
# In the deck's frame: the time of every slide change (epoch ms, sub-millisecond), and in the page the
# time of every keydown; both clocks are performance.timeOrigin + performance.now().
WATCH_DECK = """deck => { window.__changes = []; new MutationObserver(() => window.__changes.push(
    [performance.timeOrigin + performance.now(), Number(deck.dataset.current)])).observe(deck,
    { attributes: true, attributeFilter: ["data-current"] }); }"""
WATCH_KEYS = """() => { window.__presses = []; document.addEventListener("keydown",
    () => window.__presses.push(performance.timeOrigin + performance.now()), true); }"""


def stepping(url: str, set_id: int) -> None:
    """Per-step latency and lost presses of the browser deck (`static/present/`)."""
    from playwright.sync_api import sync_playwright

    from tests.support.app_server import running_app
    from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

    with running_app(url) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="th-TH")
        page.goto(f"{base}/present?set={set_id}&year={YEAR}", timeout=120_000)
        frame = page.frame_locator('iframe[src*="atlas_present"]')
        deck = frame.locator("#deck")
        deck.wait_for(state="attached", timeout=120_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('iframe')].some(f => f.contentDocument && "
            "f.contentDocument.querySelector('#deck[data-status=ready]'))",
            timeout=120_000,
        )
        total = int(deck.evaluate("d => d.querySelectorAll('section.atlas-slide').length"))
        deck.evaluate(WATCH_DECK)
        page.evaluate(WATCH_KEYS)
        page.mouse.click(5, 5)
        spaced = min(total - 1, 12)
        for _ in range(spaced):  # one press at a time, as a presenter talks
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(150)
        burst = spaced  # then back to the start as fast as a key repeats, reruns or not
        for _ in range(burst):
            page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(1500)  # the link's rerun after the last press
        presses = page.evaluate("window.__presses")
        changes = deck.evaluate("() => window.__changes")
        landed = int(deck.evaluate("d => Number(d.dataset.current)"))
        browser.close()
    latencies = []
    for pressed in presses:
        after = [at for at, _ in changes if at >= pressed]
        if after:
            latencies.append(min(after) - pressed)
    spaced_ms = latencies[:spaced]
    lost = (spaced + burst) - len(changes)
    worst = max(spaced_ms) if spaced_ms else float("nan")
    verdict = "ok" if worst < STEP_TARGET_MS and landed == 1 and lost == 0 else "MISSED"
    print(
        f"stepping  {len(presses)} presses ({spaced} spaced 150 ms, {burst} in a burst): per step median "
        f"{statistics.median(spaced_ms):.1f} ms, max {worst:.1f} ms; {len(changes)} slide changes, "
        f"lost {lost}, back on slide {landed} (want 1)  [{verdict} < {STEP_TARGET_MS:.0f} ms, none lost]"
    )


if __name__ == "__main__":
    main()
