"""A pattern felt on both sides, end to end: the left rectus abdominis refers across both
sides of the back (trigger_points.json, ``both_sides``). Painted as a person does, the
right-hand zones suggest it as a source, and the arrows to both sides are drawn on the
front figure it starts from, one to each edge; the report's map draws the same."""

from datetime import UTC, datetime, timedelta

from fibromap.analysis.periods import Period
from fibromap.analysis.report_data import load_report
from fibromap.domain.atlas import Side, View, load_atlas
from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite
from fibromap.figure.orientation import Orientation
from fibromap.report.body_maps import PaperMap
from fibromap.ui.bodymap.body_map_page import BodyMapPage
from fibromap.ui.settings import Settings
from tests.helpers.map_clicks import click_region

SOURCE = "rectus_abdominis.left"


def back_zones() -> list[str]:
    """The zones of the left rectus abdominis's pattern on the back, each side's."""
    atlas = load_atlas()
    (pattern,) = atlas.patterns_from(SOURCE)
    zones = [z for z in pattern.zones if atlas.region(z).view is View.BACK
             and atlas.region(z).side is not Side.CENTER]
    assert {atlas.region(z).side for z in zones} == {Side.LEFT, Side.RIGHT}, zones
    return zones


def check_rings_on_both_edges(figures, arrows) -> None:
    """Each arrow ends in a ring (felt on the back, B) beside the front figure, on the
    side of the body its zone lies on; none reaches the back figure."""
    middle = figures.midline(View.FRONT)
    back = figures.containers[View.BACK].sceneBoundingRect()
    front = figures.containers[View.FRONT].sceneBoundingRect()
    sides = set()
    for arrow in arrows:
        assert arrow.isVisible() and arrow.letter == "B" and arrow.ring is not None, arrow.target
        bounds = arrow.sceneBoundingRect()
        assert bounds.intersects(front) and not bounds.intersects(back), arrow.target
        side = figures.atlas.region(arrow.target).side
        # Facing the person (the clinician's view) their left is on the viewer's right.
        assert (arrow.ring.x() > middle) == (side is Side.LEFT), arrow.target
        sides.add(side)
    assert sides == {Side.LEFT, Side.RIGHT}


def test_painting_both_sides_of_the_back_suggests_the_rectus_abdominis_and_draws_both(
        qtbot, paths):
    page = BodyMapPage(Settings(paths.settings_file))
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitExposed(page)
    page.orientation.setCurrentIndex(list(Orientation).index(Orientation.CLINICIAN))
    click_region(qtbot, page.map, SOURCE)
    qtbot.keyClick(page.map, "6")
    page.referral_button.click()
    zones = back_zones()
    for zone in zones:
        click_region(qtbot, page.map, zone)
    page.referral_button.click()
    assert [(r.source, r.target) for r in page.map.marks.referrals()] == [
        (SOURCE, zone) for zone in zones]
    # The zone on the other side: the left muscle, marked as the spasm, comes first.
    page.map.marks.set_current("erector_mid.right")
    assert not page.suggestions_box.isHidden()
    assert page.suggestions.item(0).text().startswith("Left rectus abdominis")
    qtbot.waitUntil(lambda: all(a.isVisible() for a in page.map.arrows().values()))
    check_rings_on_both_edges(page.map.figures, page.map.arrows().values())


def test_the_report_map_draws_the_referrals_to_both_sides_on_one_figure(qapp, store):
    zones = back_zones()
    onset = datetime(2026, 3, 2, 9, tzinfo=UTC)
    store.flares.add_many([Flare(
        onset=onset + timedelta(days=day),
        sites=(SpasmSite(SOURCE, 6),) + tuple(SpasmSite(z, 4, SiteRole.REFERRED) for z in zones),
        referrals=tuple(Referral(SOURCE, z, 4) for z in zones)) for day in range(3)])
    atlas = load_atlas()
    data = load_report(store, Period(onset.date(), onset.date() + timedelta(days=9)), atlas)
    paper = PaperMap(data, atlas, Orientation.CLINICIAN)
    paper.fit(500.0)
    assert sorted(a.target for a in paper.arrows) == sorted(zones)
    check_rings_on_both_edges(paper.figures, paper.arrows)
