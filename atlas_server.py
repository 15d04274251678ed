"""The Tambon Atlas server: Streamlit running `app.py`, plus the HTTP routes of the sign-in cookie.

`python serve.py` runs this file; `streamlit run` finds the `App` below and serves it with uvicorn.
The routes (`components.shell.session_routes`) sit beside Streamlit's own, so they share its host and port.
The app's page tells the browser the app's root (`serving.page_base`), so a deep link connects at once;
the map component's files get validators, so a browser reuses them next visit (`serving.component_cache`).
"""

from starlette.middleware import Middleware
from streamlit.starlette import App

from components.shell.session_routes import ROUTES
from serving.component_cache import ComponentCache, vendored_files
from serving.page_base import KnownBase

app = App(
    "app.py",
    routes=ROUTES,
    middleware=[
        Middleware(KnownBase, prefetch=tuple(vendored_files())),
        Middleware(ComponentCache),
    ],
)
