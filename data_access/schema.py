"""One schema for SQLite and PostgreSQL (SQLAlchemy Core).

Administrative codes are strings (2, 4 or 6 digits). Survey years are Buddhist Era integers.
Indicator values are stored for tambons only; amphoe and province figures are rolled up from
numerators and denominators at query time (see `data_access.rollup`), so no level can disagree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

from analysis.levels import CODE_LENGTH, LEVELS  # noqa: F401  (re-exported: the schema's vocabulary)

metadata = MetaData()


area = Table(
    "area",
    metadata,
    Column("code", String(6), primary_key=True),
    Column("level", String(8), nullable=False),
    Column("parent_code", String(6), ForeignKey("area.code"), nullable=True),
    Column("province_code", String(2), nullable=False),
    Column("name_th", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    CheckConstraint("level IN ('province', 'amphoe', 'tambon')", name="ck_area_level"),
    Index("ix_area_parent", "parent_code"),
    Index("ix_area_level_province", "level", "province_code"),
)

dimension = Table(
    "dimension",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("name_th", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("sort_order", Integer, nullable=False),
    Column("is_tpmap", Boolean, nullable=False),
)

indicator = Table(
    "indicator",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("set_version", String(32), nullable=False),
    Column("name_th", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("dimension", String(32), ForeignKey("dimension.code"), nullable=False),
    Column("unit", String(16), nullable=False),
    Column("polarity", String(16), nullable=False),
    Column("aggregation", String(8), nullable=False),
    Column("scale", Float, nullable=False),
    Column("is_deprivation", Boolean, nullable=False),
    Column("bmn_number", Integer, nullable=True),
    Column("description_th", Text, nullable=False),
    Column("description_en", Text, nullable=False),
    Column("source", Text, nullable=False),
    CheckConstraint("unit IN ('percent', 'count', 'baht', 'score', 'index')", name="ck_indicator_unit"),
    CheckConstraint("polarity IN ('higher_worse', 'higher_better')", name="ck_indicator_polarity"),
    CheckConstraint("aggregation IN ('ratio', 'sum')", name="ck_indicator_aggregation"),
)

indicator_value = Table(
    "indicator_value",
    metadata,
    Column("area_code", String(6), ForeignKey("area.code"), primary_key=True),
    Column("indicator_code", String(64), ForeignKey("indicator.code"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("numerator", Float, nullable=True),
    Column("denominator", Float, nullable=True),
    Column("value", Float, nullable=True),
    Index("ix_indicator_value_indicator_year", "indicator_code", "year"),
)

# Units that จปฐ./TPMAP report as their own "tambon" but the boundary file has no polygon for: municipal
# areas (เทศบาล) with a tambon part of 51 or more (240151, 330451). Each is an `area` row at tambon level
# under its amphoe, so it counts in amphoe and province totals; this table marks it and may tie it to
# the tambon polygon it covers (`covers_tambon`, from an editable mapping file, else NULL).
municipal_area = Table(
    "municipal_area",
    metadata,
    Column("area_code", String(6), ForeignKey("area.code"), primary_key=True),
    Column("covers_tambon", String(6), ForeignKey("area.code"), nullable=True),
    Column("source", Text, nullable=False),
)

# Villages (หมู่บ้าน) below a tambon: 8-digit (tambon + หมู่) or 10-digit (+ a sub-village suffix) codes.
village = Table(
    "village",
    metadata,
    Column("code", String(10), primary_key=True),
    Column("tambon_code", String(6), ForeignKey("area.code"), nullable=False),
    Column("moo", SmallInteger, nullable=False),
    Column("name_th", Text, nullable=True),
    Index("ix_village_tambon", "tambon_code"),
)

# Values per village, as `indicator_value` per tambon. Where a tambon-year has village rows for an
# indicator, the tambon's stored numerator is their sum (written by the import), so villages roll up
# to the tambon exactly.
village_value = Table(
    "village_value",
    metadata,
    Column("village_code", String(10), ForeignKey("village.code"), primary_key=True),
    Column("indicator_code", String(64), ForeignKey("indicator.code"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("numerator", Float, nullable=True),
    Column("denominator", Float, nullable=True),
    Column("value", Float, nullable=True),
)

household = Table(
    "household",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    # Synthetic or hashed; never a name or a citizen ID.
    Column("household_key", String(32), nullable=False),
    Column("survey_year", Integer, nullable=False),
    Column("tambon_code", String(6), ForeignKey("area.code"), nullable=False),
    Column("village_no", SmallInteger, nullable=False),
    Column("members", SmallInteger, nullable=False),
    Column("income_per_person", Float, nullable=True),
    Column("capital_human", SmallInteger, nullable=True),
    Column("capital_physical", SmallInteger, nullable=True),
    Column("capital_economic", SmallInteger, nullable=True),
    Column("capital_natural", SmallInteger, nullable=True),
    Column("capital_social", SmallInteger, nullable=True),
    Column("welfare_card", Boolean, nullable=False),
    CheckConstraint("members >= 1", name="ck_household_members"),
    Index("ix_household_tambon_year", "tambon_code", "survey_year"),
    # A unique index rather than a table constraint (the same rule on both databases): the seed can
    # drop it and build it once after the load. Kept during the load, its random keys made every
    # household insert a scattered B-tree write and doubled the cost of writing a household.
    Index("uq_household_key_year", "household_key", "survey_year", unique=True),
)

# Sparse: a row exists only where the household is deprived (deprived = 1) or the indicator was not
# assessed (deprived IS NULL); no row means assessed and not deprived.
household_deprivation = Table(
    "household_deprivation",
    metadata,
    Column("household_id", Integer, ForeignKey("household.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_code", String(64), ForeignKey("indicator.code"), primary_key=True),
    Column("deprived", SmallInteger, nullable=True),
)

REFERRAL_STATUSES = ("referred", "in_progress", "resolved", "declined")

referral = Table(
    "referral",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("household_id", Integer, ForeignKey("household.id", ondelete="CASCADE"), nullable=False),
    Column("agency", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("referred_on", Date, nullable=False),
    Column("resolved_on", Date, nullable=True),
    Column("note", Text, nullable=True),
    CheckConstraint(
        "status IN ('referred', 'in_progress', 'resolved', 'declined')", name="ck_referral_status"
    ),
    Index("ix_referral_household", "household_id"),
)

import_log = Table(
    "import_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_name", Text, nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", Text, nullable=True),
)

# What each import did, beside its log row: a table of its own, so databases made before it existed
# gain it from `create_schema` without a migration.
import_log_counts = Table(
    "import_log_counts",
    metadata,
    Column("import_id", Integer, ForeignKey("import_log.id", ondelete="CASCADE"), primary_key=True),
    Column("file_rows", Integer, nullable=False),
    Column("new_rows", Integer, nullable=False),
    Column("updated_rows", Integer, nullable=False),
    Column("unchanged_rows", Integer, nullable=False),
    Column("rejected_rows", Integer, nullable=False),
    Column("blank_rows", Integer, nullable=False),
    Column("recomputed_tambon_years", Integer, nullable=False),
)

# Small key/value facts about what is loaded: whether it is synthetic demo data, its source, when.
dataset_info = Table(
    "dataset_info",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


# Named sets of tambons (e.g. the 15 tambons of an MOU), chosen in the app and shown on every page.
area_set = Table(
    "area_set",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

area_set_member = Table(
    "area_set_member",
    metadata,
    Column("set_id", Integer, ForeignKey("area_set.id", ondelete="CASCADE"), primary_key=True),
    Column("area_code", String(6), ForeignKey("area.code"), primary_key=True),
)


# Sign-in: users, the areas each officer may see, and the audit log of sensitive actions.
USER_ROLES = ("officer", "admin")

app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),  # normalised: lower-case
    Column("display_name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2id, salt and parameters inside
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("password_changed_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("role IN ('officer', 'admin')", name="ck_app_user_role"),
)

# A scope is a province (2 digits) or an amphoe (4 digits): an officer sees households under it.
user_scope = Table(
    "user_scope",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True),
    Column("area_code", String(6), ForeignKey("area.code"), primary_key=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("username", String(64), nullable=True),  # None: anonymous; "(command line)": the CLI
    Column("action", String(32), nullable=False),  # from `data_access.access.audit.ACTIONS`
    Column("area_code", String(6), nullable=True),
    Column("detail", Text, nullable=False),
    Index("ix_audit_log_at", "at"),
    Index("ix_audit_log_username", "username"),
)

# A saved column mapping for files whose headers the importer does not know (importer.presets):
# offered again when a file with the same header keys (sha256, order ignored) arrives.
import_preset = Table(
    "import_preset",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("header_signature", String(64), nullable=False),
    Column("headers", Text, nullable=False),  # JSON list, as the file wrote them
    Column("mapping", Text, nullable=False),  # JSON of importer.mapping.ColumnMapping
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(64), nullable=True),
    Index("ix_import_preset_signature", "header_signature"),
)


# One row: a number that every change of stored figures (import, field edit, set change) raises in the
# same transaction. Each server process compares it on every run and drops its caches when it moved,
# so several processes behind one database never show numbers older than the last change.
data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)


# Sessions that outlast a page (see `data_access.access.sessions`): only hashes of the secrets are stored.
user_session = Table(
    "user_session",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 (hex) of the cookie's token
    Column("user_id", Integer, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),  # the sign-in
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Column("last_seen_at", DateTime(timezone=True), nullable=True),
    Index("ix_user_session_user", "user_id"),
)

# A one-time ticket that carries a new session's token from the sign-in form to the cookie route.
session_handover = Table(
    "session_handover",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 (hex) of the ticket
    Column("session_id", String(64), ForeignKey("user_session.id", ondelete="CASCADE"), nullable=False),
    Column("sealed_token", String(64), nullable=False),  # the token XOR a key only the ticket gives
    Column("expires_at", DateTime(timezone=True), nullable=False),
)


# Field work (issue #15). Tables of their own beside `household` and `referral`, so a database made
# before them gains them from `create_schema` without a migration; `data_access.fieldwork_setup`
# fills them for existing rows, idempotently, on start.

# Edit state of a household-year: the optimistic-lock version (no row = version 0, as imported) and
# removal, which is a state with a reason, never a deleted row.
household_record = Table(
    "household_record",
    metadata,
    Column("household_id", Integer, ForeignKey("household.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("removed_reason", Text, nullable=True),  # NULL: in use
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("changed_by", String(64), nullable=True),
)

# Every saved version of a household-year as a JSON snapshot (version 0 = the imported values, kept on
# the first edit); the history of who changed which field from what to what is read off consecutive
# snapshots, and a restore writes an old snapshot as a new version.
household_version = Table(
    "household_version",
    metadata,
    Column("household_id", Integer, ForeignKey("household.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("saved_by", String(64), nullable=True),  # None: the import or seed
    Column("action", String(16), nullable=False),
    Column("snapshot", Text, nullable=False),
    CheckConstraint(
        "action IN ('imported', 'created', 'edited', 'removed', 'restored')",
        name="ck_household_version_action",
    ),
)

VERIFICATION_STATES = ("not_visited", "visited", "verified", "not_found", "moved")

# Verification (สอบทาน) of a household-year: its current state and who set it when (no row = not visited).
household_verification = Table(
    "household_verification",
    metadata,
    Column("household_id", Integer, ForeignKey("household.id", ondelete="CASCADE"), primary_key=True),
    Column("state", String(16), nullable=False),
    Column("recorded_on", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(64), nullable=True),
    Column("note", Text, nullable=True),
    CheckConstraint(
        "state IN ('not_visited', 'visited', 'verified', 'not_found', 'moved')",
        name="ck_household_verification_state",
    ),
)

AGENCY_KINDS = ("local", "government", "health", "education", "civil_society", "other")

agency = Table(
    "agency",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("contact", Text, nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    CheckConstraint(
        "kind IN ('local', 'government', 'health', 'education', 'civil_society', 'other')",
        name="ck_agency_kind",
    ),
)

# The agency (from the managed list) and due date of a referral; `referral.agency` keeps the name.
referral_detail = Table(
    "referral_detail",
    metadata,
    Column("referral_id", Integer, ForeignKey("referral.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", Integer, ForeignKey("agency.id"), nullable=False),
    Column("due_on", Date, nullable=True),  # NULL: none was set (referrals recorded before due dates)
    Index("ix_referral_detail_agency", "agency_id"),
)

REFERRAL_EVENT_STATUSES = ("referred", "accepted", "in_progress", "helped", "declined", "closed")

# Each status change of a referral, dated, with a note and who made it; `referral.status` and
# `resolved_on` are derived from these (helped -> resolved) so the indicators keep their rules.
referral_event = Table(
    "referral_event",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("referral_id", Integer, ForeignKey("referral.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("happened_on", Date, nullable=False),
    Column("note", Text, nullable=True),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(64), nullable=True),  # None: migrated from the referral row
    CheckConstraint(
        "status IN ('referred', 'accepted', 'in_progress', 'helped', 'declined', 'closed')",
        name="ck_referral_event_status",
    ),
    Index("ix_referral_event_referral", "referral_id"),
)


# Community Big Data (U2T): the categories of community assets are data (the ten U2T categories are
# shipped; an office adds its own), and each recorded item is a row, with a point where one is known.
asset_category = Table(
    "asset_category",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("name_th", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("sort", Integer, nullable=False),
)

community_asset = Table(
    "community_asset",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("category_code", String(32), ForeignKey("asset_category.code"), nullable=False),
    Column("name", Text, nullable=False),
    Column("tambon_code", String(6), ForeignKey("area.code"), nullable=False),
    Column("village_no", SmallInteger, nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("attributes", Text, nullable=True),  # a small JSON object of category-specific facts
    Column("survey_year", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("import_id", Integer, ForeignKey("import_log.id"), nullable=True),
    Column("is_synthetic", Boolean, nullable=False),
    Index("ix_community_asset_tambon", "tambon_code", "category_code"),
)


# Poverty aggregates (issue #18), kept by `data_access.poverty_profiles.rebuild_profiles` whenever the
# households of a tambon-year change (seed, import, field edit), so the poverty page sums these rows
# instead of loading households. Removed households (`household_record.removed_reason`) are left out.
# A profile is what the Alkire-Foster method and the target-poor rule read of a household: the
# indicators it fails and those not assessed (codes, sorted, space-separated; "" for none) and its
# welfare card. Households of one profile are poor together under any weights and cutoff.
household_profile = Table(
    "household_profile",
    metadata,
    Column("survey_year", Integer, primary_key=True),
    Column("tambon_code", String(6), ForeignKey("area.code"), primary_key=True),
    Column("welfare_card", Boolean, primary_key=True),
    Column("deprived", Text, primary_key=True),
    Column("not_assessed", Text, primary_key=True),
    Column("households", Integer, nullable=False),
    Column("members", Integer, nullable=False),
)

# The same profiles summed per province, kept with them (`poverty_profiles.store_year`): the whole
# country's poverty page reads a province's distinct profiles instead of summing every tambon's.
household_profile_province = Table(
    "household_profile_province",
    metadata,
    Column("survey_year", Integer, primary_key=True),
    Column("province_code", String(2), primary_key=True),
    Column("welfare_card", Boolean, primary_key=True),
    Column("deprived", Text, primary_key=True),
    Column("not_assessed", Text, primary_key=True),
    Column("households", Integer, nullable=False),
    Column("members", Integer, nullable=False),
)

# Households per status class (0 unclassified, 1-4 under `analysis.capitals.DEFAULT_BANDS`).
household_status = Table(
    "household_status",
    metadata,
    Column("survey_year", Integer, primary_key=True),
    Column("tambon_code", String(6), ForeignKey("area.code"), primary_key=True),
    Column("status_class", SmallInteger, primary_key=True),
    Column("households", Integer, nullable=False),
)

# Households of two consecutive household survey years matched on their key
# (`analysis.poverty.transition_pairs`): a household only in one year has tambon "" and class -1 in the
# other, so any group of tambons' movement is a sum of these rows.
household_transition = Table(
    "household_transition",
    metadata,
    Column("year_after", Integer, primary_key=True),
    Column("tambon_after", String(6), primary_key=True),
    Column("tambon_before", String(6), primary_key=True),
    Column("class_before", SmallInteger, primary_key=True),
    Column("class_after", SmallInteger, primary_key=True),
    Column("year_before", Integer, primary_key=True),
    Column("households", Integer, nullable=False),
    Index("ix_household_transition_before", "year_before", "tambon_before"),
)


def create_schema(engine) -> None:
    """Create every table that does not exist yet (safe to call on every start)."""
    metadata.create_all(engine)
