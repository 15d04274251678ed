"""Colours, fonts and type sizes of slides and exported pictures, and the contrast rule they keep.

Fonts are system fonts installed by the setup (Debian fonts-noto-core, fonts-thai-tlwg), never web
fonts: the deck must render the same with no internet. Sizes are for a 1280 x 720 slide; on a projector
the smallest text (24 px) is about 1/30 of the slide height, readable from the back of a room.
"""

from __future__ import annotations

THAI_FONT = "Noto Sans Thai"  # fonts-noto-core; Loma (fonts-thai-tlwg) is the fallback
FONT_STACK = "'Noto Sans Thai', 'Loma', 'Garuda', sans-serif"

INK = "#1a1a1a"  # body text
MUTED = "#3d3d3d"  # captions, values beside bars
ACCENT = "#8c2d04"  # titles (dark orange-brown of the YlOrRd ramp's family)
WORSE = "#a50f15"
BETTER = "#08519c"
PAPER = "#ffffff"
BAND = "#fff4e5"  # the demo-data band, as on screen
SERIES_COLORS = ("#b3541e", "#5b5b5b", "#2b8cbe")

SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
TITLE_PX, NUMBER_PX, BODY_PX, SMALL_PX = 52, 50, 28, 24
MIN_CONTRAST = 7.0  # WCAG AAA for body text: projectors wash colours out
TEXT_PAIRS = {  # every (text, background) pair the slides use
    "body": (INK, PAPER),
    "muted": (MUTED, PAPER),
    "title": (ACCENT, PAPER),
    "worse": (WORSE, PAPER),
    "better": (BETTER, PAPER),
    "demo band": (ACCENT, BAND),
}


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21).

    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(color: str) -> float:
    channels = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
