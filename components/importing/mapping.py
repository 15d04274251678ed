"""The column-mapping step of the import page: for a file whose headers no kind knows, say what each
column holds (and add catalogue entries), see the first rows as they will be stored, save the
mapping as a preset; then the usual dry-run report and commit. Rules live in
`data_access.importer.mapping`; session state holds only the new indicators' small dicts."""

from __future__ import annotations

import hashlib

import streamlit as st

from analysis.errors import DataError
from analysis.local_names import in_language, local_column, local_name
from components.text import t
from data_access import cached
from data_access.importer import presets
from data_access.importer.mapping import (
    PART_ROLES,
    ROLES,
    ColumnMapping,
    ColumnRole,
    NewIndicator,
    as_stored,
    guess_mapping,
    mapping_problems,
)

NEW_KEY = "imp_map_new"
UNITS = ("percent", "count", "baht", "score", "index")
POLARITIES = ("higher_worse", "higher_better")
AGGREGATIONS = ("ratio", "sum")


def mapping_step(url: str, upload, options: dict, lang: str):
    """The mapping widgets; returns the dry run of the mapped file, or None while it is incomplete."""
    data = upload.getvalue()
    try:
        outline = cached.import_outline(
            data, upload.name, options["encoding"], options["sheet"], options.get("header_row")
        )
    except DataError as error:
        st.error(error.message(lang), icon=":material/error:")
        return None
    engine = cached.engine_for(url)
    st.subheader(t("imp_map_title", lang))
    st.caption(t("imp_map_intro", lang))
    show_notes(outline.notes, lang)
    choice = _preset_choice(engine, outline.headers, lang)
    guessed = guess_mapping(outline.headers)
    start = presets.find_preset(engine, choice) if choice else guessed
    # A preset made for other headers still helps where it names a column; the guess fills the rest.
    roles = {h: start.columns.get(h, guessed.columns[h]) for h in outline.headers}
    start = ColumnMapping(roles, start.new_indicators)
    catalogue = cached.catalogue(url)
    new = _new_indicators(start.new_indicators, set(catalogue["code"]), lang)
    prefix = (
        "imp_map_"
        + hashlib.sha256(f"{presets.header_signature(outline.headers)}|{choice}".encode()).hexdigest()[:10]
    )
    mapping = ColumnMapping(_column_roles(outline, start, catalogue, new, prefix, lang), new)
    dimensions = set(cached.dimensions(url)["code"])
    problems = mapping_problems(mapping, outline.headers, catalogue, dimensions, options["year"] is not None)
    if problems:
        st.warning(
            t("imp_map_problems", lang) + "\n" + "\n".join(f"- {in_language(p, lang)}" for p in problems),
            icon=":material/rule:",
        )
        return None
    try:
        preview = cached.import_preview(
            url, data, upload.name, None, options["encoding"], options["sheet"], options["year"],
            options.get("header_row"), mapping.to_json(),
        )  # fmt: skip
    except DataError as error:
        st.error(error.message(lang), icon=":material/error:")
        return None
    st.markdown(f"**{t('imp_map_stored', lang)}**")
    st.dataframe(_stored_table(preview, url, lang), hide_index=True, width="stretch", key="imp_map_stored")
    _save_controls(engine, outline.headers, mapping, choice, options["user"], lang)
    return preview


def _stored_table(preview, url: str, lang: str):
    """The first records as stored, under the page's own column names."""
    stored = as_stored(preview.changes, cached.areas(url))
    stored["change"] = [t(f"imp_{c}", lang) for c in stored["change"]]
    labels = ("imp_col_row", "col_code", "col_area", "indicator", "col_year", "col_numerator",
              "col_denominator", "col_value", "imp_map_change")  # fmt: skip
    return stored.set_axis([t(k, lang) for k in labels], axis=1)


def show_notes(notes: list[tuple[str, str]], lang: str) -> None:
    """What reading passed over (titles, totals rows, sheets), in the reader's language."""
    if notes:
        lines = "\n".join(f"- {in_language(note, lang)}" for note in notes)
        st.info(f"{t('imp_notes', lang)}\n{lines}", icon=":material/info:")


def _preset_choice(engine, headers: list[str], lang: str) -> str:
    """The preset to start from: one saved for these headers is preselected."""
    matching = presets.list_presets(engine, headers)["name"].tolist()
    others = [n for n in presets.list_presets(engine)["name"] if n not in matching]
    if matching:
        st.success(t("imp_map_preset_found", lang, name=", ".join(matching)), icon=":material/bookmark:")
    return st.selectbox(
        t("imp_map_preset", lang),
        ["", *matching, *others],
        index=1 if matching else 0,
        format_func=lambda n: n or t("imp_map_no_preset", lang),
        key="imp_map_preset_" + presets.header_signature(headers)[:10],
    )


def _new_indicators(from_preset: list[NewIndicator], stored: set[str], lang: str) -> list[NewIndicator]:
    """The preset's new catalogue entries plus those added here (kept as small dicts in the session)."""
    added = st.session_state.setdefault(NEW_KEY, [])
    with st.expander(t("imp_map_new", lang), icon=":material/add_chart:"):
        st.caption(t("imp_map_new_help", lang))
        cols = st.columns(3)
        code = cols[0].text_input(t("imp_map_code", lang), key="imp_map_new_code")
        name_th = cols[1].text_input(t("imp_map_name_th", lang), key="imp_map_new_name_th")
        name_en = cols[2].text_input(t("imp_map_name_en", lang), key="imp_map_new_name_en")
        cols = st.columns(3)
        aggregation = cols[0].selectbox(
            t("imp_map_aggregation", lang), AGGREGATIONS, key="imp_map_new_aggregation",
            format_func=lambda a: t(f"imp_agg_{a}", lang),
        )  # fmt: skip
        unit = cols[1].selectbox(
            t("imp_map_unit", lang), UNITS, key="imp_map_new_unit", format_func=lambda u: t(f"unit_{u}", lang)
        )
        polarity = cols[2].selectbox(
            t("imp_map_polarity", lang), POLARITIES, key="imp_map_new_polarity",
            format_func=lambda p: t(p, lang),
        )  # fmt: skip
        if st.button(t("imp_map_add", lang), key="imp_map_new_add", icon=":material/add:") and code.strip():
            entry = {
                "code": code.strip(), "name_th": name_th.strip(), "name_en": name_en.strip(), "unit": unit,
                "polarity": polarity, "aggregation": aggregation,
            }  # fmt: skip
            added[:] = [a for a in added if a["code"] != entry["code"]] + [entry]
    new = {n.code: n for n in from_preset}
    new.update({a["code"]: NewIndicator(**a) for a in added})
    pending = [code for code in new if code not in stored]  # an earlier import may have added it
    if pending:
        st.caption(t("imp_map_new_listed", lang, codes=", ".join(pending)))
    return list(new.values())


def _column_roles(outline, start: ColumnMapping, catalogue, new: list[NewIndicator], prefix: str, lang: str):
    """One row per file column: its name and first values, a role, and an indicator for a part."""
    names = {n.code: local_name(n, lang) for n in new}
    names.update(zip(catalogue["code"], catalogue[local_column(lang)]))
    codes = ["", *[n.code for n in new], *[c for c in catalogue["code"] if c not in {n.code for n in new}]]
    head = st.columns([2, 2, 3])
    for col, key in zip(head, ("imp_map_column", "imp_map_role", "imp_map_indicator")):
        col.markdown(f"**{t(key, lang)}**")
    roles: dict[str, ColumnRole] = {}
    for index, header in enumerate(outline.headers):
        default = start.columns[header]
        cols = st.columns([2, 2, 3])
        cols[0].text(header)
        values = [v for v in outline.sample[header].tolist() if str(v).strip()][:3]
        if values:
            cols[0].caption(t("imp_map_sample", lang, values=", ".join(values)))
        role = cols[1].selectbox(
            t("imp_map_role", lang), ROLES, index=ROLES.index(default.role) if default.role in ROLES else 0,
            key=f"{prefix}_role_{index}", format_func=lambda r: t(f"imp_role_{r}", lang),
            label_visibility="collapsed",
        )  # fmt: skip
        indicator = None
        if role in PART_ROLES:
            wanted = default.indicator or (new[0].code if new else "")
            indicator = cols[2].selectbox(
                t("imp_map_indicator", lang), codes, index=codes.index(wanted) if wanted in codes else 0,
                key=f"{prefix}_indicator_{index}", label_visibility="collapsed",
                format_func=lambda c: f"{c} — {names.get(c, '')}" if c else t("imp_map_choose", lang),
            ) or None  # fmt: skip
        roles[header] = ColumnRole(role, indicator)
    return roles


def _save_controls(
    engine, headers: list[str], mapping: ColumnMapping, choice: str, user: str, lang: str
) -> None:
    cols = st.columns([3, 1], vertical_alignment="bottom")
    name = cols[0].text_input(t("imp_map_preset_name", lang), value=choice, key="imp_map_preset_name")
    if cols[1].button(t("imp_map_save", lang), key="imp_map_save", icon=":material/bookmark_add:"):
        try:
            presets.save_preset(engine, name, headers, mapping, user=user)
        except DataError as error:
            st.error(error.message(lang), icon=":material/error:")
            return
        st.success(t("imp_map_saved", lang, name=name.strip()), icon=":material/check_circle:")
