"""The dots of a deep muscle and the hatching of a referred zone are shapes in the drawing
(small circles, thin strips), never a brush pattern, so every PDF reader draws them alike;
a deep muscle with no colour of its own shows the colour of the muscle over it, so a
coloured buttock has no pale hole where the piriformis lies under it."""

import io
import math
import shutil
import subprocess
from statistics import median

import pypdf
import pytest
from PIL import Image
from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QGraphicsScene

from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import SiteRole
from fibromap.domain.geometry import load_geometry
from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.orientation import Orientation

DEEP = ("piriformis.left", "gluteus_minimus.right", "quadratus_lumborum.left", "iliopsoas.right")


@pytest.fixture
def figures(qapp):
    scene = QGraphicsScene()
    drawn = BodyFigures(scene, load_atlas(), load_geometry(), QFont("DejaVu Sans"))
    drawn.apply_orientation(Orientation.CLINICIAN)
    drawn.scene_ref = scene  # keep the scene alive with the figures
    return drawn


def colour_values(figures, values):
    figures.set_values(values, lambda v: v / 10, lambda v: f"{v:g}")
    for region_id in figures.region_items:
        figures.refresh(region_id)
        figures.labels[region_id].hide()


def render(figures, scale=2.0) -> QImage:
    source = figures.scene.sceneRect()
    image = QImage(int(source.width() * scale), int(source.height() * scale),
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    figures.scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image


def common_colour(image, figures, region_id, scale=2.0) -> QColor:
    """The colour most of a region's middle shows (its fill, not its dots)."""
    item = figures.region_items[region_id]
    box = item.mapToScene(item.path()).boundingRect()
    left = figures.scene.sceneRect().left()
    centre = box.center()
    names = [image.pixelColor(int((centre.x() - left + dx) * scale),
                              int((centre.y() + dy) * scale)).name()
             for dx in range(-4, 5) for dy in range(-2, 3)]
    return QColor(max(set(names), key=names.count))


def test_the_dots_are_small_circles_wholly_inside_their_muscle(figures):
    for region_id in DEEP:
        item = figures.region_items[region_id]
        circles = item.marks_path("dots").toSubpathPolygons()
        assert len(circles) >= 3, region_id  # the smallest deep muscles hold a few
        for polygon in circles:
            points = list(polygon)
            box = polygon.boundingRect()
            centre = box.center()
            radii = [math.hypot(p.x() - centre.x(), p.y() - centre.y()) for p in points]
            assert max(radii) - min(radii) < 0.05 * max(radii), region_id  # a circle
            assert 0.5 < median(radii) < 3.0  # small: a dot, not a blob
            assert item.path().contains(box), region_id


def test_a_referred_zone_is_hatched_with_strips_inside_it(figures):
    item = figures.region_items["soleus.left"]
    item.role = SiteRole.REFERRED
    strips = item.marks_path("hatching")
    assert len(strips.toSubpathPolygons()) >= 6
    outside = strips.subtracted(item.path()).boundingRect()
    assert outside.width() * outside.height() < 1.0  # nothing of it outside the zone


def test_a_deep_muscle_shows_the_colour_over_it_until_it_has_its_own(figures):
    colour_values(figures, {"gluteus_maximus.left": 10.0, "gluteus_medius.right": 4.0})
    image = render(figures)
    over = common_colour(image, figures, "gluteus_maximus.left")
    # Not a pale hole in the red buttock: the piriformis lies under the gluteus maximus.
    assert common_colour(image, figures, "piriformis.left") == over
    assert common_colour(image, figures, "gluteus_minimus.right") == common_colour(
        image, figures, "gluteus_medius.right")
    unmarked = common_colour(image, figures, "piriformis.right")  # nothing over it either
    assert unmarked.lightness() > 200
    colour_values(figures, {"gluteus_maximus.left": 10.0, "piriformis.left": 2.0})
    image = render(figures)
    own = common_colour(image, figures, "piriformis.left")
    assert own != over and own == common_colour(image, figures, "piriformis.left")
    assert own.lightness() > over.lightness()  # 2 of 10 is lighter than 10 of 10


def write_pdf(figures, target, region_id=None):
    """The figures (or one region, filling the page) on an A5 page, as the report draws."""
    writer = QPdfWriter(str(target))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setResolution(300)
    painter = QPainter(writer)
    source = figures.scene.sceneRect()
    if region_id is not None:
        item = figures.region_items[region_id]
        source = item.mapToScene(item.path()).boundingRect()
    page = QRectF(0, 0, writer.width(), writer.height())
    figures.scene.render(painter, page, source)
    painter.end()
    return source


def test_the_pdf_holds_the_dots_as_shapes_not_as_a_tiling_pattern(figures, tmp_path):
    colour_values(figures, {"gluteus_maximus.left": 10.0})
    figures.region_items["soleus.left"].role = SiteRole.REFERRED  # hatched as well
    figures.region_items["soleus.left"].value = None
    figures.refresh("soleus.left")
    target = tmp_path / "map.pdf"
    write_pdf(figures, target)
    raw = target.read_bytes()
    assert b"/PatternType" not in raw  # a pattern brush is a tiling pattern
    content = "".join(page.get_contents().get_data().decode("latin-1")
                      for page in pypdf.PdfReader(target).pages)
    dots = sum(len(figures.region_items[r].marks_path("dots").toSubpathPolygons())
               for r in figures.region_items if r.split(".")[0] in {d.split(".")[0] for d in DEEP})
    # Each circle is four Bézier curves ("c") in the page's own drawing.
    assert content.count(" c\n") >= 4 * dots


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("gs")),
                    reason="needs poppler's pdftoppm and Ghostscript")
def test_poppler_and_ghostscript_draw_the_dots_alike(figures, tmp_path):
    """One deep muscle over a whole page: its dots as each reader draws them, compared by
    the spread and the mean of the grey levels inside it."""
    import numpy as np

    colour_values(figures, {"quadratus_lumborum.left": 6.0})
    target = tmp_path / "dots.pdf"
    write_pdf(figures, target, "quadratus_lumborum.left")
    images = {}
    for reader, command in (("poppler", ["pdftoppm", "-r", "60", "-png", str(target)]),
                            ("ghostscript", ["gs", "-q", "-dSAFER", "-sDEVICE=png16m", "-r60",
                                             "-dGraphicsAlphaBits=4", "-o", "-", str(target)])):
        data = subprocess.run(command, capture_output=True, check=True).stdout
        pixels = np.asarray(Image.open(io.BytesIO(data)).convert("L"))  # one grey for both
        height, width = pixels.shape
        images[reader] = pixels[height // 3: 2 * height // 3, width // 3: 2 * width // 3]
    poppler, ghostscript = images["poppler"].astype(float), images["ghostscript"].astype(float)
    assert poppler.std() > 5 and ghostscript.std() > 5  # dots, not a flat fill
    assert abs(poppler.mean() - ghostscript.mean()) < 4
    assert abs(poppler.std() - ghostscript.std()) < 0.25 * max(poppler.std(), ghostscript.std())
