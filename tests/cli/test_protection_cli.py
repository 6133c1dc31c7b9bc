"""`fibromap protect`, `unprotect`, `change-passphrase`, and every command unlocking a
protected database from a passphrase file: one clear line when it is wrong, nothing
changed, and a growing wait after five wrong tries in a row."""

import json

import pytest

from fibromap import cli
from fibromap.commands.protection import FORGOTTEN
from fibromap.i18n import _ as gettext, ngettext
from fibromap.store import cipher
from fibromap.store.attempts import UnlockAttempts
from tests.helpers.refusals import fits
from tests.store.test_cipher import SECRET, filled, readable


@pytest.fixture
def secret_file(tmp_path):
    def write(text: str, name: str = "pass.txt"):
        target = tmp_path / name
        target.write_text(text + "\n", encoding="utf-8")
        return str(target)
    return write


def run(capsys, *argv) -> tuple[int, str, str]:
    cipher.forget_all()  # each command as its own program
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_protect_use_change_and_unprotect_from_the_command_line(capsys, sqlite_url, paths,
                                                                secret_file, monkeypatch):
    path = filled(sqlite_url, paths)
    first, second = secret_file("tea and toast"), secret_file("new one", "new.txt")
    assert run(capsys, "backup")[0] == 0  # a plain backup, converted below
    code, out, _err = run(capsys, "protect", "--passphrase-file", first)
    assert code == 0
    fits(out.splitlines()[0], "Protected {database} and its backups with the passphrase.",
         whole=False, database=path)
    assert gettext(FORGOTTEN) in out  # the warning that a lost passphrase loses the records
    assert cipher.is_protected(path) and not readable(path, SECRET)
    backup = next(paths.backups_dir.glob("*.sqlite3"))
    assert cipher.is_protected(backup) and not readable(backup, SECRET)

    code, _out, err = run(capsys, "stats")
    assert code == 1 and len(err.strip().splitlines()) == 1
    fits(err.strip(), "{path} is protected with a passphrase: give it (in the app, or with "
         "--passphrase-file FILE or FIBROMAP_PASSPHRASE_FILE on the command line)", whole=False,
         path=path)
    code, out, _err = run(capsys, "stats", "--passphrase-file", first)
    assert code == 0 and json.loads(run(capsys, "stats", "--json", "--passphrase-file",
                                        first)[1])["flares"] == 1
    monkeypatch.setenv("FIBROMAP_PASSPHRASE_FILE", first)
    code, out, _err = run(capsys, "backup", "--list")
    assert code == 0
    assert ngettext("{n} flare", "{n} flares", 1).format(n=1) + gettext(", protected") in out
    monkeypatch.delenv("FIBROMAP_PASSPHRASE_FILE")

    before = path.read_bytes()
    code, _out, err = run(capsys, "change-passphrase", "--passphrase-file", second,
                          "--new-passphrase-file", first)
    assert code == 1 and len(err.strip().splitlines()) == 1
    fits(err.strip(), "the passphrase does not open {path}", whole=False, path=path)
    assert path.read_bytes() == before
    code, out, _err = run(capsys, "change-passphrase", "--passphrase-file", first,
                          "--new-passphrase-file", second)
    assert code == 0
    fits(out.splitlines()[0], "Changed the passphrase of {database} and its backups.",
         whole=False, database=path)
    assert run(capsys, "stats", "--passphrase-file", first)[0] == 1
    code, out, _err = run(capsys, "unprotect", "--passphrase-file", second)
    assert code == 0
    fits(out.strip(), "{database} and its backups are no longer protected: anyone who can read "
         "these files can read your records.", whole=False, database=path)
    assert not cipher.is_protected(path) and readable(path, SECRET)
    assert not cipher.is_protected(backup) and run(capsys, "stats")[0] == 0


def test_passphrase_files_that_cannot_be_used_are_named(capsys, sqlite_url, paths, tmp_path,
                                                        secret_file):
    filled(sqlite_url, paths)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    code, _out, err = run(capsys, "protect", "--passphrase-file", str(empty))
    assert code == 1 and not cipher.is_protected(paths.database_file)
    fits(err.strip(), "the passphrase file {file} is empty", whole=False, file=empty)
    code, _out, err = run(capsys, "protect", "--passphrase-file", str(tmp_path / "none"))
    assert code == 1
    fits(err.strip(), "cannot read the passphrase file {file}: {reason}", whole=False,
         file=tmp_path / "none")
    fits(run(capsys, "protect")[2].strip(), "{what}: give --passphrase-file FILE (or {variable})",
         whole=False, what=gettext("protect needs the passphrase to protect with"))
    assert run(capsys, "protect", "--passphrase-file", secret_file("ok"))[0] == 0
    code, _out, err = run(capsys, "protect", "--passphrase-file", secret_file("ok"))
    assert code == 1
    fits(err.strip(), "{database} is protected already; change its passphrase with `fibromap "
         "change-passphrase`", whole=False, database=paths.database_file)
    # No passphrase on the command line: there is no option that takes one.
    # (nor an abbreviation of --passphrase-file).
    with pytest.raises(SystemExit) as refused:
        cli.main(["stats", "--passphrase", "ok"])
    assert refused.value.code == 2 and "unrecognized arguments" in capsys.readouterr().err


def test_five_wrong_tries_in_a_row_add_a_growing_wait(capsys, sqlite_url, paths, secret_file,
                                                      monkeypatch):
    filled(sqlite_url, paths)
    right, wrong = secret_file("right"), secret_file("wrong", "wrong.txt")
    run(capsys, "protect", "--passphrase-file", right)
    waits = []
    monkeypatch.setattr("fibromap.commands.protection.time.sleep", waits.append)
    for _ in range(5):
        assert run(capsys, "stats", "--passphrase-file", wrong)[0] == 1
    assert waits == [] and UnlockAttempts(paths).failures == 5
    code, _out, err = run(capsys, "stats", "--passphrase-file", wrong)
    assert code == 1
    fits(err, "fibromap: {n} wrong passphrases in a row: waiting {seconds} s before trying this "
         "one", whole=False, n=5, seconds=10)
    assert waits and 9 <= waits[0] <= 10
    run(capsys, "stats", "--passphrase-file", wrong)
    assert 19 <= waits[1] <= 20  # doubled
    code, _out, err = run(capsys, "stats", "--passphrase-file", right)
    assert code == 0 and 39 <= waits[2] <= 40  # even the right one waits its turn
    assert UnlockAttempts(paths).failures == 0  # and then the count starts again


def test_a_backup_under_an_earlier_passphrase_is_restored_with_it(capsys, sqlite_url, paths,
                                                                   secret_file):
    import shutil

    from fibromap.store.backups import list_backups
    from fibromap.store.store import Store
    from tests.helpers.records import full_flare

    first, second = secret_file("the first one", "first.txt"), secret_file("another", "second.txt")
    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    store.close()
    assert run(capsys, "protect", "--database", sqlite_url, "--passphrase-file", first)[0] == 0
    assert run(capsys, "backup", "--database", sqlite_url, "--passphrase-file", first)[0] == 0
    earlier = list_backups(paths)[0]
    kept = paths.data_dir / "kept-aside"
    shutil.copyfile(earlier, kept)  # as a backup an older FibroMap left under the old key
    assert run(capsys, "change-passphrase", "--database", sqlite_url, "--passphrase-file",
               first, "--new-passphrase-file", second)[0] == 0
    shutil.copyfile(kept, earlier)
    code, _out, err = run(capsys, "restore", earlier.name, "--database", sqlite_url,
                          "--passphrase-file", second)
    assert code != 0 and len(err.strip().splitlines()) == 1
    fits(err.strip(), "{backup} is protected with another passphrase than the database's (an "
         "earlier one?): give it with --backup-passphrase-file FILE", whole=False,
         backup=earlier.name)
    code, _out, err = run(capsys, "restore", earlier.name, "--database", sqlite_url,
                          "--passphrase-file", second, "--backup-passphrase-file", second)
    assert code != 0
    fits(err.strip(), "the passphrase given does not open the backup {backup}; nothing was "
         "changed", whole=False, backup=earlier.name)
    code, out, err = run(capsys, "restore", earlier.name, "--database", sqlite_url,
                         "--passphrase-file", second, "--backup-passphrase-file", first)
    assert code == 0, err
    assert out.startswith(f"Restored {earlier.name} (1 flare)")
    store = Store.open(sqlite_url, paths, passphrase="another")
    try:
        assert store.flares.count() == 1
    finally:
        store.close()
