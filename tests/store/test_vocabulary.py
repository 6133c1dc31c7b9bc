from fibromap.domain.vocabulary import BUILTIN_TERMS, TermKind
from fibromap.errors import ValidationError
from tests.helpers.records import full_flare
from tests.helpers.refusals import refused


def test_builtin_words_are_seeded_once(store, paths):
    from fibromap.store.store import Store

    assert store.vocabulary.count() == len(BUILTIN_TERMS)
    again = Store.open(str(store.database.url.render_as_string(hide_password=False)), paths)
    assert again.vocabulary.count() == len(BUILTIN_TERMS)
    again.close()
    triggers = store.vocabulary.terms(TermKind.TRIGGER)
    assert triggers[0].key == "stress" and all(t.builtin for t in triggers)


def test_the_person_adds_renames_and_hides_their_own_words(store):
    term = store.vocabulary.add(TermKind.TRIGGER, "Cold draught")
    assert term.key == "cold_draught" and not term.builtin
    assert store.vocabulary.terms(TermKind.TRIGGER)[-1] == term
    with refused(ValidationError, "label", "'Cold draught'"):
        store.vocabulary.add(TermKind.TRIGGER, "cold  draught")
    saved = store.flares.add(full_flare(triggers=frozenset({"cold_draught"})))
    store.vocabulary.rename(TermKind.TRIGGER, "cold_draught", "Draught from the window")
    store.vocabulary.hide(TermKind.TRIGGER, "cold_draught")
    assert "cold_draught" not in {t.key for t in store.vocabulary.terms(TermKind.TRIGGER)}
    assert store.flares.get(saved.id).triggers == frozenset({"cold_draught"})
    back = store.vocabulary.add(TermKind.TRIGGER, "Cold draught")
    assert back.key == "cold_draught"
    assert "cold_draught" in {t.key for t in store.vocabulary.terms(TermKind.TRIGGER)}
    with refused(ValidationError, "key", "'nope'"):
        store.vocabulary.hide(TermKind.QUALITY, "nope")
