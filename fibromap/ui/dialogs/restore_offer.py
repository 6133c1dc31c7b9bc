"""The one question that offers the newest good backup, whatever found the damage: a start
that cannot open the records, a damaged write-ahead log, or the check after opening."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from fibromap.domain.wording import counted
from fibromap.store.backups import BackupInfo


def ask_to_restore(parent: QWidget, title: str, problem: str, good: BackupInfo, kept: str,
                   holds: int | None = None) -> bool:
    """Say ``problem`` and ask whether to restore ``good`` (what ``kept`` says becomes of
    the file replaced); with ``holds``, the flares the records hold now, to compare. The
    command line's way to restore, said by the store, is the question's Yes here."""
    problem = problem.split(" The newest good backup is ")[0]
    taken = f"{good.taken:%a %d %b %Y, %H:%M}" if good.taken else good.path.name
    backup = (f"from {taken} ({counted(good.flares, 'flares')})." if holds is None else
              f"from {taken}. It holds {counted(good.flares, 'flares')}; your records now hold {holds}.")
    answer = QMessageBox.question(
        parent, title, f"{problem}\n\nThe newest good backup is {backup} Restore it? {kept}")
    return answer == QMessageBox.StandardButton.Yes
