"""Names are data, labels are translations (issue 34): a database made in English at
revision 0013 (by the real migrations, its built-in words stored with their English
labels, as that version seeded them) shows its built-in words in German after migration
0014; a built-in word the person renamed and a word the person added stay as typed;
downgrading gives the English labels back; an English JSON export imports with the same
words."""

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Boolean, Integer, String, column, create_engine, insert, make_url, select, table

from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import TreatmentUse
from fibromap.domain.records import flare_fingerprint
from fibromap.domain.vocabulary import BUILTIN_TERMS, TermKind
from fibromap.errors import ValidationError
from fibromap.exchange.files import export_text, import_text
from fibromap.i18n import activate, using
from fibromap.store import aggregates
from fibromap.store.database import Database
from fibromap.store.revisions import alembic_config
from fibromap.store.store import Store
from fibromap.ui.log.flare_form import FlareForm
from fibromap.ui.log.history_page import HistoryPage
from tests.helpers.records import full_flare

TERM = table("term", column("id", Integer), column("kind", String), column("key", String),
             column("label", String), column("builtin", Boolean), column("hidden", Boolean))
RENAMED = ("trigger", "poor_sleep", "Bad night")
OWN = ("trigger", "cold_draught", "Cold draught")


def english_database_at_0013(url: str) -> None:
    """The words as FibroMap at 0013 stored them: every built-in one with its English
    label; one renamed by the person and one of the person's own."""
    if make_url(url).get_backend_name() == "sqlite":
        Path(make_url(url).database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0013")
            connection.execute(insert(TERM), [
                {"kind": t.kind.value, "key": t.key, "label": t.label, "builtin": True,
                 "hidden": False} for t in BUILTIN_TERMS])
            connection.execute(TERM.update().where(TERM.c.key == RENAMED[1])
                               .values(label=RENAMED[2]))
            connection.execute(insert(TERM), [{"kind": OWN[0], "key": OWN[1], "label": OWN[2],
                                               "builtin": False, "hidden": False}])
    finally:
        engine.dispose()


def stored_labels(database: Database) -> dict[str, str]:
    with database.engine.connect() as connection:
        return dict(connection.execute(select(TERM.c.key, TERM.c.label)
                                       .where(TERM.c.kind == "trigger")).all())


def upgraded(url: str, paths, *, with_flare: bool = True) -> Store:
    english_database_at_0013(url)
    store = Store.open(url, paths)
    if with_flare:
        store.flares.add(full_flare(triggers=frozenset({"cold", "poor_sleep", "cold_draught"}),
                                    treatments=(TreatmentUse("heat", 7),)))
    return store


def test_an_english_database_shows_its_built_in_words_in_german_after_the_upgrade(
        qtbot, any_url, paths):
    store = upgraded(any_url, paths)
    try:
        labels = stored_labels(store.database)
        assert labels["cold"] == labels["stress"] == ""  # known by the key alone
        assert labels["poor_sleep"] == "Bad night" and labels["cold_draught"] == "Cold draught"
        activate("de")
        try:
            form = FlareForm(store.vocabulary)
            qtbot.addWidget(form)
            chips = {key: button.text() for key, button in form.triggers.buttons.items()}
            assert chips["cold"] == "Kälte" and chips["weather_change"] == "Wetterwechsel"
            assert chips["poor_sleep"] == "Bad night" and chips["cold_draught"] == "Cold draught"
            assert form.context.buttons["lying"].text() == "Liegen"
            assert form.qualities.buttons["throbbing"].accessibleName() == "Pochend"
            assert form.treatments.rows["heat"].check.text() == "Wärme"
            history = HistoryPage(store, load_atlas())
            qtbot.addWidget(history)
            history.reload_triggers()
            shown = [history.trigger.itemText(i) for i in range(history.trigger.count())]
            assert {"Kälte", "Bad night", "Cold draught"} <= set(shown)
            assert sorted(aggregates.term_counts(store.database, "trigger")) == [
                ("cold", "Kälte", 1), ("cold_draught", "Cold draught", 1),
                ("poor_sleep", "Bad night", 1)]
            assert aggregates.treatment_relief(store.database) == [("heat", "Wärme", 1, 7.0)]
            with pytest.raises(ValidationError, match="'Kälte' steht schon in Ihrer Liste der Auslöser"):
                store.vocabulary.add(TermKind.TRIGGER, "kälte")  # the built-in word, as read
        finally:
            activate("en")
        english = FlareForm(store.vocabulary)  # English as it always was
        qtbot.addWidget(english)
        assert english.triggers.buttons["cold"].text() == "Cold"
        assert english.treatments.rows["heat"].check.text() == "Heat"
        assert aggregates.treatment_relief(store.database) == [("heat", "Heat", 1, 7.0)]
    finally:
        store.close()


def test_downgrading_gives_the_english_labels_back_and_upgrading_again_takes_them(any_url, paths):
    store = upgraded(any_url, paths)
    store.close()
    database = Database.open(any_url, paths)
    try:
        with database.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0013")
        english = {t.key: t.label for t in BUILTIN_TERMS if t.kind is TermKind.TRIGGER}
        assert stored_labels(database) == english | {"poor_sleep": "Bad night",
                                                     "cold_draught": "Cold draught"}
        with database.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        labels = stored_labels(database)
        assert {key for key, label in labels.items() if label} == {"poor_sleep", "cold_draught"}
    finally:
        database.close()


def test_an_english_json_export_imports_with_the_same_words(sqlite_url, paths, tmp_path):
    source = upgraded(sqlite_url, paths)
    try:
        with using("en"):
            exported = json.loads(export_text(source, "json"))
        # The person's own words, and the built-in one they renamed (its new name is theirs).
        assert [(w["key"], w["label"]) for w in exported["words"]] == [
            ("poor_sleep", "Bad night"), OWN[1:]]
        # A file that names a built-in word by its English label (as a hand-made one may).
        exported["words"].append({"kind": "trigger", "key": "cold", "label": "Cold",
                                  "hidden": False})
        words = {kind: [(t.key, t.label, t.builtin) for t in source.vocabulary.terms(kind)]
                 for kind in TermKind}
        flares = [flare_fingerprint(f) for f in source.flares.between()]
    finally:
        source.close()
    second = upgraded(f"sqlite:///{tmp_path / 'second.sqlite3'}", paths, with_flare=False)
    try:
        import_text(second, json.dumps(exported), "export.json")
        assert {kind: [(t.key, t.label, t.builtin) for t in second.vocabulary.terms(kind)]
                for kind in TermKind} == words
        assert stored_labels(second.database)["cold"] == ""
        with using("de"):
            assert [t.name for t in second.vocabulary.terms(TermKind.TRIGGER)
                    if t.key in ("cold", "poor_sleep", "cold_draught")] == [
                "Bad night", "Kälte", "Cold draught"]
        assert [flare_fingerprint(f) for f in second.flares.between()] == flares
    finally:
        second.close()
