"""The medications of a trends period: one lane each in a strip above the plots, in a colour
of its own named in the strip's key, with dashed lines of that colour where it starts and
stops across the plots.

Shading every plot for each medication, as before, laid translucent colours over each other:
two medications at once made a third colour no key showed. A lane never overlaps another,
so each colour on the screen is one the key names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsRectItem

from fibromap.domain.daily import Medication
from fibromap.i18n import DEFAULT, _, current
from fibromap.i18n.formats import dated, day
from fibromap.ui.review.trends_legend import HALF_DAY, Entry, LegendStrip, epoch

# ColorBrewer Set2's first six (told apart by hue and lightness, kind to any colour vision,
# and none of them the orange-red of the intensity lines).
MEDICATION_COLOURS = ("#66c2a5", "#8da0cb", "#e5c494", "#e78ac3", "#a6d854", "#ffd92f")
LANE_PX = 10      # the height of one lane
LANE_SHARE = 0.72  # of a lane filled by its bars (the rest keeps lanes apart)
STRIP_PAD = 4      # pixels above and below the lanes


def lanes(medications: Sequence[Medication]) -> dict[str, list[Medication]]:
    """The medications by name (a dose change is one lane), in the order first started."""
    grouped: dict[str, list[Medication]] = {}
    for medication in sorted(medications, key=lambda m: (m.start, m.name.lower())):
        grouped.setdefault(medication.name.strip().lower(), []).append(medication)
    return grouped


class MedicationLanes:
    """The strip of lanes: a plot of its own sharing the time axis of ``linked``."""

    def __init__(self, plots: pg.GraphicsLayoutWidget, row: int, linked: pg.PlotItem,
                 axis_width: int):
        self._plots = plots
        self._row = row
        self.plot = plots.addPlot(row=row, col=0)
        # No axis title: a turned word would make the strip as tall as the word is long; the
        # key above the lanes names each one.
        self.plot.hideAxis("bottom")
        left = self.plot.getAxis("left")
        left.setTicks([[], []])
        left.setWidth(axis_width)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.enableAutoRange(False)
        self.plot.setXLink(linked)
        self.legend = LegendStrip(self.plot)
        self.bars: list[tuple[str, QGraphicsRectItem]] = []   # (lane's name, bar), for tests
        self.lines: list[pg.InfiniteLine] = []
        self._show(0)

    def _show(self, count: int) -> None:
        """As tall as ``count`` lanes and the key above them; out of the layout when there
        are none (a hidden row would still keep its spacing)."""
        layout = self._plots.ci
        placed = self.plot in layout.items
        if count and not placed:
            layout.addItem(self.plot, row=self._row, col=0)
        elif not count and placed:
            layout.removeItem(self.plot)
        self.plot.setVisible(count > 0)
        if count:
            height = int(count * LANE_PX + 2 * STRIP_PAD + self.legend.height())
            layout.layout.setRowFixedHeight(self._row, height)
            self.plot.setYRange(-count + 0.5, 0.5, padding=0)

    def draw(self, medications: Sequence[Medication], start: date, end: date,
             across: Sequence[pg.PlotItem]) -> list[Entry]:
        """A lane for each medication taken in ``start``–``end`` and its starts and stops
        as dashed lines on the plots ``across``; the key's entries (also shown above the
        lanes)."""
        self.plot.clear()  # the plots ``across`` are cleared by their owner
        self.bars, self.lines = [], []
        entries = []
        for index, taken in enumerate(lanes(medications).values()):
            colour = QColor(MEDICATION_COLOURS[index % len(MEDICATION_COLOURS)])
            for medication in taken:
                self._bar(medication, index, colour, start, end)
            self._lines(taken, colour, start, end, across)
            entries.append(Entry(_key_name(taken, start, end), None, "s", pg.mkBrush(colour),
                                 pg.mkPen(colour.darker(140))))
        self.legend.set_entries(entries)
        self._show(len(entries))
        return entries

    def _bar(self, medication: Medication, lane: int, colour: QColor, start: date,
             end: date) -> None:
        first = max(medication.start, start)
        last = min(medication.stop or end, end)
        left, right = epoch(first) - HALF_DAY, epoch(last) + HALF_DAY
        bar = QGraphicsRectItem(QRectF(left, -lane - LANE_SHARE / 2, right - left, LANE_SHARE))
        bar.setBrush(colour)
        bar.setPen(pg.mkPen(None))
        bar.setToolTip(_("{medication}, {start} – {stop}").format(
            medication=f"{medication.name} {medication.dose}".strip(), start=day(medication.start),
            stop=day(medication.stop) if medication.stop else _("still taken")))
        self.plot.addItem(bar)
        self.bars.append((medication.name, bar))

    def _lines(self, taken: Sequence[Medication], colour: QColor, start: date, end: date,
               across: Sequence[pg.PlotItem]) -> None:
        """Dashed where a lane starts and where it stops inside the period (a new dose the
        day after the last one is no stop)."""
        pen = pg.mkPen(colour.darker(115), width=1.5, style=Qt.PenStyle.DashLine)
        edges: Counter[float] = Counter()
        for medication in taken:
            if medication.start >= start:
                edges[epoch(medication.start) - HALF_DAY] += 1
            if medication.stop is not None and medication.stop <= end:
                edges[epoch(medication.stop) + HALF_DAY] += 1
        for x in sorted(x for x, count in edges.items() if count == 1):
            for plot in across:
                line = pg.InfiniteLine(pos=x, angle=90, pen=pen, movable=False)
                line.setZValue(-5)
                plot.addItem(line, ignoreBounds=True)
                self.lines.append(line)


def _key_name(taken: Sequence[Medication], start: date, end: date) -> str:
    """ "Pregabalin from 18 Feb", "Magnesium glycinate", "Ibuprofen 3 Mar – 9 Mar"."""
    name = taken[0].name
    first = taken[0].start
    stops = [m.stop for m in taken]
    last = None if any(s is None for s in stops) else max(s for s in stops if s is not None)
    began = first >= start
    ended = last is not None and last <= end
    if began and ended:
        assert last is not None
        return _("{medication} {first} – {last}").format(
            medication=name, first=_day_month(first), last=_day_month(last))
    if began:
        return _("{medication} from {first}").format(medication=name, first=_day_month(first))
    if ended:
        assert last is not None
        return _("{medication} until {last}").format(medication=name, last=_day_month(last))
    return name


def _day_month(moment: date) -> str:
    """A day and its month: "3 Mar" (no leading zero), "3. März", "3 mars"."""
    if current() == DEFAULT:
        return f"{moment.day} {moment:%b}"
    return dated(moment, "%d %b", "MMMd")
