"""Raw SQL for assertions, written independently of the queries under test; portable to both backends."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, text


def frame(engine: Engine, sql: str, **params) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(text(sql), conn, params=params)


def scalar(engine: Engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()
