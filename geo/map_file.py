"""The current map as one self-contained interactive HTML file (folium), for a LINE group or a USB stick.

Folium's page asks CDNs for Leaflet, jQuery, Bootstrap and Font Awesome. A polygon map with tooltips
needs only Leaflet, so every default script and style sheet is dropped and our vendored Leaflet
(`static/vendor/leaflet`) is written into the page itself: the file opens by double-click on a laptop
with no internet and makes no request to any server. Title, legend, source and the demo mark are part
of the page, so a forwarded file still says what it shows.
"""

from __future__ import annotations

import html
from pathlib import Path

from geo.choropleth import MapSpec, to_folium

LEAFLET_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "leaflet"


def offline_map_html(spec: MapSpec, geometry: dict, title: str, subtitle: str = "", source: str = "") -> str:
    """The whole HTML document of `spec` drawn over `geometry` (the map page's boundary collection)."""
    import branca.element as branca

    fmap = to_folium(spec, geometry, tiles=None)
    fmap.default_js, fmap.default_css = [], []
    for child in fmap._children.values():  # GeoJson and its tooltip add no scripts of their own today
        child.default_js, child.default_css = [], []
    root = fmap.get_root()
    root.header.add_child(branca.Element(_inline_leaflet()), name="leaflet_inline", index=0)
    root.header.add_child(branca.Element(f"<title>{html.escape(title)}</title>"), name="page_title")
    root.header.add_child(branca.Element(f"<style>{PANEL_CSS}</style>"), name="panel_css")
    root.html.add_child(branca.Element(_panel(spec, title, subtitle, source)), name="panel")
    page = root.render()
    if "<html" in page and 'lang="' not in page[:200]:
        page = page.replace("<html>", f'<html lang="{spec.lang}">', 1)
    return page


def _inline_leaflet() -> str:
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    js = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    # A "</script>" inside the inlined text would end the element early; Leaflet has none, keep it so.
    js = js.replace("</script", "<\\/script")
    return f"<style>{css}</style>\n<script>{js}</script>"


PANEL_CSS = """
.atlas-panel{position:absolute;top:10px;right:10px;z-index:1000;background:#fff;padding:10px 12px;
  max-width:300px;border-radius:6px;box-shadow:0 1px 5px rgba(0,0,0,.35);
  font:13px/1.35 "Noto Sans Thai","Sarabun","Tahoma",sans-serif;color:#222}
.atlas-panel h1{font-size:15px;margin:0 0 2px}.atlas-panel .sub{color:#555;margin:0 0 6px}
.atlas-panel table{border-collapse:collapse}.atlas-panel td{padding:1px 4px;vertical-align:middle}
.atlas-panel .sw{width:18px;height:12px;border:1px solid #999;display:inline-block}
.atlas-panel .src{font-size:11px;color:#555;margin-top:6px}
.atlas-panel .demo{font-weight:bold;color:#8a3b12;margin-top:4px}
"""


def _panel(spec: MapSpec, title: str, subtitle: str, source: str) -> str:
    rows = "".join(
        f'<tr><td><span class="sw" style="background:{html.escape(row["color"])}"></span></td>'
        f"<td>{html.escape(str(row['label']))}</td><td>({int(row.get('count', 0)):,})</td></tr>"
        for row in spec.legend
    )
    parts = [
        '<div class="atlas-panel">',
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="sub">{html.escape(subtitle)}</p>' if subtitle else "",
        f"<div><b>{html.escape(spec.legend_title)}</b></div><table>{rows}</table>",
        f'<div class="src">{html.escape(source)}</div>' if source else "",
        f'<div class="src">{html.escape(spec.attribution)}</div>',
        f'<div class="demo">{html.escape(spec.demo_note)}</div>' if spec.demo_note else "",
        "</div>",
    ]
    return "".join(parts)
