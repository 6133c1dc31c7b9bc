from fibromap.domain.vocabulary import BUILTIN_TERMS, Term, TermKind, key_for_label
from fibromap.errors import ValidationError
from tests.helpers.refusals import refused


def keys(kind):
    return {t.key for t in BUILTIN_TERMS if t.kind is kind}


def test_builtin_lists_hold_the_words_from_the_design():
    assert {"stress", "anxiety", "poor_sleep", "overexertion", "standing_long", "sitting_long",
            "bump", "weather_change", "cold", "dehydration", "caffeine", "meal"} == keys(TermKind.TRIGGER)
    assert {"cramping", "vice_like", "stabbing", "shooting", "throbbing", "burning", "aching",
            "twitching"} == keys(TermKind.QUALITY)
    assert {"heat", "ice", "stretching", "massage", "epsom_bath", "topical_cream", "water", "walk",
            "medication"} == keys(TermKind.TREATMENT)
    assert {"lying", "sitting", "standing", "walking", "driving", "exercising",
            "asleep"} == keys(TermKind.CONTEXT)


def test_a_label_becomes_a_stable_key():
    assert key_for_label("Cold draught") == "cold_draught"
    assert key_for_label("  Crème brûlée!! ") == "creme_brulee"
    with refused(ValidationError, "label", "'!!!'"):
        key_for_label("!!!")


def test_term_validation():
    with refused(ValidationError, "trigger name"):
        Term(TermKind.TRIGGER, "x", " ")
    with refused(ValidationError, "key", "'Bad Key'"):
        Term(TermKind.TRIGGER, "Bad Key", "Bad")
