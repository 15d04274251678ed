"""The growth table's national rows come from a kept measurement, read from `/usr/bin/time -v`."""

from __future__ import annotations

import pytest

from bench import bench_seed, kept_national

REPORT = """province 96: 700,000 households in 9.0 s
\tCommand being timed: "nice -n 5 .venv/bin/python -m data_access.seed --provinces all"
\tUser time (seconds): 700.50
\tSystem time (seconds): 99.50
\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02:03
\tMaximum resident set size (kbytes): 1572864
"""


def test_time_v_report_gives_wall_cpu_and_peak():
    assert kept_national.time_v(REPORT) == {"seconds": 3723.0, "cpu_s": 800.0, "peak_mb": 1536.0}
    assert kept_national.time_v(REPORT.replace("1:02:03", "12:03.50"))["seconds"] == 723.5


def test_a_log_without_the_report_is_refused():
    with pytest.raises(ValueError, match="time -v"):
        kept_national.time_v("province 96: 700,000 households in 9.0 s\n")


def test_a_kept_row_prints_with_its_server_cpu_and_a_missed_target():
    row = {
        **kept_national.time_v(REPORT),
        "provinces": 76,
        "households": 38_807_598,
        "maker_peak_mb": 0.0,
        "size_mb": 4500.0,
        "server_cpu_s": 321.0,
        "pages": {},
    }
    cells = bench_seed._cells("postgresql", "national", row, label="national (kept)")
    assert cells[1:7] == ["national (kept)", "76", "38,807,598", "3723 MISSED", "800 +321 server", "1536"]
