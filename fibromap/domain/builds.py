"""The builds of the whole figure the body map can draw (domain/geometry.py reads their
shapes); a module of its own, so that the menus can offer them before the drawing is read."""

from enum import StrEnum

from fibromap.i18n import N_


class Build(StrEnum):
    """Which whole figure is drawn: the same regions, shaped as a woman's, a man's, or
    between the two (the widths of figure-proportions.md)."""

    FEMALE = "female"
    MALE = "male"
    NEUTRAL = "neutral"

    @property
    def label(self) -> str:
        return {"female": N_("Female figure"), "male": N_("Male figure"),
                "neutral": N_("Neutral figure (between the two)")}[self.value]
