"""`fibromap report` and `fibromap screenshot`: the commands that draw with Qt (the
commands package stays free of it)."""

from __future__ import annotations

import sys
from datetime import date, timedelta

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import _, current, ngettext


def report(args, url: str, paths: Paths) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from fibromap.analysis.periods import Period
    from fibromap.analysis.report_data import load_report
    from fibromap.domain.atlas import load_atlas
    from fibromap.figure.orientation import Orientation
    from fibromap.report.pdf import check_target, in_language, write_report
    from fibromap.store.store import Store
    from fibromap.ui.app import create_application
    from fibromap.ui.settings import Settings

    end = args.end or date.today()
    target = args.output.expanduser().absolute()
    if args.start and args.start > end:
        raise FibroMapError(_("--from {start} is after --to {end}").format(start=args.start, end=end))
    check_target(target)
    store = Store.open_read_only(url, paths)
    try:
        start = args.start
        if start is None:
            last = store.appointments.last_before(end)
            start = last.day if last and last.day < end else end - timedelta(days=89)
        if start > end:
            raise FibroMapError(_("--from {start} is after --to {end}").format(start=start, end=end))
        create_application()
        atlas = load_atlas()
        # The report's language: --report-language, else the messages' (--language, Settings).
        language = getattr(args, "report_language", None) or current()
        with in_language(language):
            data = load_report(store, Period(start, end), atlas)
        settings = Settings(paths.settings_file)
        # The front faces the reader as the report's setting says (the clinician's view at
        # first), and the page says which way.
        orientation = Orientation(args.front) if args.front else settings.report_orientation
        pages = write_report(data, atlas, target, args.page_size or settings.page_size,
                             orientation=orientation, build=settings.build, language=language)
        protected = store.database.key is not None
    finally:
        store.close()
    print(ngettext("Wrote a {pages}-page report for {start} to {end} to {target}",
                   "Wrote a {pages}-page report for {start} to {end} to {target}", pages).format(
        pages=pages, start=start, end=end, target=target))
    _warn_if_protected(protected)  # a report is for reading by a clinician: never sealed
    return 0


def _warn_if_protected(protected: bool) -> None:
    if protected:
        from fibromap.exchange.files import PROTECTED_PLAIN_WARNING
        print(_("fibromap: warning: {warning}").format(warning=_(PROTECTED_PLAIN_WARNING)), file=sys.stderr)


def screenshot(args, url: str, paths: Paths) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from fibromap.store.store import Store
    from fibromap.ui.screenshot import save_screenshot
    from fibromap.ui.settings import Settings

    target = args.output.expanduser().absolute()
    if not target.parent.is_dir():
        raise FibroMapError(_("the folder {folder} does not exist").format(folder=target.parent))
    store = Store.open_to_view(url, paths)
    try:
        save_screenshot(store, Settings(paths.settings_file), paths, args.view, args.size, target,
                        build=args.figure, map_view=None if args.map == "whole" else args.map,
                        map_only=args.map_only, deep=args.deep)
        protected = store.database.key is not None
    finally:
        store.close()
    print(_("Saved the {view} view to {target}").format(view=args.view, target=target))
    _warn_if_protected(protected)  # a picture of the records is plain too
    return 0
