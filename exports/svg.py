"""Maps and bar charts of the slide model as plain SVG text: no tiles, no scripts, no network, so the
same picture shows in the app, in headless Chromium (PNG, PDF) and offline on a projector."""

from __future__ import annotations

import math
from html import escape

from analysis.units import format_value
from exports.slides import Bars, MapPicture
from exports.style import FONT_STACK, INK, MUTED, SERIES_COLORS


def map_svg(picture: MapPicture, width: int = 900, height: int = 620, font_px: int = 18) -> str:
    """The areas filled in their colours, projected equirectangularly with the cosine of the mean
    latitude (right for a province-sized area), fitted to the box; names at label points."""
    rings = [(area, _rings(area.geometry)) for area in picture.areas]
    points = [p for _, polygons in rings for polygon in polygons for ring in polygon for p in ring]
    if not points:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>'
    lat0 = math.radians(sum(p[1] for p in points) / len(points))
    xs = [p[0] * math.cos(lat0) for p in points]
    ys = [p[1] for p in points]
    pad = 12
    scale = min(
        (width - 2 * pad) / max(max(xs) - min(xs), 1e-9), (height - 2 * pad) / max(max(ys) - min(ys), 1e-9)
    )
    x0 = pad + ((width - 2 * pad) - scale * (max(xs) - min(xs))) / 2
    y0 = pad + ((height - 2 * pad) - scale * (max(ys) - min(ys))) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        return x0 + (lon * math.cos(lat0) - min(xs)) * scale, y0 + (max(ys) - lat) * scale

    shapes, labels = [], []
    for area, polygons in rings:
        d = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*p) for p in ring)) + " Z"
            for polygon in polygons
            for ring in polygon
        )
        stroke, weight = ("#1a1a1a", 3) if area.strong else ("#ffffff", 1.2)
        shapes.append(
            f'<path d="{d}" fill="{area.fill}" stroke="{stroke}" stroke-width="{weight}" '
            f'fill-rule="evenodd" data-code="{escape(area.code)}"><title>{escape(area.name)}</title></path>'
        )
        if area.label_point:
            x, y = project(*area.label_point)
            labels.append(
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" dominant-baseline="middle" '
                f'font-size="{font_px}" fill="{INK}" stroke="#ffffff" stroke-width="4" '
                f'paint-order="stroke">{escape(area.name)}</text>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="{FONT_STACK}" role="img">{"".join(shapes)}{"".join(labels)}</svg>'
    )


def bars_svg(chart: Bars, lang: str, width: int = 1000, height: int = 520, font_px: int = 22) -> str:
    """Horizontal grouped bars with the value printed at the end of each bar and a legend on top."""
    label_width, top, right = int(width * 0.27), 16 + font_px * 2, 150
    plot_width = width - label_width - right
    values = [v for _, series in chart.series for v in series if v is not None]
    top_value = max(values, default=0.0) or 1.0
    group_height = (height - top) / max(len(chart.categories), 1)
    bar_height = min(group_height * 0.8 / max(len(chart.series), 1), font_px * 1.8)
    parts = []
    for index, (name, _) in enumerate(chart.series):  # legend
        x = label_width + index * (plot_width + right) / max(len(chart.series), 1)
        color = SERIES_COLORS[index % len(SERIES_COLORS)]
        parts.append(f'<rect x="{x:.1f}" y="8" width="{font_px}" height="{font_px}" fill="{color}"/>')
        parts.append(
            f'<text x="{x + font_px * 1.4:.1f}" y="{8 + font_px * 0.85:.1f}" font-size="{font_px}" '
            f'fill="{INK}">{escape(name)}</text>'
        )
    for row, category in enumerate(chart.categories):
        y_group = top + row * group_height
        middle = y_group + group_height / 2
        parts.append(
            f'<text x="{label_width - 12}" y="{middle:.1f}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="{font_px}" fill="{INK}">{escape(category)}</text>'
        )
        first = middle - bar_height * len(chart.series) / 2
        for index, (_, series) in enumerate(chart.series):
            value = series[row]
            y = first + index * bar_height
            color = SERIES_COLORS[index % len(SERIES_COLORS)]
            length = 0 if value is None else plot_width * max(value, 0) / top_value
            parts.append(
                f'<rect x="{label_width}" y="{y + 2:.1f}" width="{length:.1f}" '
                f'height="{bar_height - 4:.1f}" fill="{color}"/>'
            )
            parts.append(
                f'<text x="{label_width + length + 8:.1f}" y="{y + bar_height / 2:.1f}" '
                f'dominant-baseline="middle" font-size="{font_px * 0.9:.0f}" fill="{MUTED}">'
                f"{escape(format_value(value, chart.unit, lang))}</text>"
            )
    parts.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height}" stroke="{MUTED}" '
        f'stroke-width="1.5"/>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="{FONT_STACK}" role="img">{"".join(parts)}</svg>'
    )


def _rings(geometry: dict) -> list[list[list[tuple[float, float]]]]:
    """Polygons (each a list of rings of (lon, lat)) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []
