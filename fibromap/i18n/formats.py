"""Dates, times and numbers as the language of the moment writes them: the order of day
and month, its names of weekdays and months, a decimal comma, a 24-hour or 12-hour clock
(Babel, from CLDR's data). English keeps the forms FibroMap has always printed
("07 Dec 2026", "Mon 07 Dec", "17:05", "4.2"), which its tests and people's scripts read."""

from __future__ import annotations

from datetime import date, datetime, time

from fibromap.i18n.catalogue import current
from fibromap.i18n.languages import DEFAULT


def _babel_locale() -> str | None:
    """The Babel locale of the language of the moment; None for English (strftime)."""
    language = current()
    return None if language == DEFAULT else language


def day(moment: date) -> str:
    """A day with its year: 07 Dec 2026, 7. Dez. 2026, 7 déc. 2026."""
    return dated(moment, "%d %b %Y", "yMMMd")


def day_of_week(moment: date) -> str:
    """A day in its week, without the year: Mon 07 Dec, Mo., 7. Dez., lun. 7 déc."""
    return dated(moment, "%a %d %b", "MMMEd")


def month(moment: date) -> str:
    """A month and its year: Dec 2026, Dez. 2026."""
    return dated(moment, "%b %Y", "yMMM")


def weekday(moment: date) -> str:
    """The weekday's short name: Mon, Mo., lun."""
    locale = _babel_locale()
    if locale is None:
        return moment.strftime("%a")
    from babel.dates import format_date
    return format_date(moment, "EEE", locale=locale)


def clock(moment: time | datetime) -> str:
    """A time of day, by the language's clock: 17:05 (English as FibroMap always wrote it)."""
    locale = _babel_locale()
    if locale is None:
        return moment.strftime("%H:%M")
    from babel.dates import format_time
    return format_time(moment, "short", locale=locale)


def decimal(value: float, places: int = 1) -> str:
    """A number with ``places`` decimals, the language's decimal sign: 4.2, 4,2."""
    locale = _babel_locale()
    if locale is None:
        return f"{value:.{places}f}"
    from babel.numbers import format_decimal
    pattern = "0." + "0" * places if places else "0"
    return format_decimal(value, pattern, locale=locale)


def short(value: float) -> str:
    """A number as Python's ``:g`` writes it (no trailing zeros), with the language's decimal
    sign: 57.4, 57,4; 12."""
    text, locale = f"{value:g}", _babel_locale()
    if "." not in text or locale is None:
        return text
    from babel.numbers import get_decimal_symbol
    return text.replace(".", get_decimal_symbol(locale))


def whole(value: int) -> str:
    """A whole number with the language's thousands separator: 1,615, 1.615, 1 615."""
    locale = _babel_locale()
    if locale is None:
        return f"{value:,}"
    from babel.numbers import format_decimal
    return format_decimal(value, "#,##0", locale=locale)


def dated(moment: date | datetime | time, english: str, skeleton: str) -> str:
    """Any other form of a date or time: ``english`` (a strftime pattern, as FibroMap has
    always printed it) in English, else CLDR's ``skeleton`` for the language (the fields
    wanted, in any order: "MMMd" a day and month, "EEEE" a weekday's whole name, "Hm" a
    24-hour time; the language orders and spells them)."""
    locale = _babel_locale()
    if locale is None:
        return moment.strftime(english)
    from babel import Locale
    from babel.dates import format_skeleton
    time_fields = "".join(ch for ch in skeleton if ch in "HhKkjmsaB")
    date_fields = "".join(ch for ch in skeleton if ch not in time_fields)
    if not (time_fields and date_fields):
        return format_skeleton(skeleton, moment, locale=locale)
    # CLDR gives dates and times apart, and how the language joins the two.
    joined = Locale.parse(locale).datetime_formats["medium"]
    return str(joined).replace("{1}", format_skeleton(date_fields, moment, locale=locale)).replace(
        "{0}", format_skeleton(time_fields, moment, locale=locale))


def cldr_pattern(skeleton: str, language: str | None = None) -> str:
    """CLDR's date pattern for ``skeleton`` in ``language`` (default: the language of the
    moment, not English); a weekday asked for whole (EEEE) is whole (Babel's nearest
    skeleton may give the short one)."""
    import re

    from babel import Locale
    from babel.dates import match_skeleton
    known = Locale.parse(language or current()).datetime_skeletons
    found = known[match_skeleton(skeleton, known) or "yMMMd"].pattern
    return re.sub(r"E+", "EEEE" if "EEEE" in skeleton else "EEE", found)


def by_pattern(moment: date, english: str, skeleton: str) -> str:
    """As ``dated``, with a whole weekday kept whole (Montag, 7. Dezember)."""
    locale = _babel_locale()
    if locale is None:
        return moment.strftime(english)
    from babel.dates import format_date
    return format_date(moment, cldr_pattern(skeleton, locale), locale=locale)


def percent(share: float) -> str:
    """A share as a whole percentage by the language's own pattern: "45%", German and
    French "45 %" (a no-break space: the sign never starts a line), Brazilian "45%"."""
    locale = _babel_locale()
    if locale is None:
        return f"{share:.0%}"
    from babel.numbers import format_percent
    return format_percent(share, locale=locale)  # CLDR's pattern: no decimals


# Languages whose nouns keep their capital letter inside a sentence ("Linke Wade").
NOUNS_KEEP_CAPITALS = ("de",)


def in_sentence(name: str, *, first_letter: bool = False) -> str:
    """A name (a region's, a word's) inside a sentence: lower case ("left lower calf";
    ``first_letter``: only its first letter), but as written where the language keeps the
    capitals of nouns (German: "Linke Wade", "Kälte")."""
    if current() in NOUNS_KEEP_CAPITALS:
        return name
    return name[:1].lower() + name[1:] if first_letter else name.lower()
