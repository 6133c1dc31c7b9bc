"""Colours of the body map: a colour-blind-safe intensity scale and the marks around it."""

from __future__ import annotations

from PySide6.QtGui import QColor

from fibromap.i18n import N_

# A sequential light-orange to dark-red scale (ColorBrewer RdYlBu's warm end, RdBu's darkest
# red), stretched over the 0–10 scale. Its CIE lightness falls in even steps of about 14
# (L* 77, 62, 48, 34, 20), so it reads with any colour vision; its lightest class is already
# 17 L* darker than unmarked skin (L* 95), the pale yellows that were barely different are
# left out.
SCALE = ("#fdae61", "#f46d43", "#d73027", "#a50026", "#67001f")

UNMARKED = QColor("#f3efe9")
UNRATED = QColor("#d9e6f5")      # marked, intensity not given yet
OUTLINE = QColor("#5d5750")
REGION_EDGE = QColor("#b9b1a6")
CURRENT = QColor("#1f5fbf")      # blue: stands apart from the yellow-red scale
HOVER = QColor("#3d7fd9")
ARROW = QColor("#1b3d73")
LABEL = QColor("#3b3631")
DETAIL = QColor(93, 87, 80, 150)  # face and navel lines
# The bars of a chart, and the bars it picks out (night hours, weeks of generalized pain):
# each with the word its title uses for it, so a title names the colour it shows.
BAR = QColor("#7a9cc6")
BAR_WORD = N_("blue")  # shown as _(BAR_WORD)
HIGHLIGHT = QColor(SCALE[2])   # the scale's middle red, #d73027 (hue 3°)
HIGHLIGHT_WORD = N_("red")


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def intensity_color(value: float, maximum: float = 10.0) -> QColor:
    """The fill for an intensity between 0 and ``maximum``."""
    position = max(0.0, min(1.0, value / maximum)) * (len(SCALE) - 1)
    low = int(position)
    high = min(low + 1, len(SCALE) - 1)
    return _mix(QColor(SCALE[low]), QColor(SCALE[high]), position - low)


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance: the sRGB channels made linear, then weighted."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF())
            + 0.0722 * linear(color.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_color_on(fill: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``fill`` (at least 4.58:1 on any fill)."""
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast_ratio(black, fill) >= contrast_ratio(white, fill) else white
