"""Pieces of the body map's side panel: a list as tall as what it holds, the words said of
a region, and two helpers that keep the map's overlays in place."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QListWidget, QWidget

from fibromap.domain.atlas import WPI_AREAS, Atlas, Layer, Region
from fibromap.domain.flare import SiteRole
from fibromap.domain.flare_marks import Mark
from fibromap.i18n import N_, _
from fibromap.i18n.formats import in_sentence

WPI_NAMED = {area.id: area for area in WPI_AREAS}  # named when shown, in the language of then

# A marked region in the panel's list, by its kind: (rated, not rated).
MARKED_LINES = {
    SiteRole.SPASM: ("{intensity} · {region}", N_("{region}, not rated")),
    SiteRole.TRIGGER_POINT: (N_("{intensity} · {region}, trigger point"),
                             N_("{region}, trigger point, not rated")),
    SiteRole.REFERRED: (N_("{intensity} · {region}, referred"), N_("{region}, referred, not rated")),
}


class FittedList(QListWidget):
    """A list exactly as tall as its entries (one line when empty, saying so): it never
    scrolls itself, so the one column it sits in is the only thing that scrolls."""

    def __init__(self, empty_text: str = ""):
        super().__init__()
        self._empty_text = empty_text
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustIgnored)
        self.fit()

    def fit(self) -> None:
        """Take the height of the entries as they wrap at the width the list has now."""
        self.doItemsLayout()
        rows = sum(self.visualRect(self.model().index(row, 0)).height()
                   for row in range(self.count()))
        empty = self.fontMetrics().lineSpacing() + 8
        self.setFixedHeight(max(rows, empty) + 2 * self.frameWidth())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit()  # entries wrap anew at another width

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.count() == 0 and self._empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(6, 4, -6, -4),
                             Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                             self._empty_text)
            painter.end()


def fixed_lines(label: QLabel, lines: int) -> None:
    """Give ``label`` the height of ``lines`` lines whatever it says, so that what is
    below it keeps its place (the full text is its tooltip when it needs more)."""
    label.setWordWrap(True)
    label.setFixedHeight(lines * label.fontMetrics().lineSpacing() + 2)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def marked_line(name: str, mark: Mark) -> str:
    """A marked region as the panel lists it, its intensity first: "7 · Left upper
    trapezius, trigger point" (the spoken name says "intensity 7")."""
    rated, not_rated = MARKED_LINES.get(mark.role, MARKED_LINES[SiteRole.SPASM])
    if mark.intensity is None:
        return _(not_rated).format(region=name)
    return _(rated).format(intensity=mark.intensity, region=name)


def _muscle_name(muscle: str, region: Region, atlas: Atlas) -> str:
    """A muscle with trigger points in ``region``, by its pattern's name where one pattern of
    it starts there ("left upper trapezius"); else as the catalogue ids it (both sides)."""
    named = [p for p in atlas.patterns if p.muscle == muscle and region.id in p.sources]
    return in_sentence(named[0].name) if len(named) == 1 else muscle.replace("_", " ")


def region_details(region: Region, atlas: Atlas) -> list[str]:
    """What the panel says of a region: its WPI area, whether it is deep, its trigger
    points (each muscle by its referral pattern's name on this region's side, in the
    language of the moment)."""
    details = []
    if region.wpi_area:
        details.append(_("Widespread Pain Index area: {area}").format(
            area=WPI_NAMED[region.wpi_area].name))
    if region.layer is Layer.DEEP:
        details.append(_("A deep muscle: it lies under others and is felt through them "
                         "(dotted on the map)"))
    if region.muscles:
        details.append(_("Trigger points here: {muscles}").format(
            muscles=", ".join(_muscle_name(m, region, atlas) for m in region.muscles)))
    return details


class HintFollower(QObject):
    """Hides the hint while the find line it stands for is shown."""

    def __init__(self, hint: QLabel, found: QLabel):
        super().__init__(hint)
        self._hint = hint
        found.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._hint.setVisible(event.type() == QEvent.Type.Hide)
        return False


class TopRight(QObject):
    """Keeps a widget at the top right of the map, clear of the scroll bar of a zoom."""

    def __init__(self, widget: QWidget, gap: int):
        super().__init__(widget)
        self._widget, self._gap = widget, gap
        body_map = widget.parentWidget()
        assert isinstance(body_map, QAbstractScrollArea), "kept at the top right of the map"
        self._map = body_map
        body_map.installEventFilter(self)
        body_map.viewport().installEventFilter(self)  # resized as the scroll bar comes and goes

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            right = self._map.viewport().geometry().right()
            self._widget.move(right - self._widget.width() - self._gap, self._gap)
        return False
