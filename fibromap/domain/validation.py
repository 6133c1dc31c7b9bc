"""Small checks that turn bad values into messages a person understands (each field's
own sentences: field_sentences)."""

from __future__ import annotations

import math
from datetime import datetime

from fibromap.domain.field_sentences import said
from fibromap.errors import ValidationError


def whole_number_in_range(field: str, value: object, low: int, high: int) -> int:
    """``value`` as an int within [low, high], or a ValidationError naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValidationError(said(field, "whole", value=repr(value)), field)
    if not low <= value <= high:
        raise ValidationError(said(field, "range", low=low, high=high, value=value), field)
    return value


def number_in_range(field: str, value: object, low: float, high: float) -> float:
    """``value`` as a float within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValidationError(said(field, "number", value=repr(value)), field)
    if not low <= value <= high:
        raise ValidationError(said(field, "range", low=f"{low:g}", high=f"{high:g}",
                                   value=f"{value:g}"), field)
    return float(value)


def optional_whole_number(field: str, value: object, low: int, high: int) -> int | None:
    return None if value is None else whole_number_in_range(field, value, low, high)


def optional_number(field: str, value: object, low: float, high: float) -> float | None:
    return None if value is None else number_in_range(field, value, low, high)


def aware(field: str, value: object) -> datetime:
    """A datetime that knows its UTC offset (naive times are ambiguous after travel or DST)."""
    if not isinstance(value, datetime):
        raise ValidationError(said(field, "datetime", value=repr(value)), field)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(said(field, "offset", value=value.isoformat()), field)
    return value


def text(field: str, value: object, *, max_length: int | None = None, required: bool = False) -> str:
    if not isinstance(value, str):
        raise ValidationError(said(field, "text", value=repr(value)), field)
    if "\x00" in value:
        raise ValidationError(said(field, "nul"), field)
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ValidationError(said(field, "broken", code=f"{ord(value[error.start]):04X}",
                                       position=error.start + 1), field) from None
    if required and not value.strip():
        raise ValidationError(said(field, "empty"), field)
    if max_length is not None and len(value) > max_length:
        raise ValidationError(said(field, "long", limit=max_length, length=len(value)), field)
    return value
