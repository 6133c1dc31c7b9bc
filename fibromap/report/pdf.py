"""The appointment report: a few pages of PDF a clinician can read in a minute.

Text is real text (selectable, fonts embedded by Qt's PDF writer); the body maps and
charts are vector drawings. Sections are laid out by report/layout.py, with a running
header and "page N of M" on every page.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from fibromap import APP_NAME, __version__, atomic
from fibromap.analysis.report_data import ReportData
from fibromap.domain.atlas import Atlas
from fibromap.domain.geometry import Build
from fibromap.errors import FibroMapError
from fibromap.figure.orientation import Orientation
from fibromap.i18n import _, using
from fibromap.report import sections
from fibromap.report.body_maps import body_maps
from fibromap.report.comparison import comparison
from fibromap.report.layout import Writer, period_text
from fibromap.report.scores import scores
from fibromap.report.summary import summary

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 14
# One device unit per point: the PDF is all vectors and text, so nothing is rasterised at
# this resolution, and fonts in points come out at their size.
RESOLUTION = 72


def page_layout(page_size: str) -> QPageLayout:
    return QPageLayout(QPageSize(PAGE_SIZES[page_size]), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def running_header(data: ReportData) -> str:
    patient = sections.patient_line(data)
    if patient:
        return _("{app} record — {patient} — {period}").format(
            app=APP_NAME, patient=patient, period=period_text(data.period))
    return _("{app} record — {period}").format(app=APP_NAME, period=period_text(data.period))


def in_language(language: str | None) -> AbstractContextManager[None]:
    """The report's words in ``language`` on this thread (a doctor who reads French while
    the app speaks German); None: the app's own language."""
    return nullcontext() if language is None else using(language)


def render_report(data: ReportData, atlas: Atlas, device, today: date | None = None,
                  orientation: Orientation = Orientation.CLINICIAN,
                  build: Build = Build.NEUTRAL, language: str | None = None) -> int:
    """Paint the report on a paged device (a PDF writer or a printer); returns the pages.

    ``orientation`` is how the front of the body faces the reader, as in the app's setting;
    the page says which it is in words. ``build`` is the figure chosen in the app.
    ``language``: the report's words, when not the app's (the sentences ``data`` holds were
    composed when it was loaded: load it within ``in_language`` too).
    """
    with in_language(language):
        return _render(data, atlas, device, today, orientation, build)


def _render(data: ReportData, atlas: Atlas, device, today: date | None,
            orientation: Orientation, build: Build) -> int:
    painter = QPainter()
    if not painter.begin(device):
        raise FibroMapError(_("cannot start painting the report"))
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        writer = Writer(device, painter, running_header(data))
        # The answers first (page 1): the summary, the comparison with the previous period
        # and where; then the detail. Drawings float past text that fills a page.
        parts = [sections.header(data, today or date.today()), summary(data, atlas),
                 *comparison(data, atlas),
                 *body_maps(data, atlas, Orientation(orientation), build),
                 *sections.trend(data), sections.medications(data), *sections.factors(data),
                 *scores(data), *sections.hours(data), *sections.daily_life(data),
                 *sections.devices(data), *sections.questions(data)]
        return writer.place_all(parts)
    finally:
        painter.end()


def check_target(target: Path) -> None:
    """Refuse, before any work, a place a report cannot be written to."""
    if target.is_dir():
        raise FibroMapError(_("{target} is a folder; give a file name such as report.pdf").format(
            target=target))
    if not target.parent.is_dir():
        raise FibroMapError(_("the folder {folder} does not exist").format(folder=target.parent))


def write_report(data: ReportData, atlas: Atlas, target: Path, page_size: str = "a4",
                 today: date | None = None,
                 orientation: Orientation = Orientation.CLINICIAN,
                 build: Build = Build.NEUTRAL, language: str | None = None) -> int:
    """Write the PDF to ``target`` — a whole file or none; returns the number of pages
    (``language`` as render_report's).

    The PDF is written beside ``target`` under a temporary name, checked to end as a PDF
    must (Qt's writer does not report a full disk), synced, then renamed into place.
    """
    check_target(target)
    failure = _("cannot write the report to {target}").format(target=target)
    with atomic.replacing(target, failure=failure) as temporary:
        pdf = QPdfWriter(str(temporary))
        pdf.setResolution(RESOLUTION)
        with in_language(language):
            pdf.setTitle(_("{app} report {period}").format(app=APP_NAME,
                                                           period=period_text(data.period)))
        pdf.setCreator(f"{APP_NAME} {__version__}")
        pdf.setPageLayout(page_layout(page_size))
        try:
            pages = render_report(data, atlas, pdf, today, orientation, build, language)
        except FibroMapError:
            raise FibroMapError(failure) from None
        del pdf  # finishes the file
        _check_complete(temporary, failure)
    return pages


def _check_complete(path: Path, failure: str) -> None:
    """A PDF ends with %%EOF; one cut short (a full disk) does not."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            handle.seek(max(0, size - 1024))
            tail = handle.read()
    except OSError:
        size, tail = 0, b""
    if size == 0 or b"%%EOF" not in tail:
        reason = (_(atomic.DISK_FULL) if atomic.nearly_full(path.parent)
                  else _("the file was cut short"))
        raise FibroMapError(_("{failure}: {reason}; nothing was written").format(
            failure=failure, reason=reason))
