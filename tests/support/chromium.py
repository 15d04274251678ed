"""The system Chromium and the flags it runs with here (tests and benchmarks alike): the same ones the
app's own renderer uses (`exports.chromium`), plus which hosts count as this machine."""

from exports.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (re-exported for tests and bench)

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
