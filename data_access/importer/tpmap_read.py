"""Reading a set of TPMAP files: each file recognised by its headers, its year taken from its name
(unless given), its cells parsed into a numeric frame keyed by area code, row problems naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import DataError
from data_access.importer import validate
from data_access.importer.areas import code_key
from data_access.importer.reading import RawTable
from data_access.importer.report import Problems
from data_access.importer.tpmap_columns import (
    CODE_LENGTHS,
    COUNTRY_CODE,
    PUBLISHED_RATE,
    UNDERSTOOD_SUFFIXES,
    bits_from_name,
    find_column,
    measures_for,
    recognise,
    suffix_from_name,
    year_from_name,
)

LEVEL_TH = {"village": "หมู่บ้าน", "tambon": "ตำบล", "amphoe": "อำเภอ", "province": "จังหวัด", "country": "ประเทศ"}


@dataclass
class TpmapFile:
    """One recognised file: its part of the pair, level, dimension suffix, year and parsed cells."""

    name: str
    table: RawTable
    part: str  # "common" | "bits"
    level: str
    id_header: str | None
    bits: str | None
    year: int
    problems: Problems
    wide: pd.DataFrame | None = None  # index: area code; numeric columns; `_row` = spreadsheet row
    used: tuple[str, ...] = ()

    @property
    def id_column(self) -> str:
        return self.id_header or "(no ID column)"


def is_tpmap(table: RawTable) -> bool:
    return recognise(list(table.frame.columns)) is not None


def looks_like_tpmap(data: bytes) -> bool:
    """From the header line alone (cheap, for choosing among uploads): a TPMAP common or target-poor file."""
    first = data[:8192].split(b"\n", 1)[0].decode("latin-1")
    return recognise([h.strip().strip('"') for h in first.split(",")]) is not None


def recognise_file(name: str, table: RawTable, year: int | None) -> TpmapFile:
    """Raises DataError (naming the file) when it is not a TPMAP file, its suffix is not understood or
    its year cannot be told."""
    found = recognise(list(table.frame.columns))
    if found is None:
        raise DataError(
            f"{name}: ไม่ใช่ไฟล์ TPMAP (ไม่มีคอลัมน์ HOUSEMEMBER_CNT หรือ poor.JPT.MOFval.CNT) นำเข้าไฟล์ชนิดอื่นทีละไฟล์",
            f"{name}: not a TPMAP file (no HOUSEMEMBER_CNT or poor.JPT.MOFval.CNT column); "
            "import other kinds of file one at a time",
        )
    part, level, id_header = found
    bits = None
    if part == "bits":
        bits = bits_from_name(name)
        if bits not in UNDERSTOOD_SUFFIXES:
            suffix = suffix_from_name(name) or "(none)"
            listed = ", ".join(UNDERSTOOD_SUFFIXES)
            raise DataError(
                f"{name}: ไม่รู้จักส่วนท้ายชื่อไฟล์ '_{suffix}' ที่ใช้เลือกมิติ รองรับ: {listed} "
                "(ลำดับบิต: สุขภาพ ความเป็นอยู่ การศึกษา รายได้ การเข้าถึงบริการรัฐ; 11111 = มิติใดก็ได้)",
                f"{name}: the dimension suffix '_{suffix}' is not understood; understood suffixes: {listed} "
                "(bit order: health, living, education, income, access; 11111 = any dimension)",
            )
    file_year = year if year is not None else year_from_name(name)
    if file_year is None:
        raise DataError(
            f"{name}: ไม่ทราบปีสำรวจ (ชื่อไฟล์ไม่ขึ้นต้นด้วยปี พ.ศ. 2 หลัก เช่น 61_) กรุณาระบุปี",
            f"{name}: cannot tell the survey year (the name does not start with a two-digit "
            "Buddhist Era year such as 61_); give the year",
        )
    return TpmapFile(name, table, part, level, id_header, bits, int(file_year), Problems())


def parse(file: TpmapFile) -> TpmapFile:
    """Codes checked and every column a measure uses parsed (non-negative numbers); fills `wide`."""
    frame = file.table.frame
    headers = list(frame.columns)
    wide = pd.DataFrame(index=frame.index)
    wide["_row"] = frame.index.to_numpy()
    wide["code"] = _codes(file, frame)
    wanted = []
    for measure in measures_for(file.part, file.bits):
        wanted.append(measure.numerator if measure.numerator_part == file.part else None)
        if file.part == "common" and measure.denominator:
            wanted.append(measure.denominator)
    if file.part == "bits":
        wanted.append(PUBLISHED_RATE)
    found = {c: find_column(headers, c) for c in dict.fromkeys(c for c in wanted if c)}
    found = {c: h for c, h in found.items() if h is not None}
    counts = [c for c in found if c != PUBLISHED_RATE]
    wide = wide.join(_whole_numbers(frame, [found[c] for c in counts], counts, file.problems))
    if PUBLISHED_RATE in found:
        header = found[PUBLISHED_RATE]
        wide[PUBLISHED_RATE] = validate.numbers(frame[header], header, file.problems, minimum=0)
    used = list(found.values())
    duplicated = validate.duplicate_keys(
        wide[["code"]], file.id_column, file.problems, f"รหัส{LEVEL_TH[file.level]}", f"{file.level} code"
    )
    file.wide = wide[~duplicated.to_numpy() & wide["code"].notna().to_numpy()].set_index("code")
    file.used = tuple(used) + ((file.id_header,) if file.id_header else ())
    return file


def _whole_numbers(frame: pd.DataFrame, headers: list[str], names: list[str], problems) -> pd.DataFrame:
    """Every count column checked in one pass (a village file has over 100,000 cells)."""
    if not headers:
        return pd.DataFrame(index=frame.index)
    rows = len(frame)
    text = pd.Series(
        frame[headers].to_numpy().ravel(order="F"), index=np.tile(frame.index.to_numpy(), len(headers))
    )
    header = pd.Series(np.repeat(headers, rows))
    # Nearly every cell is plain digits: those are read directly, the rest go through every check.
    plain = text.str.fullmatch(r"\d{1,15}").fillna(False).to_numpy(dtype=bool)
    values = np.full(len(text), np.nan)
    values[plain] = text[plain].astype(float).to_numpy()
    if not plain.all():
        rest = ~plain
        checked = validate.numbers(
            text[rest], header[rest].reset_index(drop=True), problems, minimum=0, whole=True
        )
        values[rest] = checked.to_numpy(dtype=float)
    return pd.DataFrame(values.reshape(len(headers), rows).T, index=frame.index, columns=names)


def _codes(file: TpmapFile, frame: pd.DataFrame) -> pd.Series:
    if file.level == "country":
        if len(frame) != 1:
            file.problems.add(
                frame.index[1:], "(no ID column)", "",
                "ไฟล์ระดับประเทศต้องมีข้อมูลแถวเดียว", "a country file has a single data row",
            )  # fmt: skip
        return pd.Series([COUNTRY_CODE] + [None] * (len(frame) - 1), index=frame.index, dtype=object)
    text = frame[file.id_header].astype(str)
    codes = text.map(code_key)
    lengths = CODE_LENGTHS[file.level]
    good = codes.str.isdigit() & codes.str.len().isin(lengths)
    wanted = " หรือ ".join(str(n) for n in lengths)
    file.problems.add(
        frame.index[~good], file.id_header, text[~good],
        f"รหัส{LEVEL_TH[file.level]}ต้องเป็นตัวเลข {wanted} หลัก",
        f"a {file.level} code has {' or '.join(str(n) for n in lengths)} digits",
    )  # fmt: skip
    return codes.where(good, None)


def ignored_columns(file: TpmapFile) -> list[str]:
    """Headers the import does not use (e.g. `happiness`, a mean score that cannot be summed)."""
    used = set(file.used)
    return [h for h in file.table.frame.columns if h not in used]


def errors_of(files: list[TpmapFile]) -> pd.DataFrame:
    """Every file's row problems, with the file's name first."""
    frames = [f.problems.frame().assign(file=f.name) for f in files]
    errors = pd.concat(frames, ignore_index=True)
    columns = ["file", *[c for c in errors.columns if c != "file"]]
    return errors[columns].sort_values(["file", "row", "column"], kind="stable", ignore_index=True)
