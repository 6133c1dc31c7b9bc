"""The report's map as the app's: its numbers (tests/helpers/heat_numbers.py) on a year and
on ten years of demo data, for an A4 and a Letter page: none misleads, none is under 7
points, and the room beside the figures holds numbers; in the PDF written, each number on
the map is text of at least 7 points. Its colours: ten years show at least four classes
that read apart (by lightness, so with any colour vision), each region in the colour of
the class its figure is in, and the key under the map says what each holds."""

from collections import Counter
from datetime import timedelta

import pdfplumber
import pytest
from PySide6.QtGui import QColor

from fibromap.analysis.periods import Period
from fibromap.analysis.report_data import load_report
from fibromap.config import Paths
from fibromap.demo import generate
from fibromap.domain.atlas import load_atlas
from fibromap.domain.geometry import Build
from fibromap.domain.records import Records
from fibromap.figure.legend import class_colour
from fibromap.figure.orientation import Orientation
from fibromap.i18n import ngettext
from fibromap.report.body_maps import MAP_HEIGHT, NUMBER_PT, SHORT_MAP_HEIGHT, PaperMap, _Map
from fibromap.report.pdf import write_report
from fibromap.store.bulk import write_new
from fibromap.store.store import Store
from tests.helpers.colour import cie_lightness
from tests.helpers.heat_numbers import check_arrows, check_numbers
from tests.helpers.refusals import parsed

LEFT_OFF = ("{n} smaller number ({each}) is left off the figures for want of room; "
            "their colours still show them.",
            "{n} smaller numbers ({each}) are left off the figures for want of room; "
            "their colours still show them.")

WIDTHS = {"a4": 595.28 - 2 * 14 / 25.4 * 72, "letter": 612 - 2 * 14 / 25.4 * 72}


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory):
    """Ten years of demo flares in a database of this module's own, and its report data
    for the last 3 and 6 days, the last year and all ten."""
    folder = tmp_path_factory.mktemp("ten-years")
    paths = Paths(folder, folder / "backups", folder / "logs", folder / "settings.ini")
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    history = generate(days=3650, seed=1)
    write_new(store, Records(flares=history.flares))
    last = max(f.onset for f in history.flares).date()
    atlas = load_atlas()
    data = {days: load_report(store, Period(last - timedelta(days=days - 1), last), atlas)
            for days in (3, 6, 365, 3650)}
    store.close()
    return data


@pytest.mark.parametrize("page", ["a4", "letter"])
@pytest.mark.parametrize("days", [365, 3650])
def test_the_report_map_numbers_never_mislead(qapp, ten_years, days, page):
    paper = PaperMap(ten_years[days], load_atlas(), Orientation.CLINICIAN)
    paper.fit(WIDTHS[page])
    counts = check_numbers(paper.figures, paper.numbers, paper.arrows)
    assert counts["drawn"] >= 30, counts
    arrows = check_arrows(paper.figures, paper.arrows, paper.numbers)
    assert arrows["arrows"] == 12 and arrows["to the other figure"] >= 1, arrows
    drawn = paper.scene.sceneRect()
    points = min(MAP_HEIGHT / drawn.height(), WIDTHS[page] / drawn.width())  # per scene unit
    for label in paper.numbers.labels.values():
        assert label.font.pixelSize() * points >= NUMBER_PT - 1e-6
    figures = paper.figures
    frames = [figures.containers[view].sceneBoundingRect() for view in figures.shown]
    assert figures.margin > 0 and any(not any(label.box.intersects(frame) for frame in frames)
                                      for label in paper.numbers.labels.values())


@pytest.mark.parametrize("days", [3, 6])
def test_a_short_periods_map_grows_rather_than_leave_numbers_off(qapp, ten_years, days):
    """Less than a week shares its page, with smaller figures beside the notes; at their
    smallest, 7-point numbers found no room beside the regions and most were left off
    (13 of 14 over 5 days). The figures grow until every number is drawn."""
    data = ten_years[days]
    parts = _Map(data, load_atlas(), Orientation.CLINICIAN, Build.NEUTRAL)
    width, lines = parts.beside(WIDTHS["a4"])
    paper = parts.paper
    assert len(data.figures) >= 5 and paper.height > SHORT_MAP_HEIGHT
    assert paper.numbers.left_off == [] and not any(
        parsed(line, ngettext(*LEFT_OFF, n)) for line in lines for n in (1, 2))
    counts = check_numbers(paper.figures, paper.numbers, paper.arrows)
    assert counts["drawn"] == len(paper.numbers.labels) >= 5, counts


def test_every_word_on_the_map_in_the_pdf_is_7_points_or_more(qapp, ten_years, tmp_path):
    """The figures' titles, their L and R and every number, between the figures' titles
    and the key under them; the figures themselves taller than the 312 points they had."""
    target = tmp_path / "report.pdf"
    write_report(ten_years[3650], load_atlas(), target)
    with pdfplumber.open(target) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"])
            titles = [w for w in words if w["text"] in ("Front", "Back")]
            key = [w for w in words if w["text"] == "Flares" and titles
                   and w["top"] > titles[-1]["top"] + 100]
            if not titles or not key:
                continue
            top, bottom = max(w["top"] for w in titles) - 1, key[0]["top"]
            on_map = [w for w in words if top <= w["top"] < bottom]
            numbers = [w for w in on_map if w["text"].isdigit()]
            top_flares = max(f.flares for f in ten_years[3650].figures.values())
            assert len(numbers) >= 30 and str(top_flares) in {w["text"] for w in numbers}
            assert {"Front", "Back", "L", "R"} <= {w["text"] for w in on_map}
            assert min(w["size"] for w in on_map) >= NUMBER_PT - 0.01, sorted(
                (round(w["size"], 1), w["text"]) for w in on_map)[:3]
            assert bottom - top >= 390  # the figures and their titles, in points (313 before)
            paper = PaperMap(ten_years[3650], load_atlas(), Orientation.CLINICIAN)
            assert paper.scale is not None
            words = page.extract_text() + pdf.pages[min(len(pdf.pages) - 1, page.page_number)].extract_text()
            assert all(text in words for text in paper.scale.texts())  # the key
            return
    raise AssertionError("no map in the report")


def test_ten_years_on_paper_show_at_least_four_colour_classes(qapp, ten_years):
    paper = PaperMap(ten_years[3650], load_atlas(), Orientation.CLINICIAN)
    items = [item for item in paper.figures.region_items.values() if item.value]
    counts = Counter(item.brush().color().name() for item in items)
    # Colours that many regions share (5 % or more), told apart by lightness alone.
    common = sorted(cie_lightness(QColor(name)) for name, n in counts.items()
                    if n >= 0.05 * len(items))
    apart = 1 + sum(1 for a, b in zip(common, common[1:], strict=False) if b - a >= 10)
    assert apart >= 4, common
    scale = paper.scale
    assert scale is not None and len(scale.classes) >= 4
    for item in items:  # each region in its class's colour, as the key shows it
        chosen = next(c for c in scale.classes if c.low <= item.value <= c.high)
        assert item.brush().color().name() == class_colour(scale.position(chosen.high)).name()
