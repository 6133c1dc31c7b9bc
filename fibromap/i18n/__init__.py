"""Languages: every word a person reads, in the language they chose (issue 34).

The English in the code is the message id; a catalogue per language (resources/locale/
LANG/LC_MESSAGES/DOMAIN.mo, one domain a layer, made by `make translations` from the .po
files beside them) gives the words of each other language. Below the interface the
layers call ``_``, ``ngettext`` and ``pgettext`` here; the interface calls Qt's ``tr``,
which reaches the same catalogues through ui/translator.py. Plural forms are each
language's own (CLDR's rules, written into each catalogue's header by Babel), never
``'s' if``. Dates and numbers follow the language too (formats.py).

The chosen language is the process's (``activate``); ``using`` gives another to one
piece of work on one thread (a report for a doctor who reads French)."""

from fibromap.i18n.catalogue import N_, _, activate, current, ngettext, npgettext, pgettext, using
from fibromap.i18n.languages import DEFAULT, SHIPPED, choose, from_environment, normalise

__all__ = ["DEFAULT", "N_", "SHIPPED", "_", "activate", "choose", "current", "from_environment",
           "ngettext", "normalise", "npgettext", "pgettext", "using"]
