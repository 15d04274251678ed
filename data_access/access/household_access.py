"""Household-level data for officers: list, detail, export and referrals, always for an acting user.

Household data is personal data (PDPA), so every function here:

- re-reads the acting user (`auth.current_user`): an anonymous viewer, an expired session or a
  deactivated user gets `Forbidden`;
- refuses an area or a household the user may not see with `Forbidden` and an `access_denied` audit
  row, before reading anything;
- restricts the SQL itself to the tambons the user may see *as the database says* (role and scopes
  by user id, bound parameters), so a forged `User` or a household id from another province still
  finds nothing;
- masks household keys (`mask_key`) and writes an audit row for what it showed or saved.

Status classes, deprived dimensions and target poor come from `analysis.capitals` and
`analysis.tambon_indicators` (the rules every other screen uses); after a referral is saved the
tambon-year's indicator values are recomputed with the importer's `recompute_tambon_years`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, func, or_, select

from analysis.capitals import CAPITAL_COLUMNS, STATUS_CLASSES, mean_capital_score, status_class
from analysis.errors import DataError, Forbidden, NotFound
from analysis.tambon_indicators import TPMAP_DIMENSIONS, deprivation_dimensions, target_poor_flags
from data_access.access.audit import record
from data_access.access.auth import User, as_id, can_see_area, current_user
from data_access.households import read_frame
from data_access.schema import (
    VERIFICATION_STATES,
    app_user,
    area,
    household,
    household_deprivation,
    household_record,
    household_verification,
    indicator,
    referral,
    user_scope,
)

DEFAULT_LIMIT = 1000
MAX_LIMIT = 100_000
THAILAND = dt.timezone(dt.timedelta(hours=7), "Asia/Bangkok")  # "today" is Thai today, not the server's
STATUS_CODES = tuple(STATUS_CLASSES.values())  # struggling, hard, getting_by, well
LIST_COLUMNS = [
    "household_id", "household_ref", "survey_year", "tambon_code", "tambon_name_th", "tambon_name_en",
    "village_no", "members", "welfare_card", "mean_capital_score", "status_class", "status",
    "deprived_dimensions", "deprived_indicators", "target_poor", "referral_state", "referrals",
    "verification_state", "removed",
]  # fmt: skip
EXPORT_HEADERS_TH = {
    "household_ref": "รหัสครัวเรือน (ปิดบัง)", "survey_year": "ปีสำรวจ", "tambon_code": "รหัสตำบล",
    "tambon_name_th": "ตำบล", "village_no": "หมู่ที่", "members": "จำนวนสมาชิก", "welfare_card": "บัตรสวัสดิการ",
    "mean_capital_score": "คะแนนทุนเฉลี่ย", "status_class": "ระดับ (1-4)", "status": "สถานะ",
    "deprived_dimensions": "มิติที่ขาดแคลน", "deprived_indicators": "จำนวนตัวชี้วัดที่ไม่ผ่าน",
    "target_poor": "คนจนเป้าหมาย", "referral_state": "สถานะการส่งต่อ", "referrals": "จำนวนการส่งต่อ",
    "verification_state": "สถานะการสอบทาน",
}  # fmt: skip


@dataclass(frozen=True)
class HouseholdDetail:
    """One household-year. `household`: the list's columns plus income_per_person and capital_*;
    `deprivations`: indicator_code, name_th, name_en, dimension, deprived (1, 0, or <NA> = not
    assessed); `history`: the list's columns for every survey year of the same household key that the
    user may see; `referrals`: id, household_id, survey_year, agency, kind, status, referred_on,
    resolved_on, note, over those years."""

    household: dict
    deprivations: pd.DataFrame
    history: pd.DataFrame
    referrals: pd.DataFrame


def mask_key(key: object) -> str:
    """A household key as shown: its first 4 and last 2 characters ('a1b2…9f'), never the whole."""
    text = "" if key is None else str(key)
    if len(text) >= 10:
        return f"{text[:4]}…{text[-2:]}"
    return f"…{text[-2:]}" if len(text) >= 6 else "…"


# --- reading --------------------------------------------------------------------------------------


def household_list(
    engine: Engine,
    user: User,
    area_code: str,
    year: int,
    status: str | None = None,
    deprived_dimension: str | None = None,
    welfare_card: bool | None = None,
    not_referred: bool = False,
    limit: int = DEFAULT_LIMIT,
    verification: str | None = None,
    include_removed: bool = False,
) -> pd.DataFrame:
    """Households of `area_code` (province, amphoe or tambon) in survey `year`, filtered, at most
    `limit` rows (`LIST_COLUMNS`; `frame.attrs["total"]` = rows before the limit). Keys are masked.
    Households removed in the field (a state with a reason) are left out unless `include_removed`."""
    limit = _limit(limit)
    frame, acting = _filtered(
        engine, user, area_code, year, status, deprived_dimension, welfare_card, not_referred,
        verification, include_removed,
    )  # fmt: skip
    shown = frame.head(limit).reset_index(drop=True)
    shown.attrs["total"] = len(frame)
    filters = _filters_text(status, deprived_dimension, welfare_card, not_referred, verification)
    record(
        engine,
        acting.username,
        "household_list",
        area_code,
        f"year={year} rows={len(shown)}/{len(frame)} {filters}",
    )
    return shown


def household_export_csv(
    engine: Engine,
    user: User,
    area_code: str,
    year: int,
    status: str | None = None,
    deprived_dimension: str | None = None,
    welfare_card: bool | None = None,
    not_referred: bool = False,
    lang: str = "th",
    verification: str | None = None,
    include_removed: bool = False,
) -> bytes:
    """The filtered list as CSV (UTF-8 with BOM so Excel reads Thai), every row, keys masked and no
    internal ids; headers in Thai (`lang="th"`) or as column names."""
    frame, acting = _filtered(
        engine, user, area_code, year, status, deprived_dimension, welfare_card, not_referred,
        verification, include_removed,
    )  # fmt: skip
    out = frame[[c for c in LIST_COLUMNS if c in EXPORT_HEADERS_TH]]
    if lang == "th":
        out = out.rename(columns=EXPORT_HEADERS_TH)
    buffer = io.StringIO()
    out.to_csv(buffer, index=False)
    filters = _filters_text(status, deprived_dimension, welfare_card, not_referred, verification)
    record(engine, acting.username, "household_export", area_code, f"year={year} rows={len(out)} {filters}")
    return buffer.getvalue().encode("utf-8-sig")


def household_detail(engine: Engine, user: User, household_id: int) -> HouseholdDetail:
    """One household with its deprivations, its history across survey years and its referrals."""
    acting = acting_user(engine, user)
    number = household_number(household_id)
    with engine.connect() as conn:
        tambon, _ = check_household(conn, acting, number)
        catalogue = indicator_catalogue(conn)
        one = _annotated(conn, acting, catalogue, household.c.id == number)
        if one.empty:  # the scope changed between the check and the read
            raise out_of_scope(tambon)
        personal = [household.c.household_key, household.c.income_per_person, *household.c[CAPITAL_COLUMNS]]
        extra = dict(conn.execute(select(*personal).where(household.c.id == number)).mappings().one())
        key = extra.pop("household_key")  # matches the other survey years; never leaves this function
        history = _annotated(conn, acting, catalogue, household.c.household_key == key)
        flags = conn.execute(
            select(household_deprivation.c.indicator_code, household_deprivation.c.deprived).where(
                household_deprivation.c.household_id == number
            )
        ).all()
        referrals = _referrals(conn, [int(i) for i in history["household_id"]])
    row = {**one.iloc[0].to_dict(), **extra}
    record(engine, acting.username, "household_detail", row["tambon_code"], f"household={number}")
    return HouseholdDetail(
        household=row,
        deprivations=_deprivation_table(catalogue, dict(flags)),
        history=history.sort_values("survey_year", ignore_index=True),
        referrals=referrals,
    )


def scoped_households(
    engine: Engine, user: User, area_code: str, year: int, **filters
) -> tuple[pd.DataFrame, User]:
    """(every household of the list's filters, `LIST_COLUMNS`, no row limit, acting user), for other
    officer screens built on the same rules (the field-work worklist); the caller writes the audit row."""
    names = (
        "status",
        "deprived_dimension",
        "welfare_card",
        "not_referred",
        "verification",
        "include_removed",
    )
    given = {name: filters.get(name) for name in names}
    given["not_referred"] = bool(given["not_referred"])
    given["include_removed"] = bool(given["include_removed"])
    return _filtered(engine, user, area_code, year, *given.values())


def check_area(engine: Engine, acting: User, area_code: object) -> str:
    """A 2, 4 or 6 digit area the user may see (`Forbidden` and an audit row otherwise) that exists."""
    return _check_area(engine, acting, area_code)


# --- scope ----------------------------------------------------------------------------------------


def acting_user(engine: Engine, user: object) -> User:
    """The user as the database says now, or `Forbidden` for anonymous, expired or deactivated."""
    fresh = current_user(engine, user.id, user.signed_in_at) if isinstance(user, User) else None
    if fresh is None or fresh.role not in ("officer", "admin"):
        raise Forbidden(
            "ข้อมูลรายครัวเรือนดูได้เฉพาะเจ้าหน้าที่ที่เข้าสู่ระบบ กรุณาเข้าสู่ระบบ",
            "Household data is for signed-in officers only; please sign in",
        )
    return fresh


def visible_to(user_id: int, tambon_code):
    """SQL: the tambon is visible to the user, from the user's row and scopes in the database."""
    admin = select(app_user.c.id).where(
        app_user.c.id == user_id, app_user.c.active.is_(True), app_user.c.role == "admin"
    )
    scoped = (
        select(user_scope.c.user_id)
        .join(app_user, app_user.c.id == user_scope.c.user_id)
        .where(
            user_scope.c.user_id == user_id,
            app_user.c.active.is_(True),
            app_user.c.role == "officer",
            func.substr(tambon_code, 1, func.length(user_scope.c.area_code)) == user_scope.c.area_code,
        )
    )
    return or_(admin.exists(), scoped.exists())


def _check_area(engine: Engine, acting: User, area_code: object) -> str:
    if (
        not isinstance(area_code, str)
        or not area_code.isascii()
        or not area_code.isdigit()
        or len(area_code) not in (2, 4, 6)
    ):
        raise DataError("รหัสพื้นที่ต้องเป็นตัวเลข 2, 4 หรือ 6 หลัก", "An area code has 2, 4 or 6 digits")
    if not can_see_area(acting, area_code):
        record(engine, acting.username, "access_denied", area_code, "household data outside the user's scope")
        raise out_of_scope(area_code)
    with engine.connect() as conn:
        if conn.execute(select(area.c.code).where(area.c.code == area_code)).first() is None:
            raise NotFound(f"ไม่พบพื้นที่รหัส {area_code}", f"No area with code {area_code}")
    return area_code


def check_household(conn: Connection, acting: User, number: int) -> tuple[str, int]:
    """(tambon, survey year) of a household the user may see; `NotFound` or `Forbidden` otherwise."""
    found = conn.execute(
        select(household.c.tambon_code, household.c.survey_year).where(household.c.id == number)
    ).first()
    if found is None:
        raise NotFound(f"ไม่พบครัวเรือนหมายเลข {number}", f"No household number {number}")
    if not can_see_area(acting, found.tambon_code):
        record(conn.engine, acting.username, "access_denied", found.tambon_code, f"household={number}")
        raise out_of_scope(found.tambon_code)
    return found.tambon_code, int(found.survey_year)


def household_context(
    engine: Engine, user: object, household_id: object
) -> tuple[User, int, str, int, pd.DataFrame]:
    """(acting user, household number, tambon, survey year, catalogue) for an action on a household the
    user may see: the checks every writing route starts with."""
    acting = acting_user(engine, user)
    number = household_number(household_id)
    with engine.connect() as conn:
        tambon, year = check_household(conn, acting, number)
        catalogue = indicator_catalogue(conn)
    return acting, number, tambon, year, catalogue


def recheck_scope(conn: Connection, acting: User, number: int, tambon: str) -> None:
    """Scope again in SQL, in the writing transaction: a scope removed a moment ago is respected."""
    mine = (household.c.id == number) & visible_to(acting.id, household.c.tambon_code)
    if conn.execute(select(household.c.id).where(mine)).first() is None:
        raise out_of_scope(tambon)


def out_of_scope(area_code: str) -> Forbidden:
    return Forbidden(
        f"คุณไม่มีสิทธิ์ดูข้อมูลครัวเรือนของพื้นที่ {area_code} (นอกพื้นที่รับผิดชอบ)",
        f"You may not see household data of area {area_code} (outside your assigned areas)",
    )


def household_number(household_id: object) -> int:
    number = as_id(household_id)
    if number is None:
        raise DataError("หมายเลขครัวเรือนไม่ถูกต้อง", "Not a household number")
    return number


# --- household frames -----------------------------------------------------------------------------


def _filtered(
    engine, user, area_code, year, status, deprived_dimension, welfare_card, not_referred,
    verification=None, include_removed=False,
):  # fmt: skip
    acting = acting_user(engine, user)
    _check_filters(status, deprived_dimension, welfare_card, not_referred)
    if verification is not None and verification not in VERIFICATION_STATES:
        raise DataError(
            "สถานะการสอบทานต้องเป็น not_visited visited verified not_found หรือ moved",
            f"The verification state must be one of {', '.join(VERIFICATION_STATES)}",
        )
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise DataError("ปีสำรวจต้องเป็นตัวเลข พ.ศ.", "The survey year must be a Buddhist Era number")
    area_code = _check_area(engine, acting, area_code)
    in_area = select(area.c.code).where(
        area.c.level == "tambon", area.c.code.startswith(area_code, autoescape=True)
    )
    where = household.c.tambon_code.in_(in_area) & (household.c.survey_year == int(year))
    if welfare_card is not None:
        where &= household.c.welfare_card.is_(welfare_card)
    with engine.connect() as conn:
        frame = _annotated(conn, acting, indicator_catalogue(conn), where)
    keep = pd.Series(True, index=frame.index)
    if status is not None:
        keep &= frame["status"] == status
    if deprived_dimension is not None:
        keep &= frame["deprived_dimensions"].str.split(", ").apply(lambda dims: deprived_dimension in dims)
    if not_referred:
        keep &= frame["referrals"] == 0
    if verification is not None:
        keep &= frame["verification_state"] == verification
    if not include_removed:
        keep &= ~frame["removed"]
    return frame[keep].reset_index(drop=True), acting


def _check_filters(status, deprived_dimension, welfare_card, not_referred) -> None:
    if status is not None and status not in STATUS_CODES:
        raise DataError(
            "สถานะต้องเป็น struggling (อยู่ลำบาก) hard (อยู่ยาก) getting_by (อยู่พอได้) หรือ well (อยู่ดี)",
            f"The status class must be one of {', '.join(STATUS_CODES)}",
        )
    if deprived_dimension is not None and deprived_dimension not in TPMAP_DIMENSIONS:
        raise DataError(
            "มิติต้องเป็น health living education income หรือ access",
            f"The dimension must be one of {', '.join(TPMAP_DIMENSIONS)}",
        )
    if (welfare_card is not None and not isinstance(welfare_card, bool)) or not isinstance(
        not_referred, bool
    ):
        raise DataError(
            "ตัวกรองบัตรสวัสดิการและการส่งต่อต้องเป็นจริงหรือเท็จ", "Card and referral filters are true or false"
        )


def _annotated(conn: Connection, acting: User, catalogue: pd.DataFrame, where) -> pd.DataFrame:
    """`LIST_COLUMNS` for the households matching `where` that the user may see (scope in SQL); read
    through `households.read_frame`, twice as fast on SQLite for a province of 275,000 households."""
    visible = where & visible_to(acting.id, household.c.tambon_code)
    households = read_frame(
        conn,
        select(
            household.c.id.label("household_id"), household.c.household_key, household.c.survey_year,
            household.c.tambon_code, area.c.name_th.label("tambon_name_th"),
            area.c.name_en.label("tambon_name_en"), household.c.village_no, household.c.members,
            household.c.welfare_card, *household.c[CAPITAL_COLUMNS],
        )
        .join(area, area.c.code == household.c.tambon_code)
        .where(visible)
        .order_by(household.c.tambon_code, household.c.village_no, household.c.id),
    )  # fmt: skip
    flags = read_frame(
        conn,
        select(household_deprivation.c.household_id, household_deprivation.c.indicator_code,
               household_deprivation.c.deprived)
        .join(household, household.c.id == household_deprivation.c.household_id)
        .where(visible),
    )  # fmt: skip
    referrals = read_frame(
        conn,
        select(referral.c.household_id, referral.c.status, referral.c.referred_on, referral.c.id)
        .join(household, household.c.id == referral.c.household_id)
        .where(visible),
    )
    states = read_frame(
        conn,
        select(household_verification.c.household_id, household_verification.c.state)
        .join(household, household.c.id == household_verification.c.household_id)
        .where(visible),
    )
    removed = read_frame(
        conn,
        select(household_record.c.household_id)
        .join(household, household.c.id == household_record.c.household_id)
        .where(visible & household_record.c.removed_reason.is_not(None)),
    )
    out = _annotate(households, flags, referrals, catalogue)
    out["verification_state"] = (
        out["household_id"].map(dict(zip(states["household_id"], states["state"]))).fillna("not_visited")
    )
    out["removed"] = out["household_id"].isin(removed["household_id"])
    return out[LIST_COLUMNS]


def _annotate(
    households: pd.DataFrame, flags: pd.DataFrame, referrals: pd.DataFrame, catalogue: pd.DataFrame
) -> pd.DataFrame:
    """Status, deprived dimensions, target poor and referral state per household (the shared rules)."""
    dims = deprivation_dimensions(catalogue)
    codes = list(dims)
    failed = np.zeros((len(households), len(codes)), dtype=bool)
    flags = flags[flags["indicator_code"].isin(codes) & (pd.to_numeric(flags["deprived"]) == 1)]
    if len(flags):
        rows = pd.Index(households["household_id"]).get_indexer(flags["household_id"])
        failed[rows, pd.Index(codes).get_indexer(flags["indicator_code"])] = True
    card = households["welfare_card"].astype(bool).to_numpy()
    in_dimension, target_poor = target_poor_flags(failed, dims, card)
    mean = mean_capital_score(households)
    classes = status_class(mean)
    out = pd.DataFrame(
        {
            "household_id": households["household_id"].astype(int),
            "household_ref": households["household_key"].map(mask_key),
            "survey_year": households["survey_year"].astype(int),
            "tambon_code": households["tambon_code"],
            "tambon_name_th": households["tambon_name_th"],
            "tambon_name_en": households["tambon_name_en"],
            "village_no": households["village_no"].astype(int),
            "members": households["members"].astype(int),
            "welfare_card": card,
            "mean_capital_score": mean.round(2),
            "status_class": classes.astype(int),
            "status": classes.map(STATUS_CLASSES).fillna("unclassified"),
            "deprived_dimensions": _dimension_text(in_dimension, len(households)),
            "deprived_indicators": failed.sum(axis=1).astype(int),
            "target_poor": target_poor,
        }
    )
    latest = referrals.sort_values(["referred_on", "id"]).groupby("household_id")["status"].last()
    counts = referrals.groupby("household_id").size()
    out["referral_state"] = out["household_id"].map(latest).fillna("none")
    out["referrals"] = out["household_id"].map(counts).fillna(0).astype(int)
    return out


def _dimension_text(in_dimension: dict[str, np.ndarray], rows: int) -> list[str]:
    names = np.array(TPMAP_DIMENSIONS)
    matrix = np.column_stack([in_dimension[d] for d in TPMAP_DIMENSIONS]) if rows else np.zeros((0, 5), bool)
    return [", ".join(names[row]) for row in matrix]


def _deprivation_table(catalogue: pd.DataFrame, flags: dict) -> pd.DataFrame:
    rows = catalogue[catalogue["is_deprivation"]].sort_values("code")
    deprived = [flags[c] if c in flags else 0 for c in rows["code"]]  # stored NULL: not assessed
    table = rows[["code", "name_th", "name_en", "dimension"]].rename(columns={"code": "indicator_code"})
    table["deprived"] = pd.array([None if d is None else int(d) for d in deprived], dtype="Int64")
    return table.reset_index(drop=True)


def _referrals(conn: Connection, household_ids: list[int]) -> pd.DataFrame:
    statement = (
        select(
            referral.c.id, referral.c.household_id, household.c.survey_year, referral.c.agency,
            referral.c.kind, referral.c.status, referral.c.referred_on, referral.c.resolved_on,
            referral.c.note,
        )
        .join(household, household.c.id == referral.c.household_id)
        .where(referral.c.household_id.in_(household_ids))
        .order_by(referral.c.referred_on, referral.c.id)
    )  # fmt: skip
    return _frame(conn, statement)


def indicator_catalogue(conn: Connection) -> pd.DataFrame:
    frame = _frame(conn, select(indicator).order_by(indicator.c.code))
    frame["is_deprivation"] = frame["is_deprivation"].astype(bool)
    return frame


def _frame(conn: Connection, statement) -> pd.DataFrame:
    result = conn.execute(statement)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int | np.integer) or not 1 <= limit <= MAX_LIMIT:
        raise DataError(
            f"จำนวนแถวต้องอยู่ระหว่าง 1 ถึง {MAX_LIMIT:,}", f"The row limit must be 1 to {MAX_LIMIT:,}"
        )
    return int(limit)


def _filters_text(status, deprived_dimension, welfare_card, not_referred, verification=None) -> str:
    return (
        f"status={status or '-'} dimension={deprived_dimension or '-'} "
        f"welfare_card={'-' if welfare_card is None else welfare_card} not_referred={not_referred} "
        f"verification={verification or '-'}"
    )
