"""What a Flaredown import kept and what it did not, counted in the person's language
(the last lines of the import's details: exchange/flaredown_records.py)."""

from __future__ import annotations

from fibromap.domain.records import Records
from fibromap.i18n import _, formats, ngettext

# What was not imported, counted by kind (said by not_imported): these, or Flaredown's
# own kind of an entry FibroMap does not read (the keys here start with "\0": no kind does).
REPEATED, ANSWERED_TWICE, NO_NAME, BLANK = "\0repeated", "\0answered twice", "\0no name", "\0blank"
OTHER_KINDS = {"weather": "\0weather", "hbi": "\0hbi"}


def kept(records: Records) -> str:
    """"Kept: 3 daily ratings; 2 days on the body map (…); …", in the person's language."""
    whole = formats.whole
    n = len(records.symptom_ratings)
    ratings = ngettext("{n} daily rating", "{n} daily ratings", n).format(n=whole(n))
    n = len(records.flares)
    flares = ngettext("{n} day on the body map (known only to the day)",
                      "{n} days on the body map (known only to the day)", n).format(n=whole(n))
    n = len(records.medications)
    periods = ngettext("{n} medication period", "{n} medication periods", n).format(n=whole(n))
    n = len(records.checkins)
    checkins = ngettext("{n} day of check-in answers, tags, treatments and foods in the check-in",
                        "{n} days of check-in answers, tags, treatments and foods in the "
                        "check-in", n).format(n=whole(n))
    return _("Kept: {ratings}; {flares}; {periods}; {checkins}.").format(
        ratings=ratings, flares=flares, periods=periods, checkins=checkins)


def not_imported(what: str, n: int) -> str:
    """``n`` entries not imported, of the kind ``what`` (a key of _DayByDay.listed)."""
    forms = {
        REPEATED: ngettext("{n} repeated rating (one symptom rated twice on a day: the highest "
                           "kept)", "{n} repeated ratings (one symptom rated twice on a day: the "
                           "highest kept)", n),
        ANSWERED_TWICE: ngettext("{n} check-in answer (given twice on one day: the highest "
                                 "kept)", "{n} check-in answers (given twice on one day: the "
                                 "highest kept)", n),
        NO_NAME: ngettext("{n} treatment with no name", "{n} treatments with no name", n),
        BLANK: ngettext("{n} blank rating (not recorded that day)",
                        "{n} blank ratings (not recorded that day)", n),
        OTHER_KINDS["weather"]: ngettext("{n} weather reading", "{n} weather readings", n),
        OTHER_KINDS["hbi"]: ngettext("{n} Harvey-Bradshaw index answer", "{n} Harvey-Bradshaw index answers",
                        n),
    }
    form = forms.get(what) or ngettext("{n} {kind} entry", "{n} {kind} entries", n)
    return form.format(n=formats.whole(n), kind=what)
