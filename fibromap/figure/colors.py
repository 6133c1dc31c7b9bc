"""Colours of the body map: a colour-blind-safe intensity scale and the marks around it."""

from __future__ import annotations

from PySide6.QtGui import QColor

# ColorBrewer YlOrRd (sequential, safe for the common colour-vision deficiencies),
# stretched over the 0–10 scale.
_YL_OR_RD = ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c",
             "#bd0026", "#800026")

UNMARKED = QColor("#f3efe9")
UNRATED = QColor("#d9e6f5")      # marked, intensity not given yet
OUTLINE = QColor("#5d5750")
REGION_EDGE = QColor("#b9b1a6")
CURRENT = QColor("#1f5fbf")      # blue: stands apart from the yellow-red scale
HOVER = QColor("#3d7fd9")
ARROW = QColor("#1b3d73")
LABEL = QColor("#3b3631")
DETAIL = QColor(93, 87, 80, 150)  # face and navel lines


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def intensity_color(value: float, maximum: float = 10.0) -> QColor:
    """The fill for an intensity between 0 and ``maximum``."""
    position = max(0.0, min(1.0, value / maximum)) * (len(_YL_OR_RD) - 1)
    low = int(position)
    high = min(low + 1, len(_YL_OR_RD) - 1)
    return _mix(QColor(_YL_OR_RD[low]), QColor(_YL_OR_RD[high]), position - low)


def text_color_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#000000") if luminance > 0.45 else QColor("#ffffff")
