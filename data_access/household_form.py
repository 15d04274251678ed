"""The household form (add or edit a household found in the field), checked against the catalogue.

Every field is checked and every problem is reported at once, by field, in Thai and English
(`FormError.problems`), so an officer fixes the whole form in one pass. Thai digits (๐-๙) and
thousands separators are accepted in numbers. Deprivation answers are required for every
deprivation indicator of the catalogue: 1 = deprived (ไม่ผ่าน), 0 = not deprived (ผ่าน), None = not
assessed (ไม่ได้ประเมิน); an answer left out is a problem, so a form never stores a silent "passed".
"""

from __future__ import annotations

import pandas as pd

from analysis.capitals import CAPITAL_COLUMNS
from analysis.errors import FormError

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MEMBERS_RANGE = (1, 50)
VILLAGE_RANGE = (1, 99)
INCOME_RANGE = (0.0, 10_000_000.0)  # baht per person per year
CAPITAL_RANGE = (1, 4)
NOT_ASSESSED = "na"
FIELDS_TH = {
    "tambon_code": "ตำบล",
    "village_no": "หมู่ที่",
    "members": "จำนวนสมาชิก",
    "income_per_person": "รายได้ต่อคนต่อปี",
    "welfare_card": "บัตรสวัสดิการแห่งรัฐ",
    "capital_human": "ทุนมนุษย์",
    "capital_physical": "ทุนกายภาพ",
    "capital_economic": "ทุนเศรษฐกิจ",
    "capital_natural": "ทุนธรรมชาติ",
    "capital_social": "ทุนทางสังคม",
}
FIELDS_EN = {
    "tambon_code": "tambon",
    "village_no": "village number",
    "members": "household members",
    "income_per_person": "income per person per year",
    "welfare_card": "state welfare card",
    "capital_human": "human capital",
    "capital_physical": "physical capital",
    "capital_economic": "economic capital",
    "capital_natural": "natural capital",
    "capital_social": "social capital",
}


def check_household_form(form: dict, catalogue: pd.DataFrame) -> dict:
    """The form's values ready to store: village_no, members, income_per_person, welfare_card, the
    capital_* scores (None = not scored) and `deprivations` {indicator code: 1, 0 or None} for every
    deprivation indicator of the catalogue. `FormError` lists every problem by field."""
    problems: dict[str, tuple[str, str]] = {}
    values: dict = {}
    values["village_no"] = _integer(form, "village_no", VILLAGE_RANGE, True, problems)
    values["members"] = _integer(form, "members", MEMBERS_RANGE, True, problems)
    values["income_per_person"] = _number(form, "income_per_person", INCOME_RANGE, problems)
    values["welfare_card"] = _flag(form, "welfare_card", problems)
    scored = set(catalogue["code"])
    for column in CAPITAL_COLUMNS:
        values[column] = _integer(form, column, CAPITAL_RANGE, False, problems) if column in scored else None
    values["deprivations"] = _answers(form.get("deprivations"), catalogue, problems)
    if problems:
        raise FormError(problems)
    return values


def thai_number_text(value: object) -> str:
    """A number typed in a form as plain ASCII text: Thai digits -> 0-9, separators and spaces out."""
    return str(value).translate(THAI_DIGITS).replace(",", "").replace(" ", "").replace("\u00a0", "").strip()


def _integer(form, field, bounds, required, problems) -> int | None:
    number = _number(form, field, (float(bounds[0]), float(bounds[1])), problems, required=required)
    if number is None:
        return None
    if number != int(number):
        problems[field] = (
            f"{FIELDS_TH[field]}ต้องเป็นจำนวนเต็ม (ได้ {_shown(form[field])})",
            f"The {FIELDS_EN[field]} must be a whole number (got {_shown(form[field])})",
        )
        return None
    return int(number)


def _number(form, field, bounds, problems, required: bool = False) -> float | None:
    raw = form.get(field)
    if raw is None or (isinstance(raw, float) and pd.isna(raw)) or (isinstance(raw, str) and not raw.strip()):
        if required:
            problems[field] = (f"กรุณาระบุ{FIELDS_TH[field]}", f"The {FIELDS_EN[field]} is required")
        return None
    if isinstance(raw, bool):
        number = None
    elif isinstance(raw, int | float):
        number = float(raw)
    else:
        try:
            number = float(thai_number_text(raw))
        except ValueError:
            number = None
    if number is None or number != number or number in (float("inf"), float("-inf")):
        problems[field] = (
            f"{FIELDS_TH[field]}ต้องเป็นตัวเลข (ได้ {_shown(raw)})",
            f"The {FIELDS_EN[field]} must be a number (got {_shown(raw)})",
        )
        return None
    low, high = bounds
    if not low <= number <= high:
        problems[field] = (
            f"{FIELDS_TH[field]}ต้องอยู่ระหว่าง {low:,g} ถึง {high:,g} (ได้ {number:,g})",
            f"The {FIELDS_EN[field]} must be from {low:,g} to {high:,g} (got {number:,g})",
        )
        return None
    return number


def _flag(form, field, problems) -> bool:
    raw = form.get(field, False)
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "มี", "ใช่"):
        return True
    if text in ("0", "false", "no", "ไม่มี", "ไม่ใช่", ""):
        return False
    problems[field] = (
        f"{FIELDS_TH[field]}ต้องเป็น มี หรือ ไม่มี (ได้ {_shown(raw)})",
        f"The {FIELDS_EN[field]} must be yes or no (got {_shown(raw)})",
    )
    return False


def _answers(answers: object, catalogue: pd.DataFrame, problems) -> dict[str, int | None]:
    """{code: 1, 0 or None} for every deprivation indicator; problems keyed `deprivation:<code>`."""
    rows = catalogue[catalogue["is_deprivation"].astype(bool)].sort_values("code")
    answers = answers if isinstance(answers, dict) else {}
    unknown = sorted(set(answers) - set(rows["code"]))
    if unknown:
        problems["deprivations"] = (
            f"ไม่มีตัวชี้วัดในบัญชีตัวชี้วัด: {', '.join(map(str, unknown))}",
            f"Not indicators of the catalogue: {', '.join(map(str, unknown))}",
        )
    out: dict[str, int | None] = {}
    for code, name_th, name_en in zip(rows["code"], rows["name_th"], rows["name_en"]):
        field = f"deprivation:{code}"
        if code not in answers or (isinstance(answers[code], str) and not answers[code].strip()):
            problems[field] = (f"กรุณาตอบ {name_th}", f"Answer required: {name_en}")
            continue
        answer = answers[code]
        text = thai_number_text(answer).lower() if answer is not None else NOT_ASSESSED
        if text in ("1", "1.0", "true"):
            out[code] = 1
        elif text in ("0", "0.0", "false"):
            out[code] = 0
        elif text in (NOT_ASSESSED, "none", "nan"):
            out[code] = None
        else:
            problems[field] = (
                f"{name_th}: คำตอบต้องเป็น ผ่าน (0) ไม่ผ่าน (1) หรือ ไม่ได้ประเมิน (ได้ {_shown(answer)})",
                f"{name_en}: the answer must be passed (0), not met (1) or not assessed "
                f"(got {_shown(answer)})",
            )
    return out


def _shown(value: object) -> str:
    text = str(value)
    return repr(text[:40] + "…") if len(text) > 40 else repr(text)
