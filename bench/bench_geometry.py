"""Building the static boundary geometry files (geo.assets) into a temporary folder.

Target: a few seconds on the 2-core machine, as the first page view of a fresh deployment waits for it.
Prints build time, the sizes the browser downloads (raw, and gzip -9 as Streamlit's middleware sends
`app/static`) for the national files and the two demo provinces, and vertex counts before and after
simplification.
"""

from __future__ import annotations

import gzip
import tempfile
import time
from pathlib import Path

from geo import assets
from geo.simplify import simplified_coverage, source_coverage, vertex_count

TARGET_SECONDS = 5
SHOWN = ["province.json", "amphoe.json", "tambon.json"] + [
    f"{level}-{code}.json" for code in ("24", "33") for level in ("amphoe", "tambon")
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        version = assets.ensure_built(Path(folder))
        cold = time.perf_counter() - started
        assets.ensure_built.cache_clear()
        started = time.perf_counter()
        assets.ensure_built(Path(folder))
        warm = time.perf_counter() - started
        built = Path(folder) / "geo" / version
        sizes = {path.name: path.read_bytes() for path in built.iterdir()}
    verdict = "OK" if cold <= TARGET_SECONDS else "MISSED"
    print(f"version            {version}")
    print(f"build              {cold:.2f} s (target {TARGET_SECONDS} s: {verdict}), read sources included")
    print(f"already built      {warm * 1000:.1f} ms (a new process finding the folder)")
    print(f"files              {len(sizes)}, {sum(len(data) for data in sizes.values()) / 1e6:.1f} MB")
    print(f"{'file':<18} {'raw KB':>8} {'gzip KB':>8}")
    for name in SHOWN:
        data = sizes[name]
        print(f"{name:<18} {len(data) / 1e3:8.1f} {len(gzip.compress(data, 9)) / 1e3:8.1f}")
    print(f"{'vertices':<18} {'source':>8} {'written':>8} tolerance")
    for (level, scope), tolerance in assets.TOLERANCES.items():
        before = vertex_count(source_coverage(level)[1])
        after = vertex_count(simplified_coverage(level, tolerance, assets.DECIMALS))
        print(f"{level + ' ' + scope:<18} {before:8,} {after:8,} {tolerance} deg")


if __name__ == "__main__":
    main()
