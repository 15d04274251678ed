"""The files of Streamlit's map element, named to the browser so it loads them with Streamlit's own.

Streamlit's browser code fetches the code of most element kinds (a custom component, a select box, a
page link...) only when the first element of that kind arrives over the websocket, then its imports,
one round after another. The map page sends its map first (components.shared.frame_ready), so the
custom component's code is the one on the way to the map: the page names it and every file it imports
as `modulepreload` hints (`serving.page_base`), fetched and compiled while the browser waits for the
websocket. Measured on the map page (medians of 7, ms from navigation to map drawn, first / return
visit): no hints 1,333 / 463; the component's files 1,193 / 399; the files of every element of the
first screen (select box, page link, radio, checkbox, download button, html) 1,465 / 401, since on a
first visit they compete with Streamlit's own bundle. File names carry a hash, so they are looked up by
element name in the installed Streamlit.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import streamlit

STATIC = Path(streamlit.__file__).parent / "static"
ELEMENTS = ("ComponentInstance",)  # Streamlit's chunk name for a custom component (our map)
_IMPORT = re.compile(r'(?:from|import)\s*"\./([^"]+\.js)"')


@functools.cache
def element_modules(elements: tuple[str, ...] = ELEMENTS, static: Path = STATIC) -> list[str]:
    """Paths below the app root (`static/js/...`) of the files of `elements` and all they import,
    except those Streamlit's page already preloads; empty when this Streamlit names no such files."""
    folder = static / "static" / "js"
    preloaded = set(re.findall(r"static/js/([^\"']+\.js)", (static / "index.html").read_text("utf-8")))
    files = sorted(path.name for path in folder.glob("*.js"))
    queue = [name for element in elements for name in files if name.startswith(f"{element}.")]
    found: list[str] = []
    while queue:
        name = queue.pop(0)
        if name in found or name in preloaded or not (folder / name).is_file():
            continue
        found.append(name)
        queue.extend(_IMPORT.findall((folder / name).read_text("utf-8", errors="replace")))
    return [f"static/js/{name}" for name in found]
