"""The poverty page's aggregates, kept in the database: households grouped by tambon-year and
deprivation profile (`household_profile`), by status class (`household_status`) and by status move
between consecutive survey years (`household_transition`); see `data_access.schema`.

`rebuild_profiles` replaces the rows of some tambon-years from their households inside the caller's
transaction; seeding (per province), imports and field edits call it (through
`importer.recompute.recompute_tambon_years`), so the rows always equal a rebuild from scratch. The
readers return the frames `analysis.poverty` takes, so a new weighting or cutoff is a sum over a few
thousand profile rows, not over a province's households. Removed households do not count.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, Integer, String, and_, delete, func, literal, or_, select

from analysis.capitals import CAPITAL_COLUMNS, mean_capital_score, status_class
from analysis.poverty import transition_pairs
from data_access.bulk import bulk_insert
from data_access.households import read_frame
from data_access.schema import (
    area,
    dataset_info,
    household,
    household_deprivation,
    household_profile,
    household_profile_province,
    household_record,
    household_status,
    household_transition,
)

BATCH = 400  # tambons per statement (bound parameters stay well under every driver's limit)
MAX_CODES = 62  # indicator codes a profile's bit mask holds
KEPT_FACT = "poverty_profiles_kept"  # dataset_info key: every tambon-year's aggregates are kept
PROVINCE_FACT = "province_profiles_kept"  # and their per-province sums (`household_profile_province`)


def rebuild_profiles(conn: Connection, tambons: str | Iterable[str], years: Iterable[int]) -> int:
    """Rebuild the aggregates of `tambons` (tambon codes, or one 2-digit province code) in `years`
    from their households as this transaction sees them, and the status moves into and out of those
    years; returns the rows written.

    Pass every tambon a change touched (a household that moved: both tambons). The moves of the
    households of other tambons matched to these on their key are rebuilt with them."""
    codes = _tambons(conn, tambons)
    years = sorted({int(y) for y in years})
    written = 0
    for year in years:
        for batch in _chunks(codes):
            written += store_year(conn, batch, year, *_read_year(conn, batch, year))
    return written + rebuild_transitions(conn, codes, years)


def store_year(
    conn: Connection,
    tambons: list[str],
    year: int,
    households: pd.DataFrame,
    deprivations: pd.DataFrame,
    provinces: bool = True,
) -> int:
    """Replace the profiles and status counts of `tambons` in `year` by those of `households` (tambon_code,
    members, welfare_card, capital_*; the ones that count) with their wide 0/1/NaN `deprivations`
    (as `data_access.households.household_microdata` gives them). Status moves are not touched.
    `provinces=False`: the caller sums the provinces (`sum_provinces`) once it has stored every run."""
    if households.empty:
        return _replace_year(conn, tambons, year, None, None, provinces)
    profiles = household_profiles(households, deprivations)
    return _replace_year(conn, tambons, year, profiles, status_counts(households), provinces)


def status_counts(households: pd.DataFrame) -> pd.DataFrame:
    """Households per tambon_code and status_class (under the default bands)."""
    classes = status_class(mean_capital_score(households)).to_numpy()
    return (
        pd.DataFrame({"tambon_code": households["tambon_code"].to_numpy(), "status_class": classes})
        .groupby(["tambon_code", "status_class"])
        .size()
        .rename("households")
        .reset_index()
    )


def _replace_year(conn: Connection, tambons, year: int, profiles, status, provinces: bool = True) -> int:
    for table in (household_profile, household_status):
        for batch in _chunks(sorted(tambons)):
            conn.execute(delete(table).where(table.c.survey_year == year, table.c.tambon_code.in_(batch)))
    written = 0
    if profiles is not None:
        written = bulk_insert(conn, household_profile, profiles.assign(survey_year=year)) + bulk_insert(
            conn, household_status, status.assign(survey_year=year)
        )
    if provinces:
        sum_provinces(conn, {code[:2] for code in tambons}, year)
    return written


# One piece's profile rows, status counts and (household_key, tambon_code, status_class) per household.
PieceAggregates = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]


def piece_aggregates(households: pd.DataFrame, deprivations: pd.DataFrame) -> PieceAggregates | None:
    """What `FreshLoad` keeps of one piece of households (columns as `FreshLoad.add` takes them) and
    their wide flags: computed from the frames alone, so it can run away from the database."""
    if not len(households):
        return None
    side = pd.DataFrame(
        {
            "household_key": households["household_key"].to_numpy(dtype=object),
            "tambon_code": households["tambon_code"].to_numpy(dtype=object),
            "status_class": status_class(mean_capital_score(households)).to_numpy(dtype=np.int8),
        }
    )
    return household_profiles(households, deprivations), status_counts(households), side


class FreshLoad:
    """The aggregates of a fresh load that arrives in pieces (the seed: a province, one survey year
    after another, each year in runs of households), stored a survey year at a time. What a year
    leaves for the next is only its households' keys, tambons and classes (for the moves between the
    two), so memory follows one piece and one year's keys, never a province's three years of rows.
    The households of one load match only each other on their key. Profile and status rows are
    counts, so a year's are the sums of its pieces'."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.written = 0
        self.seconds = 0.0
        self._year: int | None = None
        self._pieces: list[PieceAggregates] = []
        self._before: tuple[int, pd.DataFrame] | None = None

    def add(self, year: int, households: pd.DataFrame, deprivations: pd.DataFrame) -> None:
        """One piece of `year` (years in increasing order): households with household_key, tambon_code,
        members, welfare_card and capitals, and their wide 0/1/NaN flags row by row."""
        started = time.perf_counter()
        parts = piece_aggregates(households, deprivations)
        self.seconds += time.perf_counter() - started
        self.add_aggregates(year, parts)

    def add_aggregates(self, year: int, parts: PieceAggregates | None) -> None:
        """One piece of `year` already summed by `piece_aggregates` (the seed sums it in the process
        that makes the households, so the writer only stores); None for a piece with no households."""
        started = time.perf_counter()
        year = int(year)
        if self._year is not None and year != self._year:
            self._store_year()
        self._year = year
        if parts is not None:
            self._pieces.append(parts)
        self.seconds += time.perf_counter() - started

    def finish(self) -> int:
        """Store the last year and mark every tambon-year kept; returns the rows written."""
        started = time.perf_counter()
        self._store_year()
        self._before = None
        mark_kept(self.conn)
        self.seconds += time.perf_counter() - started
        return self.written

    def _store_year(self) -> None:
        if self._year is None:
            return
        year, pieces, self._pieces = self._year, self._pieces, []
        self._year = None
        if not pieces:
            return
        keys = ["tambon_code", "welfare_card", "deprived", "not_assessed"]
        profiles = pd.concat([p for p, _, _ in pieces]).groupby(keys, sort=True)[["households", "members"]]
        status = pd.concat([s for _, s, _ in pieces]).groupby(["tambon_code", "status_class"], sort=True)
        side = pd.concat([s for _, _, s in pieces], ignore_index=True)
        tambons = sorted(side["tambon_code"].unique())
        self.written += _replace_year(
            self.conn, tambons, year, profiles.sum().reset_index(), status["households"].sum().reset_index()
        )
        if self._before is not None:
            self.written += _store_moves(self.conn, *self._before, year, side)
        self._before = (year, side)


def _store_moves(
    conn: Connection, before: int, earlier: pd.DataFrame, after: int, later: pd.DataFrame
) -> int:
    """Replace the moves between two consecutive years of a fresh load's households."""
    t = household_transition
    tambons = sorted(np.union1d(earlier["tambon_code"].unique(), later["tambon_code"].unique()))
    for batch in _chunks(tambons):
        conn.execute(
            delete(t).where(
                t.c.year_after == after, or_(t.c.tambon_after.in_(batch), t.c.tambon_before.in_(batch))
            )
        )
    rows = transition_pairs(earlier, later).assign(year_before=before, year_after=after)
    return bulk_insert(conn, t, rows)


def sum_provinces(conn: Connection, provinces: Iterable[str], year: int) -> None:
    """Replace the rows of `household_profile_province` of `provinces` in `year` by their tambons'
    profiles summed, in the database (an INSERT from a grouped SELECT of one province's rows)."""
    p, kept = household_profile, household_profile_province
    keys = [p.c.welfare_card, p.c.deprived, p.c.not_assessed]
    for province in sorted(set(provinces)):
        conn.execute(delete(kept).where(kept.c.survey_year == int(year), kept.c.province_code == province))
        tambons = select(area.c.code).where(area.c.level == "tambon", area.c.province_code == province)
        summed = (
            select(
                literal(int(year), Integer),
                literal(province, String(2)),
                *keys,
                func.sum(p.c.households),
                func.sum(p.c.members),
            )
            .where(p.c.survey_year == int(year), p.c.tambon_code.in_(tambons))
            .group_by(*keys)
        )
        conn.execute(kept.insert().from_select([c.name for c in kept.columns], summed))


def store_loaded(conn: Connection, households: pd.DataFrame, deprivations: pd.DataFrame) -> int:
    """The aggregates of a fresh load held in memory (`households` with survey_year and household_key;
    households of different years match only each other): `FreshLoad` fed one year at a time."""
    load = FreshLoad(conn)
    for year in sorted(int(y) for y in households["survey_year"].unique()):
        rows = (households["survey_year"] == year).to_numpy()
        load.add(year, households[rows], deprivations[rows])
    return load.finish()


def ensure_profiles(engine: Engine) -> int:
    """Build the aggregates of every tambon-year that has households but none (a database made before
    they existed), and the per-province sums when they are not kept yet; returns the tambon-years
    built. Once done the database says so (`dataset_info`), so later starts skip the check."""
    built = _ensure_tambon_profiles(engine)
    with engine.connect() as conn:
        summed = conn.execute(
            select(dataset_info.c.value).where(dataset_info.c.key == PROVINCE_FACT)
        ).scalar()
        if summed == "1":
            return built
        held = conn.execute(
            select(
                func.substr(household_profile.c.tambon_code, 1, 2), household_profile.c.survey_year
            ).distinct()
        ).all()
    by_year: dict[int, set[str]] = {}
    for province, year in held:
        by_year.setdefault(int(year), set()).add(str(province))
    with engine.begin() as conn:
        for year, provinces in sorted(by_year.items()):
            sum_provinces(conn, provinces, year)
        _mark(conn, PROVINCE_FACT)
    return built


def _ensure_tambon_profiles(engine: Engine) -> int:
    with engine.connect() as conn:
        done = conn.execute(select(dataset_info.c.value).where(dataset_info.c.key == KEPT_FACT)).scalar()
        if done == "1":
            return 0
        held = set(conn.execute(select(household.c.tambon_code, household.c.survey_year).distinct()).all())
        kept_columns = (household_profile.c.tambon_code, household_profile.c.survey_year)
        kept = set(conn.execute(select(*kept_columns).distinct()).all())
    missing = held - kept
    by_year: dict[int, list[str]] = {}
    for tambon, year in missing:
        by_year.setdefault(int(year), []).append(tambon)
    for year, tambons in sorted(by_year.items()):
        with engine.begin() as conn:
            rebuild_profiles(conn, sorted(tambons), [year])
    with engine.begin() as conn:
        _mark(conn, KEPT_FACT)  # the per-province sums are checked apart
    return len(missing)


def mark_kept(conn: Connection) -> None:
    """Record that every tambon-year's aggregates are kept, with their per-province sums (the seed,
    after loading them)."""
    _mark(conn, KEPT_FACT)
    _mark(conn, PROVINCE_FACT)


def _mark(conn: Connection, fact: str) -> None:
    conn.execute(delete(dataset_info).where(dataset_info.c.key == fact))
    conn.execute(dataset_info.insert().values(key=fact, value="1"))


# --- readers ----------------------------------------------------------------------------------------


def profile_rows(engine: Engine, area_code: str, year: int) -> pd.DataFrame:
    """Stored profiles of every tambon of `area_code` (2, 4 or 6 digits) in `year`: tambon_code,
    welfare_card, deprived, not_assessed, households, members."""
    columns = [household_profile.c[c] for c in ("tambon_code", "welfare_card", "deprived", "not_assessed")]
    query = select(*columns, household_profile.c.households, household_profile.c.members).where(
        household_profile.c.survey_year == int(year),
        household_profile.c.tambon_code.in_(_area_tambons(area_code)),
    )
    with engine.connect() as conn:
        rows = read_frame(conn, query.order_by(*columns))
    return rows.astype({"welfare_card": bool, "households": "int64", "members": "int64"})


def status_rows(engine: Engine, area_code: str, year: int) -> pd.DataFrame:
    """Households per tambon and status class: tambon_code, status_class, households."""
    query = (
        select(household_status.c.tambon_code, household_status.c.status_class, household_status.c.households)
        .where(
            household_status.c.survey_year == int(year),
            household_status.c.tambon_code.in_(_area_tambons(area_code)),
        )
        .order_by(household_status.c.tambon_code, household_status.c.status_class)
    )
    with engine.connect() as conn:
        return read_frame(conn, query).astype({"status_class": "int64", "households": "int64"})


def transition_rows(engine: Engine, area_code: str, year_before: int, year_after: int) -> pd.DataFrame | None:
    """Rows of `household_transition` touching the tambons of `area_code` for the pair of years, or
    None when that pair is not kept (no households in `year_before`)."""
    t = household_transition
    tambons = _area_tambons(area_code)
    pair = and_(t.c.year_after == int(year_after), t.c.year_before == int(year_before))
    columns = [t.c.tambon_before, t.c.tambon_after, t.c.class_before, t.c.class_after, t.c.households]
    with engine.connect() as conn:
        kept = conn.execute(select(t.c.households).where(pair).limit(1)).first() is not None
        if not kept:
            return None
        # Two indexed lookups rather than one OR the planners cannot index.
        after = read_frame(conn, select(*columns).where(pair, t.c.tambon_after.in_(tambons)))
        leaving = and_(t.c.tambon_before.in_(tambons), t.c.tambon_after.not_in(tambons))
        before = read_frame(conn, select(*columns).where(pair, leaving))
    rows = pd.concat([after, before], ignore_index=True)
    return rows.astype({"class_before": "int64", "class_after": "int64", "households": "int64"})


def country_profile_rows(engine: Engine, year: int) -> pd.DataFrame:
    """The whole country's profiles in `year` summed per province (`household_profile_province`, kept
    with the tambons' rows): `tambon_code` holds the province's 2-digit code (the rows stand for all
    its households), then welfare_card, deprived, not_assessed, households, members. A province's
    figures are exactly its tambons' summed, and the rows are its distinct profiles, not its tambons
    times theirs; read in key order, no sorting or grouping per request."""
    kept = household_profile_province
    columns = [kept.c.province_code.label("tambon_code"), kept.c.welfare_card, kept.c.deprived]
    columns += [kept.c.not_assessed, kept.c.households, kept.c.members]
    query = select(*columns).where(kept.c.survey_year == int(year)).order_by(*kept.primary_key.columns)
    with engine.connect() as conn:
        rows = read_frame(conn, query)
    return rows.astype({"welfare_card": bool, "households": "int64", "members": "int64"})


def country_status_rows(engine: Engine, year: int) -> pd.DataFrame:
    """Households per province (its code in `tambon_code`) and status class in `year`."""
    s = household_status
    province = func.substr(s.c.tambon_code, 1, 2)
    query = (
        select(province.label("tambon_code"), s.c.status_class, func.sum(s.c.households).label("households"))
        .where(s.c.survey_year == int(year))
        .group_by(province, s.c.status_class)
        .order_by(province, s.c.status_class)
    )
    with engine.connect() as conn:
        return read_frame(conn, query).astype({"status_class": "int64", "households": "int64"})


def country_transition_rows(engine: Engine, year_before: int, year_after: int) -> pd.DataFrame | None:
    """The status moves of the pair of years summed per pair of provinces (a tambon code cut to its
    province, "" kept for a household only in the other year), or None when the pair is not kept."""
    t = household_transition
    pair = and_(t.c.year_after == int(year_after), t.c.year_before == int(year_before))
    sides = [func.substr(column, 1, 2) for column in (t.c.tambon_before, t.c.tambon_after)]
    keys = [sides[0].label("tambon_before"), sides[1].label("tambon_after")]
    keys += [t.c.class_before, t.c.class_after]
    query = (
        select(*keys, func.sum(t.c.households).label("households"))
        .where(pair)
        .group_by(*sides, t.c.class_before, t.c.class_after)
    )
    with engine.connect() as conn:
        kept = conn.execute(select(t.c.households).where(pair).limit(1)).first() is not None
        rows = read_frame(conn, query) if kept else None
    if rows is None:
        return None
    return rows.astype({"class_before": "int64", "class_after": "int64", "households": "int64"})


def _area_tambons(area_code: str):
    if len(area_code) not in (2, 4, 6) or not area_code.isdigit():
        raise ValueError(f"area_code must be a 2, 4 or 6 digit code, not {area_code!r}")
    # IN (tambons of the area) rather than LIKE 'prefix%': SQLite's LIKE cannot use the index.
    in_area = area.c.code.startswith(area_code, autoescape=True)
    return select(area.c.code).where(area.c.level == "tambon", in_area)


# --- building ---------------------------------------------------------------------------------------


def _read_year(conn: Connection, tambons: list[str], year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The households of `tambons` in `year` that count, and their wide 0/1/NaN deprivation flags."""
    in_scope = _counted(tambons, [year])
    columns = [household.c.id, household.c.tambon_code, household.c.members, household.c.welfare_card]
    households = read_frame(conn, select(*columns, *household.c[CAPITAL_COLUMNS]).where(in_scope))
    flags = read_frame(
        conn,
        select(household_deprivation.c.household_id, household_deprivation.c.indicator_code,
               household_deprivation.c.deprived)
        .join(household, household.c.id == household_deprivation.c.household_id)
        .where(in_scope),
    )  # fmt: skip
    codes = sorted(flags["indicator_code"].unique())
    values = np.zeros((len(households), len(codes)))
    rows = pd.Index(households["id"]).get_indexer(flags["household_id"])
    values[rows, pd.Index(codes).get_indexer(flags["indicator_code"])] = pd.to_numeric(
        flags["deprived"]
    ).to_numpy(dtype=float)  # NULL: not assessed
    return households, pd.DataFrame(values, columns=codes, index=households.index)


def household_profiles(households: pd.DataFrame, deprivations: pd.DataFrame) -> pd.DataFrame:
    """Households (tambon_code, welfare_card, members) with their wide 0/1/NaN deprivation flags ->
    one row per tambon, card and profile: deprived and not-assessed codes as sorted space-separated
    text, households and members."""
    codes = sorted(deprivations.columns)
    if len(codes) > MAX_CODES:
        raise ValueError(f"a deprivation profile holds at most {MAX_CODES} indicators, not {len(codes)}")
    values = deprivations[codes].to_numpy(dtype=float)
    powers = np.left_shift(np.int64(1), np.arange(len(codes), dtype=np.int64))
    frame = pd.DataFrame(
        {
            "tambon_code": households["tambon_code"].to_numpy(),
            "welfare_card": households["welfare_card"].astype(bool).to_numpy(),
            "deprived": (values == 1.0).astype(np.int64) @ powers,
            "not_assessed": np.isnan(values).astype(np.int64) @ powers,
            "members": households["members"].to_numpy(dtype=np.int64),
        }
    )
    keys = ["tambon_code", "welfare_card", "deprived", "not_assessed"]
    grouped = frame.groupby(keys, sort=True).agg(households=("members", "size"), members=("members", "sum"))
    grouped = grouped.reset_index()
    for name in ("deprived", "not_assessed"):
        names = {m: " ".join(c for i, c in enumerate(codes) if m >> i & 1) for m in grouped[name].unique()}
        grouped[name] = grouped[name].map(names)
    return grouped


def rebuild_transitions(conn: Connection, tambons: list[str], years: list[int]) -> int:
    """The moves into and out of `years` for `tambons` (every tambon when a pair is new)."""
    kept_years = sorted(conn.execute(select(household_profile.c.survey_year).distinct()).scalars())
    t = household_transition
    pairs = set()
    for year in years:
        earlier = [y for y in kept_years if y < year]
        later = [y for y in kept_years if y > year]
        if year not in kept_years:  # no household counts in it any more: its neighbours meet
            conn.execute(delete(t).where(or_(t.c.year_after == year, t.c.year_before == year)))
            if earlier and later:
                pairs.add((earlier[-1], later[0]))
            continue
        if earlier:
            pairs.add((earlier[-1], year))
        if later:
            pairs.add((year, later[0]))
    written = 0
    for before, after in sorted(pairs):
        conn.execute(delete(t).where(t.c.year_after == after, t.c.year_before != before))
        is_new = conn.execute(select(t.c.households).where(t.c.year_after == after).limit(1)).first() is None
        if is_new:
            held = conn.execute(
                select(household_profile.c.tambon_code)
                .where(household_profile.c.survey_year.in_([before, after]))
                .distinct()
            ).scalars()
            by_province: dict[str, list[str]] = {}
            for code in sorted(held):
                by_province.setdefault(code[:2], []).append(code)
            scopes = list(by_province.values())
        else:  # a province at a time: memory follows a province, partners elsewhere join its rebuild
            by_province = {}
            for code in tambons:
                by_province.setdefault(code[:2], []).append(code)
            scopes = list(by_province.values())
        for scope in scopes:
            written += _rebuild_pair(conn, scope, before, after)
    return written


def _rebuild_pair(conn: Connection, tambons: list[str], before: int, after: int) -> int:
    """The moves between `before` and `after` of the households of `tambons` and of every household
    matched to one of them on its key (their tambons join the rebuild, removed households' too)."""
    scope = set(tambons)
    while True:
        frames = [_pair_side(conn, sorted(scope), year) for year in (before, after)]
        keys = [set(frame["household_key"].to_numpy(dtype=object)) for frame in frames]
        partners: set[str] = set()
        for side, other_year in ((0, after), (1, before)):
            alone = sorted(keys[side] - keys[1 - side])
            for batch in _chunks(alone):
                partners |= set(
                    conn.execute(
                        select(household.c.tambon_code)
                        .distinct()
                        .where(household.c.survey_year == other_year, household.c.household_key.in_(batch))
                    ).scalars()
                )
        if partners <= scope:
            break
        scope |= partners
    t = household_transition
    for batch in _chunks(sorted(scope)):
        conn.execute(
            delete(t).where(
                t.c.year_after == after,
                t.c.year_before == before,
                or_(t.c.tambon_after.in_(batch), t.c.tambon_before.in_(batch)),
            )
        )
    counted = [frame[~frame["removed"]].drop(columns="removed") for frame in frames]
    rows = transition_pairs(*counted).assign(year_before=before, year_after=after)
    return bulk_insert(conn, t, rows)


def _pair_side(conn: Connection, tambons: list[str], year: int) -> pd.DataFrame:
    """Key, tambon, capitals and removed flag of every household of `tambons` in `year`."""
    removed = select(household_record.c.household_id).where(household_record.c.removed_reason.is_not(None))
    columns = [household.c.household_key, household.c.tambon_code, *household.c[CAPITAL_COLUMNS]]
    parts = [
        read_frame(
            conn,
            select(*columns, household.c.id.in_(removed).label("removed")).where(
                household.c.tambon_code.in_(batch), household.c.survey_year == year
            ),
        )
        for batch in _chunks(tambons)
    ]
    frame = pd.concat(parts, ignore_index=True)
    frame["removed"] = frame["removed"].astype(bool)
    return frame


def _counted(tambons: list[str], years: list[int]):
    """Households of `tambons` in `years` that count: not removed in field work."""
    removed = select(household_record.c.household_id).where(household_record.c.removed_reason.is_not(None))
    return (
        household.c.tambon_code.in_(tambons)
        & household.c.survey_year.in_(years)
        & household.c.id.not_in(removed)
    )


def _tambons(conn: Connection, tambons: str | Iterable[str]) -> list[str]:
    if isinstance(tambons, str):
        if len(tambons) != 2 or not tambons.isdigit():
            raise ValueError(f"a province is a 2-digit code, not {tambons!r}")
        query = select(area.c.code).where(area.c.level == "tambon", area.c.province_code == tambons)
        return sorted(conn.execute(query).scalars())
    return sorted(set(tambons))


def _chunks(items: list[str]):
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def kept_counts(engine: Engine) -> dict[str, int]:
    """Rows of each aggregate table (for benchmarks and checks)."""
    with engine.connect() as conn:
        return {
            table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in (household_profile, household_status, household_transition)
        }
