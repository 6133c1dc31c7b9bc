"""Protection of a whole record: the database and every backup follow it on, to a new
passphrase and off; backups of a protected database are protected and restore into it."""


import pytest

from fibromap.domain.flare import Flare, SpasmSite
from fibromap.errors import DatabaseError, FibroMapError
from fibromap.store import cipher, protection
from fibromap.store.backups import (
    backup_sqlite, describe_backup, list_backups, restore_backup,
)
from fibromap.store.database import PROTECTION_CHANGED
from fibromap.store.store import Store
from tests.helpers.records import at
from tests.helpers.refusals import says
from tests.store.test_cipher import SECRET, readable


def add(store: Store, day: int, note: str = SECRET) -> None:
    store.flares.add(Flare(onset=at(2026, 3, day, 9), sites=(SpasmSite("soleus.left", 6),),
                           notes=note))


def test_backups_follow_protection_on_to_a_new_passphrase_and_off(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    add(store, 1)
    plain_backup = backup_sqlite(paths.database_file, paths, "manual")
    assert readable(plain_backup, SECRET)

    change = protection.protect(store.database, paths, "first passphrase")
    assert change.protected and change.backups_left == []
    assert store.database.key is not None and store.flares.count() == 1
    add(store, 2)  # the open store carries on, protected
    assert cipher.is_protected(plain_backup) and not readable(plain_backup, SECRET)
    assert describe_backup(plain_backup).flares == 1
    protected_backup = backup_sqlite(paths.database_file, paths, "manual")
    assert cipher.is_protected(protected_backup) and not readable(protected_backup, SECRET)
    # One salt for the whole family: one key opens them all.
    assert cipher.salt_of(protected_backup) == cipher.salt_of(paths.database_file)

    with pytest.raises(cipher.WrongPassphrase):
        protection.change_passphrase(store.database, paths, "not it", "second")
    protection.change_passphrase(store.database, paths, "first passphrase", "second")
    cipher.forget_all()
    for backup in list_backups(paths):
        with pytest.raises(cipher.WrongPassphrase):
            cipher.unlock(backup, "first passphrase")
    cipher.unlock(paths.database_file, "second")
    assert [describe_backup(b).flares for b in list_backups(paths)] == [2, 1]
    assert store.flares.count() == 2

    protection.unprotect(store.database, paths, "second")
    assert not cipher.is_protected(paths.database_file) and store.database.key is None
    assert all(not cipher.is_protected(b) and readable(b, SECRET) for b in list_backups(paths))
    store.close()


def test_a_new_program_sees_protected_backups_as_locked_until_unlocked(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    add(store, 1)
    protection.protect(store.database, paths, "pass")
    backup = backup_sqlite(paths.database_file, paths, "daily")
    store.close()
    cipher.forget_all()
    info = describe_backup(backup)
    assert info.protected and info.locked and info.flares is None
    with pytest.raises(DatabaseError) as told:
        restore_backup(backup, paths.database_file)
    says(told.value, "{backup} is protected with a passphrase that was not given (an earlier "
         "one?); nothing was changed", backup=backup)
    with pytest.raises(cipher.PassphraseNeeded):
        backup_sqlite(paths.database_file, paths, "manual")
    cipher.unlock(paths.database_file, "pass")
    info = describe_backup(backup)
    assert info.protected and not info.locked and info.flares == 1 and info.sound


def test_restoring_a_plain_copy_into_a_protected_database_keeps_it_protected(sqlite_url,
                                                                             paths):
    source = paths.data_dir / "elsewhere" / "copy.sqlite3"
    copy = Store.open(f"sqlite:///{source}", paths)
    add(copy, 3, "plain copy note")
    add(copy, 4, "plain copy note")
    copy.close()
    store = Store.open(sqlite_url, paths)
    add(store, 1)
    protection.protect(store.database, paths, "pass")
    set_aside = store.database.restore(source, paths)
    assert cipher.is_protected(paths.database_file)
    assert not readable(paths.database_file, "plain copy note")
    assert store.flares.count() == 2
    assert cipher.is_protected(set_aside)  # the replaced file kept, as it was
    store.close()


@pytest.mark.postgres
def test_protection_is_refused_for_what_it_cannot_apply_to(sqlite_url, paths, postgres_url):
    store = Store.open(sqlite_url, paths)
    with pytest.raises(FibroMapError) as told:
        protection.unprotect(store.database, paths, "x")
    says(told.value, "{path} is not protected", path=paths.database_file)
    protection.protect(store.database, paths, "x")
    with pytest.raises(FibroMapError) as told:
        protection.protect(store.database, paths, "y")
    says(told.value, "{path} is protected already", path=paths.database_file)
    store.close()
    server = Store.open(postgres_url, paths)
    try:
        with pytest.raises(FibroMapError) as told:
            protection.protect(server.database, paths, "x")
        says(told.value, "protection with a passphrase is for the SQLite file on this "
             "computer; a PostgreSQL server protects its data its own way")
    finally:
        server.close()


def test_another_window_is_told_when_protection_changed_under_it(sqlite_url, paths):
    here = Store.open(sqlite_url, paths)
    add(here, 1)
    there = Store.open(sqlite_url, paths)  # another window on the same file
    protection.protect(here.database, paths, "on")
    with pytest.raises(DatabaseError) as told:
        there.flares.count()
    says(told.value, PROTECTION_CHANGED)
    there.close()
    there = Store.open(sqlite_url, paths)  # started again: unlocked (in this process)
    protection.change_passphrase(here.database, paths, "on", "changed")
    with pytest.raises(DatabaseError) as told:
        there.flares.count()
    says(told.value, PROTECTION_CHANGED)
    there.close()
    there = Store.open(sqlite_url, paths)
    protection.unprotect(here.database, paths, "changed")
    with pytest.raises(DatabaseError) as told:
        add(there, 2)
    says(told.value, PROTECTION_CHANGED)
    assert here.flares.count() == 1
    there.close()
    here.close()
