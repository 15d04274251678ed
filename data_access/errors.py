"""The domain errors, re-exported where the data layer's callers have always found them; they live on
the ground floor (`analysis.errors`) because every layer raises them."""

from analysis.errors import AtlasError, AuthError, DataError, Forbidden, FormError, NotFound, StaleVersion

__all__ = ["AtlasError", "AuthError", "DataError", "Forbidden", "FormError", "NotFound", "StaleVersion"]
