"""Administrative levels and their codes: province 2 digits, amphoe 4, tambon 6 (DOPA codes).

One definition for every layer (schema, roll-up, analysis, geometry, view state).
"""

from __future__ import annotations

LEVELS = ("province", "amphoe", "tambon")
CODE_LENGTH = {"province": 2, "amphoe": 4, "tambon": 6}
_LEVEL_OF_LENGTH = {length: level for level, length in CODE_LENGTH.items()}


def check_level(level: str) -> str:
    """`level` itself, or ValueError listing the valid levels."""
    if level not in CODE_LENGTH:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    return level


def code_length(level: str) -> int:
    return CODE_LENGTH[check_level(level)]


def level_of(code: str) -> str:
    """'33' -> 'province', '3301' -> 'amphoe', '330105' -> 'tambon'.

    >>> level_of("3301")
    'amphoe'
    """
    if not (isinstance(code, str) and code.isdigit() and len(code) in _LEVEL_OF_LENGTH):
        raise ValueError(f"an area code has 2, 4 or 6 digits, not {code!r}")
    return _LEVEL_OF_LENGTH[len(code)]
