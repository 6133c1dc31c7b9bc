"""The words people pick from: triggers, pain qualities, treatments and contexts.

Each list starts with the words people with fibromyalgia use for their spasms and
grows with the person's own. A term's ``key`` is stable and stored with each
flare; its ``label`` is what the person sees and may be renamed.

Names are data, labels are translations: a built-in word is known by its key and shown
in the chosen language (its English label below is the catalogue's message id), until
the person renames it; then, like the words the person added, it is shown as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from fibromap.domain.validation import text
from fibromap.errors import ValidationError
from fibromap.i18n import N_, _


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

    @property
    def name(self) -> str:
        """The word as the person sees it, in the language of the moment."""
        return shown_word(self.kind, self.key, self.label)


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
        ("stress", N_("Stress")), ("anxiety", N_("Anxiety")), ("poor_sleep", N_("Poor sleep")),
        ("overexertion", N_("Overexertion")), ("standing_long", N_("Standing too long")),
        ("sitting_long", N_("Sitting too long")), ("bump", N_("A bump or knock")),
        ("weather_change", N_("Weather change")), ("cold", N_("Cold")),
        ("dehydration", N_("Dehydration")), ("caffeine", N_("Caffeine")), ("meal", N_("A meal")),
    ),
    *_terms(
        TermKind.QUALITY,
        ("cramping", N_("Cramping")), ("vice_like", N_("Vice-like squeezing")),
        ("stabbing", N_("Stabbing / knife-like")), ("shooting", N_("Shooting / lightning")),
        ("throbbing", N_("Throbbing")), ("burning", N_("Burning")), ("aching", N_("Aching")),
        ("twitching", N_("Twitching or rippling beforehand")),
    ),
    *_terms(
        TermKind.TREATMENT,
        ("heat", N_("Heat")), ("ice", N_("Ice")), ("stretching", N_("Stretching")),
        ("massage", N_("Massage / foam roller / ball")), ("epsom_bath", N_("Epsom salt bath")),
        ("topical_cream", N_("Topical cream")), ("water", N_("Water")), ("walk", N_("A walk")),
        ("medication", N_("Medication")),
    ),
    *_terms(
        TermKind.CONTEXT,
        ("lying", N_("Lying down")), ("sitting", N_("Sitting")), ("standing", N_("Standing")),
        ("walking", N_("Walking")), ("driving", N_("Driving")), ("exercising", N_("Exercising")),
        ("asleep", N_("Asleep")),
    ),
)

BUILTIN_LABELS: dict[tuple[TermKind, str], str] = {(t.kind, t.key): t.label for t in BUILTIN_TERMS}
"""Each built-in word's English label (its message id), by kind and key."""


def builtin_label(kind: TermKind, key: str) -> str | None:
    """The English label of a built-in word; None for a word the person added."""
    return BUILTIN_LABELS.get((TermKind(kind), key))


def shown_word(kind: TermKind | str, key: str, label: str) -> str:
    """What people read for a word: a built-in one not renamed (its label is still the
    English built-in label) in the language of the moment, any other as the person typed
    it."""
    english = BUILTIN_LABELS.get((TermKind(kind), key))
    return _(english) if english is not None and label == english else label


def word_of(kind: TermKind, key: str) -> Term:
    """A word known only by its key (taken off the list since a flare used it): a built-in
    one with its own label, any other with a label made from the key."""
    english = builtin_label(kind, key)
    return Term(kind, key, english or key.replace("_", " ").capitalize(), builtin=english is not None)
