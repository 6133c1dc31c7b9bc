"""A bar's number in the report stays readable where the mean-intensity line crosses it."""

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from fibromap.report.charts import bar_chart


def test_the_intensity_line_never_runs_through_a_bars_number(qapp):
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    # Bars of 5 on an axis to 10, and a line at 5.5 of 10 just above their tops: it runs
    # right where each bar's number sits.
    bar_chart(painter, QRectF(0, 0, 400, 200), ["a", "b", "c"], [5, 5, 5],
              line=[5.5, 5.5, 5.5], line_max=10.0, scale_max=10)
    painter.end()
    def grey_ink(c):  # the number's strokes, antialiased: dark and without hue
        return c.red() < 150 and abs(c.red() - c.green()) < 24 and abs(c.green() - c.blue()) < 24

    def line_red(c):  # the intensity line's colour, antialiased against white or a bar
        return c.red() > c.green() + 60 and c.red() > c.blue() + 30

    for centre in (int(400 * k / 6) for k in (1, 3, 5)):  # roughly each bar's middle
        ink = [(x, y) for y in range(image.height()) for x in range(centre - 20, centre + 20)
               if grey_ink(image.pixelColor(x, y)) and y < 150]  # above the axis labels
        assert ink, "no number drawn"
        xs, ys = [x for x, _y in ink], [y for _x, y in ink]
        crossed = [(x, y) for y in range(min(ys), max(ys) + 1) for x in range(min(xs), max(xs) + 1)
                   if line_red(image.pixelColor(x, y))]
        assert crossed == [], f"the line runs through the number at x={centre}"


def test_the_intensity_line_breaks_where_a_week_has_no_intensity(qapp):
    """A week with no mark in pain has no mean intensity: the line is not drawn across it
    as if it were known (it joined the weeks either side)."""
    image = QImage(600, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    bar_chart(painter, QRectF(0, 0, 600, 200), ["a", "b", "c", "d"], [0, 0, 0, 0],
              line=[3.0, 3.0, None, 3.0], line_max=10.0)
    painter.end()

    def line_red(c):
        return c.red() > c.green() + 60 and c.red() > c.blue() + 30

    def red_in_column(x):
        return any(line_red(image.pixelColor(x, y)) for y in range(20, 170))

    slot = (600 - 30) / 4  # roughly; the plot starts after the left axis
    assert red_in_column(int(30 + 1.0 * slot))           # between the first two weeks
    assert not red_in_column(int(30 + 2.5 * slot))       # across the week with none
