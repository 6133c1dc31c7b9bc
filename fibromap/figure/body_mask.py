"""Where the body is drawn, as a grid of cells: whether a box lies on it, for many boxes
at once (a summed-area table, numpy)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath


class BodyMask:
    """``path``: the body's outline in scene coordinates, over ``area``, in cells of
    ``cell`` scene units."""

    def __init__(self, path: QPainterPath, area: QRectF, cell: float) -> None:
        import numpy as np  # loaded with the first heat-map, not at start-up

        self.left, self.top, self.cell = area.left(), area.top(), cell
        width, height = max(1, int(area.width() / cell) + 1), max(1, int(area.height() / cell) + 1)
        image = QImage(width, height, QImage.Format.Format_Grayscale8)
        image.fill(0)
        painter = QPainter(image)
        painter.scale(1 / cell, 1 / cell)
        painter.translate(-self.left, -self.top)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawPath(path)
        painter.end()
        cells = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
            height, image.bytesPerLine())[:, :width] > 0
        self.sums = np.zeros((height + 1, width + 1), dtype=np.int32)
        self.sums[1:, 1:] = cells.cumsum(axis=0).cumsum(axis=1)

    def covers(self, left, top, right, bottom):
        """For boxes given by arrays of their sides: whether each touches the body."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        rows, columns = self.sums.shape[0] - 1, self.sums.shape[1] - 1

        def index(values, origin, most):
            return np.clip(((values - origin) / self.cell).astype(int), 0, most)
        x0, x1 = index(left, self.left, columns), index(right, self.left, columns - 1) + 1
        y0, y1 = index(top, self.top, rows), index(bottom, self.top, rows - 1) + 1
        s = self.sums
        return (s[y1, x1] - s[y0, x1] - s[y1, x0] + s[y0, x0]) > 0
