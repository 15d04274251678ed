"""The text catalogue stays honest: every key in Thai and English, every key the code asks for known,
no key left behind when the code stopped using it."""

from __future__ import annotations

import ast
import string
from functools import cache
from pathlib import Path

import pytest

from components.text import LANGUAGES, LONG_TEXTS, SCREENS, TEXT, _merged, long_text, t

ROOT = Path(__file__).resolve().parents[1]
SOURCE = [ROOT / "app.py", *(f for d in ("pages", "components", "exports", "geo", "analysis", "data_access")
                             for f in sorted((ROOT / d).rglob("*.py")))]  # fmt: skip
CATALOGUE = ROOT / "components" / "text"
# The callers of the catalogue: `t(key, lang)` and, in exports, the `text(key)` the caller hands down.
TEXT_CALLS = {"t", "text"}

# Keys the code builds from a value (f"scheme_{scheme}") rather than naming them; each group says where.
DYNAMIC_KEYS = {
    # components/map/controls.py: scheme, comparison and level pickers; exports name the level too
    "scheme_quantiles", "scheme_natural_breaks", "scheme_equal_interval", "scheme_manual",
    "compare_none", "compare_years", "compare_indicators", "compare_change",
    "level_province", "level_amphoe",
    # exports/slides.py: "Tambon "/"Amphoe " before a unit's name on its slide
    "level_tambon_one", "level_amphoe_one",
    # components/map/view.py: the hot-spot classes of the legend
    "hot_HH", "hot_HL", "hot_LH", "hot_LL", "hot_ns", "hot_island",
    # catalogue page, import mapping and the exports' about sheet: an indicator's unit
    "unit_percent", "unit_count", "unit_baht", "unit_score", "unit_index",
    # overview, slides, households: a TPMAP dimension by its code
    "pr_dim_health", "pr_dim_living", "pr_dim_education", "pr_dim_income", "pr_dim_access",
    # explorer controls, charts and exports: tool, chart, statistic, direction of change
    "exp_tool_find", "exp_tool_scatter", "exp_tool_distribution", "exp_tool_ranking", "exp_tool_correlation",
    "exp_tool_years", "exp_tool_hotspots", "exp_chart_histogram", "exp_chart_box",
    "exp_stat_n", "exp_stat_min", "exp_stat_q1", "exp_stat_median", "exp_stat_q3", "exp_stat_max",
    "exp_dir_better", "exp_dir_worse", "exp_dir_same",
    # import page and column mapping: kind, layout, role and aggregation of a file or column
    "imp_kind_auto", "imp_kind_indicators", "imp_kind_households", "imp_kind_referrals", "imp_kind_catalogue",
    "imp_kind_tpmap", "imp_kind_village_names", "imp_kind_assets", "imp_layout_long", "imp_layout_wide",
    "imp_role_area_code", "imp_role_province", "imp_role_amphoe", "imp_role_tambon", "imp_role_area_path",
    "imp_role_year", "imp_role_value", "imp_role_numerator", "imp_role_denominator", "imp_role_ignore",
    "imp_agg_ratio", "imp_agg_sum",
    # frame and user administration: a role
    "role_officer", "role_admin",
    # households and the household form: a capital's score, a referral's state
    "hh_capital_human", "hh_capital_physical", "hh_capital_economic", "hh_capital_natural",
    "hh_capital_social",
    "ref_status_referred", "ref_status_in_progress", "ref_status_resolved", "ref_status_declined",
    # field work: verification states, referral events, history actions, answers, worklist groups,
    # agency kinds, outcome groups
    "fw_ver_not_visited", "fw_ver_visited", "fw_ver_verified", "fw_ver_not_found", "fw_ver_moved",
    "fw_ev_referred", "fw_ev_accepted", "fw_ev_in_progress", "fw_ev_helped", "fw_ev_declined", "fw_ev_closed",
    "fw_action_imported", "fw_action_created", "fw_action_edited", "fw_action_removed", "fw_action_restored",
    "fw_answer_0", "fw_answer_1", "fw_answer_na",
    "fw_overdue", "fw_due_this_week", "fw_waiting", "fw_not_referred",
    "fw_kind_local", "fw_kind_government", "fw_kind_health", "fw_kind_education", "fw_kind_civil_society",
    "fw_kind_other", "fw_group_helped", "fw_group_not_helped", "fw_group_not_helped_standardised",
}  # fmt: skip


@cache
def _trees() -> dict[Path, ast.Module]:
    own = [path for path in SOURCE if CATALOGUE not in path.parents]
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in own}


def _literal_keys() -> dict[str, list[str]]:
    """Every literal first argument of a `t(...)`/`text(...)` call, with where it is."""
    found: dict[str, list[str]] = {}
    for path, tree in _trees().items():
        if "data_access" in path.relative_to(ROOT).parts:
            continue  # SQLAlchemy's text() and .label() are not the catalogue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in TEXT_CALLS:
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _string_constants() -> set[str]:
    return {
        node.value
        for tree in _trees().values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def _fields(pattern: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


def _both_languages(value) -> bool:
    pair = isinstance(value, tuple) and len(value) == 2
    return pair and all(isinstance(v, str) and v.strip() for v in value)


def test_every_key_has_thai_and_english():
    assert not {key: value for key, value in TEXT.items() if not _both_languages(value)}


def test_thai_and_english_take_the_same_values():
    differ = {key: (th, en) for key, (th, en) in TEXT.items() if _fields(th) != _fields(en)}
    assert not differ


def test_every_key_the_code_names_is_in_the_catalogue():
    literal = _literal_keys()
    assert len(literal) > 300  # the scan does find the calls
    missing = {key: where for key, where in literal.items() if key not in TEXT}
    assert not missing


def test_no_key_is_left_unused():
    assert DYNAMIC_KEYS <= TEXT.keys(), sorted(DYNAMIC_KEYS - TEXT.keys())
    unused = TEXT.keys() - _string_constants() - DYNAMIC_KEYS
    assert not unused, sorted(unused)


def test_a_key_on_two_screens_is_refused():
    with pytest.raises(ValueError, match="defined twice"):
        _merged([SCREENS[0], SCREENS[0]])


@pytest.mark.parametrize("name", LONG_TEXTS)
def test_long_texts_in_both_languages(name):
    thai, english = (long_text(name, lang) for lang in LANGUAGES)
    assert thai.strip() and english.strip() and thai != english
    assert "ครัวเรือน" in thai and "household" in english.lower()


def test_t_formats_and_falls_back_to_thai():
    assert t("set_table_note", "en", n=15, name="MOU") == "Only the 15 tambons of “MOU”"
    assert t("set_table_note", "th", n=15, name="MOU") == "กรองเฉพาะ 15 ตำบลในชุด “MOU”"
    assert t("nav_map", "xx") == "แผนที่"
