"""What the presentation and the overview are about, from the URL: `set` (an area set id) or
`tambon` / `amphoe` / `province` (the most specific wins), `year`, and `slide` (1-based).

Pure functions, so the rules are unit-tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    kind: str  # "set" or "area"
    key: str  # set id as text, or an area code

    def params(self) -> dict[str, str]:
        if self.kind == "set":
            return {"set": self.key}
        name = {2: "province", 4: "amphoe", 6: "tambon"}[len(self.key)]
        params = {"province": self.key[:2]}
        if len(self.key) >= 4:
            params["amphoe"] = self.key[:4]
        params[name] = self.key
        return params


def parse_target(
    params: Mapping[str, str], set_ids: Sequence[int], area_codes: set[str]
) -> tuple[Target | None, list[tuple[str, str]]]:
    """The target named by the URL and the (name, value) of each parameter that had to be ignored."""
    notices: list[tuple[str, str]] = []
    if params.get("set"):
        value = str(params["set"])
        if value.isdigit() and int(value) in set(set_ids):
            return Target("set", str(int(value))), notices
        notices.append(("set", value))
    for name in ("tambon", "amphoe", "province"):
        value = params.get(name)
        if value and value not in ("all", "TH"):
            if value in area_codes:
                return Target("area", value), notices
            notices.append((name, value))
    return None, notices


def parse_year(params: Mapping[str, str], years: Sequence[int]) -> tuple[int | None, list[tuple[str, str]]]:
    latest = years[-1] if years else None
    if "year" not in params:
        return latest, []
    value = str(params["year"])
    return (int(value), []) if value.isdigit() and int(value) in years else (latest, [("year", value)])


def parse_slide(value, total: int) -> int:
    """A 1-based slide number within 1..total (1 for anything else)."""
    number = int(value) if str(value).isdigit() else 1
    return min(max(number, 1), max(total, 1))
