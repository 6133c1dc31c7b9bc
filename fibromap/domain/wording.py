"""Counts and lengths as people write them: "1 flare", "2 flares", "1 h 30 min"."""

from __future__ import annotations

from fibromap.i18n import N_, _, formats, ngettext

IRREGULAR = {"check-ins": "check-in", "entries": "entry", "days": "day", "people": "person"}


def counted(n: int | None, plural: str) -> str:
    """``n`` with ``plural`` made singular when n is 1 ("flares" -> "1 flare"); what
    follows a bracket or a comma is left as it is ("blank ratings (not recorded)"); a
    count that could not be taken (None) is said so. English only, for the layers not
    yet translated: the analysis and domain say counts by ``ngettext`` with whole templates
    (each language's own plurals)."""
    if n is None:
        return f"an unknown number of {plural}"
    if n != 1:
        return f"{n:,} {plural}"
    cut = min((i for i in (plural.find(" ("), plural.find(", ")) if i >= 0), default=len(plural))
    words = plural[:cut].split(" ")
    last = words[-1]
    words[-1] = IRREGULAR.get(last, last[:-1] if last.endswith("s") else last)
    return f"1 {' '.join(words)}{plural[cut:]}"


# Largest first; h, min and s are abbreviations, so only "day" takes a plural.
DURATION_UNITS = ((86_400, "day"), (3_600, "h"), (60, "min"), (1, "s"))


# English keys (a duration chart's labels); shown through ``_``.
STILL_GOING_TEXT = N_("still going")  # the person said the flare had not ended
NOT_GIVEN_TEXT = N_("not given")      # no length, and not said to be still going


def duration_text(seconds: int | None, still_going: bool = False) -> str:
    """A length in at most two units, the larger first, the smaller rounded half up:
    "45 s", "1 min 18 s", "1 h", "1 h 30 min", "2 days 3 h". None or 0 means no length:
    "still going" when the person said so, else "not given" (never guessed from the time)."""
    if not seconds or seconds < 1:
        return _(STILL_GOING_TEXT if still_going else NOT_GIVEN_TEXT)
    level = next(i for i, (size, _) in enumerate(DURATION_UNITS) if seconds >= size)
    step = DURATION_UNITS[min(level + 1, len(DURATION_UNITS) - 1)][0]
    rounded = (seconds + step // 2) // step * step
    if level and rounded >= DURATION_UNITS[level - 1][0]:
        level -= 1  # 23 h 59 min 59 s rounds up to 1 day, which it then reads as
    size, name = DURATION_UNITS[level]
    whole, rest = divmod(rounded, size)
    first = _unit(whole, name)
    if rest and level + 1 < len(DURATION_UNITS):
        small, small_name = DURATION_UNITS[level + 1]
        return _("{larger} {smaller}").format(larger=first, smaller=_unit(rest // small, small_name))
    return first


def _unit(n: int, name: str) -> str:
    """``n`` of one unit: "2 days", "3 h", "30 min", "45 s"."""
    if name == "day":
        return ngettext("{n} day", "{n} days", n).format(n=n)
    units = {"h": _("{n} h"), "min": _("{n} min"), "s": _("{n} s")}
    return units[name].format(n=n)


# Over most of a year a chart reaches the same dates twice (a year ending 3 Dec starts on
# 4 Dec): its dates are months with their years.
LONG_SPAN_DAYS = 300


def chart_date(day, span_days: int) -> str:
    """A bar's date: "05 Dec" over a few months; "Dec 2016" over most of a year or more,
    where a day and month alone would come back and mislead (in the language's own forms:
    "5. Dez.", "Dez. 2016")."""
    if span_days > LONG_SPAN_DAYS:
        shown = formats.dated(day, "%b\u00a0%Y", "yMMM")
    else:
        shown = formats.dated(day, "%d\u00a0%b", "MMMd")
    return shown.replace(" ", "\u00a0")  # a label kept on one line, in any language
