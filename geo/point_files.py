"""Community-asset points as static JSON files the browser map fetches once by URL, like the geometry.

One file per province and category, named by the digest of its content, so a toggle fetches only the
category turned on, a file never changes under its name (the browser may cache it for good), and an
import that moves a point gives a new name. Columnar JSON: a point costs about 40 bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile

import pandas as pd

from geo.assets import STATIC_DIR

POINTS_URL_ROOT = "app/static/points"
POINTS_DIR = STATIC_DIR / "points"


def points_payload(points: pd.DataFrame, tambon_names: pd.DataFrame) -> dict:
    """The file's content: lat, lon, name, tambon, village per point, and the tambons' names
    (`tambon_names`: code, name_th, name_en) for the popups."""
    codes = sorted(set(points["tambon_code"].astype(str)))
    names = tambon_names.set_index("code").reindex(codes)
    return {
        "lat": [round(float(v), 5) for v in points["lat"]],
        "lon": [round(float(v), 5) for v in points["lon"]],
        "name": points["name"].astype(str).tolist(),
        "tambon": points["tambon_code"].astype(str).tolist(),
        "village": [None if pd.isna(v) else int(v) for v in points["village_no"]],
        "tambons": {code: [row.name_th, row.name_en] for code, row in zip(codes, names.itertuples())},
    }


def points_file(payload: dict, label: str) -> str:
    """Relative URL of the file holding `payload`, written (atomically) if missing:
    "app/static/points/water_sources-24-<digest>.json"."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    safe = "".join(ch for ch in label if ch.isalnum() or ch in "-_")[:60]
    name = f"{safe}-{digest}.json"
    path = POINTS_DIR / name
    if not path.is_file():
        POINTS_DIR.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=POINTS_DIR, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)  # several server processes may write the same file: last one wins
    return f"{POINTS_URL_ROOT}/{name}"
