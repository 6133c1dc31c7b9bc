"""`fibromap screenshot`: a view of the app rendered offscreen to a PNG file."""

from fibromap.exchange.files import PROTECTED_PLAIN_WARNING
from fibromap.i18n import _ as gettext
from tests.cli.test_cli import run


def test_screenshot_renders_a_view_to_png(capsys, tmp_path):
    from PySide6.QtGui import QImage

    run(capsys, "demo", "--into-records", "--days", "20")
    target = tmp_path / "map.png"
    code, out, err = run(capsys, "screenshot", "bodymap", "-o", str(target), "--size", "1000x700")
    assert code == 0, err
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1000, 700)
    # The latest flare is painted in the warm intensity colours (the page and the
    # unmarked body are white and pale beige, both high in blue).
    pixels = [image.pixelColor(x, y) for x in range(0, 1000, 3) for y in range(40, 700, 3)]
    assert sum(1 for p in pixels if p.red() > 150 and p.blue() < 140) > 5


def test_a_screenshot_of_the_map_alone_in_another_figure_leaves_the_setting(capsys, tmp_path,
                                                                              paths):
    from PySide6.QtGui import QImage

    from fibromap.domain.atlas import View
    from fibromap.domain.geometry import Build
    from fibromap.ui.settings import Settings
    from fibromap.ui.views import MAP_VIEWS

    assert MAP_VIEWS[1:] == tuple(v.value for v in View if v.figure != "body")
    run(capsys, "demo", "--into-records", "--days", "5")
    Settings(paths.settings_file).build = Build.MALE
    sizes = {}
    for name, extra in (("female", ["--figure", "female"]), ("male", []),
                        ("palms", ["--map", "palms"])):
        target = tmp_path / f"{name}.png"
        code, _out, err = run(capsys, "screenshot", "log", "-o", str(target), "--map-only", *extra)
        assert code == 0, err
        image = QImage(str(target))
        sizes[name] = (image.width(), image.height())
    # The map alone: narrower than the window, as high as its column; the palms need a
    # wider map than the two figures.
    assert sizes["female"] == sizes["male"] and sizes["female"][0] < 640
    assert sizes["palms"][0] > sizes["female"][0] and sizes["palms"][1] == sizes["male"][1]
    assert Settings(paths.settings_file).build is Build.MALE


def test_a_screenshot_shows_no_personal_path(capsys, tmp_path, monkeypatch, paths):
    """The status bar names the kind of database, not the folder it lives in."""
    from fibromap.ui import screenshot

    shown = []
    real = screenshot.MainWindow

    class Watched(real):
        def grab(self, *args):
            shown.append(self.database_label.text())
            return super().grab(*args)

    monkeypatch.setattr(screenshot, "MainWindow", Watched)
    run(capsys, "demo", "--into-records", "--days", "5")
    code, _out, err = run(capsys, "screenshot", "overview", "-o", str(tmp_path / "o.png"))
    assert code == 0, err
    assert shown == ["Database: SQLite file"]
    assert str(paths.data_dir) not in shown[0] and "fibromap.sqlite3" not in shown[0]


def test_a_screenshot_of_protected_records_warns_that_the_picture_is_not(capsys, tmp_path,
                                                                         paths):
    from fibromap.store import cipher
    from fibromap.store.store import Store

    Store.open(f"sqlite:///{paths.database_file}", paths, passphrase="pictures too").close()
    cipher.forget_all()
    secret = tmp_path / "pass"
    secret.write_text("pictures too\n")
    code, _out, err = run(capsys, "screenshot", "log", "-o", str(tmp_path / "log.png"),
                          "--size", "1024x700", "--passphrase-file", str(secret))
    assert code == 0 and (tmp_path / "log.png").stat().st_size > 0
    assert gettext("fibromap: warning: {warning}").format(
        warning=gettext(PROTECTED_PLAIN_WARNING)) in err


def test_a_screenshot_of_the_deep_layer_marks_every_deep_muscle_and_saves_nothing(
        capsys, tmp_path, monkeypatch, paths):
    """The README's picture of the deep layer: each deep muscle of the whole figure marked
    on the Log's map when the picture is taken, and the records left as they were."""
    from fibromap.domain.atlas import Layer, load_atlas
    from fibromap.store.store import Store
    from fibromap.ui import screenshot

    marked = []
    real = screenshot.MainWindow

    class Watched(real):
        def grab(self, *args):
            marked.append({region for region, _mark in self.log.map.marks.marks()})
            return super().grab(*args)

    monkeypatch.setattr(screenshot, "MainWindow", Watched)
    run(capsys, "demo", "--into-records", "--days", "5")
    url = f"sqlite:///{paths.database_file}"
    store = Store.open(url, paths)
    before = store.flares.count()
    store.close()
    code, _out, err = run(capsys, "screenshot", "bodymap", "--deep",
                          "-o", str(tmp_path / "deep.png"))
    assert code == 0, err
    deep = {r.id for r in load_atlas() if r.layer is Layer.DEEP and r.parent is None}
    assert {"piriformis.left", "quadratus_lumborum.right"} <= deep
    assert marked == [deep]
    store = Store.open(url, paths)
    assert store.flares.count() == before > 0
    store.close()
