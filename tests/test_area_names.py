"""Area names as people and gazetteers write them (issue #12): each habit resolves, or is reported,
and a near match never gives a wrong code. The real gazetteers of ../shared/data/real measure it."""

from __future__ import annotations

import collections
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data_access import importer
from data_access.importer.areas import AreaResolver, name_key
from data_access.importer.areas.names import bare_key, loose_key
from data_access.importer.areas.resolver import Place
from data_access.importer.areas.tagging import load_areas, tag_areas, tagged_csv
from data_access.importer.normalise import clean_text
from data_access.importer.reading import RawTable, read_table
from geo.boundaries import all_area_records
from tests.support.import_db import corpus, snapshot
from tests.support.real_data import real_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def areas() -> AreaResolver:
    return AreaResolver.from_records(all_area_records())


def resolve(areas: AreaResolver, level: str = "tambon", **values):
    return areas.resolve_one(values, level)


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "clean"),
    [("น\u0e4d\u0e49\u0e32", "น้ำ"), ("น\u0e49\u0e4d\u0e32", "น้ำ"), ("ก\u0e4d\u0e32", "กำ"), ("เเปลก", "แปลก"),
     ("ก\u0e48\u0e35", "กี่"), ("ตำบล  จาน", "ตำบล จาน"), ("๑๒.๕", "12.5")],
)  # fmt: skip
def test_thai_typed_the_tis620_way_is_one_form(typed, clean):
    assert clean_text(typed) == clean


@pytest.mark.parametrize("text", ["Area Code 12.5%", "TH330105", "1,234.50", "n/a", "a-b_c (x)"])
def test_latin_text_and_digits_are_left_as_they_are(text):
    assert clean_text(text) == text


# --- one habit at a time -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"tambon": "ต. หนองครก", "amphoe": "อ. เมืองศรีสะเกษ", "province": "จ. ศรีสะเกษ"}, "330107"),
        ({"tambon": "ตำบล  หนองครก", "amphoe": "อำเภอ  เมืองศรีสะเกษ"}, "330107"),
        ({"tambon": "แขวง พระบรมมหาราชวัง", "amphoe": "เขต พระนคร", "province": "กรุงเทพมหานคร"}, "100101"),
        ({"tambon": "ต.น\u0e4d\u0e49\u0e32คำ", "amphoe": "อ.เมือง", "province": "ศรีสะเกษ"}, "330122"),
        ({"tambon": "หนองครก", "area_code": "๓๓๐๑๐๗"}, "330107"),
        ({"tambon": "Tambon Nong Khrok", "amphoe": "Mueang Si Sa Ket"}, "330107"),
        ({"tambon": "nong khrok", "area_code": "330107"}, "330107"),
    ],
)
def test_prefixes_spaces_digits_and_old_typing_resolve_exactly(areas, values, code):
    assert resolve(areas, **values).code == code


@pytest.mark.parametrize(
    ("values", "code", "because"),
    [
        ({"tambon": "ปอภาร  (ปอพาน)", "amphoe": "เมืองร้อยเอ็ด"}, "450109", "alias in brackets"),
        ({"tambon": "ต. ท่าเรือ (เทศบาลเมืองพระแท่น)", "amphoe": "ท่ามะกา"}, "710507", "alias in brackets"),
        ({"tambon": "ห้วยขะยูง", "amphoe": "วารินชำราบ"}, "341524", "known spelling"),
        ({"tambon": "พระแสง", "amphoe": "บ้านตาขุน"}, "840902", "known spelling"),
        ({"tambon": "ต. สวก", "amphoe": "อ. เมืองน่าน"}, "550116", "known spelling"),
        ({"tambon": "บางรัก", "amphoe": "บางรัก", "province": "กทม."}, "100404", "known spelling"),
        ({"tambon": "สร้างโศก", "amphoe": "บ้านหมอ"}, "190603", "tone marks"),
        ({"tambon": "คลองกระแซง", "amphoe": "เมืองเพชรบุรี"}, "760102", "look-alike letters"),
        ({"tambon": "สระกระเทียม", "amphoe": "เมืองนครปฐม"}, "730120", "near match"),
        ({"tambon": "ตาเครียะ", "amphoe": "ระโนด"}, "900703", "near match"),
        ({"tambon": "เทศบาลตำบลน้ำคำ", "amphoe": "เมืองศรีสะเกษ"}, "330122", "tambon municipality"),
        ({"tambon": "ต. บึงกาฬ", "amphoe": "อ. บึงกาฬ", "province": "จ. บึงกาฬ"}, "380101", "seat amphoe"),
    ],
)
def test_other_forms_resolve_as_variants_and_say_which(areas, values, code, because):
    match = resolve(areas, **values)
    assert match.code == code, match
    assert match.how == "variant" and because in match.note[1], match


def test_variants_reach_only_into_the_given_parent_area(areas):
    assert resolve(areas, amphoe="ป่าพยอม", province="พัทลุง", level="amphoe").code == "9310"
    assert resolve(areas, tambon="สระกระเทียม").code is None  # no parent area: no near match
    assert resolve(areas, tambon="ห้วยขะยูง", amphoe="เมืองศรีสะเกษ").code is None


@pytest.mark.parametrize(
    ("values", "why"),
    [
        ({"tambon": "จานน", "amphoe": "เมืองศรีสะเกษ"}, "no tambon named 'จานน'"),  # too short to guess
        ({"tambon": "ยางซ้าย", "amphoe": "โพธิ์ทอง"}, "no tambon named"),  # ยางซ้าย is a tambon of Sukhothai
        ({"tambon": "ต. เทศบาลบางเมือง", "amphoe": "เมืองสมุทรปราการ"}, "is a municipality, not a tambon"),
        ({"tambon": "ต. เทศบาลนครสมุทรปราการ", "amphoe": "เมืองสมุทรปราการ"}, "is a municipality"),
        ({"tambon": "เทศบาลตำบลน้ำคำ", "province": "ศรีสะเกษ"}, "is a municipality"),  # no amphoe given
        ({"tambon": "ต. เวียงเหนือ สวนดอก สบตุ๋ย อยู่นอก1 ตำบล คือหัวเ*", "amphoe": "เมืองลำปาง"}, "no tambon"),
    ],
)
def test_what_cannot_be_told_safely_is_unknown(areas, values, why):
    match = resolve(areas, **values)
    assert (match.code, match.how) == (None, "unknown")
    assert why in match.problem[3] and match.problem[2]


def test_a_near_match_needs_a_single_candidate_above_the_score():
    places = [Place("99", "province", "ทดสอบ", None), Place("9901", "amphoe", "ทดลอง", "99")]
    places += [
        Place("990101", "tambon", "หนองบัวทอง", "9901"),
        Place("990102", "tambon", "หนองบัวทองใต้", "9901"),
    ]
    alone = AreaResolver(places[:3])
    assert alone.resolve_one({"tambon": "หนองบัวทอม", "amphoe": "ทดลอง"}, "tambon").code == "990101"
    crowded = AreaResolver(places + [Place("990103", "tambon", "หนองบัวทอด", "9901")])
    match = crowded.resolve_one({"tambon": "หนองบัวทอม", "amphoe": "ทดลอง"}, "tambon")
    assert (match.code, match.how) == (None, "unknown")


def test_ambiguous_names_list_every_candidate(areas):
    match = resolve(areas, tambon="จาน", province="ศรีสะเกษ")
    assert (match.how, match.candidates) == ("ambiguous", ("330105", "330315"))
    assert "จาน (330105, เมืองศรีสะเกษ, ศรีสะเกษ); จาน (330315, กันทรารมย์, ศรีสะเกษ)" in match.problem[3]
    cut = resolve(areas, tambon="ปากพนังฝั่งตะวัน", amphoe="ปากพนัง")  # cut at 16 characters
    assert (cut.how, cut.candidates) == ("ambiguous", ("801210", "801214"))
    assert resolve(areas, amphoe="จอมทอง", level="amphoe").candidates == ("1035", "5002")
    assert resolve(areas, amphoe="เขตจอมทอง", level="amphoe").code == "1035"  # เขต: only Bangkok's


# --- a whole path in one cell -----------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["ต.หนองครก อ.เมืองศรีสะเกษ จ.ศรีสะเกษ", "ต. หนองครก อ. เมืองศรีสะเกษ จ. ศรีสะเกษ",
     "ตำบลหนองครก อำเภอเมืองศรีสะเกษ จังหวัดศรีสะเกษ", "ต หนองครก อ เมืองศรีสะเกษ จ ศรีสะเกษ",
     "หนองครก อ.เมืองศรีสะเกษ จ.ศรีสะเกษ", "ต.หนองครก  อ.เมือง  จ.ศรีสะเกษ", "จ.ศรีสะเกษ อ.เมืองศรีสะเกษ ต.หนองครก"],
)  # fmt: skip
def test_a_whole_path_in_the_tambon_cell_resolves(areas, cell):
    assert resolve(areas, tambon=cell).code == "330107"
    assert resolve(areas, area_code=cell).code == "330107"  # in an "area" column too


def test_a_path_in_bangkok_form_and_one_that_disagrees_with_its_row(areas):
    assert resolve(areas, tambon="แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร").code == "100101"
    assert resolve(areas, tambon="ต.หนองครก อ.เมืองศรีสะเกษ", province="ศรีสะเกษ").code == "330107"
    clash = resolve(areas, tambon="ต.หนองครก จ.ศรีสะเกษ", province="อุบลราชธานี")
    assert clash.how == "conflict" and "differs from the province column" in clash.problem[3]


# --- a code that contradicts its names ---------------------------------------------------------


def test_a_code_whose_names_say_another_tambon_is_refused_naming_both(areas):
    match = resolve(areas, area_code="330105", tambon="หนองครก", amphoe="เมืองศรีสะเกษ")
    assert (match.code, match.how) == (None, "conflict")
    column, value, th, en = match.problem
    assert (column, value) == ("area_code", "330105")
    assert th.startswith(
        "รหัส 330105 คือ จาน (330105, เมืองศรีสะเกษ, ศรีสะเกษ) แต่ชื่อในแถวคือ หนองครก (330107, เมืองศรีสะเกษ, ศรีสะเกษ)"
    )
    assert en.startswith(
        "code 330105 is จาน (330105, เมืองศรีสะเกษ, ศรีสะเกษ) but the names in the row are หนองครก"
    )


@pytest.mark.parametrize(
    ("values", "code"),
    [({"area_code": "330315", "tambon": "จาน"}, "330315"),  # the code picks among ambiguous names
     ({"area_code": "330105", "province": "ศรีสะเกษ"}, "330105"),
     ({"area_code": "330107", "tambon": "ต.หนองครก", "amphoe": "อ.เมือง", "province": "จ.ศรีสะเกษ"}, "330107")],
)  # fmt: skip
def test_a_code_with_names_that_fit_it_is_taken(areas, values, code):
    assert resolve(areas, **values).code == code


@pytest.mark.parametrize(
    "values",
    [{"area_code": "330105", "province": "อุบลราชธานี"}, {"area_code": "330105", "tambon": "จานน"},
     {"area_code": "330105", "tambon": "หนองครก"}],
)  # fmt: skip
def test_a_code_with_names_that_do_not_fit_is_a_conflict(areas, values):
    match = resolve(areas, **values)
    assert match.how == "conflict" and "code 330105 is จาน" in match.problem[3]


def test_importer_refuses_a_mistyped_code_and_imports_nothing(empty_db):
    before = snapshot(empty_db)
    checked = importer.preview(empty_db, corpus("code_contradicts_names.csv"), "code_contradicts_names.csv")
    reported = [(r.row, r.column, r.problem_en) for r in checked.errors.itertuples()]
    assert [(row, column) for row, column, _ in reported] == [(3, "area_code"), (5, "area_code")], reported
    assert "but the names in the row are หนองครก (330107" in reported[0][2]
    assert "but the names in the row are อุบลราชธานี (34)" in reported[1][2]
    assert "แต่ชื่อในแถวคือ หนองครก" in checked.errors["problem_th"].iloc[0]
    result = importer.commit(empty_db, checked, valid_rows_only=True, user="tester")
    assert (result.new, result.rejected) == (2, 2)
    stored = importer.preview(empty_db, corpus("code_contradicts_names.csv"), "again.csv").changes
    assert sorted(zip(stored["area_code"], stored["indicator_code"])) == [
        ("330105", "bmn60_01"),
        ("330107", "bmn60_01"),
    ]
    assert snapshot(empty_db) != before


def test_importer_takes_a_whole_path_in_one_cell(empty_db):
    checked = importer.preview(empty_db, corpus("path_in_one_cell.csv"), "path_in_one_cell.csv")
    assert checked.ok, checked.errors
    importer.commit(empty_db, checked, user="tester")
    again = importer.preview(empty_db, corpus("path_in_one_cell.csv"), "again.csv")
    assert sorted(again.changes["area_code"]) == ["240204", "330107", "330122"]
    assert set(again.changes["change"]) == {"unchanged"}


# --- the command line on real gazetteers -------------------------------------------------------


def read_real(name: str) -> RawTable:
    return read_table(real_file(name).read_bytes(), name)


def test_cp874_and_utf8_copies_of_the_gazetteer_give_the_same_codes(areas, tmp_path):
    """The data.go.th tambon list (sections C of SOURCES.md) in cp874 through the command line, and
    its UTF-8 copy through the function: the same rows, in another order, the same results."""
    out, source = tmp_path / "thaiall.csv", real_file("thaiall_tambon.csv")
    run = subprocess.run(
        [sys.executable, "-m", "data_access.importer.areas", str(source), "--out", str(out)],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite'}"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr  # some rows have no code
    assert "areas: shipped boundary files" in run.stdout and "read: cp874" in run.stdout
    assert "rows: 7,768; exact " in run.stdout
    utf8 = tagged_csv(tag_areas(read_real("codesanook_source-data.csv"), areas))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert sorted(out.read_bytes().splitlines()) == sorted(utf8.splitlines())
    assert not (tmp_path / "none.sqlite").exists()  # no database was made to find none


def test_gazetteer_names_give_the_rows_own_codes_and_never_another(areas):
    table = read_real("codesanook_source-data.csv")
    out = tag_areas(table, areas).frame
    in_boundary = out["TA_ID"].isin(list(areas.places))
    own = out["area_code"] == out["TA_ID"]
    assert own[in_boundary].mean() >= 0.99, own[in_boundary].mean()
    assert not ((out["area_code"] != "") & ~own).any()
    # Names alone (the code column left out): where they give another code than TA_ID, the file
    # contradicts itself (its code is another tambon's, e.g. 110402 บางพึ่ง written "ต. ตลาด"),
    # the names matched exactly, and with the code column the row is a conflict.
    names_only = tag_areas(RawTable(table.frame.drop(columns=["TA_ID"])), areas).frame
    other = in_boundary & (names_only["area_code"] != "") & (names_only["area_code"] != out["TA_ID"])
    assert 0 < other.sum() < 20
    assert set(names_only.loc[other, "match"]) == {"exact"}
    assert set(out.loc[other, "match"]) == {"conflict"}
    for row in out[other].itertuples():
        assert _loose(areas.places[row.TA_ID].name_th) != loose_key(bare_key(row.TAMBON_T)), row
    variants = names_only[in_boundary & (names_only["match"] == "variant")]
    assert len(variants) >= 50 and (variants["area_code"] == out.loc[variants.index, "TA_ID"]).all()


def test_kongvut_names_match_and_bueng_kan_is_judged_by_names(areas):
    """kongvut (section D) has names with DOPA codes, except Bueng Kan (38), whose codes are permuted:
    there the right code is the one tgj gives the same amphoe and tambon names."""
    provinces = {r["id"]: r["name_th"] for r in _rows("kongvut_provinces.csv")}
    districts = {r["id"]: (r["name_th"], provinces[r["province_id"]]) for r in _rows("kongvut_districts.csv")}
    subs = list(_rows("kongvut_sub_districts.csv"))
    frame = pd.DataFrame(
        [{"ตำบล": s["name_th"], "อำเภอ": districts[s["district_id"]][0],
          "จังหวัด": districts[s["district_id"]][1]} for s in subs], dtype=object,
    )  # fmt: skip
    codes = tag_areas(RawTable(frame), areas).frame["area_code"].tolist()
    tgj_amphoe = {d["districtCode"]: d["districtNameTh"] for d in _json("tgj_districts.json")}
    by_names = collections.defaultdict(set)
    for t in _json("tgj_subdistricts.json"):
        by_names[_loose(tgj_amphoe[t["districtCode"]]), _loose(t["subdistrictNameTh"])].add(
            str(t["subdistrictCode"])
        )
    right, wrong, known = 0, [], 0
    for sub, code in zip(subs, codes):
        truth = {sub["id"]}
        if sub["id"].startswith("38"):
            truth = by_names[_loose(districts[sub["district_id"]][0]), _loose(sub["name_th"])]
        if truth & set(areas.places):
            known += 1
            right += code in truth
        if code and code not in truth:
            wrong.append((sub["id"], sub["name_th"], code))
    assert not wrong, wrong
    assert right / known >= 0.99, right / known


def test_tgj_names_match_their_codes(areas):
    provinces = {p["provinceCode"]: p["provinceNameTh"] for p in _json("tgj_provinces.json")}
    districts = {d["districtCode"]: d["districtNameTh"] for d in _json("tgj_districts.json")}
    records = _json("tgj_subdistricts.json")
    frame = pd.DataFrame(
        [{"subdistrictNameTh": t["subdistrictNameTh"], "districtNameTh": districts[t["districtCode"]],
          "provinceNameTh": provinces[t["provinceCode"]], "subdistrictCode": str(t["subdistrictCode"])}
         for t in records], dtype=object,
    )  # fmt: skip
    tagged = tag_areas(RawTable(frame), areas)
    assert (
        tagged.columns["area_code"] == "subdistrictCode" and tagged.columns["tambon"] == "subdistrictNameTh"
    )
    out = tagged.frame
    known = out["subdistrictCode"].isin(list(areas.places))
    assert (out["area_code"] == out["subdistrictCode"])[known].mean() >= 0.99
    assert not ((out["area_code"] != "") & (out["area_code"] != out["subdistrictCode"])).any()


def test_the_command_refuses_a_file_without_name_columns(tmp_path):
    source = tmp_path / "codes.csv"
    source.write_text("code,value\n330105,1\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "data_access.importer.areas", str(source), "--out", str(tmp_path / "out.csv")],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite'}"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2 and "No tambon name column" in run.stderr and "ไม่พบคอลัมน์ชื่อตำบล" in run.stderr
    assert not (tmp_path / "out.csv").exists()


def test_areas_come_from_the_database_when_it_has_them(empty_db, tmp_path):
    resolver, source = load_areas(empty_db.url.render_as_string(hide_password=False))
    assert source.startswith("database ") and "8,430 areas" in source
    assert resolver.resolve_one({"tambon": "ต.หนองครก อ.เมืองศรีสะเกษ"}, "tambon").code == "330107"
    _, fallback = load_areas(f"sqlite:///{tmp_path / 'none.sqlite'}")
    assert fallback.startswith("shipped boundary files") and not (tmp_path / "none.sqlite").exists()


def test_columns_can_be_chosen_and_our_columns_do_not_overwrite_the_files(areas):
    frame = pd.DataFrame(
        {"name_th": ["หนองครก", "จาน"], "amphoe_name": ["เมืองศรีสะเกษ"] * 2, "match": ["x", "y"]}
    )
    tagged = tag_areas(RawTable(frame), areas, chosen={"tambon": "name_th"})
    assert tagged.columns == {"tambon": "name_th", "amphoe": "amphoe_name"}
    out = tagged.frame
    assert out["match"].tolist() == ["x", "y"] and out["match_matched"].tolist() == ["exact", "exact"]
    assert out["area_code"].tolist() == ["330107", "330105"]
    assert tagged.counts() == {"exact": 2, "variant": 0, "ambiguous": 0, "unknown": 0, "conflict": 0}


def _rows(name: str):
    with open(real_file(name), encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _json(name: str) -> list[dict]:
    return json.loads(real_file(name).read_text(encoding="utf-8"))


def _loose(name: str) -> str:
    return loose_key(name_key(name))
