"""A JSON document's top-level object read a member at a time, from text that arrives a
chunk at a time: the items of its long lists go to a callback as soon as each is read,
so neither the file nor its 100,000 flares are ever in memory all at once."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

Progress = Callable[[int, int], None] | None
EVERY = 1_000  # records between two reports of progress
CHUNK = 1 << 20  # characters read at a time
# A value cut short by the end of the text read so far fails within its last characters
# (a number's exponent, a \uXXXX escape), or as a string not closed: only then is more
# read and the value read again. Any other failure is the file's.
NEAR_END = 16
UNTERMINATED = "Unterminated string"

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def chunks_of(text: str, size: int = CHUNK) -> Iterator[str]:
    """``text`` a chunk at a time (as a file would give it)."""
    return (text[at:at + size] for at in range(0, len(text), size))


class _Window:
    """The part of the document being read: more is added at its end as a value needs
    it, and what has been read is dropped from its start; places in it are relative."""

    def __init__(self, chunks: Iterable[str]):
        self.chunks = iter(chunks)
        self.text = ""
        self.before = 0         # characters dropped
        self.lines = 1          # the line the window starts on
        self.line_start = 0     # where that line starts (in the whole document)
        self.ended = False

    def more(self) -> bool:
        """Another chunk at the end; False at the end of the document."""
        for chunk in self.chunks:
            if chunk:
                self.text += chunk
                return True
        self.ended = True
        return False

    def drop(self, at: int) -> int:
        """Forget what is before ``at`` (read already); the same place, now."""
        if at < CHUNK:
            return at
        gone = self.text[:at]
        newlines = gone.count("\n")
        if newlines:
            self.lines += newlines
            self.line_start = self.before + gone.rindex("\n") + 1
        self.before += at
        self.text = self.text[at:]
        return 0

    def char(self, at: int) -> str:
        """The character at ``at`` ("" past the end of the document)."""
        while at >= len(self.text) and self.more():
            pass
        return self.text[at:at + 1]

    def space(self, at: int) -> int:
        """Where the white space at ``at`` ends."""
        while True:
            spaces = _SPACE.match(self.text, at)
            assert spaces is not None, "_SPACE matches no space at all too"
            if spaces.end() < len(self.text) or not self.more():
                return spaces.end()

    def value(self, at: int) -> tuple[Any, int]:
        """The JSON value at ``at`` and where it ends, more being read while it is cut
        short by the end of what has been read."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, at)
            except json.JSONDecodeError as exc:
                if self.ended or not (exc.pos >= len(self.text) - NEAR_END
                                      or exc.msg.startswith(UNTERMINATED)):
                    raise self.error(exc.msg, exc.pos) from None
            else:
                if end < len(self.text) or self.ended:  # a number may go on in the next chunk
                    return value, end
            self.more()

    def name(self, at: int) -> tuple[str, int]:
        """The member name whose opening quote is just before ``at``."""
        while True:
            try:
                return json.decoder.scanstring(self.text, at)  # type: ignore[attr-defined]  # not in typeshed
            except json.JSONDecodeError as exc:
                if self.ended or not exc.msg.startswith(UNTERMINATED):
                    raise self.error(exc.msg, exc.pos) from None
            self.more()

    def error(self, message: str, at: int) -> json.JSONDecodeError:
        """JSONDecodeError at ``at``, with the line and column of the whole document."""
        error = json.JSONDecodeError(message, self.text, at)
        newlines = self.text.count("\n", 0, at)
        error.lineno = self.lines + newlines
        start = (self.before + self.text.rindex("\n", 0, at) + 1 if newlines
                 else self.line_start)
        error.colno = self.before + at - start + 1
        error.pos = self.before + at
        error.args = (f"{message}: line {error.lineno} column {error.colno} "
                      f"(char {error.pos})",)
        return error

    def expect(self, at: int, mark: str, what: str) -> int:
        if self.char(at) != mark:
            raise self.error(f"Expecting {what}", at)
        return self.space(at + 1)


def members(text: str | Iterable[str], lists: Collection[str],
            on_item: Callable[[str, int, Any], None], progress: Progress = None,
            total: int | None = None) -> dict[str, Any]:
    """The top-level object of ``text`` (a str, or its chunks in turn), read a member at a
    time: each item of a list named in ``lists`` goes to ``on_item(name, index, item)`` as
    soon as it is read and is not kept, so 100,000 flares never exist as parsed JSON all at
    once, nor the whole text when it comes in chunks. The other members are returned (a
    list member's value too, if it is not a list). ``progress(done, total)`` hears how many
    characters have been read, of ``total`` (a str's length by default). Invalid JSON
    raises JSONDecodeError where json.loads would."""
    if isinstance(text, str):
        total = len(text) if total is None else total
        text = chunks_of(text)
    window = _Window(text)
    at = window.space(0)
    if window.char(at) != "{":
        value, end = window.value(at)
        if window.space(end) != len(window.text):
            raise window.error("Extra data", window.space(end))
        return value  # not an object: the caller says what it is not
    document: dict[str, Any] = {}
    at = window.space(at + 1)
    if window.char(at) == "}":
        at = window.space(at + 1)
    else:
        while True:
            if window.char(at) != '"':
                raise window.error("Expecting property name enclosed in double quotes", at)
            name, at = window.name(at + 1)
            at = window.expect(window.space(at), ":", "':' delimiter")
            if name in lists and window.char(at) == "[":
                at = _items(window, at, name, on_item, progress, total or 0)
            else:
                document[name], at = window.value(at)
                at = window.space(at)
            if window.char(at) == "}":
                at = window.space(at + 1)
                break
            at = window.expect(at, ",", "',' delimiter")
    if window.char(at) != "":
        raise window.error("Extra data", at)
    return document


def _items(window: _Window, at: int, name: str, on_item: Callable[[str, int, Any], None],
           progress: Progress, total: int) -> int:
    """Each item of the list at ``at`` to ``on_item``; where the list ends."""
    at, index = window.space(at + 1), 0
    if window.char(at) == "]":
        return window.space(at + 1)
    while True:
        item, at = window.value(window.drop(at))
        on_item(name, index, item)
        index += 1
        if progress is not None and index % EVERY == 0:
            progress(min(window.before + at, total), total)
        at = window.space(at)
        if window.char(at) == "]":
            return window.space(at + 1)
        at = window.expect(at, ",", "',' delimiter")
