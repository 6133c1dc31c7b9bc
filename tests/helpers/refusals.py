"""Checking a refusal by what it is, not by its English words (issue 34): the kind of
error, the field it names and the data it quotes back, or the message id through the
catalogue, so a test holds in any language. The English wording itself is tested once,
in tests/i18n/test_english_wording.py."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from fibromap.errors import ValidationError
from fibromap.i18n import _


@contextmanager
def refused(kind: type[BaseException] = ValidationError, field: str | None = None,
            *data: object) -> Iterator[pytest.ExceptionInfo]:
    """The block raises ``kind``; a ValidationError names ``field``, and the message
    quotes every piece of ``data`` (a value given, a file name, a line number)."""
    with pytest.raises(kind) as told:
        yield told
    if field is not None:
        assert getattr(told.value, "field", None) == field, (told.value, getattr(told.value, "field", None))
    quoted(str(told.value), *data)


def quoted(message: str, *data: object) -> None:
    """Every piece of ``data`` appears in ``message``."""
    for part in data:
        assert str(part) in message, (part, message)


def says(message: object, message_id: str, **values: object) -> None:
    """``message`` is the catalogue's ``message_id`` with ``values`` filled in."""
    assert str(message) == _(message_id).format(**values)


def begins(message: object, message_id: str) -> None:
    """``message`` is the catalogue's ``message_id`` up to its first placeholder (the rest
    quotes something outside FibroMap's words, such as a system's reason)."""
    assert str(message).startswith(_(message_id).split("{")[0]), message


def parsed(message: object, message_id: str, *, whole: bool = True,
           **values: object) -> dict[str, str] | None:
    """The values of the placeholders of the catalogue's ``message_id`` as ``message``
    (``whole``, or a part of it) gives them, None when it is another message; placeholders
    in ``values`` must be those exactly."""
    pattern, names = "", set()
    parts = list(_formatter.parse(_(message_id)))
    for number, (literal, name, _spec, _conversion) in enumerate(parts):
        pattern += re.escape(literal)
        if name is None:
            continue
        if name in values:
            pattern += re.escape(str(values[name]))
        elif name in names:
            pattern += f"(?P={name})"
        else:  # the last one of a part of a message runs to the end of its line
            last = number == len(parts) - 1 and not whole
            pattern += f"(?P<{name}>[^\n]+)" if last else f"(?P<{name}>.+?)"
            names.add(name)
    found = (re.fullmatch if whole else re.search)(pattern, str(message), re.DOTALL)
    return None if found is None else found.groupdict()


def fits(message: object, message_id: str, *, whole: bool = True,
         **values: object) -> dict[str, str]:
    """``message`` is (``whole``) or holds the catalogue's ``message_id``, its placeholders
    filled with ``values`` where given and with anything where not (a time of day, a
    system's reason: data the test does not fix); the values found are returned."""
    found = parsed(message, message_id, whole=whole, **values)
    assert found is not None, (str(message), _(message_id))
    return found


def finding(problems: list[str], message_id: str, **values: object) -> dict[str, str]:
    """The one problem of ``problems`` that is ``message_id``, as its placeholders' values."""
    found = [values_ for problem in problems
             if (values_ := parsed(problem, message_id, **values)) is not None]
    assert len(found) == 1, (problems, _(message_id))
    return found[0]


_formatter = string.Formatter()
