"""Start Tambon Atlas: `python serve.py [--processes N] [streamlit run options]` (what `make run` and the
tests call).

It runs `atlas_server.py`, which serves `app.py` through Streamlit's Starlette app together with the
HTTP routes that set and clear the sign-in cookie (Streamlit finds the `App` there and starts uvicorn).
Once the server answers, a background thread warms its caches by touring the first pages of every
province (`serving/warmup.py`; `ATLAS_WARMUP=0` switches it off). `--processes N` (or `ATLAS_PROCESSES`)
starts N such processes on consecutive ports from `--server.port`, to sit behind nginx
(`deploy/README.md`).

Because a `pages/` folder sits next to `app.py`, Streamlit's legacy multipage mode runs a page script
directly, without `app.py`, when the first request after the server starts is a page URL such as
`/map?...` (no frame, no language from the link). The app routes with `st.navigation` in `app.py`, so
the legacy mode is switched off before the server starts.
"""

import os
import sys

from serving import supervisor, warmup


def take_option(args: list[str], name: str, default: str) -> tuple[str, list[str]]:
    """The value of `name VALUE` or `name=VALUE` in `args` (the last one wins), and `args` without it."""
    value, rest, index = default, [], 0
    while index < len(args):
        arg = args[index]
        if arg == name and index + 1 < len(args):
            value, index = args[index + 1], index + 2
            continue
        if arg.startswith(f"{name}="):
            value = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        index += 1
    return value, rest


if __name__ == "__main__":
    processes, options = take_option(sys.argv[1:], "--processes", os.environ.get("ATLAS_PROCESSES", "1"))
    port, others = take_option(options, "--server.port", "8501")
    if int(processes) > 1:
        os.environ["ATLAS_PROCESSES"] = "1"  # the children are one process each
        sys.exit(supervisor.supervise(int(processes), int(port), others))

    import pandas as pd
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    # Text columns as Python strings, as pandas 2 keeps them (requirements allow both): pandas 3's
    # Arrow-backed strings cost each small mask, take and lookup of a rerun more than they save; warm
    # reruns measured 20-50 % less CPU (table 0.43 -> 0.21 s, map 0.16 -> 0.09 s, poverty 0.32 -> 0.21 s).
    pd.set_option("future.infer_string", False)
    PagesManager.uses_pages_directory = False
    warmup.start_in_background(int(port))
    sys.argv = ["streamlit", "run", "atlas_server.py", *options]
    sys.exit(cli.main())
