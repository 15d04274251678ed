"""Domain errors that carry their message in Thai and English, caught once per page."""

from __future__ import annotations

from analysis.local_names import in_language


class AtlasError(Exception):
    """Base error with a Thai and an English message."""

    def __init__(self, message_th: str, message_en: str):
        super().__init__(message_en)
        self.message_th = message_th
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return in_language((self.message_th, self.message_en), lang)


class DataError(AtlasError):
    """Input data that cannot be stored as it is."""


class NotFound(AtlasError):
    """An area, indicator or year that is not in the database."""


class AuthError(AtlasError):
    """Sign-in refused, or a session that is no longer valid; never says which part was wrong."""


class Forbidden(AtlasError):
    """The signed-in user (or an anonymous viewer) may not see or do this."""


class FormError(DataError):
    """A form with problems in named fields: `problems` maps field -> (Thai, English), in form order,
    so a page can show each message beside its field."""

    def __init__(self, problems: dict[str, tuple[str, str]]):
        self.problems = dict(problems)
        fields = ", ".join(self.problems)
        super().__init__(
            f"แบบฟอร์มมีข้อผิดพลาด {len(self.problems)} ช่อง: {fields}",
            f"The form has {len(self.problems)} field(s) with problems: {fields}",
        )


class StaleVersion(DataError):
    """A save refused because someone else saved the same record first; `current` holds their values."""

    def __init__(self, message_th: str, message_en: str, current: dict):
        super().__init__(message_th, message_en)
        self.current = current
