"""Changes of several files that a crash must never leave halfway: a journal on disk.

A job (turning protection on or off, changing the passphrase, restoring a backup) first
writes every new file as a hidden copy beside the one it will replace, each synced, while
its journal says "preparing"; then the journal says "committing", and the copies are
renamed over the files they replace, one by one. A job stopped at any moment is finished
or undone by the next start of the app or of any command, before anything else opens the
records (``finish_interrupted``):

- stopped while preparing, nothing was replaced yet: the copies are removed (their bytes
  overwritten first, for some may be plain while the records are protected) — undone;
- stopped while committing, every copy is whole: the renames not made yet are made —
  finished. No passphrase is needed for either, so no plain copy outlives the next start.

The journal (``.NAME.job`` beside the database) names every file by its whole path.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from fibromap import atomic
from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

PREPARING, COMMITTING = "preparing", "committing"
WHAT = {"protect": N_("Turning protection on"),
        "unprotect": N_("Turning protection off"),
        "change-passphrase": N_("Changing the passphrase"),
        "restore": N_("Restoring a backup")}
# Its journal not written: whole sentences (a lower-cased WHAT is English only).
NOT_NOTED = {"protect": N_("cannot note what turning protection on will do"),
             "unprotect": N_("cannot note what turning protection off will do"),
             "change-passphrase": N_("cannot note what changing the passphrase will do"),
             "restore": N_("cannot note what restoring a backup will do")}


def journal_of(database_file: Path) -> Path:
    return database_file.with_name(f".{database_file.name}.job")


@dataclass
class Job:
    """What a job will do: ``replace`` pairs (copy, file it replaces) and, for a restore,
    ``set_aside`` pairs (file, where it is kept) moved just before the first replace."""

    kind: str
    database_file: Path
    replace: list[tuple[Path, Path]] = field(default_factory=list)
    set_aside: list[tuple[Path, Path]] = field(default_factory=list)
    overwrite_replaced: bool = False  # overwrite what is replaced (plain, or an old key's)
    phase: str = PREPARING

    @property
    def journal(self) -> Path:
        return journal_of(self.database_file)

    # -- the journal ----------------------------------------------------------------------
    def write(self, phase: str) -> None:
        self.phase = phase
        text = json.dumps({"job": self.kind, "database": str(self.database_file),
                           "phase": phase, "overwrite_replaced": self.overwrite_replaced,
                           "replace": [[str(a), str(b)] for a, b in self.replace],
                           "set_aside": [[str(a), str(b)] for a, b in self.set_aside]},
                          indent=1)
        atomic.write_bytes(self.journal, text.encode("utf-8"),
                           failure=_(NOT_NOTED[self.kind]))

    @classmethod
    def read(cls, journal: Path) -> Job:
        data = json.loads(journal.read_text(encoding="utf-8"))

        def pairs(name: str) -> list[tuple[Path, Path]]:
            return [(Path(a), Path(b)) for a, b in data.get(name, [])]

        if data["job"] not in WHAT or data["phase"] not in (PREPARING, COMMITTING):
            raise ValueError(f"unknown job {data['job']!r} or phase {data['phase']!r}")
        return cls(data["job"], Path(data["database"]), pairs("replace"), pairs("set_aside"),
                   bool(data.get("overwrite_replaced")), data["phase"])

    # -- the steps ------------------------------------------------------------------------
    def commit(self) -> None:
        """Mark the copies whole, then rename each over its file (the steps still to do:
        a copy renamed already is not there any more)."""
        if self.phase != COMMITTING:
            for folder in {copy.parent for copy, _ in self.replace}:
                atomic.sync_folder(folder)
            self.write(COMMITTING)
        if self.replace and self.replace[0][0].exists():
            for current, kept in self.set_aside:
                if current.exists():
                    os.replace(current, kept)
        for copy, target in self.replace:
            if copy.exists():
                _replace(copy, target, self.overwrite_replaced)
        for folder in {target.parent for _copy, target in self.replace}:
            atomic.sync_folder(folder)
        self.end()

    def undo(self) -> None:
        """Remove the copies (overwritten first) and the journal: nothing was replaced."""
        for copy, _target in self.replace:
            discard(copy)
        self.end()

    def end(self) -> None:
        self.journal.unlink(missing_ok=True)
        atomic.sync_folder(self.journal.parent)


def _replace(copy: Path, target: Path, overwrite_replaced: bool) -> None:
    """Rename ``copy`` over ``target``; the file replaced is overwritten with zeros through
    a handle opened just before (when asked), and a database's old write-ahead log goes:
    its pages belong to the file replaced (which a job empties before copying it)."""
    replaced = None
    if overwrite_replaced:
        with suppress(OSError):
            replaced = open(target, "rb+")
    try:
        os.replace(copy, target)
        if target.suffix == ".sqlite3":
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        if replaced is not None:
            _overwrite(replaced)
    finally:
        if replaced is not None:
            replaced.close()


def _overwrite(handle) -> None:
    from fibromap.store.cipher import overwrite  # loaded only when a file is overwritten

    overwrite(handle)


def discard(copy: Path) -> None:
    """Remove a copy, its bytes overwritten first (it may be a plain one), with whatever
    SQLite was keeping beside it (a rollback journal, a write-ahead log)."""
    for path in (copy, *(copy.with_name(copy.name + suffix)
                         for suffix in ("-journal", "-wal", "-shm"))):
        with suppress(OSError), open(path, "rb+") as handle:
            _overwrite(handle)
        path.unlink(missing_ok=True)


def run(job: Job, prepare) -> None:
    """Run ``job``: note it, call ``prepare()`` to write every copy, then commit. Anything
    raised while preparing undoes it (nothing replaced) and is raised again."""
    with holding(job.database_file.parent):
        job.write(PREPARING)
        try:
            prepare()
        except BaseException:
            job.undo()
            raise
        job.commit()


@contextmanager
def holding(folder: Path, *, shared: bool = False, wait: bool = True) -> Iterator[bool]:
    """Hold a lock on ``folder`` (an flock on the folder itself: no file is added) while
    the block runs: exclusive for a job, shared for a backup being written. Yields False,
    holding nothing, when ``wait`` is False and another program holds it."""
    if fcntl is None:  # pragma: no cover - not POSIX: nothing to lock with
        yield True
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB)
        try:
            fcntl.flock(descriptor, mode)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(descriptor)


def leftovers(database_file: Path, paths: Paths) -> list[Path]:
    """Hidden copies that stopped jobs and backups (of this FibroMap or an older one) left
    behind: never under a real name, but not kept either. Backups being written now by
    another program (it holds the backups folder) are not counted."""
    found = [*database_file.parent.glob(f".{database_file.name}.*"),  # copies, journals
             *database_file.parent.glob(f"..{database_file.name}.job.partial"),
             *paths.data_dir.glob(".unsaved-flare.json.converting*"),
             *paths.data_dir.glob("..unsaved-flare.json.converting*")]
    backups_dir = paths.backups_dir
    if backups_dir.is_dir():
        found += backups_dir.glob(".fibromap-*.sqlite3.converting*")
        with holding(backups_dir, wait=False) as free:
            if free and fcntl is not None:
                found += backups_dir.glob(".fibromap-*.sqlite3.partial*")
    return found


def finish_interrupted(database_file: Path, paths: Paths) -> str:
    """Finish or undo the job an interruption left for ``database_file`` (see the module's
    text) and remove what stopped jobs left; one line saying what was done, or "" when
    there was nothing to say."""
    if not database_file.parent.is_dir():
        return ""
    with holding(database_file.parent, wait=False) as free:
        if not free:  # another FibroMap is in the middle of a job: it finishes it
            return ""
        return _finish(database_file, paths)


def _finish(database_file: Path, paths: Paths) -> str:
    journal = journal_of(database_file)
    said = _finish_job(journal) if journal.exists() else ""
    for leftover in leftovers(database_file, paths):
        discard(leftover)
    return said


def _finish_job(journal: Path) -> str:
    try:
        job = Job.read(journal)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # Damaged on the disk (it is only ever written whole): every original is still
        # whole under its own name, so nothing is lost by setting the notes aside.
        kept = journal.with_name(journal.name.lstrip(".") + "-damaged")
        os.replace(journal, kept)
        log.warning("a job's notes could not be read (%s); kept as %s", exc, kept)
        return _("A change of the records was interrupted and its notes are damaged (kept "
                 "as {name}); your records and backups were left as they are.").format(
            name=kept.name)
    what = _(WHAT[job.kind])
    try:
        if job.phase == PREPARING:
            job.undo()
            return _("{what} was interrupted before it changed anything: your records are "
                     "as they were; do it again when you want.").format(what=what)
        job.commit()
    except OSError as exc:
        raise FibroMapError(_("{what} was interrupted and cannot be finished now "
                              "({reason}); nothing more was changed (its notes "
                              "are in {journal})").format(
            what=what, reason=atomic.reason(exc), journal=journal)) from exc
    log.warning("finished an interrupted %s of %s", job.kind, job.database_file)
    return _("{what} was interrupted; it was finished now. {finished}").format(
        what=what, finished=_finished(job))


def _finished(job: Job) -> str:
    if job.kind == "restore":
        kept = next((kept for current, kept in job.set_aside if kept.exists()), None)
        if kept is None:
            return _("Your records are those of the backup.")
        return _("Your records are those of the backup; the file it replaced is kept as "
                 "{name}.").format(name=kept.name)
    return {"protect": _("Your records and their backups are protected."),
            "unprotect": _("Your records and their backups are no longer protected."),
            "change-passphrase": _("Your records and their backups open with the new "
                                   "passphrase.")}[job.kind]
