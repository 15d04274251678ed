"""Area names as offices and gazetteers write them, reduced to keys the resolver can compare.

Forms seen in real files: prefixes inside the field with or without a space ("ต. หน้าเมือง",
"อำเภอเมืองศรีสะเกษ", "แขวง…", "เขต…"), an alias in brackets ("ปอภาร  (ปอพาน)"), a municipality
where the tambon belongs ("ต. เทศบาลบางปู"), a whole path in one cell ("ต.หนองครก อ.เมืองศรีสะเกษ
จ.ศรีสะเกษ"), tone marks left out or changed. Text is first made comparable by `clean_text`.
"""

from __future__ import annotations

import re

from pythainlp.util import remove_tonemark

from data_access.importer.normalise import clean_text

NAME_COLUMNS = ("province", "amphoe", "tambon")
# Longest first, so "เทศบาลตำบล" goes before "ตำบล"; bare abbreviations only with their dot.
PREFIXES = (
    "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "กิ่งอำเภอ", "จังหวัด", "อำเภอ",
    "ตำบล", "แขวง", "เขต", "กิ่งอ.", "อบต.", "ทต.", "ทม.", "ทน.", "จ.", "อ.", "ต.",
    "changwat", "province", "amphoe", "district", "tambon", "subdistrict", "khet", "khwaeng",
)  # fmt: skip
# A tambon municipality (เทศบาลตำบล) carries its tambon's name; a town or city municipality
# (เทศบาลเมือง, เทศบาลนคร, or just "เทศบาล…") often spans several tambons or sits in another one.
TAMBON_MUNICIPALITY = ("เทศบาลตำบล", "ทต.")
MUNICIPAL_FORMS = ("เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "ทต.", "ทม.", "ทน.", "เทศบาล")

# The words that start each level's part of a path written in one cell.
_MARKERS = {
    "tambon": ("ตำบล", "แขวง", "ต."),
    "amphoe": ("กิ่งอำเภอ", "อำเภอ", "เขต", "กิ่งอ.", "อ."),
    "province": ("จังหวัด", "จ."),
}
_MARKER_LEVEL = {m: level for level, markers in _MARKERS.items() for m in markers}
_BARE = {"ต": "tambon", "อ": "amphoe", "จ": "province"}  # "ต หนองครก": a letter, then a space
_MARKER = re.compile(
    r"(?:^|(?<=\s))(?:("
    + "|".join(re.escape(m) for m in sorted(_MARKER_LEVEL, key=len, reverse=True))
    + r")\s*|([ตอจ])\s+)"
)
_CAPITAL = re.compile(r"\s(กรุงเทพมหานคร|กรุงเทพฯ|กทม\.?)$")  # Bangkok is written without จ.
_ALIAS = re.compile(r"^(?P<name>[^()\[\]]+?)\s*[(\[](?P<alias>[^()\[\]]+)[)\]]$")
_THANTHAKHAT = "\u0e4c"
_LOOKALIKE = str.maketrans("ซฝฃฅ", "ชผขค")


def name_key(name: str) -> str:
    """A name reduced for comparison: no spaces, lower case (English names), one sara am, Arabic digits."""
    return clean_text(name).replace(" ", "").replace("-", "").lower()


def name_variants(name: str) -> list[str]:
    """The name as written, then with each leading administrative form removed in turn."""
    key = name_key(name)
    variants = [key]
    stripped = True
    while stripped:
        stripped = False
        for prefix in PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = key[len(prefix) :].lstrip(".")
                variants.append(key)
                stripped = True
                break
    return variants


def bangkok_form(name: str) -> bool:
    """Written with แขวง or เขต, the forms only Bangkok uses for its tambons and amphoe."""
    return name_key(name).startswith(("แขวง", "เขต", "khwaeng", "khet"))


def bare_key(name: str) -> str:
    """The name without any administrative form: what is compared with the official names."""
    return name_variants(name)[-1]


def loose_key(key: str) -> str:
    """A key without tone marks and thanthakhat, and with the letters typed for one another because
    they look alike (ซ/ช, ฝ/ผ, ฃ/ข, ฅ/ค): what offices leave out or mistype most."""
    return remove_tonemark(key).replace(_THANTHAKHAT, "").translate(_LOOKALIKE)


def alias_parts(name: str) -> list[str]:
    """'ปอภาร  (ปอพาน)' -> ['ปอภาร', 'ปอพาน']; a name without brackets -> [] (nothing to split)."""
    found = _ALIAS.match(clean_text(name))
    return [found["name"], found["alias"]] if found else []


def municipality(name: str) -> tuple[str, str] | None:
    """('tambon' or 'other', the name without the municipal form) when `name` is a municipality."""
    for key in name_variants(name):
        for prefix in MUNICIPAL_FORMS:
            if key.startswith(prefix) and len(key) > len(prefix):
                kind = "tambon" if prefix in TAMBON_MUNICIPALITY else "other"
                return kind, bare_key(key[len(prefix) :])
    return None


def split_path(text: str, column: str) -> dict[str, str] | None:
    """A whole path in one cell -> {level: name}, or None when the cell names a single area.

    Parts start at a level word (ต./ตำบล/แขวง, อ./อำเภอ/เขต, จ./จังหวัด, or the bare letter and a
    space); text before the first one belongs to the cell's own column. Each level at most once, so
    free text with two "ตำบล" is left whole (and reported unknown), never cut into a guess.
    """
    text = clean_text(text)
    capital = _CAPITAL.search(text)
    if capital:
        text = text[: capital.start()]
    marks = list(_MARKER.finditer(text))
    parts: dict[str, str] = {}
    starts = [m.start() for m in marks] + [len(text)]
    lead = text[: starts[0]].strip()
    pieces = [(column, lead)] if lead else []
    for mark, end in zip(marks, starts[1:]):
        level = _MARKER_LEVEL[mark[1]] if mark[1] else _BARE[mark[2]]
        pieces.append((level, text[mark.end() : end].strip()))
    if capital:
        pieces.append(("province", capital[1]))
    for level, name in pieces:
        if level in parts or not name:
            return None
        parts[level] = name
    return parts if len(parts) > 1 else None
