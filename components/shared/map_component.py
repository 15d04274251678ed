"""The browser map: a Streamlit component (files in `static/`: index.html, map/, vendor/leaflet) that
draws a `geo.choropleth.MapSpec` with the local Leaflet and returns click events."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from components.shared import frame_ready
from geo.choropleth import MapSpec

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"  # the repository root's static/
_atlas_map = components.declare_component("atlas_map", path=str(STATIC_DIR))


def base_path() -> str:
    """The app's base URL path, so the map can fetch geometry from /<base>/app/static/..."""
    return (st.get_option("server.baseUrlPath") or "").strip("/")


def choropleth(spec: MapSpec, key: str, nav: dict | None = None, first: bool = False) -> dict | None:
    """Draw the map; returns the last event ({'event': 'click', 'code', 'nonce'}, or a breadcrumb's
    {'event': 'crumb', 'index'} / {'event': 'up'}) or None. `nav`: breadcrumbs on the map (`crumbs`,
    labels from the country down; `up`, the label of "up one level") and `fill`: the map takes the rest
    of the first screen (at least `min_height` px). `first`: the browser has no frame for this map yet;
    the run holds everything drawn after it until the frame has drawn (components.shared.frame_ready)."""
    extra = {"nav": json.dumps(nav, ensure_ascii=False, separators=(",", ":"))} if nav else {}
    token = frame_ready.expect() if first else None
    if token:
        extra["frame"] = token
    event = _atlas_map(spec=spec.to_json(), key=key, default=None, **extra)
    frame_ready.wait(token)
    return event
