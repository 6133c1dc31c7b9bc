"""Damage found where the person is: a plain database whose first bytes were overwritten is
called damaged (never "protected with a passphrase"), by every way in, with the newest good
backup named; no wrong-passphrase wait is counted for it."""

import pytest

from fibromap import cli
from fibromap.errors import DatabaseDamaged
from fibromap.store import cipher
from fibromap.store.attempts import UnlockAttempts
from fibromap.store.backups import backup_sqlite, describe_backup, restore_hint
from fibromap.store.database import Database
from fibromap.store.store import Store
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits

pytestmark = pytest.mark.plain_only("the damage is to a plain file's header")


def _damaged(paths, offset):
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    store.flares.add(full_flare())
    store.close()
    backup = backup_sqlite(paths.database_file, paths, "manual")
    data = bytearray(paths.database_file.read_bytes())
    data[offset] ^= 0x5A
    paths.database_file.write_bytes(bytes(data))
    return backup


@pytest.mark.parametrize("offset", range(16))
def test_a_damaged_header_is_damage_not_protection(paths, offset):
    backup = _damaged(paths, offset)
    before = paths.database_file.read_bytes()
    assert not cipher.is_protected(paths.database_file)
    url = f"sqlite:///{paths.database_file}"
    for opening in (Database.open, Database.open_read_only, Database.open_for_checking):
        with pytest.raises(DatabaseDamaged) as damaged:
            opening(url, paths)
        message = str(damaged.value)
        # The damage said, with the newest backup, its flares, and how to restore it.
        fits(message, "{path} is damaged: its first bytes, which name it an SQLite file, were "
             "overwritten; it was left untouched", whole=False, path=paths.database_file)
        assert message.endswith(restore_hint(describe_backup(backup)))
    assert paths.database_file.read_bytes() == before


def test_the_command_line_says_damaged_in_one_line_and_counts_no_wrong_passphrase(
        paths, capsys):
    backup = _damaged(paths, 3)
    for command in (["check"], ["stats"], ["backup"]):
        assert cli.main(command) != 0
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and backup.name in error, error
        fits(error, "{path} is damaged: its first bytes, which name it an SQLite file, were "
             "overwritten; it was left untouched", whole=False, path=paths.database_file)
    assert UnlockAttempts(paths).failures == 0
