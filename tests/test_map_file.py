"""The map as one HTML file that travels: everything inlined, nothing fetched, the legend on the page."""

from __future__ import annotations

import json
import re

from geo.assets import load_geometry
from geo.map_file import offline_map_html
from tests.test_choropleth_spec import build, sample_values


def page() -> str:
    spec = build(sample_values(), filter_prefix="24", demo_note="ข้อมูลสาธิต (สังเคราะห์)")
    return offline_map_html(spec, load_geometry("tambon", "24"), "ร้อยละคนจนเป้าหมาย · ฉะเชิงเทรา", "ระดับตำบล")


def test_no_script_style_or_image_is_loaded_from_anywhere():
    html = page()
    assert re.findall(r"<script[^>]+src=", html) == []
    assert re.findall(r"<link[^>]+rel=\"stylesheet\"", html) == []
    # The only addresses left are links (Leaflet's attribution) and comments, never a resource to fetch.
    assert re.findall(r"(?:src|@import|url\()\s*=?\s*[\"']?https?://", html) == []
    assert ("L.map(" in html, "Leaflet 1.9.4" in html) == (True, True)  # our vendored Leaflet, inlined


def test_title_legend_names_and_demo_mark_are_on_the_page():
    html = page()
    wanted = [
        "<title>ร้อยละคนจนเป้าหมาย · ฉะเชิงเทรา</title>",
        "0.50 – 1.50 %",
        "ไม่มีข้อมูล",
        "ข้อมูลสาธิต (สังเคราะห์)",
        "CC BY-IGO",
        json.dumps("คลองนา")[1:-1],  # tambon names travel with the polygons, for the tooltips
    ]
    assert [text for text in wanted if text not in html] == []


def test_text_is_escaped():
    spec = build(sample_values(), filter_prefix="24")
    html = offline_map_html(spec, load_geometry("tambon", "24"), "<script>alert(1)</script>")
    assert ("<script>alert(1)</script>" in html, "&lt;script&gt;alert(1)&lt;/script&gt;" in html) == (
        False,
        True,
    )
