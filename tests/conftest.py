"""Shared fixtures: every test gets a fresh FibroMap home and never sees the real one."""

from __future__ import annotations

import os

# Qt aborts on a machine without a display unless told to draw offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import socket  # noqa: E402 - Qt is told to draw offscreen first
from pathlib import Path  # noqa: E402 - Qt is told to draw offscreen first

import pytest  # noqa: E402 - Qt is told to draw offscreen first
from hypothesis import settings  # noqa: E402 - Qt is told to draw offscreen first

from fibromap.config import Paths, database_url  # noqa: E402 - Qt is told to draw offscreen first
from tests.helpers import database_kinds  # noqa: E402 - Qt is told to draw offscreen first
from tests.helpers.postgres import PostgresServer, start_postgres  # noqa: E402 - Qt is told to draw offscreen first

# The suite gives the same answer on every run and every machine: property tests draw a
# fixed sequence of examples and keep no example database (a failure found once would
# otherwise replay for ever from .hypothesis/). `make explore` searches at random instead.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", max_examples=500, database=None)
settings.load_profile(os.environ.get("FIBROMAP_HYPOTHESIS", "deterministic"))


@pytest.fixture(scope="session", autouse=True)
def collect_between_tests():
    """As the app does (fibromap/ui/worker.py: CollectOnGuiThread), no automatic cycle
    collection: one started on a worker thread could destroy widgets of the GUI thread
    (the process crashed in 2 of 2 runs of tests/ui). Each test ends by waiting for the
    tasks still running and collecting on this thread (collect_after_each)."""
    import gc

    gc.disable()
    yield
    gc.enable()


FULL_COLLECTION_EVERY = 25  # tests; the young generations after each


@pytest.fixture(autouse=True)
def collect_after_each(collect_between_tests):
    yield
    import gc
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(60_000)
    _collections.append(None)
    gc.collect(2 if len(_collections) % FULL_COLLECTION_EVERY == 0 else 1)


_collections: list[None] = []


@pytest.fixture(autouse=True)
def fresh_home(tmp_path, monkeypatch) -> Paths:
    """A private FIBROMAP_HOME, and platform folders pointed away from the real home."""
    home = tmp_path / "fibromap-home"
    monkeypatch.setenv("FIBROMAP_HOME", str(home))
    monkeypatch.delenv("FIBROMAP_DATABASE_URL", raising=False)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))
    return Paths.from_environment()


@pytest.fixture(autouse=True)
def no_unlocked_keys():
    """Each test starts as a new program would: no protected database unlocked."""
    from fibromap.store import cipher

    cipher.forget_all()
    yield
    cipher.forget_all()


def pytest_configure(config):
    config.addinivalue_line("markers", "plain_only(reason): the test needs a plain SQLite "
                            "file; its protected run is skipped (tests/helpers/database_kinds.py)")


def pytest_generate_tests(metafunc):
    database_kinds.parametrize(metafunc)


# The fast tier, `make test-fast` (`pytest -m fast`): the tests in these folders of tests/,
# of plain Python and of the store on SQLite. Their PostgreSQL runs (a server to start) and
# the tests marked slow (more than a few seconds each: many examples, programs racing) are
# left to `make test`, which runs everything.
FAST_FOLDERS = frozenset({"domain", "analysis", "figure", "store"})
TESTS = Path(__file__).parent


def in_fast_tier(item) -> bool:
    folder = item.path.relative_to(TESTS).parts[0]
    return (folder in FAST_FOLDERS and item.get_closest_marker("slow") is None
            and item.get_closest_marker("postgres") is None)


def pytest_ignore_collect(collection_path, config):
    """`pytest -m fast` does not even import the tests outside the fast tier (collecting
    the whole suite takes a quarter of a minute)."""
    if config.getoption("markexpr") != "fast" or collection_path.parent != TESTS:
        return None
    if collection_path.is_dir():
        return collection_path.name not in FAST_FOLDERS or None
    return collection_path.name.startswith("test_") or None


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(config, items):
    dropped = [item for item in items if database_kinds.on_a_server(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]
    for item in items:
        if in_fast_tier(item):
            item.add_marker(pytest.mark.fast)


@pytest.fixture(scope="session")
def protected_template(tmp_path_factory) -> database_kinds.Template:
    return database_kinds.make_template(tmp_path_factory.mktemp("protected-template"))


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory) -> Path:
    """An empty, up-to-date plain FibroMap database, made once by FibroMap itself. A test
    that needs databases besides the person's (to import into, to export from) copies it
    (tests/helpers/records.py: store_from): a new one is migrated from the first revision,
    about 0.15 s a time; the person's own database is still made by FibroMap in each test."""
    from fibromap.store.store import Store

    folder = tmp_path_factory.mktemp("empty-template")
    paths = Paths(folder, folder / "backups", folder / "logs", folder / "settings.ini")
    Store.open(database_url(paths), paths).close()
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith("fibromap.sqlite3-")]
    assert not leftovers, leftovers  # the file alone is the whole database
    return paths.database_file


@pytest.fixture
def database_kind(request, no_unlocked_keys, fresh_home,
                  monkeypatch) -> database_kinds.DatabaseKind:
    """The kind of SQLite file the test runs on, "plain" or "protected" (a test parameter
    where a folder's conftest.py asks for it: tests/helpers/database_kinds.py). For
    "protected" the person's database is there already, protected, unlocked in this
    process, and FIBROMAP_PASSPHRASE_FILE gives its passphrase to the programs started."""
    name = getattr(request, "param", "plain")
    if name == "plain":
        return database_kinds.DatabaseKind(name)
    marker = request.node.get_closest_marker("plain_only")
    if marker is not None:
        pytest.skip(f"plain only: {marker.args[0]}")
    template = request.getfixturevalue("protected_template")
    kind = database_kinds.DatabaseKind(name, template)
    kind.prepare(fresh_home.database_file)
    monkeypatch.setenv(database_kinds.PASSPHRASE_ENV, str(template.passphrase_file))
    return kind


@pytest.fixture(autouse=True)
def no_network(request, monkeypatch):
    """Health data stays on the machine: any IPv4 or IPv6 socket opened by the code under
    test fails that test (the PostgreSQL tests reach their server through libpq)."""
    if request.node.get_closest_marker("postgres"):
        yield
        return
    opened = []
    real_init = socket.socket.__init__

    def guarded(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family in (socket.AF_INET, socket.AF_INET6, -1):
            opened.append(family)
            raise OSError("FibroMap tried to open a network socket")
        real_init(self, family, type, proto, fileno)

    monkeypatch.setattr(socket.socket, "__init__", guarded)
    yield opened
    assert opened == [], "a network socket was opened"


@pytest.fixture
def paths(fresh_home) -> Paths:
    return fresh_home


@pytest.fixture
def sqlite_url(paths) -> str:
    return database_url(paths)


@pytest.fixture(scope="session")
def postgres_server():
    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request) -> str:
    """A new, empty PostgreSQL database for one test."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_url(request, paths) -> str:
    """The same test on the default SQLite file and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return database_url(paths)
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(any_url, paths):
    from fibromap.store.store import Store

    opened = Store.open(any_url, paths)
    yield opened
    opened.close()


@pytest.fixture
def local_zone():
    """Sets the person's time zone: TZ, which datetime.astimezone() (and so FibroMap)
    reads once time.tzset() is called; put back afterwards."""
    import time

    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
