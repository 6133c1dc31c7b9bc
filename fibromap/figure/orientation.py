"""How the front of the body faces whoever looks at the figure."""

from __future__ import annotations

from enum import StrEnum


class Orientation(StrEnum):
    """How the front of the body is shown."""

    CLINICIAN = "clinician"  # facing the person: their right on the viewer's left
    PATIENT = "patient"      # as in a mirror: their right on the viewer's right

    @property
    def label(self) -> str:
        return {"clinician": "Clinician view (facing the person)",
                "patient": "Patient view (as in a mirror)"}[self.value]
