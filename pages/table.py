"""Drill-down table: child areas x chosen indicators, the parent as reference, change between years,
search, sort, row selection that drills, and CSV / XLSX of what is shown."""

import streamlit as st

from components.map.area_detail import area_detail
from components.shared.area_picker import breadcrumbs, load_choices
from components.shared.downloads import texts
from components.shared.set_picker import restrict_table, set_picker
from components.shell.state import current_language
from components.table.controls import store_table_view, table_controls
from components.table.data import load_table
from components.table.view import drill_table, table_exports
from components.text import t
from components.view.session import resolve, show_notices, write_url
from components.view.table import TABLE, map_link_params
from data_access import cached
from exports.table_frame import area_label

lang = current_language()
url = cached.current_url()
choices = load_choices(url)
view = resolve(TABLE, choices, url)
areas, catalogue = cached.areas(url), cached.catalogue(url)

st.title(t("tbl_title", lang))
st.caption(t("tbl_intro", lang))
show_notices()
village_tambons = cached.tambons_with_villages(url, view.province) if view.tambon else ()
table_controls(view, choices, areas, catalogue, lang, village_tambons)
breadcrumbs(view, areas, lang, store=store_table_view, prefix="tbl_")
data = load_table(url, view, catalogue, areas, lang)
set_id = set_picker(url, lang, key="set_tbl")  # `set` URL parameter: only an area set's areas
data = restrict_table(data, url, set_id, lang)
drill_table(data, view, choices, lang)
table_exports(data, view, area_label(data, areas, lang, texts(lang)), cached.is_demo(url), lang)
st.page_link(
    "pages/map.py",
    label=t("tbl_open_map", lang),
    icon=":material/map:",
    query_params=map_link_params(view, lang),
)
if view.tambon:
    area_detail(url, view.tambon, view.year, areas, catalogue, lang)
write_url(TABLE, view)
