"""Counts of the kinds of records an import adds, said in the person's language: "2 flares",
"1 check-in" (the kinds are ImportResult.added's English keys); and the words an import
refuses, a sentence for each kind of word."""

from __future__ import annotations

from fibromap.domain.vocabulary import TermKind
from fibromap.domain.wording import counted
from fibromap.i18n import N_, _, formats, ngettext


def counted_kind(n: int, kind: str) -> str:
    """``n`` records of ``kind`` ("flares", "check-ins", ...), with each language's plural."""
    shown = formats.whole(n)
    forms = {
        "flares": ngettext("{n} flare", "{n} flares", n),
        "check-ins": ngettext("{n} check-in", "{n} check-ins", n),
        "medications": ngettext("{n} medication", "{n} medications", n),
        "appointments": ngettext("{n} appointment", "{n} appointments", n),
        "questionnaires": ngettext("{n} questionnaire", "{n} questionnaires", n),
        "symptom ratings": ngettext("{n} symptom rating", "{n} symptom ratings", n),
        "no-spasm days": ngettext("{n} no-spasm day", "{n} no-spasm days", n),
        "device nights": ngettext("{n} device night", "{n} device nights", n),
        "daily step counts": ngettext("{n} daily step count", "{n} daily step counts", n),
        "words": ngettext("{n} word", "{n} words", n),
    }
    form = forms.get(kind)
    return counted(n, kind) if form is None else form.format(n=shown)


def listed(items: list[str]) -> str:
    """"A", "A and B", "A, B and C", in the person's language."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


# A word's key longer than a word can be, a sentence for each kind of word.
TOO_LONG = {TermKind.TRIGGER: N_("the trigger {key}… is longer than a word can be ({n} characters)"),
            TermKind.QUALITY: N_("the pain quality {key}… is longer than a word can be "
                                 "({n} characters)"),
            TermKind.TREATMENT: N_("the treatment {key}… is longer than a word can be "
                                   "({n} characters)"),
            TermKind.CONTEXT: N_("the activity {key}… is longer than a word can be "
                                 "({n} characters)")}
