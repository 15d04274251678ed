"""The MOU deck export (the presentation issue): a 17+-slide deck for the 15-tambon MOU set must export
in under 20 s. Data: the database the app uses (`DATABASE_URL`, else data/tambon_atlas.sqlite, seeded
at full scale by `make run`), survey year 2566. Times the figures query, the slide model, and PPTX and
PDF each from a cold Chromium launch, then both from one launch, `BENCH_REPEATS` times (default 3).
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


if __name__ == "__main__":
    main()
