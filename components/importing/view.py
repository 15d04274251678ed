"""The import screen: templates, upload options, the dry run (counts, row errors, changes), commit and
the import history. Every number and message comes from `data_access.importer`."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.coordinates import CHOICES as CRS_CHOICES
from analysis.errors import DataError
from components.importing.mapping import mapping_step, show_notes
from components.importing.tpmap_view import set_report
from components.shell.refresh import data_changed
from components.text import t
from data_access import cached, importer
from data_access.access import audit
from data_access.importer.pipeline import UnknownKind

KIND_CHOICES = ("auto", *importer.KINDS)
ENCODINGS = ("auto", "utf-8", "cp874")
TEMPLATES = (
    ("indicators", "long"),
    ("indicators", "wide"),
    ("households", "long"),
    ("referrals", "long"),
    ("catalogue", "long"),
)
PREVIEW_ROWS = 200
FLASH_KEY = "imp_flash"


def templates(url: str, lang: str) -> None:
    engine = cached.engine_for(url)
    with st.expander(t("imp_templates", lang), icon=":material/description:"):
        st.caption(t("imp_templates_help", lang))
        for kind, layout in TEMPLATES:
            label = t(f"imp_kind_{kind}", lang) + (
                f" ({t(f'imp_layout_{layout}', lang)})" if kind == "indicators" else ""
            )
            cols = st.columns([3, 1, 1])
            cols[0].markdown(label)
            stem = f"tambon-atlas-template-{kind}" + (f"-{layout}" if kind == "indicators" else "")
            cols[1].download_button(
                "CSV",
                data=partial(importer.template_csv, engine, kind, layout),
                file_name=f"{stem}.csv",
                mime="text/csv",
                on_click="ignore",
                key=f"imp_tpl_csv_{kind}_{layout}",
            )
            cols[2].download_button(
                "XLSX",
                data=partial(importer.template_xlsx, engine, kind, layout),
                file_name=f"{stem}.xlsx",
                on_click="ignore",
                key=f"imp_tpl_xlsx_{kind}_{layout}",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )


def upload_form(lang: str, username: str):
    """The files and how to read them; returns (uploaded files, possibly none; options dict)."""
    upload = st.file_uploader(
        t("imp_file", lang),
        type=["csv", "txt", "xlsx", "geojson", "json", "gpkg", "zip"],
        key="imp_file",
        accept_multiple_files=True,  # a TPMAP export comes as a pair (issue #12)
        help=t("imp_file_help", lang, mb=importer.DEFAULT_MAX_BYTES // 1_000_000)
        + " · "
        + t("imp_files_multi", lang),
    )
    cols = st.columns([1.3, 1, 1, 0.8, 0.8, 1.2])
    kind = cols[0].selectbox(
        t("imp_kind", lang), KIND_CHOICES, key="imp_kind", format_func=lambda k: t(f"imp_kind_{k}", lang)
    )
    encoding = cols[1].selectbox(
        t("imp_encoding", lang),
        ENCODINGS,
        key="imp_encoding",
        format_func=lambda e: t("imp_auto", lang) if e == "auto" else e,
    )
    sheet = cols[2].text_input(t("imp_sheet", lang), key="imp_sheet", placeholder=t("imp_sheet_hint", lang))
    year = cols[3].number_input(
        t("imp_year", lang),
        min_value=0,
        max_value=2700,
        value=0,
        step=1,
        key="imp_year",
        help=t("imp_year_help", lang),
    )
    header_row = cols[4].number_input(
        t("imp_header_row", lang), min_value=0, max_value=1000, value=0, step=1, key="imp_header_row",
        help=t("imp_header_row_help", lang),
    )  # fmt: skip
    cols[5].text_input(t("imp_user", lang), value=username, disabled=True, key="imp_user")
    crs = st.selectbox(
        t("imp_crs", lang), (0, *CRS_CHOICES), key="imp_crs", help=t("imp_crs_help", lang),
        format_func=lambda c: f"EPSG:{c} {CRS_CHOICES[c][lang != 'th']}" if c else t("imp_crs_file", lang),
    )  # fmt: skip
    options = {
        "kind": None if kind == "auto" else kind,
        "encoding": None if encoding == "auto" else encoding,
        "sheet": sheet.strip() or None,
        "year": int(year) or None,
        "header_row": int(header_row) or None,
        "crs": int(crs) or None,
        "user": username,
    }
    return upload, options


def dry_run(url: str, uploads, options: dict, lang: str):
    """The preview of the uploads, or None after showing why the files cannot be read."""
    try:
        with st.spinner(t("imp_checking", lang)):
            chosen = set_uploads(uploads, lang)
            if len(chosen) > 1:  # several files go in together only as TPMAP exports
                files = tuple((u.name, u.getvalue()) for u in chosen)
                return cached.import_preview_files(url, files, options["encoding"], options["year"])
            upload = chosen[0]
            return cached.import_preview(
                url,
                upload.getvalue(),
                upload.name,
                options["kind"],
                options["encoding"],
                options["sheet"],
                options["year"],
                options["header_row"],
                crs=options.get("crs"),
            )
    except UnknownKind:  # headers no kind knows: say what each column is (components.importing.mapping)
        return mapping_step(url, upload, options, lang)
    except DataError as error:
        st.error(error.message(lang), icon=":material/error:")
        return None


def set_uploads(uploads: list, lang: str) -> list:
    """The uploads checked together: every TPMAP file when the newest upload is one, else the newest
    file alone (uploading a corrected file adds it to the list; the older ones are left aside)."""
    newest = uploads[-1]
    together = [u for u in uploads if importer.looks_like_tpmap(u.getvalue())]
    chosen = together if newest in together else [newest]
    aside = [u.name for u in uploads if u not in chosen]
    if aside:
        st.caption(t("imp_files_aside", lang, names=", ".join(aside)))
    return chosen


def preview_report(preview, lang: str) -> None:
    counts = preview.counts
    st.subheader(t("imp_preview", lang))
    st.caption(
        t(
            "imp_detected",
            lang,
            kind=t(f"imp_kind_{preview.kind}", lang),
            encoding=preview.encoding or "xlsx",
            layout=preview.layout or "–",
            sheet=preview.sheet or "–",
        )
    )
    show_notes(preview.notes, lang)
    cols = st.columns(6)
    for col, (label, value) in zip(
        cols,
        (
            ("imp_rows", preview.rows_total),
            ("imp_new", counts["new"]),
            ("imp_updated", counts["updated"]),
            ("imp_unchanged", counts["unchanged"]),
            ("imp_rejected", preview.rows_rejected),
            ("imp_blank", preview.rows_blank),
        ),
    ):
        col.metric(t(label, lang), f"{value:,}")
    set_report(preview, lang)
    if preview.ignored_columns:
        st.info(t("imp_ignored", lang, columns=", ".join(preview.ignored_columns)), icon=":material/info:")
    if not preview.previous_imports.empty:
        last = preview.previous_imports.iloc[0]
        st.info(
            t("imp_seen_before", lang, when=str(last["imported_at"])[:16], id=int(last["id"])),
            icon=":material/history:",
        )
    if not preview.errors.empty:
        st.error(
            t("imp_has_errors", lang, n=preview.rows_rejected, problems=len(preview.errors)),
            icon=":material/error:",
        )
        errors = preview.errors.rename(
            columns={
                "file": t("imp_col_file", lang),
                "row": t("imp_col_row", lang),
                "column": t("imp_col_column", lang),
                "value": t("imp_col_value", lang),
                "problem_th": t("imp_col_problem_th", lang),
                "problem_en": t("imp_col_problem_en", lang),
            }
        )
        st.dataframe(
            errors, hide_index=True, width="stretch", height=min(38 + 35 * len(errors), 420), key="imp_errors"
        )
        st.download_button(
            t("imp_errors_csv", lang),
            data=lambda: importer.errors_csv(preview),
            file_name=f"errors-{preview.file_name}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key="imp_errors_download",
        )
    if not preview.changes.empty:
        with st.expander(
            t("imp_changes", lang, n=min(len(preview.changes), PREVIEW_ROWS), total=len(preview.changes))
        ):
            st.dataframe(
                preview.changes.head(PREVIEW_ROWS), hide_index=True, width="stretch", key="imp_changes"
            )


def commit_controls(url: str, preview, options: dict, lang: str) -> None:
    """Commit all-or-nothing, or only the valid rows when the person asks; then show what happened."""
    valid_only = False
    if not preview.errors.empty:
        valid_only = st.checkbox(t("imp_valid_only", lang), key="imp_valid_only")
    blocked = not preview.errors.empty and not valid_only
    if blocked:
        st.caption(t("imp_blocked", lang))
    if st.button(
        t("imp_commit", lang), type="primary", disabled=blocked, icon=":material/upload:", key="imp_commit"
    ):
        try:
            result = importer.commit(
                cached.engine_for(url), preview, valid_rows_only=valid_only, user=options["user"]
            )
        except DataError as error:
            st.error(error.message(lang), icon=":material/error:")
            return
        audit.record(
            cached.engine_for(url), options["user"], "import", None,
            f"import={result.import_id} file={result.file_name} kind={result.kind} "
            f"new={result.new} updated={result.updated} rejected={result.rejected}",
        )  # fmt: skip
        data_changed()
        st.session_state[FLASH_KEY] = {
            "file": result.file_name,
            "new": result.new,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rejected": result.rejected,
            "recomputed": result.recomputed_values,
            "id": result.import_id,
        }
        st.rerun()


def flash(lang: str) -> None:
    done = st.session_state.pop(FLASH_KEY, None)
    if done:
        st.success(t("imp_done", lang, **done), icon=":material/check_circle:")


def history(url: str, lang: str) -> None:
    st.subheader(t("imp_history", lang))
    log = importer.list_imports(cached.engine_for(url)).head(50)
    if log.empty:
        st.caption(t("imp_no_history", lang))
        return
    table = pd.DataFrame(
        {
            "#": log["id"],
            t("imp_col_time", lang): pd.to_datetime(log["imported_at"], utc=True)
            .dt.tz_convert("Asia/Bangkok")
            .dt.strftime("%Y-%m-%d %H:%M"),
            t("imp_col_file", lang): log["file_name"],
            t("imp_kind", lang): [t(f"imp_kind_{k}", lang) for k in log["kind"]],
            t("imp_new", lang): log["new_rows"],
            t("imp_updated", lang): log["updated_rows"],
            t("imp_unchanged", lang): log["unchanged_rows"],
            t("imp_rejected", lang): log["rejected_rows"],
            t("imp_user", lang): log["imported_by"].fillna("–"),
            "sha256": log["checksum"].str[:12],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="imp_history")
