"""English left in a view of another language (issue 34), found in a live widget tree.

``visible_texts(root)`` gathers every text a person can read or hear under ``root``: labels,
buttons, tabs, group titles, every choice of a combo box, placeholders, spin boxes' words,
table headers and cells, list items, menu items, tooltips, accessible names, the status
bar, the texts a chart or map draws (scene items, ``text_boxes()``).

``english_left(texts, language)`` names each text holding an English word. A word is
English when the code could have shown it in English (it is a word of a string literal of
fibromap/, docstrings aside, or of a message id) and the language never uses it (it is in
none of the language's translations, nor its calendar's names): "Trends" is German too,
"Nov" a German month; "flare", "the", "your" are English in any language. What is the
same in every language is not looked at: numbers, one letter ("h"), names of things
(FibroMap, FHIR, Fitbit, the languages' own names), paths of files, the name the glossary
keeps in every language (Widespread Pain Index) and what the caller says is kept (what the
person typed: notes, medication names)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.helpers.legibility import _shown

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "resources" / "locale"
WORD = re.compile(r"[^\W\d_]+")
ROWS = 40  # of a long table or list: its first rows show every kind of cell
# Names and abbreviations said alike in every language.
NEUTRAL = frozenset({
    "fibromap", "fhir", "fitbit", "flaredown", "garmin", "sqlite", "postgresql", "csv",
    "json", "pdf", "png", "html", "zip", "wpi", "sss", "fiqr", "acr", "ok", "mg", "ml", "min",
    "kg", "km", "qt", "pyside", "utf", "id", "dd", "mm", "yyyy", "iphone", "english",
    "español", "deutsch", "français", "português", "brasil",
})
KEPT_EVERYWHERE = ("Widespread Pain Index",)  # the glossary's: the same in every language
_NOT_WORDS = re.compile(r"\{[^{}]*\}|(?<![\w-])--?[\w-]+|\b[A-Z][A-Z0-9_]+\b")
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]+\b")
PATH = re.compile(r"\S*[/\\]\S*[/\\]\S*")  # a file's: two separators at least
# English in any language: words no translation may hold (a translated text that holds
# one is a leak too).
ALWAYS_ENGLISH = frozenset({
    "the", "and", "of", "your", "you", "not", "with", "this", "that", "these", "those",
    "flare", "flares", "from", "what", "when", "which", "will", "have", "has", "been",
    "were", "are", "is", "it", "its", "to", "for", "by", "at", "into", "than", "then",
    "day", "days", "night", "nights", "week", "weeks", "month", "months", "today",
    "yesterday", "none", "nothing", "more", "less", "save", "add", "edit",
    "delete", "close", "help", "view", "settings", "show", "hide", "how", "why", "where",
    "who", "should", "would", "could", "each", "every", "after", "before", "about", "sleep",
    "pain", "trigger", "triggers",
})


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _model_texts(view: QAbstractItemView) -> Iterable[str]:
    model = view.model()
    if model is None:
        return
    top = view.rootIndex()
    try:
        columns = model.columnCount(top)
    except TypeError:  # a list's model: one column, its count not Python's to ask
        columns = 1
    for row in range(min(model.rowCount(top), ROWS)):
        for column in range(columns):
            index = model.index(row, column, top)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def _header_texts(header: QHeaderView) -> Iterable[str]:
    model = header.model()
    if model is None:
        return
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, header.orientation(), role)
            if isinstance(value, str):
                yield value


def _own_texts(widget: QWidget) -> Iterable[str]:  # noqa: C901 - one case a kind of widget
    yield widget.toolTip()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    if isinstance(widget, QLabel):
        yield widget.text()
    elif isinstance(widget, QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield widget.tabText(index)
            yield widget.tabToolTip(index)
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield widget.itemText(index)
            yield widget.itemData(index, Qt.ItemDataRole.ToolTipRole) or ""
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield widget.placeholderText()
        if widget.isReadOnly():
            yield widget.toPlainText()
    elif isinstance(widget, QAbstractSpinBox):
        yield widget.specialValueText()
        yield widget.text()
    elif isinstance(widget, QHeaderView):
        yield from _header_texts(widget)
    elif isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget)
    if isinstance(widget, QGraphicsView) and widget.scene() is not None:
        for item in widget.scene().items():
            if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible():
                yield item.text()
            elif isinstance(item, QGraphicsTextItem) and item.isVisible():
                yield item.toPlainText()
            if item.isVisible():
                yield item.toolTip()
    boxes = getattr(widget, "text_boxes", None)
    if callable(boxes):
        for text, _rect in boxes():
            yield text


def _menu_texts(menu: QMenu, where: str) -> Iterable[tuple[str, str]]:
    for action in menu.actions():
        if not action.isVisible() or action.isSeparator():
            continue
        yield where, action.text()
        if action.toolTip() != _plain(action.text()).replace("...", "").replace("…", ""):
            yield where, action.toolTip()
        yield where, action.statusTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} › {_plain(action.text())}")


def _describe(widget: QWidget) -> str:
    name = widget.objectName()
    return type(widget).__name__ + (f" ({name})" if name else "")


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """Each text a person reads or hears under ``root``, with the widget that shows it."""
    found: list[tuple[str, str]] = [(_describe(root), root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QMenu) or not _shown(widget, root):
            continue
        found += [(_describe(widget), text) for text in _own_texts(widget)]
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            if action.menu() is not None:
                found += _menu_texts(action.menu(), f"menu {_plain(action.text())}")
        found.append(("status bar", root.statusBar().currentMessage()))
    return [(where, _plain(text)) for where, text in found if text and text.strip()]


def _words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text) if len(word) > 1]


def _literals(source: str) -> Iterable[str]:
    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                id(node) not in docstrings:
            yield node.value


@cache
def english_words() -> frozenset[str]:
    """Every word the code could show in English: its string literals', its message ids'
    and English month and day names."""
    words: set[str] = set()
    for path in (ROOT / "fibromap").rglob("*.py"):
        if "resources" in path.relative_to(ROOT / "fibromap").parts:
            continue
        for literal in _literals(path.read_text(encoding="utf-8")):
            words.update(_words(literal))
    english = Locale.parse("en")  # and its calendar's names, as strftime writes them
    for names in (english.months, english.days):
        words.update(_words(" ".join(_flat(names))))
    for path in (LOCALE / "de" / "LC_MESSAGES").glob("*.po"):
        with path.open("rb") as handle:
            for message in read_po(handle):
                for text in (message.id if isinstance(message.id, tuple) else (message.id,)):
                    words.update(_words(text))
    return frozenset(words)


def _flat(names) -> Iterable[str]:
    if isinstance(names, str):
        yield names
    elif hasattr(names, "values"):
        for value in names.values():
            yield from _flat(value)


@cache
def language_words(language: str) -> frozenset[str]:
    """Every word ``language`` uses: its translations' and its calendar's."""
    words: set[str] = set()
    for path in (LOCALE / language / "LC_MESSAGES").glob("*.po"):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                for text in (message.string if isinstance(message.string, tuple)
                             else (message.string,)):
                    # Not the {placeholders}' names nor the command line's --options.
                    words.update(_words(_NOT_WORDS.sub(" ", text or "")))
    locale = Locale.parse(language)
    for names in (locale.months, locale.days, locale.day_periods, locale.eras,
                  locale.quarters):
        words.update(_words(" ".join(_flat(names))))
    qt = QLocale(language)
    for number in range(1, 13):
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat,
                     QLocale.FormatType.NarrowFormat):
            words.update(_words(qt.monthName(number, form) + " " +
                                qt.standaloneMonthName(number, form)))
            if number <= 7:
                words.update(_words(qt.dayName(number, form) + " " +
                                    qt.standaloneDayName(number, form)))
    words.update(_words(qt.amText() + " " + qt.pmText()))
    return frozenset(words)


def _key_words() -> frozenset[str]:
    """The names Qt gives keys in the language of the moment (its own translation's:
    "Strg+Umschalt" in German, "Ctrl+Shift" in Brazilian Portuguese)."""
    native = QKeySequence.SequenceFormat.NativeText
    return frozenset(_words(" ".join(QKeySequence(key).toString(native) for key in (
        "Ctrl+Shift+Alt+Meta+A", "Del", "Backspace", "Space", "Return", "Enter", "Esc", "Tab",
        "PgUp", "PgDown", "Home", "End", "Ins", "Left", "Right", "Up", "Down"))))


def english_left(texts: Iterable[tuple[str, str]], language: str,
                 kept: Iterable[str] = ()) -> list[str]:
    """Each of ``texts`` (where, text) that holds English in ``language``, one line each:
    where, the text and its English words. ``kept`` are words left as they are wherever
    they stand in a text: the person's own (notes, names), those shown in English on
    purpose, and leaks known and being fixed."""
    english, native = english_words(), language_words(language) | _key_words()
    kept_words = re.compile("(?<!\\w)(?:" + "|".join(
        re.escape(" ".join(words.split())) for words in sorted(
            {*kept, *KEPT_EVERYWHERE}, key=len, reverse=True) if words) + ")(?!\\w)",
        re.IGNORECASE)
    found = []
    for where, text in texts:
        # Spaces as spaces: "under\u00a030\u00a0s" is "under 30 s" held together.
        looked_at = kept_words.sub(" ", " ".join(PATH.sub(" ", text).split()))
        # An abbreviation (TFL, WPI, CSV) is no word to translate.
        looked_at = _ABBREVIATION.sub(" ", looked_at)
        leaked = [word for word in _words(looked_at) if word not in NEUTRAL and (
            word in ALWAYS_ENGLISH or (word in english and word not in native))]
        if leaked:
            line = f"{where}: {' '.join(text.split())[:120]!r} ({', '.join(dict.fromkeys(leaked))})"
            if line not in found:
                found.append(line)
    return found
