"""`python bench/profiled_serve.py <serve.py options>`: the app as `serve.py` starts it, with every script
run profiled (cProfile, in the script thread) into `ATLAS_PROFILE_DIR/run-<n>.prof` and its thread CPU
seconds appended to `ATLAS_PROFILE_DIR/runs.log` ("<n> <page> <script CPU s> <wall s>").

For `bench/bench_cpu.py`: what one warm rerun of a page spends, and where. Bench only, never deployed.
"""

from __future__ import annotations

import cProfile
import itertools
import os
import runpy
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

OUT = Path(os.environ["ATLAS_PROFILE_DIR"])
PROFILE = os.environ.get("ATLAS_PROFILE", "1") != "0"  # 0: only the CPU seconds per run
_numbers = itertools.count(1)
_lock = threading.Lock()
_original = script_runner.ScriptRunner._run_script


def _profiled(self, rerun_data):
    with _lock:
        number = next(_numbers)
    profile = cProfile.Profile() if PROFILE else None
    cpu, wall = time.thread_time(), time.perf_counter()
    if profile:
        profile.enable()
    try:
        return _original(self, rerun_data)
    finally:
        if profile:
            profile.disable()
            profile.dump_stats(OUT / f"run-{number}.prof")
        if os.environ.get("ATLAS_PROFILE_GC") == "1":
            _count_objects(number)
        line = f"{number} {rerun_data.page_name or '-'} {time.thread_time() - cpu:.4f} "
        with open(OUT / "runs.log", "a") as log:
            log.write(line + f"{time.perf_counter() - wall:.4f}\n")


def _count_objects(number: int) -> None:
    """The kinds of objects the collector tracks (what a full collection walks), most first."""
    import collections
    import gc

    objects = gc.get_objects()
    kinds = collections.Counter(type(o).__qualname__ for o in objects)
    with open(OUT / "objects.log", "a") as log:
        log.write(f"run {number}: {len(objects)} tracked; {kinds.most_common(12)}\n")


script_runner.ScriptRunner._run_script = _profiled

if __name__ == "__main__":
    sys.argv = [str(Path(__file__).resolve().parents[1] / "serve.py"), *sys.argv[1:]]
    runpy.run_path(sys.argv[0], run_name="__main__")
