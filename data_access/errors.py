"""Kept only for branches written before the errors moved to the ground floor: nothing here imports
it any more (use `analysis.errors`). Delete it once every branch is merged and remapped."""

from analysis.errors import AtlasError, AuthError, DataError, Forbidden, FormError, NotFound, StaleVersion

__all__ = ["AtlasError", "AuthError", "DataError", "Forbidden", "FormError", "NotFound", "StaleVersion"]
