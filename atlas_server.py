"""The Tambon Atlas server: Streamlit running `app.py`, plus the HTTP routes of the sign-in cookie and
of the map frame's "drawn" answer.

`python serve.py` runs this file; `streamlit run` finds the `App` below and serves it with uvicorn.
The routes (`components.shell.session_routes`, `components.shared.frame_ready`) sit beside Streamlit's
own, so they share its host and port. The app's page tells the browser the app's root and which of
Streamlit's element files to load early (`serving.page_base`), so a deep link connects at once; the
map component's files get validators, so a browser reuses them next visit (`serving.component_cache`).
"""

from starlette.middleware import Middleware
from streamlit.starlette import App

from components.shared import frame_ready
from components.shell.session_routes import ROUTES
from serving.component_cache import ComponentCache, vendored_files
from serving.element_chunks import element_modules
from serving.page_base import KnownBase

frame_ready.SERVED = True
app = App(
    "app.py",
    routes=[*ROUTES, frame_ready.ROUTE],
    middleware=[
        Middleware(KnownBase, prefetch=tuple(vendored_files()), modules=tuple(element_modules())),
        Middleware(ComponentCache),
    ],
)
