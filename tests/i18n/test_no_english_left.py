"""The finder of English left in another language's views (tests/helpers/english_left.py),
which tests/ui/test_legible.py runs on every view and dialog in each language: it names
English words wherever a person reads or hears them, and leaves alone words the language
shares with English, its month names, Qt's key names, numbers, names of things, paths and
the person's own words."""

from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from tests.helpers.english_left import english_left, visible_texts
from tests.helpers.languages import speaking


def test_english_words_are_found_and_the_languages_own_are_not(qtbot):
    with speaking("de"):
        window = QMainWindow()
        qtbot.addWidget(window)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(QLabel("Trends: 3 Schübe im Nov. 2026, 16,6 pro Woche"))  # German
        column.addWidget(QLabel("Datenbank: /home/ana/fibromap-home/fibromap.sqlite3"))
        column.addWidget(QLabel("Notiz: Heat pad helped within ten minutes."))  # theirs
        column.addWidget(QLabel("Widespread Pain Index: 8 von 19"))  # the glossary keeps it
        leaked = QLabel("3 flares over 7 days")
        column.addWidget(leaked)
        button = QPushButton("Speichern")
        button.setToolTip("Save the flare (Ctrl+S)")
        column.addWidget(button)
        choice = QComboBox()
        choice.addItems(["Letzte 90 Tage", "Every week"])  # a choice not shown yet counts
        column.addWidget(choice)
        window.setCentralWidget(page)
        window.menuBar().addMenu("&Datei").addAction("&Open the file…")
        window.show()
        qtbot.waitExposed(window)
        found = english_left(visible_texts(window), "de",
                             kept=["Heat pad helped within ten minutes."])
    assert found == [
        "QLabel: '3 flares over 7 days' (flares, over, days)",
        # Qt says "Strg" in German: "Ctrl" is English here.
        "QPushButton: 'Save the flare (Ctrl+S)' (save, the, flare, ctrl)",
        "QComboBox: 'Every week' (every, week)",
        "menu Datei: 'Open the file…' (open, the, file)",
    ], found


def test_a_word_german_shares_with_english_is_german():
    texts = [("QLabel", "Trends und Muster: Information für Ihre Ärztin"),
             ("QLabel", "Was auffällt"), ("QLabel", "Strg+Umschalt+S")]
    with speaking("de"):
        assert english_left(texts, "de") == []
    # The same words in a French view: "und" is no French, but no English either.
    with speaking("fr"):
        assert english_left([("QLabel", "Was it the weather?")], "fr") == [
            "QLabel: 'Was it the weather?' (was, it, the, weather)"]
