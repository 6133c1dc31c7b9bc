"""How one series of a trends plot is drawn: gaps where a day has no value, and a mark on
each day while there are few."""

from __future__ import annotations

import math

FEW_DAYS = 15   # fewer days than this: each day's value is also marked


def _finite(x: list[float], y: list[float]) -> tuple[list[float], list[float]]:
    """Only the points that have a value (pyqtgraph warns on series that are all gaps)."""
    kept = [(a, b) for a, b in zip(x, y, strict=True) if not math.isnan(b)]
    return [a for a, _ in kept], [b for _, b in kept]


def day_marks(days: int, colour) -> dict:
    """A mark on each day where there are few: a line needs two days to be seen."""
    return dict(symbol="o", symbolSize=6, symbolBrush=colour, symbolPen=colour) \
        if days < FEW_DAYS else {}


def draw_line(plot, x: list[float], y: list[float], **style) -> None:
    """A series with gaps where a day has no value; nothing at all if no day has one."""
    if all(math.isnan(v) for v in y):
        return
    if style.get("pen") is None:  # points only
        plot.plot(*_finite(x, y), **style)
    else:
        plot.plot(x, y, connect="finite", **style)
