"""The History table's model: flares from the store, loaded a page at a time."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from fibromap.domain.atlas import Atlas
from fibromap.domain.wording import NOT_GIVEN_TEXT, STILL_GOING_TEXT, duration_text
from fibromap.figure.formatting import onset_text, regions_text
from fibromap.i18n import DEFAULT, N_, _, current, ngettext, using
from fibromap.i18n.formats import whole
from fibromap.store.flares import FlareFilter, FlareSummary
from fibromap.store.store import Store

PAGE = 200
COLUMNS = (N_("Date"), N_("Regions"), N_("Highest"), N_("Duration"))
# Beside "Highest" of a flare with a referred zone not rated (marked *), and under the table.
HIGHEST_NOTE = N_("* referred zones not rated are left out of Highest")


class HistoryModel(QAbstractTableModel):
    def __init__(self, store: Store, atlas: Atlas, parent=None):
        super().__init__(parent)
        self._store = store
        self._atlas = atlas
        self._filter = FlareFilter()
        self._rows: list[FlareSummary] = []
        self._total = 0
        self.reload()

    # -- loading ------------------------------------------------------------------------
    def set_filter(self, where: FlareFilter) -> None:
        self._filter = where
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._total = self._store.flares.count_matching(self._filter)
        self._rows = self._store.flares.summaries(self._filter, limit=PAGE)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    @property
    def any_unrated(self) -> bool:
        """Whether a flare listed has a referred zone not rated (its Highest marked *)."""
        return any(row.unrated for row in self._rows)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt's name
        if parent.isValid() or not self._rows:
            return
        page = self._store.flares.summaries(self._filter, after=self._rows[-1].position, limit=PAGE)
        if not page:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def summary(self, row: int) -> FlareSummary:
        return self._rows[row]

    # -- the table ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt's name
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def _regions(self, row: FlareSummary) -> str:
        """The muscles that hurt, then where the pain spread, marked so that a referred zone
        is not read as one more muscle in spasm: "Right jaw → Right brow and eye (referred)"."""
        sources, referred = _split(row)
        text = regions_text(sources, self._atlas)
        if referred:
            zones = regions_text(referred, self._atlas, shown=2)
            unrated = len(row.unrated)
            said = (_("→ {zones} (referred)") if not unrated else _("→ {zones} (referred, not rated)")
                    if unrated == len(referred) else
                    ngettext("→ {zones} (referred, {n} not rated)", "→ {zones} (referred, {n} not rated)",
                             unrated))
            text += (" " if text else "") + said.format(zones=zones, n=unrated)
        return text

    def _tooltip(self, row: FlareSummary, column: int) -> str | None:
        if column == 1:
            sources, referred = _split(row)
            lines = [self._atlas.name(r) for r in sources]
            if referred:
                lines += [_("Pain spread to (referred):")] + [
                    "  " + (_("{region}, not rated").format(region=self._atlas.name(r))
                            if r in row.unrated else self._atlas.name(r))
                    for r in referred]
            return "\n".join(lines)
        if column == 2 and row.unrated:
            return _(HIGHEST_NOTE)
        if column == 3 and row.duration_seconds is None:
            return (_("Said to be still going when it was recorded") if row.still_going
                    else _("No length was given: open the flare to add one"))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return onset_text(row)
            if column == 1:
                return self._regions(row)
            if column == 2:
                peak = "–" if row.max_intensity is None else str(row.max_intensity)
                return peak + ("*" if row.unrated else "")
            # Still going only when the person said so; otherwise "not given".
            return duration_words(row.duration_seconds, still_going=row.still_going)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


def _split(row: FlareSummary) -> tuple[list[str], list[str]]:
    """The flare's muscles in spasm (or trigger points), and its referred zones."""
    return ([r for r in row.regions if r not in row.referred],
            [r for r in row.regions if r in row.referred])


# The words of domain.wording.duration_text, each said in the language of the moment.
DURATION_WORDS = {STILL_GOING_TEXT: N_("still going"), NOT_GIVEN_TEXT: N_("not given")}
UNIT_WORDS = {"h": N_("{n} h"), "min": N_("{n} min"), "s": N_("{n} s")}


def duration_words(seconds: int | None, still_going: bool = False) -> str:
    """A flare's length as the History lists it: domain.wording.duration_text in English
    ("1 h 30 min", "2 days 3 h", "still going"), its amounts and units in another
    language ("2 Tage 3 h")."""
    if current() == DEFAULT:
        return duration_text(seconds, still_going=still_going)
    with using(DEFAULT):  # the English form, whose rounding is the domain's
        english = duration_text(seconds, still_going=still_going)
    if english in DURATION_WORDS:
        return _(DURATION_WORDS[english])
    words = english.split(" ")
    said = []
    for amount, unit in zip(words[::2], words[1::2], strict=True):
        n = int(amount)
        said.append(ngettext("{n} day", "{n} days", n).format(n=whole(n)) if unit.startswith("day")
                    else _(UNIT_WORDS[unit]).format(n=whole(n)))
    return " ".join(said)
