"""Protection at rest: a database turned protected, opened, re-keyed and turned back, each
conversion whole or not at all, with no note text left readable in the file."""

import subprocess
from pathlib import Path

import pytest

from fibromap.domain.flare import Flare, SpasmSite
from fibromap.errors import FibroMapError
from fibromap.store import cipher
from fibromap.store.store import Store
from tests.helpers.records import at
from tests.helpers.refusals import refused, says

SECRET = "Spasm after the argument with M. at the pharmacy"


def filled(sqlite_url, paths) -> Path:
    store = Store.open(sqlite_url, paths)
    store.flares.add(Flare(onset=at(2026, 3, 1, 9), sites=(SpasmSite("soleus.left", 6),),
                           notes=SECRET))
    store.close()
    return paths.database_file


def dump(path: Path, passphrase: str | None) -> list:
    """The schema and every row of every table, and the database's marks."""
    key = cipher.derive(passphrase, cipher.salt_of(path)) if passphrase else None
    connection = cipher.connect(path, key)
    try:
        schema = sorted(connection.execute("SELECT type, name, sql FROM sqlite_master"))
        rows = [(name, sorted(map(repr, connection.execute(f'SELECT * FROM "{name}"'))))
                for _type, name, _sql in schema if _type == "table"]
        marks = [connection.execute(f"PRAGMA {m}").fetchone()[0]
                 for m in ("user_version", "application_id")]
        return [schema, rows, marks]
    finally:
        connection.close()


def readable(path: Path, text: str) -> bool:
    found = subprocess.run(["strings", "-n", "8", str(path)], capture_output=True, text=True)
    return text[:20] in found.stdout


def test_protect_open_rekey_and_unprotect_keep_every_row(sqlite_url, paths):
    path = filled(sqlite_url, paths)
    before = dump(path, None)
    assert readable(path, SECRET)
    cipher.protect(path, "correct horse battery")
    assert cipher.is_protected(path) and not readable(path, SECRET)
    assert not list(path.parent.glob(".*converting"))
    assert dump(path, "correct horse battery") == before
    with pytest.raises(cipher.WrongPassphrase):
        cipher.unlock(path, "wrong horse")
    cipher.change_passphrase(path, cipher.unlock(path, "correct horse battery"), "it's a new one")
    with pytest.raises(cipher.WrongPassphrase):
        cipher.unlock(path, "correct horse battery")
    assert dump(path, "it's a new one") == before
    cipher.unprotect(path, cipher.unlock(path, "it's a new one"))
    assert not cipher.is_protected(path) and dump(path, None) == before
    assert readable(path, SECRET)


def test_a_wrong_passphrase_changes_nothing(sqlite_url, paths):
    path = filled(sqlite_url, paths)
    cipher.protect(path, "right")
    before = path.read_bytes()
    wrong = cipher.derive("wrong", cipher.salt_of(path))
    for attempt in (cipher.unprotect, lambda p, k: cipher.change_passphrase(p, k, "new")):
        with pytest.raises(cipher.WrongPassphrase):
            attempt(path, wrong)
        assert path.read_bytes() == before


def test_a_failed_check_leaves_the_original_whole(sqlite_url, paths, monkeypatch):
    path = filled(sqlite_url, paths)
    before = dump(path, None)
    calls = {"n": 0}
    real_tables = cipher._tables

    def tables(connection):
        calls["n"] += 1
        counts = real_tables(connection)
        return counts if calls["n"] == 1 else {**counts, "flare": 999}
    monkeypatch.setattr(cipher, "_tables", tables)
    with pytest.raises(FibroMapError) as told:
        cipher.protect(path, "pass")
    says(told.value, "the converted copy does not hold every row of the original")
    assert not cipher.is_protected(path) and dump(path, None) == before
    assert not list(path.parent.glob(".*converting"))


def test_empty_and_doubled_protection_are_refused(sqlite_url, paths):
    path = filled(sqlite_url, paths)
    with pytest.raises(FibroMapError) as told:
        cipher.protect(path, "")
    says(told.value, "a passphrase cannot be empty")
    cipher.protect(path, "x")
    with pytest.raises(FibroMapError) as told:
        cipher.protect(path, "y")
    says(told.value, "{path} is protected already", path=path)


def test_a_protected_database_opens_only_with_its_passphrase_and_keeps_working(sqlite_url,
                                                                               paths):
    path = filled(sqlite_url, paths)
    cipher.protect(path, "s3cret ' quote")
    cipher.forget_all()  # as a new program would start
    with refused(cipher.PassphraseNeeded, None, path):
        Store.open(sqlite_url, paths)
    with pytest.raises(cipher.WrongPassphrase):
        Store.open(sqlite_url, paths, passphrase="nope")
    store = Store.open(sqlite_url, paths, passphrase="s3cret ' quote")
    try:
        assert store.flares.count() == 1
        store.flares.add(Flare(onset=at(2026, 3, 2, 9), sites=(SpasmSite("soleus.right", 4),),
                               notes=SECRET + " again"))
        # While open, the write-ahead log beside it holds no readable note either.
        for part in (path, Path(f"{path}-wal")):
            if part.exists():
                assert not readable(part, SECRET)
    finally:
        store.close()
    reading = Store.open_read_only(sqlite_url, paths, passphrase="s3cret ' quote")
    try:
        assert reading.flares.count() == 2
    finally:
        reading.close()
    assert cipher.is_protected(path) and not readable(path, SECRET)
