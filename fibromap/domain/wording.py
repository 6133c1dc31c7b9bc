"""Counts as people write them: "1 flare", "2 flares", "1 medication period"."""

from __future__ import annotations

IRREGULAR = {"check-ins": "check-in", "entries": "entry", "days": "day", "people": "person"}


def counted(n: int, plural: str) -> str:
    """``n`` with ``plural`` made singular when n is 1 ("flares" -> "1 flare"); what
    follows a bracket or a comma is left as it is ("blank ratings (not recorded)")."""
    if n != 1:
        return f"{n:,} {plural}"
    cut = min((i for i in (plural.find(" ("), plural.find(", ")) if i >= 0), default=len(plural))
    words = plural[:cut].split(" ")
    last = words[-1]
    words[-1] = IRREGULAR.get(last, last[:-1] if last.endswith("s") else last)
    return f"1 {' '.join(words)}{plural[cut:]}"
