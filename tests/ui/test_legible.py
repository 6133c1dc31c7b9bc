"""Every view and dialog, at 1280×800 and at 1024×700, with a year of demo data and with
nothing recorded: no text cut or elided, nothing reaching outside its place, no two drawn
labels overlapping, no horizontal scrollbar in a form, no control without a name a screen
reader can say (tests/helpers/legibility.py), and no Qt warning (the suite fails on any)."""

from __future__ import annotations

import shutil
import time

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from fibromap.config import Paths, database_url
from fibromap.demo import generate
from fibromap.domain.records import Records
from fibromap.store.bulk import write_new
from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from fibromap.ui.views import VIEWS
from tests.helpers.legibility import problems, unnamed

SIZES = {"1280x800": (1280, 800), "1024x700": (1024, 700)}


@pytest.fixture(scope="module")
def a_year(tmp_path_factory):
    """A database file holding a year of demo records, made once for the module."""
    home = tmp_path_factory.mktemp("year")
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    store = Store.open(database_url(paths, environ={}), paths)
    history = generate(days=365, seed=1)
    write_new(store, Records(flares=history.flares, checkins=history.checkins,
                             medications=history.medications,
                             questionnaires=list(history.questionnaires),
                             appointments=list(history.appointments)))
    store.devices.merge(list(history.device_sleeps), list(history.device_steps))
    store.close()
    return paths.database_file


@pytest.fixture(params=["year", "empty"])
def records(request, a_year, paths, sqlite_url):
    if request.param == "year":
        paths.ensure(paths.data_dir)
        shutil.copyfile(a_year, paths.database_file)
    store = Store.open(sqlite_url, paths)
    yield store
    store.close()


def settle(window) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + 20
    while True:
        for _ in range(3):
            app.processEvents()
        if not window.busy() or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    for _ in range(3):
        app.processEvents()


def fits(widget: QWidget, size: tuple[int, int]) -> list[str]:
    width, height = size
    if widget.width() > width or widget.height() > height:
        return [f"needs {widget.width()}x{widget.height()}, more than the {width}x{height} "
                "screen"]
    return []


@pytest.mark.parametrize("size", SIZES)
def test_every_view_is_legible(qtbot, records, paths, size):
    window = MainWindow(records, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.resize(*SIZES[size])
    window.show()
    qtbot.waitExposed(window)
    found = []
    for view in VIEWS:
        window.show_view(view)
        settle(window)
        found += [f"{view}: {line}" for line in fits(window, SIZES[size]) + problems(window)]
        found += [f"{view}: no name for {control}" for control in unnamed(window)]
    # The heat-map's other ways of showing: the biggest numbers (burden) and twelve maps.
    from fibromap.analysis.heatmap import Metric
    from fibromap.domain.geometry import Build

    heatmap = window.page("heatmap")
    window.show_view("heatmap")
    for name, choose in (
            ("burden", lambda: heatmap.metric_choice.setCurrentIndex(
                heatmap.metric_choice.findData(Metric.BURDEN))),
            ("one map per month", lambda: heatmap.by_month.setChecked(True))):
        choose()
        settle(window)
        found += [f"heatmap, {name}: {line}" for line in problems(window)]
    # The Log, the heat-map and the overview on the female and the male figure.
    heatmap.by_month.setChecked(False)
    for build in (Build.FEMALE, Build.MALE):
        window.set_build(build)
        for view in ("heatmap", "overview", "log"):
            window.show_view(view)
            settle(window)
            found += [f"{view}, {build.label.lower()}: {line}" for line in problems(window)]
    window.set_build(Build.NEUTRAL)
    # The Log's map in each detail view (the head, the hands, the feet).
    window.show_view("log")
    body = window.log.body
    for index in range(1, body.view_choice.count()):
        body.view_choice.activated.emit(index)
        settle(window)
        shown = body.view_choice.itemText(index)
        found += [f"log, {shown}: {line}" for line in problems(window)]
        found += [f"log, {shown}: no name for {control}" for control in unnamed(window)]
    assert found == [], "\n".join(found)


def dialogs(store, paths, settings, atlas, tmp_path):
    """Every dialog of the app, built on ``store``."""
    from fibromap.ui.dialogs.appointments_dialog import AppointmentsDialog
    from fibromap.ui.dialogs.backups_dialog import BackupsDialog
    from fibromap.ui.dialogs.devices_dialog import DevicesDialog
    from fibromap.ui.dialogs.exchange_dialogs import ExportDialog
    from fibromap.ui.dialogs.import_dialog import ImportDialog
    from fibromap.ui.dialogs.questionnaire_dialogs import FiqrDialog, SssDialog
    from fibromap.ui.dialogs.region_picker import RegionPicker
    from fibromap.ui.dialogs.report_dialog import ReportDialog
    from tests.exchange.test_flaredown import TWO_PEOPLE

    flaredown = tmp_path / "flaredown.csv"
    flaredown.write_text(TWO_PEOPLE, encoding="utf-8")
    return {
        "appointments": lambda parent: AppointmentsDialog(store, parent),
        "backups": lambda parent: BackupsDialog(store, paths, parent),
        "devices": lambda parent: DevicesDialog(store, parent),
        "export": lambda parent: ExportDialog(store, parent),
        "import": lambda parent: ImportDialog(store, flaredown, parent, atlas),
        "sss": lambda parent: SssDialog(store, parent),
        "fiqr": lambda parent: FiqrDialog(store, parent),
        "regions": lambda parent: RegionPicker(atlas, ("trapezius_upper.left",),
                                               "Where is “Left knee pain”?", parent),
        "report": lambda parent: ReportDialog(store, settings, atlas, parent=parent),
    }


@pytest.mark.parametrize("size", SIZES)
def test_every_dialog_fits_and_is_legible(qtbot, records, paths, size, tmp_path):
    window = MainWindow(records, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.resize(*SIZES[size])
    window.show()
    qtbot.waitExposed(window)
    found = []
    for name, make in dialogs(records, paths, window.settings, window.log.map.atlas,
                              tmp_path).items():
        dialog = make(window)
        dialog.show()
        qtbot.waitExposed(dialog)
        worker = getattr(dialog, "worker", None)
        if worker is not None:
            qtbot.waitUntil(lambda: not worker.busy, timeout=20_000)
        settle(window)
        found += [f"{name}: {line}" for line in fits(dialog, SIZES[size]) + problems(dialog)]
        dialog.close()
        dialog.deleteLater()
    assert found == [], "\n".join(found)
