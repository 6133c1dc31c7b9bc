"""View › Body figure: the female, male or neutral figure on every map, kept with the
marks and arrows being drawn, remembered, and followed by the report."""

from datetime import date

import pypdf
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from fibromap.domain.atlas import View, load_atlas
from fibromap.domain.flare import Flare, SiteRole, SpasmSite
from fibromap.domain.geometry import Build, load_geometry
from fibromap.figure.orientation import Orientation
from fibromap.i18n import _
from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.menus import FIGURE_SHOWN
from fibromap.ui.settings import Settings
from tests.helpers.records import at


def figure_action(window, build: Build):
    return next(a for a in window.menu_actions.figures.actions() if a.data() == build)


def drawn_bounds(body_map, region_id: str) -> QRectF:
    return body_map.region_items[region_id].path().boundingRect()


def expected_bounds(build: Build, region_id: str, view: View = View.FRONT) -> QRectF:
    xs, ys = zip(*load_geometry(build).views[view].regions[region_id].outer)
    return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def test_the_view_menu_offers_three_figures_with_the_neutral_one_first_chosen(window):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    figure_menu = next(a.menu() for a in view_menu.actions() if a.text() == "Body &figure")
    names = [a.text().replace("&", "") for a in figure_menu.actions()]
    assert names == ["Female figure", "Male figure", "Neutral figure (between the two)"]
    assert window.menu_actions.figures.isExclusive()
    assert [a.isChecked() for a in figure_menu.actions()] == [False, False, True]
    assert drawn_bounds(window.log.map, "anterior_deltoid.left") == expected_bounds(
        Build.NEUTRAL, "anterior_deltoid.left")


def test_choosing_a_figure_redraws_every_map_and_keeps_what_is_marked(qtbot, window, paths):
    body_map = window.log.map
    body_map.marks.mark("anterior_deltoid.left", 6)
    body_map.marks.mark("upper_trapezius.right", 4, SiteRole.TRIGGER_POINT)
    body_map.marks.set_current("upper_trapezius.right")
    body_map.set_referral_mode(True)
    body_map.marks.toggle_referral("temporalis.right")
    body_map.set_referral_mode(False)
    sites, links = body_map.marks.sites(), body_map.marks.link_marks()
    heatmap, overview = window.page("heatmap"), window.page("overview")
    arrow_before = body_map.arrows()[("upper_trapezius.right", "temporalis.right")].sceneBoundingRect()

    figure_action(window, Build.FEMALE).trigger()

    assert figure_action(window, Build.FEMALE).isChecked()
    assert not figure_action(window, Build.NEUTRAL).isChecked()
    for region_id in ("anterior_deltoid.left", "forehead", "adductors.right"):
        assert drawn_bounds(body_map, region_id) == expected_bounds(Build.FEMALE, region_id)
    assert drawn_bounds(body_map, "gluteus_maximus.left") == expected_bounds(
        Build.FEMALE, "gluteus_maximus.left", View.BACK)
    for page_map in (heatmap.map, overview.map, *(small for _t, small in heatmap.month_maps)):
        assert page_map.body_geometry.build is Build.FEMALE
        assert drawn_bounds(page_map, "anterior_deltoid.left") == expected_bounds(
            Build.FEMALE, "anterior_deltoid.left")
    # The flare being typed is untouched; its number sits at the region's new middle.
    assert body_map.marks.sites() == sites and body_map.marks.link_marks() == links
    label = body_map.figures.labels["anterior_deltoid.left"]
    assert label.isVisible() and label.text() == "6"
    middle = label.sceneBoundingRect().center()
    anchor = body_map.scene_anchor("anterior_deltoid.left")
    assert abs(middle.x() - anchor.x()) < 1 and abs(middle.y() - anchor.y()) < 1
    item = body_map.region_items["anterior_deltoid.left"]
    assert item.contains(item.mapFromScene(anchor))
    # The arrow runs between the new anchors (stopping 9 units short of each).
    arrow = body_map.arrows()[("upper_trapezius.right", "temporalis.right")]
    assert arrow.sceneBoundingRect() != arrow_before
    for end in ("upper_trapezius.right", "temporalis.right"):
        assert arrow.sceneBoundingRect().adjusted(-10, -10, 10, 10).contains(
            body_map.scene_anchor(end))
    assert window.statusBar().currentMessage() == _(FIGURE_SHOWN[Build.FEMALE])
    # Remembered: the next start draws the female figure and ticks it.
    assert Settings(paths.settings_file).build is Build.FEMALE
    again = MainWindow(window.store, Settings(paths.settings_file), paths)
    qtbot.addWidget(again)
    assert again.log.map.body_geometry.build is Build.FEMALE
    assert figure_action(again, Build.FEMALE).isChecked()
    assert again.page("heatmap").map.body_geometry.build is Build.FEMALE
    assert again.page("overview").map.body_geometry.build is Build.FEMALE


def test_a_figure_chosen_in_a_detail_view_shows_when_the_whole_body_is_back(window):
    """The detail views are the same on every figure; the whole figure follows the choice
    while hidden."""
    body_map = window.log.map
    body_map.views.show((View.PALMS,))
    body_map.marks.mark("thenar.left", 5)
    figure_action(window, Build.MALE).trigger()
    assert body_map.figures.shown == (View.PALMS,)
    assert drawn_bounds(body_map, "thenar.left") == expected_bounds(
        Build.NEUTRAL, "thenar.left", View.PALMS)
    body_map.views.whole_body()
    assert drawn_bounds(body_map, "palm.left") == expected_bounds(Build.MALE, "palm.left")
    parent = body_map.region_items["palm.left"]
    assert parent.parts_marked and parent.fill_color() != QColor("white")


def test_an_unknown_figure_in_the_settings_file_falls_back_to_the_neutral_one(paths):
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("[bodymap]\nfigure=child\n", encoding="utf-8")
    assert Settings(paths.settings_file).build is Build.NEUTRAL


def front_widths(store, build: Build, heights: tuple[float, ...]) -> list[int]:
    """The report's body maps drawn for a month (with a flare: an empty month has no body
    map), and the width in pixels of the front figure's row at each of ``heights`` (head
    units from the top of the head)."""
    from fibromap.analysis.periods import Period
    from fibromap.analysis.report_data import load_report
    from fibromap.figure.body_figures import TITLE_SPACE
    from fibromap.report.body_maps import MAP_HEIGHT, body_maps

    atlas = load_atlas()
    data = load_report(store, Period(date(2026, 4, 1), date(2026, 4, 30)), atlas)
    image = QImage(1200, int(MAP_HEIGHT + 40), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    body_maps(data, atlas, Orientation.CLINICIAN, build)[0].draw(
        painter, QRectF(0, 0, 1200, MAP_HEIGHT + 40))
    painter.end()
    geometry = load_geometry(build)
    front = geometry.views[View.FRONT]
    scale = MAP_HEIGHT / (front.height + TITLE_SPACE + 4)  # the scene, fitted to the height
    widths = []
    for height in heights:
        y = round(16 + (TITLE_SPACE + 12 + height * geometry.head_unit) * scale)
        # The front figure, wherever the room for numbers beside it puts it: the left half.
        row = [x for x in range(image.width() // 2) if image.pixelColor(x, y) != QColor("white")]
        widths.append(max(row) - min(row))
    return widths


def test_the_report_draws_the_chosen_figure(store, qapp):
    store.flares.add(Flare(onset=at(2026, 4, 29, 9), sites=(SpasmSite("soleus.left", 5),)))  # back
    shoulders, hips = zip(*(front_widths(store, b, (1.7, 3.95)) for b in Build))
    female, male, neutral = 0, 1, 2
    assert shoulders[female] < shoulders[neutral] < shoulders[male]
    # At the hips the hands hang beside them: the whole row is wider for the woman.
    assert hips[male] < hips[neutral] < hips[female]


def test_the_report_command_follows_the_figure_chosen_in_the_app(sqlite_url, paths, tmp_path):
    from fibromap.cli import main

    store = Store.open(sqlite_url, paths)
    store.flares.add(Flare(onset=at(2026, 4, 29, 9), sites=(SpasmSite("soleus.left", 5),)))
    store.close()
    settings = Settings(paths.settings_file)
    drawn = {}
    for build in (Build.FEMALE, Build.MALE, Build.FEMALE):
        settings.build = build
        target = tmp_path / f"{build.value}.pdf"
        assert main(["report", "--to", "2026-04-30", "-o", str(target)]) == 0
        pages = pypdf.PdfReader(target).pages
        drawn.setdefault(build, []).append(b"".join(page.get_contents().get_data()
                                                    for page in pages))
    assert drawn[Build.FEMALE][0] == drawn[Build.FEMALE][1]  # the same figure, the same page
    assert drawn[Build.FEMALE][0] != drawn[Build.MALE][0]
    text = [pypdf.PdfReader(tmp_path / f"{b.value}.pdf").pages[0].extract_text()
            for b in (Build.FEMALE, Build.MALE)]
    assert text[0] == text[1]  # only the drawing differs
