"""Flaredown symptoms that are questions of FibroMap's daily check-in.

A Flaredown symptom whose name is one of these (read word by word, so "Brain-fog" and
"brain fog" are one) fills that answer of its day's check-in instead of becoming a daily
symptom rating, so the same thing is never counted twice:

- overall pain: "Pain", "Overall pain", "General pain", "Widespread pain", "Body pain";
- stiffness: "Stiffness", "Morning stiffness", "Muscle stiffness", "Joint stiffness";
- fatigue: "Fatigue", "Tiredness", "Exhaustion";
- fibro fog (thinking and memory): "Brain fog", "Fibro fog", "Cognitive dysfunction",
  "Memory problems", "Poor concentration", "Difficulty concentrating";
- waking unrefreshed: "Unrefreshing sleep", "Unrefreshed sleep", "Non-restorative
  sleep", "Waking unrefreshed", "Waking tired".

Flaredown rates 0–4. The 0–10 answers take the import's usual mapping (0, 1, 2, 3, 4
become 0, 3, 5, 8, 10); the 0–3 answers (the ACR 2016 symptom severity levels: none,
mild, moderate, severe) take three quarters, halves rounded up: 0, 1, 2, 3, 4 become 0, 1,
2, 2, 3. Flaredown's conditions ("Fibromyalgia" rated 0–4) rate the condition as a whole,
not pain alone: they stay daily ratings and are never taken as overall pain.
"""

from __future__ import annotations

import math

from fibromap.exchange.body_words import words_of
from fibromap.i18n import N_, _

# Field of the check-in: (its words, translated where shown; its highest answer; the
# Flaredown names that fill it, which stay English: they match the file's words).
ANSWERS = {
    "pain": (N_("overall pain"), 10, ("pain", "overall pain", "general pain", "widespread pain",
                                  "body pain")),
    "stiffness": (N_("stiffness"), 10, ("stiffness", "morning stiffness", "muscle stiffness",
                                    "joint stiffness")),
    "fatigue": (N_("fatigue"), 10, ("fatigue", "tiredness", "exhaustion")),
    "fibro_fog": (N_("fibro fog"), 3, ("brain fog", "fibro fog", "cognitive dysfunction",
                                   "memory problems", "poor concentration",
                                   "difficulty concentrating")),
    "waking_unrefreshed": (N_("waking unrefreshed"), 3, ("unrefreshing sleep", "unrefreshed sleep",
                                                     "non restorative sleep",
                                                     "nonrestorative sleep",
                                                     "waking unrefreshed", "waking tired")),
}
FIELD_OF = {name: field for field, (_words, _high, names) in ANSWERS.items() for name in names}
TEN_NOTE = N_("0–10, mapped as above")
THREE_NOTE = N_("0–3, the ACR 2016 levels: 0, 1, 2, 3, 4 became 0, 1, 2, 2, 3, three quarters "
                "with halves rounded up")


def checkin_field(name: str, kind: str) -> str | None:
    """The check-in answer a Flaredown symptom fills (None: it stays a daily rating)."""
    return FIELD_OF.get(" ".join(words_of(name))) if kind == "symptom" else None


def on_three(value: str) -> int:
    """A Flaredown 0–4 rating on the 0–3 levels (THREE_NOTE)."""
    return math.floor(float(value) * 0.75 + 0.5)


def answer(field: str, value: str, to_ten) -> int:
    """A Flaredown 0–4 rating as the answer of ``field`` (``to_ten``: the 0–10 mapping)."""
    return to_ten(value) if ANSWERS[field][1] == 10 else on_three(value)


def details(read_as: dict[str, str], conditions: set[str]) -> list[str]:
    """How the check-in was filled, a line each; and why a condition is not overall pain."""
    lines = []
    if read_as:
        lines.append(_("Into the daily check-in (instead of a daily rating):"))
        lines += [f"  {name!r} → {_(ANSWERS[field][0])} "
                  f"({_(TEN_NOTE if ANSWERS[field][1] == 10 else THREE_NOTE)})"
                  for name, field in sorted(read_as.items())]
    for name in sorted(conditions):
        lines.append(_("{name} (a condition) stays a daily rating: it rates the condition "
                       "as a whole, not pain alone, so it is not taken as overall pain.").format(
            name=repr(name)))
    return lines
