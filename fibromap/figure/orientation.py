"""How the front of the body faces whoever looks at the figure."""

from __future__ import annotations

from enum import StrEnum

from fibromap.i18n import N_, _

LABELS = {"clinician": N_("Clinician view (facing the person)"),
          "patient": N_("Patient view (as in a mirror)")}


class Orientation(StrEnum):
    """How the front of the body is shown."""

    CLINICIAN = "clinician"  # facing the person: their right on the viewer's left
    PATIENT = "patient"      # as in a mirror: their right on the viewer's right

    @property
    def label(self) -> str:
        return _(LABELS[self.value])
