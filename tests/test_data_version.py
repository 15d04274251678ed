"""Several server processes, one database: every change raises the data version in its own
transaction, and a process whose caches are older drops them on its next run."""

from __future__ import annotations

from sqlalchemy import update

from data_access import area_sets, data_version
from data_access.schema import indicator_value
from tests.support.apptest import app_test


def test_the_version_starts_with_the_seed_and_rises_with_every_set_change(seeded_writable_db):
    engine = seeded_writable_db
    start = data_version.current(engine)
    assert start >= 1
    set_id = area_sets.create_set(engine, "ชุดทดสอบ", ["330105", "330106"])
    area_sets.rename_set(engine, set_id, "ชุดทดสอบ 2")
    area_sets.replace_members(engine, set_id, ["330105"])
    area_sets.delete_set(engine, set_id)
    assert data_version.current(engine) == start + 4


def test_a_change_made_by_another_process_shows_on_the_next_run(seeded_writable_db, monkeypatch):
    """The other process is played by this test writing through its own engine, which clears none of
    the app's caches: only the raised version tells the app its cached figures are stale."""
    engine = seeded_writable_db
    url = engine.url.render_as_string(hide_password=False)
    at = app_test(monkeypatch, url)
    at.query_params["province"] = "33"
    at.query_params["year"] = "2566"
    at.run()
    at.switch_page("pages/overview.py").run()
    before = {m.label: m.value for m in at.metric}

    def add_households(extra: int, bump: bool) -> None:
        with engine.begin() as conn:
            conn.execute(
                update(indicator_value)
                .where(
                    indicator_value.c.area_code == "330105",
                    indicator_value.c.indicator_code == "households_surveyed",
                    indicator_value.c.year == 2566,
                )
                .values(numerator=indicator_value.c.numerator + extra, value=indicator_value.c.value + extra)
            )
            if bump:
                data_version.bump(conn)

    add_households(1000, bump=False)
    at.run()
    assert {m.label: m.value for m in at.metric} == before  # cached, and nothing said it moved
    add_households(0, bump=True)
    at.run()
    after = {m.label: m.value for m in at.metric}
    label = "ครัวเรือนที่สำรวจ"
    assert int(after[label].replace(",", "")) == int(before[label].replace(",", "")) + 1000
