"""Every command that changes several files, killed at each of its steps in turn.

The way the defects of issue 29 were found: the command runs as a person runs it, under
`strace`, which sends it SIGKILL at the k-th rename, fsync or SQLite page write
(`-e inject=SYSCALL:signal=KILL:when=k`), for every k the command makes (`make
durability`) or a fixed sample that covers every command and every kind of step (the
suite). After each kill the next start (`fibromap check`, as the app's start does first)
finishes or undoes what was left, and then:

- the records open and pass `check`, with every flare acknowledged before the command;
- while the records are protected, no file anywhere in the data folder holds a planted
  note in plain text (what `strings` would find), and no backup or draft is left under an
  old key or plain; after `unprotect`, none is left protected;
- nothing is left under a hidden name (a journal, a copy, a partial backup);
- no empty database replaces the records.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fibromap.config import Paths
from fibromap.domain import sealing
from fibromap.domain.draft import FlareDraft
from fibromap.store import cipher, protection
from fibromap.store.backups import backup_sqlite, list_backups
from fibromap.store.drafts import DraftFile
from fibromap.store.store import Store
from tests.helpers.records import at, full_flare

STRACE = shutil.which("strace")
pytestmark = [pytest.mark.skipif(os.name != "posix", reason="SIGKILL"),
              pytest.mark.skipif(STRACE is None, reason="needs strace (apt-get install strace)")]
ROOT = Path(__file__).parents[2]
EVERY_STEP = os.environ.get("FIBROMAP_EVERY_STEP") == "all"  # make durability
# The steps: each system call counted on its own (strace counts `when` per call).
# SQLite writes pages with pwrite64 and syncs with fdatasync; Python writes its own files
# (journals, drafts) with write and syncs with fsync; every rename is rename.
STEPS = ("rename", "fsync", "fdatasync", "pwrite64", "write")
SAMPLE = {"rename": 2, "fsync": 2, "fdatasync": 1, "pwrite64": 1, "write": 1}  # the suite's
FIRST, SECOND = "first passphrase", "second passphrase"
PLANTED = b"PLANTED-NOTE"
FLARES, OLDER_BACKUP_FLARES = 12, 9

# name: (starts protected, the command's arguments after `fibromap`)
COMMANDS = {
    "protect": (False, ["protect", "--passphrase-file", "{first}"]),
    "unprotect": (True, ["unprotect", "--passphrase-file", "{first}"]),
    "change-passphrase": (True, ["change-passphrase", "--passphrase-file", "{first}",
                                 "--new-passphrase-file", "{second}"]),
    "backup (plain)": (False, ["backup"]),
    "backup (protected)": (True, ["backup", "--passphrase-file", "{first}"]),
    "restore (plain)": (False, ["restore", "{older}"]),
    "restore (protected)": (True, ["restore", "{older}", "--passphrase-file", "{first}"]),
}


def _paths(home: Path) -> Paths:
    return Paths(home, home / "backups", home / "logs", home / "settings.ini")


def _records(home: Path, protected: bool) -> None:
    """FLARES flares, each with a planted note; a backup of the first OLDER_BACKUP_FLARES
    and one of all; a draft with a planted note; the whole set protected if asked."""
    paths = _paths(home)
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    try:
        for number in range(FLARES):
            store.flares.add(full_flare(onset=at(2026, 3, 1 + number),
                                        notes=f"{PLANTED.decode()} {number}"))
            if number + 1 == OLDER_BACKUP_FLARES:
                backup_sqlite(paths.database_file, paths, "manual")
        backup_sqlite(paths.database_file, paths, "daily")
        draft = FlareDraft(onset=at(2026, 4, 1), notes=f"{PLANTED.decode()} in the draft")
        DraftFile(paths).save(draft)
        if protected:
            protection.protect(store.database, paths, FIRST)
    finally:
        store.close()


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """The data folders every kill starts from: plain and protected."""
    made = {}
    for protected in (False, True):
        home = tmp_path_factory.mktemp("protected" if protected else "plain") / "home"
        _records(home, protected)
        made[protected] = home
    cipher.forget_all()
    return made


def _environment(home: Path) -> dict:
    env = {**os.environ, "FIBROMAP_HOME": str(home), "PYTHONPATH": str(ROOT)}
    for name in ("FIBROMAP_PASSPHRASE_FILE", "FIBROMAP_DATABASE_URL"):
        env.pop(name, None)
    return env


def _fibromap(home: Path, argv: list[str], strace: list[str] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([*strace, sys.executable, "-m", "fibromap", *argv],
                          env=_environment(home), capture_output=True, text=True, timeout=120)


def _arguments(name: str, home: Path, words: Path) -> list[str]:
    older = sorted(list_backups(_paths(home)))[0].name
    return [part.format(first=words / "first", second=words / "second", older=older)
            for part in COMMANDS[name][1]]


def _steps_taken(name: str, template: Path, work: Path, words: Path) -> dict[str, int]:
    """How many calls of each step the command makes when nothing stops it."""
    home = _fresh(template, work)
    trace = work / "trace"
    done = _fibromap(home, _arguments(name, home, words),
                     [STRACE, "-qq", "-o", str(trace), "-e", "trace=" + ",".join(STEPS)])
    assert done.returncode == 0, done.stderr
    calls = [line.split("(", 1)[0] for line in trace.read_text().splitlines()]
    return {step: calls.count(step) for step in STEPS}


def _fresh(template: Path, work: Path) -> Path:
    home = work / "home"
    if home.exists():
        shutil.rmtree(home)
    shutil.copytree(template, home)
    return home


def _chosen(step: str, count: int) -> list[int]:
    sample = SAMPLE[step]
    if EVERY_STEP or count <= sample:
        return list(range(1, count + 1))
    # Fixed points spread over the steps, the last one included (a commit's last rename).
    return sorted({1 + (count - 1) * (index + 1) // sample for index in range(sample)})


def _state(path: Path) -> tuple[str, cipher.Key | None]:
    if not cipher.is_protected(path):
        return "plain", None
    for words, name in ((FIRST, "first"), (SECOND, "second")):
        try:
            return name, cipher.unlock(path, words)
        except cipher.WrongPassphrase:
            pass
    raise AssertionError(f"{path.name} opens with neither passphrase")


def _flares(path: Path, key: cipher.Key | None) -> int:
    connection = cipher.connect(path, key)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path
        return connection.execute("SELECT count(*) FROM flare").fetchone()[0]
    finally:
        connection.close()


def _after_next_start(home: Path, words: Path, where: str) -> tuple[str, int]:
    """Start again, then check everything the module's text promises; the state reached
    (plain, first or second passphrase) and the flares the records hold."""
    first = _fibromap(home, ["check"])  # finishes or undoes the job before anything else
    database = _paths(home).database_file
    assert database.exists() and database.stat().st_size > 0, f"{where}: no database"
    state, key = _state(database)
    if state != "plain":
        again = _fibromap(home, ["check", "--passphrase-file", str(words / state)])
        assert again.returncode == 0, f"{where}: {again.stdout}{again.stderr}"
    else:
        assert first.returncode == 0, f"{where}: {first.stdout}{first.stderr}"
    flares = _flares(database, key)
    kept = list(home.glob("fibromap.sqlite3.before-restore-*"))
    if flares == OLDER_BACKUP_FLARES:  # restored: the records it replaced are kept beside
        assert len(kept) == 1 and _flares(kept[0], key) == FLARES, f"{where}: records lost"
    else:
        assert flares == FLARES, f"{where}: {flares} flares of {FLARES}"
    hidden = [p.relative_to(home) for p in home.rglob(".*")]
    assert hidden == [], f"{where}: left behind {hidden}"
    backups = list_backups(_paths(home))
    assert len(backups) >= 2, f"{where}: backups lost"
    draft = (home / "unsaved-flare.json").read_bytes()
    if key is not None:
        plain = [p.relative_to(home) for p in home.rglob("*") if p.is_file()
                 and PLANTED in p.read_bytes()]
        assert plain == [], f"{where}: plain records in {plain}"
        for backup in backups:
            assert cipher.salt_of(backup) == key.salt, f"{where}: {backup.name} under another key"
        assert sealing.database_salt(draft) == key.salt, f"{where}: the draft under another key"
    else:
        assert not any(cipher.is_protected(b) for b in backups), f"{where}: a backup protected"
        assert not sealing.is_sealed(draft), f"{where}: the draft still sealed"
    for backup in backups:
        assert _flares(backup, key) in (OLDER_BACKUP_FLARES, FLARES), f"{where}: {backup.name}"
    return state, flares


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_killed_at_any_step_loses_nothing_and_leaves_no_plain_copy(
        name, templates, tmp_path):
    words = tmp_path / "words"
    words.mkdir()
    (words / "first").write_text(FIRST + "\n")
    (words / "second").write_text(SECOND + "\n")
    template = templates[COMMANDS[name][0]]
    counts = _steps_taken(name, template, tmp_path, words)
    assert counts["rename"] and counts["pwrite64"], counts
    reached = set()
    for step, count in counts.items():
        for when in _chosen(step, count):
            home = _fresh(template, tmp_path)
            killed = _fibromap(home, _arguments(name, home, words), [
                STRACE, "-qq", "-o", "/dev/null", "-e", f"trace={step}",
                "-e", f"inject={step}:signal=KILL:when={when}"])
            where = f"{name} killed at {step} {when}/{count}"
            assert killed.returncode in (-9, 137), f"{where}: not killed: {killed.stderr}"
            reached.add(_after_next_start(home, words, where))
            cipher.forget_all()
    # Some kills came before the records changed (undone), some after (finished).
    if not name.startswith("backup"):
        assert len(reached) == 2, reached
