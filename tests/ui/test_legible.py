"""Every view and dialog, at 1280×800 and at 1024×700, with a year of demo data and with
nothing recorded: no text cut or elided, nothing reaching outside its place, no two drawn
labels overlapping, no horizontal scrollbar in a form, no control without a name a screen
reader can say (tests/helpers/legibility.py), and no Qt warning (the suite fails on any).

In every language FibroMap ships (issue 34), at both sizes, empty and full. In each language
but English, at the smaller size, empty and with the year, no English word is left in
anything shown in any view (on the neutral figure) or dialog (tests/helpers/english_left.py)."""

from __future__ import annotations

import shutil
import time

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from fibromap.config import Paths, database_url
from fibromap.i18n import SHIPPED
from fibromap.demo import generate
from fibromap.domain.records import Records
from fibromap.store.bulk import write_new
from fibromap.store.store import Store
from fibromap.ui.dialogs.questionnaire_dialogs import FIQR_QUESTIONS, NOT_ANSWERED, SSS_LEVELS, SSS_QUESTIONS
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from fibromap.ui.views import VIEWS
from tests.helpers.english_left import english_left, visible_texts
from tests.helpers.languages import speaking
from tests.helpers.legibility import problems, unnamed

SIZES = {"1280x800": (1280, 800), "1024x700": (1024, 700)}
# (language, size, records): every language at both sizes, empty and full (each case costs
# 3 to 6 seconds).
CASES = [(language, size, state) for language in SHIPPED for size in SIZES
         for state in ("year", "empty")]
# The questionnaires are shown in English in every language, saying so: their validated
# translations are not included (fibromap/ui/dialogs/questionnaire_dialogs.py).
QUESTIONNAIRES = (
    *SSS_QUESTIONS.values(), *SSS_LEVELS, *FIQR_QUESTIONS.values(), NOT_ANSWERED,
    "Over the past week, how much of a problem was", "During the past 6 months, have you had",
    "How hard was it over the past 7 days to", "0 = no difficulty, 10 = very difficult",
    "Overall, over the past 7 days", "0 = never, 10 = always", "Over the past 7 days, rate your",
    "0 = none, 10 = very severe", "leave “not answered” if you cannot say")
KEPT = QUESTIONNAIRES  # the only English any other language shows


class Year:
    """A database file holding a year of demo records, and the words the person typed in
    it (notes, medications' names and doses: theirs, in whatever language they write)."""

    def __init__(self, database_file, own_words):
        self.database_file = database_file
        self.own_words = own_words


def typed_words(history) -> set[str]:
    typed = {text for flare in history.flares for text in (
        flare.notes, *(use.medication for use in flare.treatments),
        *(use.dose for use in flare.treatments))}
    typed |= {text for checkin in history.checkins for text in (checkin.notes, *checkin.foods)}
    typed |= {text for medication in history.medications
              for text in (medication.name, medication.dose)}
    typed |= {appointment.note for appointment in history.appointments}
    return {text for text in typed if text}


@pytest.fixture(scope="module")
def a_year(tmp_path_factory):
    """A year of demo records, made once for the module."""
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
    return Year(paths.database_file, typed_words(history))


@pytest.fixture
def records(request, a_year, paths, sqlite_url):
    if request.param == "year":
        paths.ensure(paths.data_dir)
        shutil.copyfile(a_year.database_file, paths.database_file)
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


class Look:
    """What is wrong in each place shown: cut, crowded or unnamed, and in a language other
    than English with the year, any English left (one line each, the place first)."""

    def __init__(self, language: str, state: str, size: str, own_words: set[str]):
        # English is looked for once a language: with the year, at the smaller size.
        self.english = language != "en" and size == "1024x700"
        self.language, self.own_words = language, own_words
        self.found: list[str] = []

    def __call__(self, place: str, root: QWidget, size=None, names: bool = False,
                 words: bool = True) -> None:
        lines = (fits(root, size) if size else []) + problems(root)
        if names:
            lines += [f"no name for {control}" for control in unnamed(root)]
        if self.english and words:
            lines += [f"English left in {line}" for line in english_left(
                visible_texts(root), self.language, (*self.own_words, *KEPT))]
        self.found += [f"{place}: {line}" for line in lines]


def visit_views(window, look: Look, size) -> None:
    for view in VIEWS:
        window.show_view(view)
        settle(window)
        look(view, window, size, names=True)
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
        look(f"heatmap, {name}", window)
    # The Log, the heat-map and the overview on the female and the male figure.
    heatmap.by_month.setChecked(False)
    for build in (Build.FEMALE, Build.MALE):
        window.set_build(build)
        for view in ("heatmap", "overview", "log"):
            window.show_view(view)
            settle(window)
            # The same words as on the neutral figure: only the layout is looked at.
            look(f"{view}, {build.label.lower()}", window, words=False)
    window.set_build(Build.NEUTRAL)
    # The Log's map in each detail view (the head, the hands, the feet).
    window.show_view("log")
    body = window.log.body
    for index in range(1, body.view_choice.count()):
        body.view_choice.activated.emit(index)
        settle(window)
        look(f"log, {body.view_choice.itemText(index)}", window, names=True, words=False)


def shown_window(qtbot, records, paths, size) -> MainWindow:
    """The main window on ``records`` at one of SIZES, shown (in the language spoken)."""
    window = MainWindow(records, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.resize(*SIZES[size])
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("language, size, records", CASES, indirect=["records"])
def test_every_view_is_legible(qtbot, records, paths, language, size, a_year, request):
    look = Look(language, request.node.callspec.params["records"], size, a_year.own_words)
    with speaking(language):
        window = shown_window(qtbot, records, paths, size)
        visit_views(window, look, SIZES[size])
    assert look.found == [], "\n".join(look.found)


def dialogs(store, paths, settings, atlas, tmp_path):
    """Every dialog of the app, built on ``store``."""
    from fibromap.i18n import _
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
        "regions": lambda parent: RegionPicker(
            atlas, ("trapezius_upper.left",),
            _("Where is “{name}”?").format(name="Left knee pain"), parent),
        "report": lambda parent: ReportDialog(store, settings, atlas, parent=parent),
    }


@pytest.mark.parametrize("language, size, records", CASES, indirect=["records"])
def test_every_dialog_fits_and_is_legible(qtbot, records, paths, language, size, tmp_path,
                                          a_year, request):
    # The Flaredown file's symptom, placed by the person: their words.
    look = Look(language, request.node.callspec.params["records"], size,
                {*a_year.own_words, "Left knee pain"})
    with speaking(language):
        window = shown_window(qtbot, records, paths, size)
        for name, make in dialogs(records, paths, window.settings, window.log.map.atlas,
                                  tmp_path).items():
            dialog = make(window)
            dialog.show()
            qtbot.waitExposed(dialog)
            worker = getattr(dialog, "worker", None)
            if worker is not None:
                qtbot.waitUntil(lambda worker=worker: not worker.busy, timeout=20_000)
            settle(window)
            look(name, dialog, SIZES[size])
            dialog.close()
            dialog.deleteLater()
    assert look.found == [], "\n".join(look.found)
