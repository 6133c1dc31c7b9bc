"""The map's key for a referred zone left unrated: said in the panel's help line while the
flare has one and nothing else is being said there, so the pale, hatched "?" on the map is
read as "referred, not rated", not as a mistake."""

from __future__ import annotations

from fibromap.domain.flare import SiteRole
from fibromap.domain.flare_marks import FlareMarks
from fibromap.figure.region_item import REFERRED_NOT_RATED
from fibromap.i18n import _


def key_text() -> str:
    """The key itself, in the language of the moment."""
    return _("Hatched “?”: {meaning}. Click it, type 0–9 to rate it.").format(
        meaning=_(REFERRED_NOT_RATED))


def unrated_key(marks: FlareMarks) -> str:
    """The key while ``marks`` hold a referred zone not rated yet, else nothing."""
    unrated = any(mark.role is SiteRole.REFERRED and mark.intensity is None
                  for _region, mark in marks.marks())
    return key_text() if unrated else ""
