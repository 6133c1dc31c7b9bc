"""A whole region of the figure as a button in a detail view that draws only its parts.

The palms view draws the thumb, the fingers and the forearm's flexors, but not "palm and
fingers" or "forearm, front" as wholes: each part tiles them. So that the whole can be
marked there too (for an ache of the whole hand), each such region is drawn below its
parts as a rounded button with its name: a region item like any other, showing its mark.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath

from fibromap.domain.atlas import Atlas, Region
from fibromap.domain.geometry import FigureView, Shape
from fibromap.figure import colors
from fibromap.figure.region_item import RegionItem
from fibromap.i18n import pgettext

CHIP_HEIGHT = 44.0   # drawing units: a 24-pixel target however small the view is drawn
CHIP_GAP = 10.0
CHIP_FONT_PX = 17
NUMBER_ROOM = 34.0   # at the right end, for the region's number once it is marked


def chip_text(region: Region) -> str:
    """"Whole palm and fingers": the region's name without its side or the muscles in
    brackets, in the language of the moment (the catalogue's "atlas" domain)."""
    return pgettext("whole region", whole_english(region))


def whole_english(region: Region) -> str:
    """The English of a region's button, the catalogue's id for it."""
    name = region.english.split(" (")[0]
    side = f"{region.side.value.title()} "
    return "Whole " + (name[len(side):] if name.startswith(side) else name[:1].lower() + name[1:])


class RegionChip(RegionItem):
    """A whole region drawn as a button: its name, and its number once marked."""

    def __init__(self, region: Region, rect: QRectF, font: QFont):
        path = QPainterPath()
        path.addRoundedRect(rect, CHIP_HEIGHT / 3, CHIP_HEIGHT / 3)
        corners = ((rect.left(), rect.top()), (rect.right(), rect.top()),
                   (rect.right(), rect.bottom()), (rect.left(), rect.bottom()))
        super().__init__(region, Shape((corners,)))
        self.setPath(path)
        self.anchor = (rect.right() - NUMBER_ROOM / 2, rect.center().y())
        self.text = chip_text(region)
        self._font = font

    def paint(self, painter, option, widget=None) -> None:
        super().paint(painter, option, widget)
        rect = self.path().boundingRect().adjusted(8, 0, -NUMBER_ROOM, 0)
        painter.save()
        if painter.worldTransform().m11() < 0:  # in a mirrored view: the words read forwards
            centre = rect.center()
            painter.translate(centre)
            painter.scale(-1, 1)
            painter.translate(-centre)
        painter.setFont(self._font)
        painter.setPen(colors.text_color_on(self.fill_color()))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)
        painter.restore()


def chip_font(font: QFont) -> QFont:
    chosen = QFont(font)
    chosen.setPixelSize(CHIP_FONT_PX)
    return chosen


def chips(atlas: Atlas, figure: FigureView, font: QFont) -> list[RegionChip]:
    """The buttons of a detail view: one for each region of the whole figure whose parts
    are catalogued on it but which it does not draw itself, in a column below its parts (the lowest
    parts' button first), as wide as the words need up to half the view (longer words
    take two lines)."""
    drawn = figure.regions
    wholes: dict[str, list[Shape]] = {}
    for region_id, shape in drawn.items():
        part = atlas.region(region_id)
        # The palm's button where its parts are catalogued (the palms), not where its
        # fingers are drawn again (the backs of the hands).
        if part.parent and part.parent not in drawn and part.view is figure.view:
            wholes.setdefault(part.parent, []).append(shape)
    metrics = QFontMetricsF(font)
    columns: dict[bool, list[tuple[float, str, float]]] = {}
    for parent, shapes in wholes.items():
        xs = [x for shape in shapes for x, _ in shape.outer]
        bottom = max(y for shape in shapes for _, y in shape.outer)
        centre = (min(xs) + max(xs)) / 2
        columns.setdefault(centre < figure.width / 2, []).append((bottom, parent, centre))
    made = []
    for column in columns.values():
        column.sort(reverse=True)
        for row, (_bottom, parent, centre) in enumerate(column):
            region = atlas.region(parent)
            width = min(metrics.horizontalAdvance(chip_text(region)) + 16 + NUMBER_ROOM,
                        figure.width / 2 - 1.5 * CHIP_GAP)
            left = min(max(centre - width / 2, CHIP_GAP), figure.width - width - CHIP_GAP)
            top = figure.height + row * (CHIP_HEIGHT + CHIP_GAP)
            made.append(RegionChip(region, QRectF(left, top, width, CHIP_HEIGHT), font))
    return made


def chip_rows(figure: FigureView, figure_chips: list[RegionChip]) -> float:
    """The height the buttons take below their view (none: nothing)."""
    if not figure_chips:
        return 0.0
    bottom = max(chip.path().boundingRect().bottom() for chip in figure_chips)
    return bottom + CHIP_GAP - figure.height
