"""The map's key for a referred zone left unrated: said in the panel's help line while the
flare has one and nothing else is being said there, so the pale, hatched "?" on the map is
read as "referred, not rated", not as a mistake."""

from __future__ import annotations

from fibromap.domain.flare import SiteRole
from fibromap.domain.flare_marks import FlareMarks
from fibromap.figure.region_item import REFERRED_NOT_RATED

KEY_TEXT = f"Hatched “?”: {REFERRED_NOT_RATED}. Click it, type 0–9 to rate it."


def unrated_key(marks: FlareMarks) -> str:
    """The key while ``marks`` hold a referred zone not rated yet, else nothing."""
    unrated = any(mark.role is SiteRole.REFERRED and mark.intensity is None
                  for _region, mark in marks.marks())
    return KEY_TEXT if unrated else ""
