"""The words people pick from: triggers, pain qualities, treatments and contexts.

Each list starts with the words people with fibromyalgia use for their spasms and
grows with the person's own. A term's ``key`` is stable and stored with each
flare; its ``label`` is what the person sees and may be renamed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from fibromap.domain.validation import text
from fibromap.errors import ValidationError


class TermKind(StrEnum):
    TRIGGER = "trigger"
    QUALITY = "quality"
    TREATMENT = "treatment"
    CONTEXT = "context"

    @property
    def noun(self) -> str:
        return {"trigger": "trigger", "quality": "pain quality",
                "treatment": "treatment", "context": "activity"}[self.value]


KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
LABEL_MAX = 80


@dataclass(frozen=True, slots=True)
class Term:
    kind: TermKind
    key: str
    label: str
    builtin: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.kind, TermKind):
            raise ValidationError(f"unknown kind of word {self.kind!r}", "kind")
        if not isinstance(self.key, str) or not KEY_PATTERN.match(self.key) or len(self.key) > LABEL_MAX:
            raise ValidationError(
                f"{self.kind.noun} key must be lower-case letters, digits and _, got {self.key!r}",
                "key")
        text(f"{self.kind.noun} name", self.label, max_length=LABEL_MAX, required=True)


def key_for_label(label: str) -> str:
    """A stable key for a word the person adds: "Cold draught" -> "cold_draught"."""
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z0-9]+", "_", folded).strip("_")[:LABEL_MAX]
    if not key:
        raise ValidationError(f"{label!r} needs at least one letter or digit", "label")
    return key


def _terms(kind: TermKind, *pairs: tuple[str, str]) -> tuple[Term, ...]:
    return tuple(Term(kind, key, label, builtin=True) for key, label in pairs)


BUILTIN_TERMS: tuple[Term, ...] = (
    *_terms(
        TermKind.TRIGGER,
        ("stress", "Stress"), ("anxiety", "Anxiety"), ("poor_sleep", "Poor sleep"),
        ("overexertion", "Overexertion"), ("standing_long", "Standing too long"),
        ("sitting_long", "Sitting too long"), ("bump", "A bump or knock"),
        ("weather_change", "Weather change"), ("cold", "Cold"),
        ("dehydration", "Dehydration"), ("caffeine", "Caffeine"), ("meal", "A meal"),
    ),
    *_terms(
        TermKind.QUALITY,
        ("cramping", "Cramping"), ("vice_like", "Vice-like squeezing"),
        ("stabbing", "Stabbing / knife-like"), ("shooting", "Shooting / lightning"),
        ("throbbing", "Throbbing"), ("burning", "Burning"), ("aching", "Aching"),
        ("twitching", "Twitching or rippling beforehand"),
    ),
    *_terms(
        TermKind.TREATMENT,
        ("heat", "Heat"), ("ice", "Ice"), ("stretching", "Stretching"),
        ("massage", "Massage / foam roller / ball"), ("epsom_bath", "Epsom salt bath"),
        ("topical_cream", "Topical cream"), ("water", "Water"), ("walk", "A walk"),
        ("medication", "Medication"),
    ),
    *_terms(
        TermKind.CONTEXT,
        ("lying", "Lying down"), ("sitting", "Sitting"), ("standing", "Standing"),
        ("walking", "Walking"), ("driving", "Driving"), ("exercising", "Exercising"),
        ("asleep", "Asleep"),
    ),
)
