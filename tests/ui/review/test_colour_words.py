"""A title that names a colour names the one drawn: the highlighted bars of the Scores'
WPI chart (generalized pain), of Patterns' and the report's hours (midnight to 8 am) are
red, and said so (the titles said "orange" over red bars). The colour of a drawn bar is
named here from its hue, worked out from the pixels, not from the app's own table."""

import colorsys
import re
from datetime import date

import pdfplumber
from PySide6.QtGui import QColor

from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from tests.helpers.records import at

COLOUR_WORDS = ("red", "orange", "yellow", "green", "blue", "purple", "pink", "grey")
TODAY = date(2026, 5, 10)


def hue_word(colour: QColor) -> str:
    """The everyday word for a colour, from its hue (HLS, degrees) and saturation."""
    hue, _light, saturation = colorsys.rgb_to_hls(colour.redF(), colour.greenF(), colour.blueF())
    if saturation < 0.15:
        return "grey"
    degrees = hue * 360
    for word, upto in (("red", 15), ("orange", 45), ("yellow", 70), ("green", 165),
                       ("blue", 255), ("purple", 290), ("pink", 340), ("red", 361)):
        if degrees < upto:
            return word
    raise AssertionError(degrees)


def named(title: str) -> set[str]:
    return {word for word in COLOUR_WORDS if re.search(rf"\b{word}\b", title)}


def bar_colours(chart) -> dict[int, QColor]:
    """The colour of each labelled bar of a BarChart on the screen, just above its label."""
    image = chart.grab().toImage()
    return {index: image.pixelColor(int(box.center().x()), int(box.top()) - 4)
            for index, _lines, box in chart.label_boxes()}


def test_the_scores_and_patterns_titles_name_the_colour_of_their_picked_out_bars(qtbot, store):
    from fibromap.ui.review.patterns_page import PatternsPage
    from fibromap.ui.review.scores_page import ScoresPage

    store.flares.add_many([
        Flare(onset=at(2026, 5, 4, 3), sites=(SpasmSite("upper_trapezius.left", 6),
                                              SpasmSite("upper_trapezius.right", 4))),
        Flare(onset=at(2026, 5, 6, 15), sites=(SpasmSite("gluteus_medius.left", 7),
                                               SpasmSite("posterior_neck.left", 3))),
    ])
    scores = ScoresPage(store, load_atlas(), today=lambda: TODAY)
    patterns = PatternsPage(store, load_atlas(), today=lambda: TODAY)
    for page in (scores, patterns):
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        qtbot.waitUntil(lambda p=page: not p.worker.busy and p.data is not None)
    chart = scores.wpi_chart
    [generalized] = chart.highlight
    assert named(chart.title) == {hue_word(bar_colours(chart)[generalized])} == {"red"}
    hours = patterns.hours
    drawn = bar_colours(hours)
    night, day = drawn[3], drawn[15]  # the hours of the two flares
    assert hue_word(night) != hue_word(day)  # picked out
    assert named(hours.title) == {hue_word(night)}
    assert "midnight to 8 am" in hours.title


def test_the_reports_hours_title_names_the_colour_of_its_night_bars(tmp_path, sqlite_url, paths):
    from fibromap.cli import main
    from fibromap.store.store import Store

    store = Store.open(sqlite_url, paths)
    store.flares.add_many([Flare(onset=at(2026, 4, day, hour), sites=(SpasmSite("soleus.left", 5),))
                           for day, hour in ((20, 3), (21, 4), (22, 14), (23, 15), (24, 16))])
    store.close()
    target = tmp_path / "report.pdf"
    assert main(["report", "--from", "2026-04-01", "--to", "2026-04-30", "-o", str(target)]) == 0
    with pdfplumber.open(target) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines()
            title = next((line for line in lines if "by hour of the day" in line["text"]), None)
            if title is None:
                continue
            bars = sorted((rect for rect in page.rects if title["bottom"] < rect["top"]
                           < title["bottom"] + 100 and rect["width"] < 30),
                          key=lambda rect: rect["x0"])
            colours = [QColor.fromRgbF(*rect["non_stroking_color"][:3]) for rect in bars]
            night, day = hue_word(colours[0]), hue_word(colours[-1])  # 03:00, 16:00
            assert night != day
            assert named(title["text"]) == {night}
            return
    raise AssertionError("no hours chart in the report")
