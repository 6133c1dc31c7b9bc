"""A JSON document's top-level object read a member at a time: the items of its long lists
go to a callback as soon as each is read, so 100,000 flares never exist as parsed JSON all
at once."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from typing import Any

Progress = Callable[[int, int], None] | None
EVERY = 1_000  # records between two reports of progress

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _space(text: str, at: int) -> int:
    spaces = _SPACE.match(text, at)
    assert spaces is not None, "_SPACE matches no space at all too"
    return spaces.end()


def _expect(text: str, at: int, mark: str, what: str) -> int:
    if text[at:at + 1] != mark:
        raise json.JSONDecodeError(f"Expecting {what}", text, at)
    return _space(text, at + 1)


def members(text: str, lists: Collection[str], on_item: Callable[[str, int, Any], None],
            progress: Progress = None) -> dict[str, Any]:
    """The top-level object of ``text``, read a member at a time: each item of a list
    named in ``lists`` goes to ``on_item(name, index, item)`` as soon as it is read and is
    not kept, so 100,000 flares never exist as parsed JSON all at once. The other members
    are returned (a list member's value too, if it is not a list). Invalid JSON raises
    JSONDecodeError where json.loads would."""
    at = _space(text, 0)
    if text[at:at + 1] != "{":
        value, end = _DECODER.raw_decode(text, at)
        if _space(text, end) != len(text):
            raise json.JSONDecodeError("Extra data", text, _space(text, end))
        return value  # not an object: the caller says what it is not
    document: dict[str, Any] = {}
    at = _space(text, at + 1)
    if text[at:at + 1] == "}":
        at = _space(text, at + 1)
    else:
        while True:
            if text[at:at + 1] != '"':
                raise json.JSONDecodeError(
                    "Expecting property name enclosed in double quotes", text, at)
            name, at = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]  # not in typeshed
            at = _expect(text, _space(text, at), ":", "':' delimiter")
            if name in lists and text[at:at + 1] == "[":
                at = _items(text, at, name, on_item, progress)
            else:
                document[name], at = _DECODER.raw_decode(text, at)
                at = _space(text, at)
            if text[at:at + 1] == "}":
                at = _space(text, at + 1)
                break
            at = _expect(text, at, ",", "',' delimiter")
    if at != len(text):
        raise json.JSONDecodeError("Extra data", text, at)
    return document


def _items(text: str, at: int, name: str, on_item: Callable[[str, int, Any], None],
           progress: Progress) -> int:
    """Each item of the list at ``at`` to ``on_item``; where the list ends."""
    at, index = _space(text, at + 1), 0
    if text[at:at + 1] == "]":
        return _space(text, at + 1)
    while True:
        item, at = _DECODER.raw_decode(text, at)
        on_item(name, index, item)
        index += 1
        if progress is not None and index % EVERY == 0:
            progress(at, len(text))
        at = _space(text, at)
        if text[at:at + 1] == "]":
            return _space(text, at + 1)
        at = _expect(text, at, ",", "',' delimiter")
