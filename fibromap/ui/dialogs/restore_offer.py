"""The one question that offers the newest good backup, whatever found the damage: a start
that cannot open the records, a damaged write-ahead log, or the check after opening; and
the question that offers back a flare left unsaved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from fibromap.i18n import _, formats, ngettext
from fibromap.store.backups import BackupInfo

if TYPE_CHECKING:
    from fibromap.domain.draft import FlareDraft


def flares_text(count: int | None) -> str:
    """"1 flare", "2 flares"; a count that could not be taken is said so."""
    if count is None:
        return _("an unknown number of flares")
    return ngettext("{n} flare", "{n} flares", count).format(n=formats.whole(count))


def ask_to_restore(parent: QWidget, title: str, problem: str, good: BackupInfo, kept: str,
                   holds: int | None = None) -> bool:
    """Say ``problem`` and ask whether to restore ``good`` (what ``kept`` says becomes of
    the file replaced); with ``holds``, the flares the records hold now, to compare. The
    problem comes without the command line's way to restore (an error's ``problem``): the
    question's Yes is that here."""
    taken = (formats.dated(good.taken, "%a %d %b %Y, %H:%M", "yMMMEdHm") if good.taken
             else good.path.name)
    if holds is None:
        question = _("{problem}\n\nThe newest good backup is from {taken} ({flares}). "
                     "Restore it? {kept}")
    else:
        question = _("{problem}\n\nThe newest good backup is from {taken}. It holds {flares}; "
                     "your records now hold {holds}. Restore it? {kept}")
    answer = QMessageBox.question(parent, title, question.format(
        problem=problem, taken=taken, flares=flares_text(good.flares), holds=holds, kept=kept))
    return answer == QMessageBox.StandardButton.Yes


def ask_to_restore_draft(parent: QWidget, draft: FlareDraft) -> bool:
    """Whether to offer back the flare being written when FibroMap last closed or died."""
    regions = len(draft.sites)
    answer = QMessageBox.question(
        parent, _("Unsaved flare"),
        ngettext("A flare from {onset} with {n} region was not saved when FibroMap last "
                 "closed.\n\nRestore it?",
                 "A flare from {onset} with {n} regions was not saved when FibroMap last "
                 "closed.\n\nRestore it?", regions).format(
            onset=formats.dated(draft.onset, "%a %d %b, %H:%M", "EdMMMHm"), n=regions),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes
