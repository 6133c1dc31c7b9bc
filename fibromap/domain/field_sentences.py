"""What validation says about each field, whole sentences with the field's name in them
(issue 34): a language places and agrees its own words for "sleep hours", so the name is
never glued into a sentence made for another. ``field`` stays the English key a message
is filed under (ValidationError.field); a field not listed here (a word list's own, say)
is named in the plain English template."""

from __future__ import annotations

from fibromap.i18n import N_, _

# The kinds of message, each a sentence for any field not listed below.
GENERIC = {
    "whole": N_("{field} must be a whole number, got {value}"),
    "number": N_("{field} must be a number, got {value}"),
    "range": N_("{field} must be between {low} and {high}, got {value}"),
    "datetime": N_("{field} must be a date and time, got {value}"),
    "offset": N_("{field} must include its UTC offset, got {value}"),
    "text": N_("{field} must be text, got {value}"),
    "nul": N_("{field} must not contain NUL characters"),
    "broken": N_("{field} holds a broken character (U+{code}, half of a surrogate pair) at "
                 "position {position}"),
    "empty": N_("{field} must not be empty"),
    "long": N_("{field} must be at most {limit} characters, got {length}"),
}

SENTENCES: dict[str, dict[str, str]] = {
    # A flare's ratings
    "intensity": {
        "whole": N_("intensity must be a whole number, got {value}"),
        "range": N_("intensity must be between {low} and {high}, got {value}")},
    "referral intensity": {
        "whole": N_("referral intensity must be a whole number, got {value}"),
        "range": N_("referral intensity must be between {low} and {high}, got {value}")},
    "relief": {
        "whole": N_("relief must be a whole number, got {value}"),
        "range": N_("relief must be between {low} and {high}, got {value}")},
    "duration in seconds": {
        "whole": N_("duration in seconds must be a whole number, got {value}"),
        "range": N_("duration in seconds must be between {low} and {high}, got {value}")},
    "impact on walking": {
        "whole": N_("impact on walking must be a whole number, got {value}"),
        "range": N_("impact on walking must be between {low} and {high}, got {value}")},
    "impact on fine motor": {
        "whole": N_("impact on fine motor must be a whole number, got {value}"),
        "range": N_("impact on fine motor must be between {low} and {high}, got {value}")},
    "impact on sleep": {
        "whole": N_("impact on sleep must be a whole number, got {value}"),
        "range": N_("impact on sleep must be between {low} and {high}, got {value}")},
    "impact on work": {
        "whole": N_("impact on work must be a whole number, got {value}"),
        "range": N_("impact on work must be between {low} and {high}, got {value}")},
    # The daily check-in's answers and a symptom's rating
    "sleep hours": {
        "number": N_("sleep hours must be a number, got {value}"),
        "range": N_("sleep hours must be between {low} and {high}, got {value}")},
    "overall pain": {
        "whole": N_("overall pain must be a whole number, got {value}"),
        "range": N_("overall pain must be between {low} and {high}, got {value}")},
    "sleep quality": {
        "whole": N_("sleep quality must be a whole number, got {value}"),
        "range": N_("sleep quality must be between {low} and {high}, got {value}")},
    "waking unrefreshed": {
        "whole": N_("waking unrefreshed must be a whole number, got {value}"),
        "range": N_("waking unrefreshed must be between {low} and {high}, got {value}")},
    "stiffness": {
        "whole": N_("stiffness must be a whole number, got {value}"),
        "range": N_("stiffness must be between {low} and {high}, got {value}")},
    "fibro fog": {
        "whole": N_("fibro fog must be a whole number, got {value}"),
        "range": N_("fibro fog must be between {low} and {high}, got {value}")},
    "stress": {
        "whole": N_("stress must be a whole number, got {value}"),
        "range": N_("stress must be between {low} and {high}, got {value}")},
    "fatigue": {
        "whole": N_("fatigue must be a whole number, got {value}"),
        "range": N_("fatigue must be between {low} and {high}, got {value}")},
    "mood": {
        "whole": N_("mood must be a whole number, got {value}"),
        "range": N_("mood must be between {low} and {high}, got {value}")},
    "activity level": {
        "whole": N_("activity level must be a whole number, got {value}"),
        "range": N_("activity level must be between {low} and {high}, got {value}")},
    "times woken by spasms": {
        "whole": N_("times woken by spasms must be a whole number, got {value}"),
        "range": N_("times woken by spasms must be between {low} and {high}, got {value}")},
    "glasses of water": {
        "whole": N_("glasses of water must be a whole number, got {value}"),
        "range": N_("glasses of water must be between {low} and {high}, got {value}")},
    "rating": {
        "whole": N_("rating must be a whole number, got {value}"),
        "range": N_("rating must be between {low} and {high}, got {value}")},
    # Times
    "onset": {
        "datetime": N_("onset must be a date and time, got {value}"),
        "offset": N_("onset must include its UTC offset, got {value}")},
    "created": {
        "datetime": N_("created must be a date and time, got {value}"),
        "offset": N_("created must include its UTC offset, got {value}")},
    "modified": {
        "datetime": N_("modified must be a date and time, got {value}"),
        "offset": N_("modified must include its UTC offset, got {value}")},
}


# The text fields
TEXTS: dict[str, dict[str, str]] = {
    "region": {
        "text": N_("region must be text, got {value}"),
        "nul": N_("region must not contain NUL characters"),
        "broken": N_("region holds a broken character (U+{code}, half of a surrogate pair) at "
                     "position {position}"),
        "empty": N_("region must not be empty"),
        "long": N_("region must be at most {limit} characters, got {length}")},
    "referral source": {
        "text": N_("referral source must be text, got {value}"),
        "nul": N_("referral source must not contain NUL characters"),
        "broken": N_("referral source holds a broken character (U+{code}, half of a surrogate "
                     "pair) at position {position}"),
        "empty": N_("referral source must not be empty"),
        "long": N_("referral source must be at most {limit} characters, got {length}")},
    "referral zone": {
        "text": N_("referral zone must be text, got {value}"),
        "nul": N_("referral zone must not contain NUL characters"),
        "broken": N_("referral zone holds a broken character (U+{code}, half of a surrogate "
                     "pair) at position {position}"),
        "empty": N_("referral zone must not be empty"),
        "long": N_("referral zone must be at most {limit} characters, got {length}")},
    "medication name": {
        "text": N_("medication name must be text, got {value}"),
        "nul": N_("medication name must not contain NUL characters"),
        "broken": N_("medication name holds a broken character (U+{code}, half of a surrogate "
                     "pair) at position {position}"),
        "empty": N_("medication name must not be empty"),
        "long": N_("medication name must be at most {limit} characters, got {length}")},
    "dose": {
        "text": N_("dose must be text, got {value}"),
        "nul": N_("dose must not contain NUL characters"),
        "broken": N_("dose holds a broken character (U+{code}, half of a surrogate pair) at "
                     "position {position}"),
        "long": N_("dose must be at most {limit} characters, got {length}")},
    "food": {
        "text": N_("food must be text, got {value}"),
        "nul": N_("food must not contain NUL characters"),
        "broken": N_("food holds a broken character (U+{code}, half of a surrogate pair) at "
                     "position {position}"),
        "empty": N_("food must not be empty"),
        "long": N_("food must be at most {limit} characters, got {length}")},
    "symptom": {
        "text": N_("symptom must be text, got {value}"),
        "nul": N_("symptom must not contain NUL characters"),
        "broken": N_("symptom holds a broken character (U+{code}, half of a surrogate pair) at "
                     "position {position}"),
        "empty": N_("symptom must not be empty"),
        "long": N_("symptom must be at most {limit} characters, got {length}")},
    "source": {
        "text": N_("source must be text, got {value}"),
        "nul": N_("source must not contain NUL characters"),
        "broken": N_("source holds a broken character (U+{code}, half of a surrogate pair) at "
                     "position {position}"),
        "long": N_("source must be at most {limit} characters, got {length}")},
    "notes": {
        "text": N_("notes must be text, got {value}"),
        "nul": N_("notes must not contain NUL characters"),
        "broken": N_("notes holds a broken character (U+{code}, half of a surrogate pair) at "
                     "position {position}")},
    "note": {
        "text": N_("note must be text, got {value}"),
        "nul": N_("note must not contain NUL characters"),
        "broken": N_("note holds a broken character (U+{code}, half of a surrogate pair) at "
                     "position {position}")},
}

# A device's sleep, each figure out of range (DeviceSleep)
SLEEP_OUT_OF_RANGE = {
    "in_bed_minutes": N_("in bed minutes out of range: {value}"),
    "asleep_minutes": N_("asleep minutes out of range: {value}"),
    "awake_minutes": N_("awake minutes out of range: {value}"),
    "awakenings": N_("awakenings out of range: {value}"),
    "light_minutes": N_("light minutes out of range: {value}"),
    "deep_minutes": N_("deep minutes out of range: {value}"),
    "rem_minutes": N_("rem minutes out of range: {value}"),
}

def said(field: str, kind: str, **values: object) -> str:
    """The message of ``kind`` (a key of GENERIC) about ``field``, in the language of the
    moment: the field's own sentence, or the plain template naming it."""
    own = (SENTENCES.get(field) or TEXTS.get(field) or {}).get(kind)
    if own is None:
        return _(GENERIC[kind]).format(field=field, **values)
    return _(own).format(**values)
