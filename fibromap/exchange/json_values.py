"""One record's fields read from JSON with plain reasons: "role must be one of spasm,
trigger_point, referred (not 'bogus')", never Python's own words for a wrong type."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

E = TypeVar("E", bound=Enum)
_REQUIRED: Any = object()
SHOWN = 40   # characters of a wrong value quoted in a reason


def shown(value: Any) -> str:
    """A value as a reason quotes it: in JSON's words, cut short."""
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = "a list"
    elif isinstance(value, dict):
        text = "an object"
    else:
        text = repr(value)
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def read_moment(value: Any, name: str) -> datetime:
    """A date and time with its UTC offset."""
    example = "like 2026-03-01T14:05:00+01:00"
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a date and time {example} (not {shown(value)})")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} must be a date and time {example} (not {shown(value)})") from None
    if moment.tzinfo is None:
        raise ValueError(f"{name} {shown(value)} has no UTC offset")
    return moment


def read_day(value: Any, name: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{name} must be a date like 2026-03-01 (not {shown(value)})")


class Fields:
    """The fields of one JSON object (``where``: how a reason names it, e.g. "sites[0].")."""

    def __init__(self, item: Any, where: str = ""):
        if not isinstance(item, dict):
            raise ValueError(f"{where.rstrip('.') or 'each record'} must be an object "
                             f"(not {shown(item)})")
        self.item, self.where = item, where

    def _get(self, key: str, default: Any) -> Any:
        if key in self.item:
            return self.item[key]
        if default is _REQUIRED:
            raise KeyError(self.where + key)
        return default

    def _wrong(self, key: str, what: str, value: Any) -> ValueError:
        return ValueError(f"{self.where}{key} must be {what} (not {shown(value)})")

    def text(self, key: str, default: Any = _REQUIRED) -> Any:
        value = self._get(key, default)
        if value is not default and not isinstance(value, str):
            raise self._wrong(key, "text", value)
        return value

    def whole(self, key: str, default: Any = _REQUIRED, *, null: bool = True) -> Any:
        """A whole number, or (``null``) null."""
        value = self._get(key, default)
        if value is None and not null:
            raise self._wrong(key, "a whole number", value)
        if value is not None and value is not default and (
                isinstance(value, bool) or not isinstance(value, int)):
            raise self._wrong(key, "a whole number" + (" or null" if null else ""), value)
        return value

    def number(self, key: str, default: Any = _REQUIRED) -> Any:
        """A number, or null."""
        value = self._get(key, default)
        if value is not None and value is not default and (
                isinstance(value, bool) or not isinstance(value, (int, float))):
            raise self._wrong(key, "a number or null", value)
        return value

    def flag(self, key: str, default: Any = _REQUIRED) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise self._wrong(key, "true or false", value)
        return value

    def texts(self, key: str) -> list[str]:
        """A list of text (missing: none)."""
        value = self._get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._wrong(key, "a list of text", value)
        return value

    def objects(self, key: str, default: Any = _REQUIRED) -> list[Fields]:
        """A list of objects, each read in turn."""
        value = self._get(key, default)
        if not isinstance(value, list):
            raise self._wrong(key, "a list", value)
        return [Fields(v, f"{self.where}{key}[{i}].") for i, v in enumerate(value)]

    def mapping(self, key: str, default: Any = _REQUIRED) -> dict:
        value = self._get(key, default)
        if not isinstance(value, dict):
            raise self._wrong(key, "an object", value)
        return value

    def choice(self, key: str, kind: type[E], default: Any = _REQUIRED) -> E:
        value = self._get(key, default)
        try:
            return kind(value)
        except ValueError:
            options = ", ".join(str(member.value) for member in kind)
            raise self._wrong(key, f"one of {options}", value) from None

    def day(self, key: str) -> date:
        return read_day(self._get(key, _REQUIRED), self.where + key)

    def moment(self, key: str) -> datetime:
        return read_moment(self._get(key, _REQUIRED), self.where + key)

    def optional_moment(self, key: str) -> datetime | None:
        value = self._get(key, None)
        return None if value is None else read_moment(value, self.where + key)
