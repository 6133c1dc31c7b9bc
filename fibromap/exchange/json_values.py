"""One record's fields read from JSON with plain reasons: "role must be one of spasm,
trigger_point, referred (not 'bogus')", never Python's own words for a wrong type."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from fibromap.i18n import _

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
        text = _("a list")
    elif isinstance(value, dict):
        text = _("an object")
    else:
        text = repr(value)
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def read_moment(value: Any, name: str) -> datetime:
    """A date and time with its UTC offset."""
    def wrong() -> ValueError:
        return ValueError(_("{field} must be a date and time like 2026-03-01T14:05:00+01:00 "
                            "(not {value})").format(field=name, value=shown(value)))

    if not isinstance(value, str):
        raise wrong()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise wrong() from None
    if moment.tzinfo is None:
        raise ValueError(_("{field} {value} has no UTC offset").format(field=name,
                                                                        value=shown(value)))
    return moment


def read_day(value: Any, name: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(_("{field} must be a date like 2026-03-01 (not {value})").format(
        field=name, value=shown(value)))


class Fields:
    """The fields of one JSON object (``where``: how a reason names it, e.g. "sites[0].")."""

    def __init__(self, item: Any, where: str = ""):
        if not isinstance(item, dict):
            raise ValueError(_("{field} must be an object (not {value})").format(
                field=where.rstrip(".") or _("each record"), value=shown(item)))
        self.item, self.where = item, where

    def _get(self, key: str, default: Any) -> Any:
        if key in self.item:
            return self.item[key]
        if default is _REQUIRED:
            raise KeyError(self.where + key)
        return default

    def _wrong(self, key: str, sentence: str, value: Any, **more: str) -> ValueError:
        """``sentence`` (translated, with {field} and {value}) about the field ``key``."""
        return ValueError(sentence.format(field=self.where + key, value=shown(value), **more))

    def text(self, key: str, default: Any = _REQUIRED) -> Any:
        value = self._get(key, default)
        if value is not default and not isinstance(value, str):
            raise self._wrong(key, _("{field} must be text (not {value})"), value)
        return value

    def whole(self, key: str, default: Any = _REQUIRED, *, null: bool = True) -> Any:
        """A whole number, or (``null``) null."""
        value = self._get(key, default)
        if value is None and not null:
            raise self._wrong(key, _("{field} must be a whole number (not {value})"), value)
        if value is not None and value is not default and (
                isinstance(value, bool) or not isinstance(value, int)):
            raise self._wrong(key, _("{field} must be a whole number or null (not {value})")
                              if null else _("{field} must be a whole number (not {value})"),
                              value)
        return value

    def number(self, key: str, default: Any = _REQUIRED) -> Any:
        """A number, or null."""
        value = self._get(key, default)
        if value is not None and value is not default and (
                isinstance(value, bool) or not isinstance(value, (int, float))):
            raise self._wrong(key, _("{field} must be a number or null (not {value})"), value)
        return value

    def flag(self, key: str, default: Any = _REQUIRED) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise self._wrong(key, _("{field} must be true or false (not {value})"), value)
        return value

    def texts(self, key: str) -> list[str]:
        """A list of text (missing: none)."""
        value = self._get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._wrong(key, _("{field} must be a list of text (not {value})"), value)
        return value

    def objects(self, key: str, default: Any = _REQUIRED) -> list[Fields]:
        """A list of objects, each read in turn."""
        value = self._get(key, default)
        if not isinstance(value, list):
            raise self._wrong(key, _("{field} must be a list (not {value})"), value)
        return [Fields(v, f"{self.where}{key}[{i}].") for i, v in enumerate(value)]

    def mapping(self, key: str, default: Any = _REQUIRED) -> dict:
        value = self._get(key, default)
        if not isinstance(value, dict):
            raise self._wrong(key, _("{field} must be an object (not {value})"), value)
        return value

    def choice(self, key: str, kind: type[E], default: Any = _REQUIRED) -> E:
        value = self._get(key, default)
        try:
            return kind(value)
        except ValueError:
            options = ", ".join(str(member.value) for member in kind)
            raise self._wrong(key, _("{field} must be one of {options} (not {value})"), value,
                              options=options) from None

    def day(self, key: str) -> date:
        return read_day(self._get(key, _REQUIRED), self.where + key)

    def moment(self, key: str) -> datetime:
        return read_moment(self._get(key, _REQUIRED), self.where + key)

    def optional_moment(self, key: str) -> datetime | None:
        value = self._get(key, None)
        return None if value is None else read_moment(value, self.where + key)
