"""The store's tests on both kinds of SQLite file: plain, and protected with a passphrase.

Tests of the store, import, export, the report, backups, restore and durability run twice,
as `test_x[plain]` and `test_x[protected]`: in the second, the person's database
(``paths.database_file``) is protected from the start, unlocked in the test's process, and
FIBROMAP_PASSPHRASE_FILE names a file holding its passphrase, so that the commands and
programs the test starts unlock it too.

Which tests: in the folders whose conftest.py asks for ``database_kind`` (autouse), every
test that uses the person's database, i.e. asks for ``paths`` (or ``sqlite_url``, ``store``
and the like, which do), and every test that asks for ``database_kind`` itself (durability
tests with homes of their own prepare them with it). Tests that use only databases of their
own are not doubled, nor those on a PostgreSQL server (`any_url`'s "postgresql" runs are
deselected). A test that by its nature needs a plain file is marked
``plain_only("why")``; its protected run is skipped with that reason.

Deriving a key costs about 0.14 s, so the protected database is made once per session and
copied for each test: the copies share its salt, hence its key, which each test unlocks
again (tests/conftest.py forgets every key between tests).
"""

from __future__ import annotations

import inspect
import os
import shutil
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from fibromap.commands.protection import PASSPHRASE_ENV, read_passphrase
from fibromap.config import Paths
from fibromap.store import cipher

PASSPHRASE = "correct horse battery staple (tests)"
KINDS = ("plain", "protected")

# Modules about protection itself, which make, convert and unlock protected files of their
# own: a database protected before they start would be in their way.
PROTECTION_MODULES = frozenset({"test_cipher.py", "test_protection.py", "test_sealed_drafts.py",
                                "test_sealed_exports.py", "test_nothing_readable.py"})


@dataclass(frozen=True)
class Template:
    """An empty, up-to-date protected FibroMap database, and its key and passphrase file."""

    file: Path
    key: cipher.Key
    passphrase_file: Path


def make_template(folder: Path) -> Template:
    from fibromap.store.store import Store

    paths = Paths(folder, folder / "backups", folder / "logs", folder / "settings.ini")
    store = Store.open(f"sqlite:///{paths.database_file}", paths, passphrase=PASSPHRASE)
    key = store.database.key
    store.close()
    assert key is not None and cipher.is_protected(paths.database_file)
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith("fibromap.sqlite3-")]
    assert not leftovers, leftovers  # the file alone is the whole database
    passphrase_file = folder / "passphrase"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return Template(paths.database_file, key, passphrase_file)


@dataclass(frozen=True)
class DatabaseKind:
    """The kind of database a test runs on; ``prepare`` makes one of that kind."""

    name: str
    template: Template | None = None

    @property
    def protected(self) -> bool:
        return self.template is not None

    @property
    def passphrase(self) -> str | None:
        return PASSPHRASE if self.protected else None

    def prepare(self, path: Path) -> None:
        """Put an empty protected FibroMap database at ``path`` (nothing there yet), as if
        it had been made protected from the start, and unlock it in this process. Nothing
        for a plain one: FibroMap makes that itself when first opened."""
        if self.template is None:
            return
        assert not path.exists(), path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copyfile(self.template.file, path)
        path.chmod(0o600)
        cipher.remember(self.template.key)


def parametrize(metafunc) -> None:
    """pytest_generate_tests: run a test on both kinds where ``database_kind`` applies."""
    if "database_kind" not in metafunc.fixturenames:
        return
    if metafunc.definition.path.name in PROTECTION_MODULES:
        return
    if "postgres_url" in metafunc.fixturenames:  # a PostgreSQL server's test: no file
        return
    asked = "database_kind" in inspect.signature(metafunc.function).parameters
    if asked or "paths" in metafunc.fixturenames:
        metafunc.parametrize("database_kind", KINDS, indirect=True)


def on_a_server(item) -> bool:
    """A protected variant of a test run on PostgreSQL: the same test twice (deselected)."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    return params.get("database_kind") == "protected" and params.get("any_url") == "postgresql"


def key_of(path: Path) -> cipher.Key | None:
    """The key of the SQLite file at ``path`` unlocked in this process (None: plain)."""
    if not cipher.is_protected(path):
        return None
    key = cipher.known_key(path)
    assert key is not None, f"{path} is protected with a key not unlocked in this test"
    return key


def connect(path: Path):
    """A DB-API connection to the SQLite file at ``path``: sqlite3's for a plain one, as the
    app's own, SQLCipher's for a protected one (with the key unlocked in this process).

    Never two SQLite libraries on one file in one process: each takes POSIX locks its own
    way, and closing a file in one drops the other's locks (a -wal folded in too soon)."""
    key = key_of(path)
    return sqlite3.connect(path) if key is None else cipher.connect(path, key)


@contextmanager
def opened(path: Path):
    """``connect(path)``, closed after."""
    with closing(connect(path)) as connection:
        yield connection


def export_text(path: Path) -> str:
    """The text of an export written by a test: a protected database's are sealed with its
    passphrase, and opened with it here."""
    from fibromap.exchange.files import is_sealed_file, unsealed_text

    text = path.read_text(encoding="utf-8")
    return unsealed_text(text, PASSPHRASE) if is_sealed_file(path) else text


def passphrase_from_environment() -> str | None:
    """The passphrase a program started by a test is given (FIBROMAP_PASSPHRASE_FILE), as
    the commands read it; None when the test's database is plain."""
    chosen = os.environ.get(PASSPHRASE_ENV)
    if not chosen:
        return None
    return read_passphrase(Path(chosen))
