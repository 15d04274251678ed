"""The naive map page `bench_map` compares ours with: `streamlit run bench/naive_map_app.py`.

What a first version of the map page would do: on every script run, query the values, classify them,
build a `folium.Map` holding the full GeoJSON with colours and tooltips baked in, and hand it to
`streamlit_folium.st_folium` with its default return values (bounds, zoom, clicks... all sent back,
each one a rerun). Same data path as the real page: `rollup.indicator_values` -> `classify` ->
`build_choropleth` -> `to_folium(spec, load_geometry(...))`. Only the engine is cached.

URL: `/?province=24&level=tambon` (province code or `all`; level tambon or amphoe). Widgets carry the
same Thai labels as ours so one driver works for both. Benchmark hooks, inert outside the benchmark:
- `ATLAS_RUN_LOG=path`: one line per script run, "epoch naive seconds" (as `components.shell.frame.run_log`);
- `NAIVE_ASSET_BASE=http://127.0.0.1:port`: folium's CDN URLs (Leaflet, jQuery, Bootstrap...) are
  rewritten to `<base>/<cdn host>/<path>`, a local mirror `bench_map` serves (the machine is offline);
- the map script ends with `window.__benchReady(render_key, polygons)` when the page defines it.
"""

from __future__ import annotations

import os
import time
from urllib.parse import urlparse

import folium
import streamlit as st
from streamlit_folium import st_folium

from data_access import queries
from data_access.config import database_url
from data_access.engine import make_engine
from data_access.rollup import indicator_values
from geo.assets import load_geometry
from geo.choropleth import build_choropleth, to_folium
from geo.classify import classify

ASSET_BASE = os.environ.get("NAIVE_ASSET_BASE", "").rstrip("/")


class BenchReady(folium.MacroElement):
    """Tells the benchmark the layer is on the map: key and number of polygons (a child of the layer)."""

    _template = folium.template.Template(
        """{% macro script(this, kwargs) %}
        if (window.__benchReady) {
            const polygons = {{ this._parent.get_name() }}.getLayers().length;
            window.__benchReady({{ this.render_key|tojson }}, polygons);
        }
        {% endmacro %}"""
    )

    def __init__(self, render_key: str):
        super().__init__()
        self._name = "BenchReady"
        self.render_key = render_key


@st.cache_resource
def engine():
    return make_engine(database_url())


def local_assets(element) -> None:
    """Point every element's CDN links at the local mirror (instance attributes shadow the class's)."""
    for attr in ("default_js", "default_css"):
        links = getattr(element, attr, None)
        if links:
            setattr(
                element,
                attr,
                [(name, f"{ASSET_BASE}/{urlparse(url).netloc}{urlparse(url).path}") for name, url in links],
            )
    for child in getattr(element, "_children", {}).values():
        local_assets(child)


def page() -> None:
    params = st.query_params
    province = params.get("province", "24")
    province = None if province in ("", "all") else province
    level = params.get("level", "tambon")
    catalogue = queries.catalogue(engine())
    years = queries.survey_years(engine())
    labels = dict(zip(catalogue["code"], catalogue["dimension_th"] + " · " + catalogue["name_th"]))
    codes = catalogue["code"].tolist()

    st.title("แผนที่ตัวชี้วัด (naive st_folium)")
    left, right = st.columns([3, 1])
    indicator = left.selectbox("ตัวชี้วัด", codes, index=codes.index("target_poor_rate"), format_func=labels.get)
    year = right.selectbox("ปีสำรวจ (พ.ศ.)", years, index=len(years) - 1)

    values = indicator_values(engine(), level, indicator, year, province)
    row = catalogue.set_index("code").loc[indicator]
    classification = classify(values["value"], "quantiles", 5, row["polarity"])
    spec = build_choropleth(
        values,
        classification,
        geometry_url="",
        unit=row["unit"],
        indicator_label=f"{labels[indicator]} · {year}",
        lang="th",
        texts={"parts": "", "no_data": "ไม่มีข้อมูล", "rank": ""},
        filter_prefix=province or "",
    )
    fmap = to_folium(spec, load_geometry(level, province))
    layer = next(child for child in fmap._children.values() if isinstance(child, folium.GeoJson))
    BenchReady(f"{level}|{province or ''}|{indicator}|{year}|").add_to(layer)
    if ASSET_BASE:
        local_assets(fmap)
    st_folium(fmap, height=620, use_container_width=True)


started = time.perf_counter()
try:
    st.set_page_config(page_title="Naive map", layout="wide")
    page()
finally:
    if log_path := os.environ.get("ATLAS_RUN_LOG"):
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(f"{time.time():.3f} naive {time.perf_counter() - started:.4f}\n")
