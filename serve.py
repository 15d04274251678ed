"""Start Tambon Atlas: `python serve.py [streamlit run options]` (what `make run` and the tests call).

It runs `atlas_server.py`, which serves `app.py` through Streamlit's Starlette app together with the
HTTP routes that set and clear the sign-in cookie (Streamlit finds the `App` there and starts uvicorn).

Because a `pages/` folder sits next to `app.py`, Streamlit's legacy multipage mode runs a page script
directly, without `app.py`, when the first request after the server starts is a page URL such as
`/map?...` (no frame, no language from the link). The app routes with `st.navigation` in `app.py`, so
the legacy mode is switched off before the server starts.
"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", "atlas_server.py", *sys.argv[1:]]
    sys.exit(cli.main())
