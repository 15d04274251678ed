"""Slides and pictures as HTML: the presentation page shows these fragments, headless Chromium prints
them to PDF and photographs the pictures for PNG and PPTX.

Sizes are in container-query units of a 1280 px wide slide (`cq(px)`), so a slide keeps its layout at
any width: full screen on a projector, in the app, or on a PDF page.
"""

from __future__ import annotations

import base64
from html import escape

from exports.slides import Deck, Slide, Table
from exports.style import (
    ACCENT,
    BAND,
    BETTER,
    BODY_PX,
    FONT_STACK,
    INK,
    MUTED,
    NUMBER_PX,
    PAPER,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    SMALL_PX,
    TITLE_PX,
    WORSE,
)
from exports.svg import bars_svg, map_svg


def cq(px: float) -> str:
    return f"{px / SLIDE_WIDTH * 100:.3f}cqw"


SLIDE_CSS = f"""
.atlas-slide {{ container-type: inline-size; width: 100%; aspect-ratio: 16 / 9; background: {PAPER};
  color: {INK}; font-family: {FONT_STACK}; position: relative; overflow: hidden; box-sizing: border-box;
  line-height: 1.45; }}
.atlas-slide * {{ box-sizing: border-box; }}
.atlas-slide .s-inner {{ position: absolute; inset: 0; padding: {cq(40)} {cq(56)} {cq(52)}; display: flex;
  flex-direction: column; }}
.atlas-slide h1 {{ font-size: {cq(TITLE_PX)}; color: {ACCENT}; margin: 0; line-height: 1.3;
  font-weight: 700; padding: 0; }}
.atlas-slide .s-sub {{ font-size: {cq(BODY_PX)}; color: {MUTED}; margin: {cq(4)} 0 {cq(16)}; }}
.atlas-slide .s-body {{ flex: 1; display: flex; gap: {cq(28)}; min-height: 0; align-items: flex-start; }}
.atlas-slide .s-foot {{ position: absolute; left: {cq(56)}; right: {cq(56)}; bottom: {cq(14)};
  font-size: {cq(15)}; color: {MUTED}; display: flex; justify-content: space-between; gap: {cq(24)}; }}
.atlas-slide .s-foot span:last-child {{ white-space: nowrap; flex: none; }}
.atlas-slide .s-demo {{ position: absolute; top: 0; right: {cq(56)}; background: {BAND}; color: {ACCENT};
  font-size: {cq(SMALL_PX)}; font-weight: 700; padding: {cq(4)} {cq(16)};
  border-radius: 0 0 {cq(8)} {cq(8)}; }}
.atlas-slide.s-title .s-inner {{ justify-content: center; }}
.atlas-slide.s-title h1 {{ font-size: {cq(72)}; }}
.atlas-slide.s-title .s-sub {{ font-size: {cq(36)}; }}
.atlas-slide .s-facts {{ font-size: {cq(32)}; margin-top: {cq(24)}; }}
.atlas-slide .s-cards {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: {cq(14)} {cq(20)};
  width: 100%; }}
.atlas-slide .s-card {{ border-left: {cq(8)} solid {ACCENT}; padding: {cq(4)} {cq(14)}; }}
.atlas-slide .s-card .l {{ font-size: {cq(SMALL_PX)}; color: {MUTED}; line-height: 1.3; }}
.atlas-slide .s-card .v {{ font-size: {cq(NUMBER_PX - 8)}; font-weight: 700; line-height: 1.25; }}
.atlas-slide .s-card .c {{ font-size: {cq(SMALL_PX)}; }}
.atlas-slide .worse {{ color: {WORSE}; }} .atlas-slide .better {{ color: {BETTER}; }}
.atlas-slide .s-figure {{ flex: 1; min-width: 0; height: 100%; display: flex; gap: {cq(16)}; }}
.atlas-slide .s-figure svg {{ width: 100%; height: auto; max-height: 100%; }}
.atlas-slide .s-figure img {{ max-width: 100%; max-height: 100%; object-fit: contain; }}
.atlas-slide table {{ border-collapse: collapse; font-size: {cq(SMALL_PX)}; width: 66%; flex: none;
  line-height: 1.25; }}
.atlas-slide th, .atlas-slide td {{ padding: {cq(5)} {cq(8)}; border-bottom: 1px solid #bdbdbd;
  text-align: right; }}
.atlas-slide th:first-child, .atlas-slide td:first-child {{ text-align: left; width: 38%; }}
.atlas-slide th {{ color: {ACCENT}; }}
.atlas-slide td:nth-child(2) {{ font-weight: 700; }}
.atlas-slide td:not(:first-child) {{ white-space: nowrap; }}
.atlas-slide .s-tables {{ flex: 1; display: flex; flex-direction: column; gap: {cq(14)}; min-height: 0; }}
.atlas-slide .s-tables table {{ width: 100%; }}
.atlas-slide .s-tables th:first-child, .atlas-slide .s-tables td:first-child {{ width: 34%; }}
.atlas-slide .s-caption {{ font-size: {cq(SMALL_PX)}; color: {ACCENT}; font-weight: 700;
  margin-bottom: {cq(4)}; }}
.atlas-figure {{ font-family: {FONT_STACK}; color: {INK}; background: {PAPER}; display: flex;
  flex-direction: column; gap: 10px; padding: 16px; width: fit-content; }}
.atlas-figure .f-title {{ font-size: 28px; font-weight: 700; color: {ACCENT}; }}
.atlas-figure .f-row {{ display: flex; gap: 20px; align-items: flex-start; }}
.atlas-slide .atlas-figure {{ width: 100%; height: 100%; padding: 0; }}
.atlas-slide .f-legend {{ font-size: {cq(SMALL_PX)} !important; }}
.atlas-slide .f-legend span {{ width: {cq(26)} !important; height: {cq(26)} !important; }}
.atlas-slide .f-row img {{ min-width: 0; flex: 1; max-height: {cq(520)}; object-fit: contain; }}
.atlas-figure .f-legend {{ font-size: 24px; display: flex; flex-direction: column; gap: 6px; }}
.atlas-figure .f-legend span {{ display: inline-block; width: 26px; height: 26px; vertical-align: middle;
  margin-right: 8px; border: 1px solid #999; }}
.atlas-figure .f-foot {{ font-size: 15px; color: {MUTED}; max-width: 1100px; }}
.atlas-figure .f-demo {{ font-size: 18px; font-weight: 700; color: {ACCENT}; background: {BAND};
  padding: 2px 10px; align-self: flex-start; }}
"""


def figure_svg(slide: Slide, lang: str, small: bool = False) -> str:
    """The slide's map or chart as SVG ("" when it has none)."""
    if slide.map is not None:
        return map_svg(slide.map, 460, 460, 16) if small else map_svg(slide.map, 760, 500, 20)
    if slide.chart is not None:
        return bars_svg(slide.chart, lang, 1160, 480, 24)
    return ""


def figure_html(
    slide: Slide, lang: str, card: bool = False, footer: str = "", demo_mark: str = "", as_image: bool = False
) -> str:
    """The picture with its legend; as a `card` also its title, source, year and the demo mark (the PNG
    download). Slide pictures leave those to the slide's own text."""
    svg = figure_svg(slide, lang, small=slide.kind == "unit")
    if as_image:  # Streamlit's HTML sanitiser drops inline <svg>; an SVG image passes and scales
        encoded = base64.b64encode(svg.encode()).decode()
        svg = f'<img alt="{escape(slide.figure_title)}" src="data:image/svg+xml;base64,{encoded}">'
    legend = ""
    if slide.map is not None and (slide.kind != "unit" or card):
        rows = "".join(
            f'<div><span style="background:{color}"></span>{escape(label)}</div>'
            for label, color in slide.map.legend
        )
        legend = f'<div class="f-legend">{rows}</div>'
    parts = []
    if card:
        parts.append(f'<div class="f-title">{escape(slide.figure_title)}</div>')
    parts.append(f'<div class="f-row">{svg}{legend}</div>')
    if card:
        parts.append(f'<div class="f-foot">{escape(footer)}</div>')
        if demo_mark:
            parts.append(f'<div class="f-demo">{escape(demo_mark)}</div>')
    return f'<div class="atlas-figure" data-kind="{slide.kind}">{"".join(parts)}</div>'


def slide_html(deck: Deck, index: int, picture: str | None = None, as_image: bool = False) -> str:
    """Slide `index` (0-based) as a fragment; `picture` replaces the inline figure (the PDF passes the
    same PNG the PPTX holds)."""
    slide = deck.slides[index]
    if picture is None and (slide.map is not None or slide.chart is not None):
        picture = figure_html(slide, deck.lang, as_image=as_image)
    body = ""
    if slide.kind == "title":
        facts = "".join(f"<div>{escape(n.label)}: <b>{escape(n.value)}</b></div>" for n in slide.numbers)
        body = f'<div class="s-facts">{facts}</div>'
    elif slide.numbers:
        cards = "".join(
            f'<div class="s-card"><div class="l">{escape(n.label)}</div>'
            f'<div class="v">{escape(n.value)}</div>'
            f'<div class="c {n.tone}">{escape(n.change)}</div></div>'
            for n in slide.numbers
        )
        body = f'<div class="s-body"><div class="s-cards">{cards}</div></div>'
    elif slide.tables:
        tables = "".join(
            f'<div><div class="s-caption">{escape(part.caption)}</div>{_table_html(part)}</div>'
            for part in slide.tables
        )
        body = f'<div class="s-tables">{tables}</div>'
    else:
        table = _table_html(slide.table) if slide.table is not None else ""
        body = f'<div class="s-body">{table}<div class="s-figure">{picture or ""}</div></div>'
    demo = f'<div class="s-demo">{escape(deck.demo_mark)}</div>' if deck.demo_mark else ""
    sub = f'<div class="s-sub">{escape(slide.subtitle)}</div>' if slide.subtitle else ""
    return (
        f'<section class="atlas-slide s-{slide.kind}" data-slide="{index + 1}">{demo}<div class="s-inner">'
        f"<h1>{escape(slide.title)}</h1>{sub}{body}</div>"
        f'<div class="s-foot"><span>{escape(deck.footer)}</span><span>{index + 1} / {len(deck.slides)}</span>'
        f"</div></section>"
    )


def deck_document(deck: Deck, pictures: dict[int, str] | None = None) -> str:
    """Every slide, one per PDF page of 1280 x 720 CSS px."""
    pictures = pictures or {}
    slides = "".join(slide_html(deck, i, pictures.get(i)) for i in range(len(deck.slides)))
    return (
        f'<!doctype html><html lang="{deck.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(deck.title)}</title>"
        f"<style>@page {{ size: {SLIDE_WIDTH}px {SLIDE_HEIGHT}px; margin: 0 }} html, body {{ margin: 0 }}"
        f".atlas-slide {{ width: {SLIDE_WIDTH}px; height: {SLIDE_HEIGHT}px; break-after: page; }}{SLIDE_CSS}"
        f"</style></head><body>{slides}</body></html>"
    )


def figures_document(figures: list[str]) -> str:
    """A page of pictures to photograph one by one (`.atlas-figure` elements, in order)."""
    return (
        f'<!doctype html><html><head><meta charset="utf-8">'
        f"<style>html, body {{ margin: 0; background: {PAPER} }}"
        f"{SLIDE_CSS}</style></head><body>{''.join(figures)}</body></html>"
    )


def _table_html(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
