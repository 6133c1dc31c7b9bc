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
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fibromap.config import Paths
from fibromap.domain import sealing
from fibromap.domain.draft import FlareDraft
from fibromap.exchange.files import export_file
from fibromap.store import cipher, protection
from fibromap.store.backups import backup_sqlite, list_backups
from fibromap.store.database import Database, alembic_config
from fibromap.store.drafts import DraftFile
from fibromap.store.store import Store
from tests.helpers.records import at, full_flare

STRACE = shutil.which("strace")
# CI installs strace and asks for it (FIBROMAP_REQUIRE_STRACE): never a silent skip there.
REQUIRED = bool(os.environ.get("FIBROMAP_REQUIRE_STRACE"))
pytestmark = [pytest.mark.skipif(os.name != "posix", reason="SIGKILL"),
              pytest.mark.skipif(STRACE is None and not REQUIRED,
                                 reason="needs strace (apt-get install strace)")]
ROOT = Path(__file__).parents[2]
EVERY_STEP = os.environ.get("FIBROMAP_EVERY_STEP") == "all"  # make durability
# The steps: each system call counted on its own (strace counts `when` per call).
# SQLite writes pages with pwrite64 and syncs with fdatasync; Python writes its own files
# (journals, drafts) with write and syncs with fsync; every rename is rename.
STEPS = ("rename", "fsync", "fdatasync", "pwrite64", "write")
SAMPLE = {"rename": 2, "fsync": 2, "fdatasync": 1, "pwrite64": 1, "write": 1}  # the suite's
# kills per step (see _chosen)
FIRST, SECOND = "first passphrase", "second passphrase"
PLANTED = b"PLANTED-NOTE"
FLARES, OLDER_BACKUP_FLARES = 12, 9

IMPORTED = 5  # flares in the file `fibromap import` reads
OLD_REVISION = "0003"  # the schema of the records an upgrade starts from


@dataclass(frozen=True)
class Case:
    template: str      # plain, protected, empty (a first start) or old (to upgrade)
    argv: list[str]    # after `fibromap`
    flares: tuple[int, ...] = (FLARES,)  # what the records may hold after the next start
    first_start: list[str] = field(default_factory=lambda: ["check"])


PASSPHRASE = ["--passphrase-file", "{first}"]
CASES = {
    "protect": Case("plain", ["protect", *PASSPHRASE]),
    "unprotect": Case("protected", ["unprotect", *PASSPHRASE]),
    "change-passphrase": Case("protected", ["change-passphrase", *PASSPHRASE,
                                            "--new-passphrase-file", "{second}"]),
    "backup (plain)": Case("plain", ["backup"]),
    "backup (protected)": Case("protected", ["backup", *PASSPHRASE]),
    "restore (plain)": Case("plain", ["restore", "{older}"], (FLARES, OLDER_BACKUP_FLARES)),
    "restore (protected)": Case("protected", ["restore", "{older}", *PASSPHRASE],
                                (FLARES, OLDER_BACKUP_FLARES)),
    "import": Case("plain", ["import", "{imported}"], (FLARES, FLARES + IMPORTED)),
    # An upgrade is made by whatever opens the records to write: the app, or a command.
    "upgrade": Case("old", ["backup"], first_start=["backup"]),
    # The very first start (`fibromap backup` makes the database first); the next start
    # that finds no database makes it, as the app does.
    "first start": Case("empty", ["backup"], (0,), ["backup"]),
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


def _old(home: Path) -> None:
    """Records at an older schema: the plain ones, downgraded."""
    from alembic import command

    _records(home, protected=False)
    paths = _paths(home)
    database = Database.open(f"sqlite:///{paths.database_file}", paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), OLD_REVISION)
    database.close()


def _to_import(folder: Path) -> Path:
    """An export of IMPORTED flares the records do not hold."""
    home = folder / "elsewhere"
    paths = _paths(home)
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    try:
        store.flares.add_many([full_flare(onset=at(2025, 5, 1 + n), notes=f"imported {n}")
                               for n in range(IMPORTED)])
        target = folder / "to-import.json"
        export_file(store, "json", target)
    finally:
        store.close()
    return target


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """The data folders every kill starts from, by name (Case.template), and the file to
    import."""
    made = {}
    for name in ("plain", "protected", "empty", "old"):
        home = tmp_path_factory.mktemp(name) / "home"
        if name == "empty":
            home.mkdir()
        elif name == "old":
            _old(home)
        else:
            _records(home, name == "protected")
        made[name] = home
    made["imported"] = _to_import(tmp_path_factory.mktemp("import"))
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


def _arguments(case: Case, home: Path, words: Path, imported: Path) -> list[str]:
    backups = sorted(list_backups(_paths(home)))
    older = backups[0].name if backups else ""
    return [part.format(first=words / "first", second=words / "second", older=older,
                        imported=imported) for part in case.argv]


def _steps_taken(case: Case, template: Path, work: Path, words: Path,
                 imported: Path) -> dict[str, int]:
    """How many calls of each step the command makes when nothing stops it."""
    home = _fresh(template, work)
    trace = work / "trace"
    done = _fibromap(home, _arguments(case, home, words, imported),
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
    """Every call (make durability), or the suite's fixed sample: the first and the last
    (a job's first note, a commit's last rename), or the middle one."""
    sample = SAMPLE[step]
    if EVERY_STEP or count <= sample:
        return list(range(1, count + 1))
    return [1, count] if sample == 2 else [(count + 1) // 2]


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


def _after_next_start(home: Path, template: Path, case: Case, words: Path,
                      where: str) -> tuple[str, int]:
    """Start again, then check everything the module's text promises; the state reached
    (plain, first or second passphrase) and the flares the records hold."""
    first = _fibromap(home, case.first_start)  # finishes or undoes a job before anything else
    database = _paths(home).database_file
    assert database.exists() and database.stat().st_size > 0, f"{where}: no database"
    state, key = _state(database)
    if state != "plain":
        again = _fibromap(home, ["check", "--passphrase-file", str(words / state)])
        assert again.returncode == 0, f"{where}: {again.stdout}{again.stderr}"
    else:
        assert first.returncode == 0, f"{where}: {first.stdout}{first.stderr}"
        checked = _fibromap(home, ["check"])
        assert checked.returncode == 0, f"{where}: {checked.stdout}{checked.stderr}"
    flares = _flares(database, key)
    assert flares in case.flares, f"{where}: {flares} flares, expected one of {case.flares}"
    kept = list(home.glob("fibromap.sqlite3.before-restore-*"))
    if flares == OLDER_BACKUP_FLARES:  # restored: the records it replaced are kept beside
        assert len(kept) == 1 and _flares(kept[0], key) == FLARES, f"{where}: records lost"
    hidden = [p.relative_to(home) for p in home.rglob(".*")]
    assert hidden == [], f"{where}: left behind {hidden}"
    backups = list_backups(_paths(home))
    assert len(backups) >= len(list_backups(_paths(template))), f"{where}: backups lost"
    draft_file = home / "unsaved-flare.json"
    draft = draft_file.read_bytes() if draft_file.exists() else None
    if key is not None:
        plain = [p.relative_to(home) for p in home.rglob("*") if p.is_file()
                 and PLANTED in p.read_bytes()]
        assert plain == [], f"{where}: plain records in {plain}"
        for backup in backups:
            assert cipher.salt_of(backup) == key.salt, f"{where}: {backup.name} under another key"
        assert sealing.database_salt(draft) == key.salt, f"{where}: the draft under another key"
    else:
        assert not any(cipher.is_protected(b) for b in backups), f"{where}: a backup protected"
        assert draft is None or not sealing.is_sealed(draft), f"{where}: the draft still sealed"
    for backup in backups:
        assert _backup_flares(backup, key) in (0, OLDER_BACKUP_FLARES, FLARES), \
            f"{where}: {backup.name}"
    return state, flares


def _backup_flares(backup: Path, key: cipher.Key | None) -> int:
    """The flares a backup holds (0 for one taken of a database still being made)."""
    connection = cipher.connect(backup, key)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], backup
        tables = {name for name, in connection.execute("SELECT name FROM sqlite_master")}
        if "flare" not in tables:
            return 0
        return connection.execute("SELECT count(*) FROM flare").fetchone()[0]
    finally:
        connection.close()


@pytest.mark.parametrize("name", list(CASES))
def test_a_command_killed_at_any_step_loses_nothing_and_leaves_no_plain_copy(
        name, templates, tmp_path):
    assert STRACE, "strace is needed: apt-get install strace"
    case = CASES[name]
    words = tmp_path / "words"
    words.mkdir()
    (words / "first").write_text(FIRST + "\n")
    (words / "second").write_text(SECOND + "\n")
    template, imported = templates[case.template], templates["imported"]
    counts = _steps_taken(case, template, tmp_path, words, imported)
    assert counts["pwrite64"], counts
    reached = set()
    for step, count in counts.items():
        for when in _chosen(step, count):
            home = _fresh(template, tmp_path)
            killed = _fibromap(home, _arguments(case, home, words, imported), [
                STRACE, "-qq", "-o", "/dev/null", "-e", f"trace={step}",
                "-e", f"inject={step}:signal=KILL:when={when}"])
            where = f"{name} killed at {step} {when}/{count}"
            assert killed.returncode in (-9, 137), f"{where}: not killed: {killed.stderr}"
            reached.add(_after_next_start(home, template, case, words, where))
            cipher.forget_all()
    # Some kills came before the records changed (undone), some after (finished).
    if name in ("protect", "unprotect", "change-passphrase", "restore (plain)",
                "restore (protected)", "import"):
        assert len(reached) == 2, reached
