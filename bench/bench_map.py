"""Map render times, bytes per change and script runs: our map page against a naive st_folium page.

Targets (the map performance issue):
- province tambon view (Chachoengsao, `/map?province=24&level=tambon`): drawn within 1.5 s of
  navigation and within 0.5 s of an indicator or year change;
- national tambon view (`/map?province=all&level=tambon`, 7,425 tambons): drawn within 2.5 s of an
  indicator or year change, at most 300 KB sent per change (geometry once, then values and styles);
- one script run per user action; a warm rerun under 0.3 s of server time.
Measured before our code existed, with naive st_folium: province ~1.7 s navigation and ~0.6 s per
change; national ~4.9 MB re-sent and ~3.5 s per change; three script runs per page load.

How: a full-scale demo database (seeded into a temporary folder, ~30 s; `BENCH_REUSE_DB=1` uses
data/tambon_atlas.sqlite instead), both apps up at once, each with `ATLAS_RUN_LOG` (one line per
script run), timed in turn (ours, naive, ours, ...: a drift in the machine's load falls on both), and
headless system Chromium (Playwright) timing from the browser's clock: a navigation or the click on a
selectbox option, to the map reporting ready with the expected render key, to the next frame; a
navigation is also broken into phases (websocket open, first script run, map iframe created, its
componentReady, its render message, ready). Bytes are websocket payloads received (Streamlit does not
compress its websocket) and HTTP response bodies, from the action until the app is quiet. Each timed
change goes to an (indicator, year) the browser session has not seen (after a warm-up session that
filled the server's query cache with the same states), since Streamlit re-sends a large message the
browser already holds by reference. `bench/naive_map_app.py` is the naive page; folium's CDN files
are served by a local mirror (see `bench/map_harness.py`). `BENCH_REPEATS=n` changes the number of
timed repeats (default 5, at most 10). No request may leave 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.map_harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    INIT_SCRIPT,
    App,
    MapNotReady,
    Sample,
    Traffic,
    cdn_mirror,
    choose,
    measure,
    navigate,
    running_script,
    watch_traffic,
)
from data_access.config import DEFAULT_SQLITE_PATH
from data_access.engine import make_engine

REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
# BENCH_SCOPE=visits: only the province view's first and return visits (the map-first ratios), ~1/4 time.
VISITS_ONLY = os.environ.get("BENCH_SCOPE") == "visits"
PROVINCE, PROVINCE_TAMBON, NATIONAL_TAMBON = "24", 93, 7425
INDICATOR_LABEL, YEAR_LABEL = "ตัวชี้วัด", "ปีสำรวจ (พ.ศ.)"
# Every timed change shows a state (indicator, year) the browser session has not seen: Streamlit sends a
# large message the browser already holds by reference only, so revisiting A <-> B would under-count
# bytes. The first indicator is every page's default; years cycle from the latest.
INDICATOR_CODES = [
    "target_poor_rate",
    "income_per_person",
    "mpi_m0",
    "capital_human",
    "welfare_card_rate",
    "households_surveyed",
    "tp_health_rate",
    "referral_coverage",
    "status_hard_share",
    "bmn60_09",
    "tp_education_rate",
]
YEARS = [2566, 2565, 2564]
VIEWPORT = {"width": 1400, "height": 1000}


@dataclass(frozen=True)
class Subject:
    name: str
    command: tuple[str, ...]  # after `python`, before the server options
    iframe_title: str
    path: str


OURS = Subject("ours", ("serve.py",), "components.shared.map_component.atlas_map", "/map")
NAIVE = Subject(
    "naive", ("-m", "streamlit", "run", "bench/naive_map_app.py"), "streamlit_folium.st_folium", "/"
)


@dataclass
class Results:
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def main() -> None:
    started = time.perf_counter()
    print(f"load average       {os.getloadavg()[0]:.2f} at start ({os.cpu_count()} cores)", flush=True)
    from playwright.sync_api import sync_playwright

    with database() as url, cdn_mirror() as mirror, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ours, naive = run_both(url, browser, mirror.base)
        finally:
            browser.close()
        estimate = full_data_estimate(url, ours)
        mirrored = dict(mirror.served)
    report(ours, naive, estimate, mirrored)
    print(
        f"bench_map took {time.perf_counter() - started:.0f} s ({REPEATS} repeats); load average at the "
        f"end {os.getloadavg()[0]:.2f} (other processes on the machine add noise)"
    )


@contextlib.contextmanager
def database() -> Iterator[str]:
    if os.environ.get("BENCH_REUSE_DB") == "1":
        print(f"database           {DEFAULT_SQLITE_PATH} (BENCH_REUSE_DB=1)")
        yield f"sqlite:///{DEFAULT_SQLITE_PATH}"
        return
    from data_access.seed import seed

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench_map.sqlite'}"
        engine = make_engine(url)
        started = time.perf_counter()
        seed(engine, demo=True, scale=1.0, log=lambda *_: None)
        engine.dispose()
        print(
            f"database           fresh full demo seeded in {time.perf_counter() - started:.0f} s", flush=True
        )
        yield url


class Runner:
    """One subject's running server and results: its timed actions, for `run_both` to interleave."""

    def __init__(self, subject: Subject, app: App, browser, indicators: list[tuple[str, str]]):
        self.subject, self.app, self.browser, self.indicators = subject, app, browser, indicators
        self.results = Results()

    def timed(self, name: str, page, traffic: Traffic, act: Callable, want: str, drawn: int | None = None):
        title = self.subject.iframe_title
        try:
            sample = measure(page, self.app, traffic, act, title, want, drawn)
        except MapNotReady as error:
            if not name.endswith(("first visit", "return visit")):
                raise
            # Navigations are repeated once (other work on the machine, code edited under a
            # running server); the failure stays in the report.
            self.results.notes.append(f"{self.subject.name} {name}: failed once, repeated: {error}")
            print(f"   {self.subject.name} {name}: failed once, repeating: {error}", flush=True)
            sample = measure(page, self.app, traffic, act, title, want, drawn)
        self.results.samples.setdefault(name, []).append(sample)
        return sample

    def open_view(self, name: str, page, traffic: Traffic, query: str, drawn: int):
        prefix = "tambon|24|" if drawn == PROVINCE_TAMBON else "tambon||"
        act = navigate(page, self.app.base + self.subject.path + query)
        return self.timed(name, page, traffic, act, prefix, drawn)

    def session(self):
        return session(self.browser, self.results)


PROVINCE_QUERY, NATIONAL_QUERY = f"?province={PROVINCE}&level=tambon", "?province=all&level=tambon"


def run_both(url: str, browser, mirror_base: str) -> tuple[Results, Results]:
    """Both servers up at once, every timed step done for ours then naive, in turn (ours, naive, ours,
    ...), so a drift in the machine's load (the others' work) falls on both equally."""
    indicators = indicator_options(url)[: REPEATS + 1]
    with (
        running_script(list(OURS.command), url, {}) as ours_app,
        running_script(list(NAIVE.command), url, {"NAIVE_ASSET_BASE": mirror_base}) as naive_app,
    ):
        runners = [Runner(OURS, ours_app, browser, indicators), Runner(NAIVE, naive_app, browser, indicators)]
        for runner in runners:
            print(f"-- {runner.subject.name}: python {' '.join(runner.subject.command)} at {runner.app.base}")
        # A deep link as each fresh server's very first request: cold server caches, and for ours a
        # check that app.py routed it (see `first_deep_link`).
        for runner in runners:
            with runner.session() as (page, traffic):
                name = "cold: first request to a fresh server"
                runner.open_view(name, page, traffic, PROVINCE_QUERY, PROVINCE_TAMBON)
                if runner.subject is OURS:
                    runner.results.notes.append(first_deep_link(page, runner.app, runner.results.samples))
        views = [("province", PROVINCE_QUERY, PROVINCE_TAMBON), ("national", NATIONAL_QUERY, NATIONAL_TAMBON)]
        views = views[:1] if VISITS_ONLY else views
        for runner in runners:  # warm-up: both views, and every indicator x year the timed changes show
            warm_up(runner, views)
        for label, query, drawn in views:
            for _ in range(REPEATS):  # a new browser profile each time: empty HTTP cache
                for runner in runners:
                    with runner.session() as (page, traffic):
                        runner.open_view(f"{label}: navigation, first visit", page, traffic, query, drawn)
            with contextlib.ExitStack() as stack:  # one browser profile per subject: a warm HTTP cache
                pages = [stack.enter_context(runner.session()) for runner in runners]
                for runner, (page, traffic) in zip(runners, pages):
                    name = f"warm-up: {label} load before return visits"
                    runner.open_view(name, page, traffic, query, drawn)
                for _ in range(REPEATS):
                    for runner, (page, traffic) in zip(runners, pages):
                        runner.open_view(f"{label}: navigation, return visit", page, traffic, query, drawn)
                changes = [Changes(page, indicators) for page, _ in pages]
                for _ in range(0 if VISITS_ONLY else REPEATS):
                    for runner, (page, traffic), change in zip(runners, pages, changes):
                        runner.timed(f"{label}: year change", page, traffic, *change.year())
                    for runner, (page, traffic), change in zip(runners, pages, changes):
                        runner.timed(f"{label}: indicator change", page, traffic, *change.indicator())
            print(f"   {label} done", flush=True)
    return runners[0].results, runners[1].results


def warm_up(runner: Runner, views) -> None:
    with runner.session() as (page, traffic):
        for label, query, drawn in views:
            runner.open_view(f"warm-up: {label} first load", page, traffic, query, drawn)
            changes = Changes(page, runner.indicators)
            for _ in range(0 if VISITS_ONLY else REPEATS):  # the states timed below: warms the cache
                runner.timed(f"warm-up: {label} year change, cold query", page, traffic, *changes.year())
                runner.timed(
                    f"warm-up: {label} indicator change, cold query", page, traffic, *changes.indicator()
                )


class Changes:
    """Alternating year and indicator changes from the default view, each to a new (indicator, year);
    each method gives (action, part of the expected render key)."""

    def __init__(self, page, indicators: list[tuple[str, str]]):
        self.page, self.indicators = page, indicators  # (code, option label)
        self.indicator_at, self.year_at = 0, 0

    def _want(self) -> str:
        return f"|{self.indicators[self.indicator_at][0]}|{YEARS[self.year_at]}|"

    def indicator(self):
        self.indicator_at += 1
        _, option = self.indicators[self.indicator_at]
        return choose(self.page, INDICATOR_LABEL, option.split(" · ", 1)[1], option), self._want()

    def year(self):
        self.year_at = (self.year_at + 1) % len(YEARS)
        year = str(YEARS[self.year_at])
        return choose(self.page, YEAR_LABEL, year, year), self._want()


def indicator_options(url: str) -> list[tuple[str, str]]:
    """(code, option label as both pages show it: "dimension · name") of INDICATOR_CODES."""
    from data_access.queries import catalogue

    engine = make_engine(url)
    rows = catalogue(engine).set_index("code")
    engine.dispose()
    return [
        (code, f"{rows.at[code, 'dimension_th']} · {rows.at[code, 'name_th']}") for code in INDICATOR_CODES
    ]


@contextlib.contextmanager
def session(browser, results: Results):
    """A fresh browser profile (empty cache) with the timing script and traffic counters."""
    context = browser.new_context(viewport=VIEWPORT, locale="th-TH")
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    traffic = watch_traffic(page)
    try:
        yield page, traffic
    finally:
        results.outside.extend(traffic.outside)
        context.close()


def first_deep_link(page, app: App, samples: dict[str, list[Sample]]) -> str:
    """Did the first request, a deep link to /map, run app.py (the router and frame)? With a pages/
    folder next to app.py, Streamlit runs pages/*.py directly, as a multipage v1 app, until a session
    has called st.navigation, unless serve.py switched that off."""
    sample = samples["cold: first request to a fresh server"][-1]
    links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]').count()
    if sample.runs and links:
        return "first request /map on a fresh server: app.py ran (router, sidebar, run log): OK"
    return (
        f"first request /map on a fresh server: app.py did NOT run ({len(sample.runs)} run-log lines, "
        f"{links} sidebar page links): Streamlit ran pages/map.py directly as a multipage-v1 page "
        "(PagesManager.uses_pages_directory), so there is no frame, language or run log"
    )


def full_data_estimate(url: str, ours: Results) -> dict[str, float]:
    """The national view's per-change payload if every tambon had data (the demo fills 2 provinces):
    the map spec JSON and the values table (Arrow), built like map_view does, for the demo's values
    and for all 7,425 tambons filled with resampled demo values."""
    import numpy as np
    from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes

    from analysis.ranking import rank_within_parent
    from analysis.units import format_value
    from data_access.rollup import indicator_values
    from geo.choropleth import build_choropleth
    from geo.classify import classify

    engine = make_engine(url)
    demo = indicator_values(engine, "tambon", "income_per_person", 2566, None)
    engine.dispose()
    rng = np.random.default_rng(1)
    full = demo.copy()
    missing = full["value"].isna()
    donors = demo[~missing].sample(int(missing.sum()), replace=True, random_state=1)
    for column in ("numerator", "denominator", "value"):
        full.loc[missing, column] = donors[column].to_numpy() * rng.uniform(0.8, 1.2, len(donors))

    def sizes(values) -> tuple[int, int]:
        ranked = rank_within_parent(values, "higher_better")
        spec = build_choropleth(
            ranked,
            classify(ranked["value"], "quantiles", 5, "higher_better"),
            geometry_url="app/static/geo/0123456789ab/tambon.json",
            unit="baht",
            indicator_label="รายได้เฉลี่ยต่อคนต่อปี · 2566",
            lang="th",
            texts={"parts": "ตัวตั้ง / ตัวหาร", "no_data": "ไม่มีข้อมูล", "rank": "อันดับ"},
            render_key="tambon||income_per_person|2566|quantiles|5|none",
        )
        rows = ranked[ranked["value"].notna()]
        table = rows[["area_code", "name_th", "numerator", "denominator"]].assign(
            value=[format_value(v, "baht", "th") for v in rows["value"]],
            rank=[f"{int(r)}/{int(n)}" for r, n in zip(rows["rank"], rows["rank_of"])],
        )
        spec_bytes = len(json.dumps({"spec": spec.to_json()}).encode("utf-8"))  # as Streamlit sends it
        return spec_bytes, len(convert_pandas_df_to_arrow_bytes(table))

    demo_spec, demo_table = sizes(demo)
    full_spec, full_table = sizes(full)
    measured = [s.ws_bytes for s in ours.samples.get("national: indicator change", [])]
    base = statistics.median(measured) if measured else float("nan")
    return {
        "demo_areas": int((~missing).sum()),
        "demo_spec": demo_spec,
        "demo_table": demo_table,
        "full_spec": full_spec,
        "full_table": full_table,
        "measured": base,
        "estimate": base - demo_spec - demo_table + full_spec + full_table,
    }


# --- report -----------------------------------------------------------------------------------------

CHANGES = ("indicator change", "year change")


def first_run(sample: Sample) -> tuple[float, float] | None:
    return min(sample.runs) if sample.runs else None


def _ms_since_run(sample: Sample, epoch_ms: float | None) -> float | None:
    run = first_run(sample)
    return epoch_ms - run[0] * 1000 if run and epoch_ms else None


# name -> (value of one sample or None, digits shown); times in ms unless the name says s.
METRICS: dict[str, tuple[Callable[[Sample], float | None], int]] = {
    "ready s": (lambda s: s.ms_ready / 1000, 2),
    "to ws": (lambda s: s.ws_open - s.acted if s.ws_open and s.ws_open >= s.acted else None, 0),
    "ws>run": (lambda s: first_run(s)[0] * 1000 - s.ws_open if s.runs and s.ws_open else None, 0),
    "to run": (lambda s: first_run(s)[0] * 1000 - s.acted if s.runs else None, 0),
    "run": (lambda s: first_run(s)[1] * 1000 if s.runs else None, 0),
    "run>iframe": (lambda s: _ms_since_run(s, s.frame_created) if s.new_iframe else None, 0),
    "iframe>cready": (
        lambda s: s.component_ready - s.frame_created if s.new_iframe and s.component_ready else None,
        0,
    ),
    "cready>msg": (
        lambda s: s.render_msg - s.component_ready if s.new_iframe and s.component_ready else None,
        0,
    ),
    "iframe>msg": (lambda s: s.render_msg - s.frame_created if s.new_iframe and s.render_msg else None, 0),
    "run>msg": (lambda s: _ms_since_run(s, s.render_msg), 0),
    "msg>ready": (lambda s: s.ready - s.render_msg if s.render_msg else None, 0),
    "ready>paint": (lambda s: s.painted - s.ready, 0),
    "settled s": (lambda s: (s.settled - s.acted) / 1000, 2),
    "runs": (lambda s: len(s.runs), 0),
    "run s sum": (lambda s: sum(seconds for _, seconds in s.runs), 2),
    "wsKB@ready": (lambda s: s.ws_bytes_ready / 1000, 0),
    "wsKB": (lambda s: s.ws_bytes / 1000, 0),
    "httpKB": (lambda s: s.http_bytes / 1000, 0),
    "cpu s": (lambda s: s.server_cpu, 2),
    "new iframe": (lambda s: float(s.new_iframe), 1),
}


def stat(samples: list[Sample] | None, metric: str) -> tuple[float, float] | None:
    values = [v for v in (METRICS[metric][0](s) for s in samples or []) if v is not None]
    return (statistics.median(values), max(values)) if values else None


def run_seconds(samples: list[Sample]) -> tuple[float, float] | None:
    values = [seconds for s in samples for _, seconds in s.runs]
    return (statistics.median(values), max(values)) if values else None


def fmt(pair, digits: int) -> str:
    return "–" if pair is None else f"{pair[0]:.{digits}f} / {pair[1]:.{digits}f}"


def verdict(pair, target: float | None) -> str:
    if pair is None or target is None:
        return ""
    median, worst = pair
    if worst <= target:
        return "OK"
    return "OK median, max over" if median <= target else "MISSED"


def report(ours: Results, naive: Results, estimate: dict, mirrored: dict[str, str]) -> None:
    o, n = ours.samples, naive.samples

    def pick(samples, *keys) -> list[Sample]:
        return [s for k in keys for s in samples.get(k, [])]

    def row(name, keys, metric, target, before, digits=2, seconds_of_runs=False):
        mine, theirs = pick(o, *keys), pick(n, *keys)
        if seconds_of_runs:
            return name, run_seconds(mine), run_seconds(theirs), target, before, digits
        return name, stat(mine, metric), stat(theirs, metric), target, before, digits

    nav = ("province: navigation, first visit", "national: navigation, first visit")
    province_changes = [f"province: {c}" for c in CHANGES]
    national_changes = [f"national: {c}" for c in CHANGES]
    rows = [
        row("Province tambon: navigation, first visit (s)", nav[:1], "ready s", 1.5, "~1.7"),
        row(
            "Province tambon: navigation, return visit (s)",
            ["province: navigation, return visit"],
            "ready s",
            1.5,
            "",
        ),
        row("Province tambon: indicator change (s)", ["province: indicator change"], "ready s", 0.5, "~0.6"),
        row("Province tambon: year change (s)", ["province: year change"], "ready s", 0.5, "~0.6"),
        row("National tambon: navigation, first visit (s)", nav[1:], "ready s", None, ""),
        row(
            "National tambon: navigation, return visit (s)",
            ["national: navigation, return visit"],
            "ready s",
            None,
            "",
        ),
        row("National tambon: indicator change (s)", ["national: indicator change"], "ready s", 2.5, "~3.5"),
        row("National tambon: year change (s)", ["national: year change"], "ready s", 2.5, "~3.5"),
        row("National tambon: websocket KB per change", national_changes, "wsKB", 300, "~4,900", 0),
        row("National tambon: HTTP KB per change", national_changes, "httpKB", 2, "", 1),
        row("Script runs per navigation (first visits)", nav, "runs", 1, "3", 0),
        row("Script runs per change", province_changes + national_changes, "runs", 1, "", 0),
        row("Server s per warm rerun, province changes", province_changes, "", 0.3, "", 3, True),
        row("Server s per warm rerun, national changes", national_changes, "", 0.3, "", 3, True),
    ]
    width = max(len(r[0]) for r in rows)
    print()
    print(f"median / max over {REPEATS} repeats; ready = map layer drawn or restyled with the new render key")
    header = (
        f"{'scenario':<{width}} | {'ours':>15} | {'naive':>15} | {'target':>6} | {'ours':<19} | "
        f"{'naive':<19} | before (issue)"
    )
    print(header)
    print("-" * len(header))
    for name, mine, theirs, target, before, digits in rows:
        target_text = "" if target is None else f"{target:g}" if "runs" in name else f"<={target:g}"
        print(
            f"{name:<{width}} | {fmt(mine, digits):>15} | {fmt(theirs, digits):>15} | {target_text:>6} | "
            f"{verdict(mine, target):<19} | {verdict(theirs, target):<19} | {before}"
        )

    print()
    print("Ours against the naive page in this run (ratio of medians of ready s; target <= 1.0):")
    for view in ("province", "national"):
        for visit in ("first visit", "return visit"):
            mine, theirs = (stat(s.get(f"{view}: navigation, {visit}"), "ready s") for s in (o, n))
            if mine and theirs:
                ratio = mine[0] / theirs[0]
                print(
                    f"  {view} {visit:<12} ours {mine[0]:.2f} s, naive {theirs[0]:.2f} s: ratio {ratio:.2f} "
                    f"[{'OK' if ratio <= 1.0 else 'MISSED'}]"
                )
    print()
    print("Bytes per change (median / max):")
    for change in CHANGES:
        for label, samples in (("ours", o), ("naive", n)):
            got = samples.get(f"national: {change}")
            print(
                f"  {change:<17} {label:<5} websocket {fmt(stat(got, 'wsKB'), 1):>15} KB "
                f"(until ready {fmt(stat(got, 'wsKB@ready'), 1)}), HTTP {fmt(stat(got, 'httpKB'), 1)} KB"
            )
    for change in ("province: indicator change", "national: indicator change"):
        for label, samples in (("ours", o), ("naive", n)):
            print(f"  {label} {change}, websocket KB by message (median): {by_kind(samples.get(change, []))}")
    e = {k: v / 1000 if k != "demo_areas" else v for k, v in estimate.items()}
    print(
        f"  the demo has values for {e['demo_areas']:,} of 7,425 tambons (2 provinces); of the "
        f"{e['measured']:.0f} KB sent per indicator change, the map spec is {e['demo_spec']:.0f} KB and the "
        f"values table {e['demo_table']:.0f} KB.\n  With every tambon filled: spec {e['full_spec']:.0f} KB + "
        f"table {e['full_table']:.0f} KB -> about {e['estimate']:.0f} KB per change "
        f"(target 300 KB: {'OK' if e['estimate'] <= 300 else 'would be MISSED'})"
    )

    print()
    print("Where the time goes (medians; ms unless 's'). action (navigation start or click) -> to ws: the")
    print("page's websocket open -> ws>run: first script run starts (to run: both) -> run>iframe: a new map")
    print("iframe created -> iframe>cready: the component posted componentReady -> cready>msg: its render")
    print("message -> msg>ready: the map's own work until ready; run: a run's server time; run>msg: run")
    print("start to the render message; settled: app quiet. Ours and naive were timed in turn.")
    cols = list(METRICS)
    print(f"{'':<50}" + "".join(f"{c:>{max(11, len(c) + 1)}}" for c in cols))
    keys = [k for k in o if not k.startswith("warm-up")] + [k for k in o if k.startswith("warm-up")]
    for key in keys:
        for label, samples in (("ours", o), ("naive", n)):
            if key in samples:
                cells = [stat(samples[key], c) for c in cols]
                text = ["–" if p is None else f"{p[0]:.{METRICS[c][1]}f}" for p, c in zip(cells, cols)]
                cells = "".join(f"{t:>{max(11, len(c) + 1)}}" for t, c in zip(text, cols))
                print(f"{(label + ' ' + key)[:49]:<50}" + cells)

    print()
    for note in ours.notes + naive.notes:
        print(f"note: {note}")
    for key in ("province: navigation, first visit", "province: navigation, return visit"):
        for label, samples in (("ours", o), ("naive", n)):
            got = samples.get(key, [])
            if got:
                print(f"note: {label} {key}, largest HTTP bodies: {largest(got[-1].requests)}")
    geo = [(u, size) for s in o.get("province: navigation, return visit", []) for u, size in s.requests]
    geo = [f"{u.rsplit('/', 1)[-1]} {size} B" for u, size in geo if "/static/geo/" in u]
    print(
        f"note: ours, geometry on return visits (<= 0 B: browser cache): {', '.join(geo) or 'not requested'}"
    )
    stubs = sorted(p.rsplit("/", 1)[-1] for p, v in mirrored.items() if v.startswith("stub"))
    print(
        f"note: naive, folium's CDN files from a local mirror: {len(mirrored) - len(stubs)} real "
        "(Leaflet 1.9.4 for 1.9.3, jQuery 3.6.1 for 3.7.1, Bootstrap 4.5 CSS for 5.2), "
        f"{len(stubs)} empty stubs (unused by a GeoJSON map): {', '.join(stubs)}"
    )
    outside = sorted(set(ours.outside + naive.outside))
    print(f"note: requests leaving 127.0.0.1: {outside or 'none'}")


def by_kind(samples: list[Sample]) -> str:
    kinds = sorted({kind for s in samples for kind in s.ws_kinds})
    medians = {k: statistics.median(s.ws_kinds.get(k, 0) for s in samples) / 1000 for k in kinds}
    top = sorted(medians.items(), key=lambda item: -item[1])
    return ", ".join(f"{kind.removeprefix('element:')} {kb:.1f}" for kind, kb in top if kb >= 0.1) or "–"


def largest(requests: list[tuple[str, int]], count: int = 5) -> str:
    total = sum(max(size, 0) for _, size in requests)
    top = sorted(requests, key=lambda item: -item[1])[:count]
    parts = [f"{url.split('?')[0].rsplit('/', 1)[-1]} {size / 1000:.0f} KB" for url, size in top if size > 0]
    return f"{total / 1000:.0f} KB in {len(requests)} requests; " + ", ".join(parts)


if __name__ == "__main__":
    main()
