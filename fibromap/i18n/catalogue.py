"""The catalogues: each language's translations of the English message ids, every domain
(layer) of it read once and chained (resources/locale/LANG/LC_MESSAGES/*.mo)."""

from __future__ import annotations

import gettext
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from fibromap.config import resource
from fibromap.i18n.languages import DEFAULT, SHIPPED

_chosen = DEFAULT  # the process's language (activate)
_lock = threading.Lock()
# A language for one piece of work on one thread (using), over the process's.
_override: ContextVar[str | None] = ContextVar("fibromap_language", default=None)


def activate(language: str) -> None:
    """Make ``language`` (a tag of SHIPPED) the process's."""
    if language not in SHIPPED:
        raise ValueError(f"FibroMap has no {language!r} translation")
    global _chosen
    _chosen = language


def current() -> str:
    """The language words are given in now, on this thread."""
    return _override.get() or _chosen


@contextmanager
def using(language: str) -> Iterator[None]:
    """Words in ``language`` within the block, on this thread only."""
    if language not in SHIPPED:
        raise ValueError(f"FibroMap has no {language!r} translation")
    token = _override.set(language)
    try:
        yield
    finally:
        _override.reset(token)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """Every domain of ``language``'s catalogue, chained; English gives the ids back."""
    with _lock:
        chain = gettext.NullTranslations()
        if language == DEFAULT:
            return chain
        folder = resource("locale", language, "LC_MESSAGES")
        files = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".mo")),
                       key=lambda entry: entry.name) if folder.is_dir() else []
        for entry in files:
            with entry.open("rb") as handle:
                domain = gettext.GNUTranslations(handle)
            if isinstance(chain, gettext.GNUTranslations):
                chain.add_fallback(domain)
            else:
                chain = domain
        return chain


def _(message: str) -> str:
    """``message`` in the language of the moment."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of the message for ``count`` by the language's own plural rules (French
    says 0 and 1 alike, Portuguese too; German and Spanish as English)."""
    return translations(current()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` where the same English means different things ("Back": the body's, or
    a step back): ``context`` tells the translator which."""
    return translations(current()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    return translations(current()).npgettext(context, singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for it
    """Marks ``message`` for the catalogue where it is written before it is shown (a
    table's labels); ``_`` translates it where it is shown."""
    return message
