"""Every error is one line, and a crash log is whole or not there at all."""

from fibromap import cli


def test_a_library_error_with_a_second_line_is_still_one_line(capsys, monkeypatch, paths):
    from sqlalchemy.exc import OperationalError

    def fails(*_args):
        raise OperationalError("SELECT 1", {}, Exception("disk I/O error"))

    monkeypatch.setitem(cli.COMMANDS, "stats", fails)
    assert cli.main(["stats"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "Background on this error" not in err and "disk I/O error" in err
    log = next(paths.logs_dir.glob("crash-*.log"))
    assert "Background on this error" in log.read_text()  # the details are kept there


def test_a_crash_log_that_cannot_be_written_leaves_no_empty_file(capsys, monkeypatch, paths):
    from pathlib import Path

    def full_disk(self, *_args, **_kwargs):
        self.touch()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)  # the log is written whole or not at all
    monkeypatch.setitem(cli.COMMANDS, "stats", lambda *_a: 1 / 0)
    assert cli.main(["stats"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "fibromap: unexpected error: ZeroDivisionError: division by zero"
    assert list(paths.logs_dir.glob("crash-*.log")) == []
    assert list(paths.logs_dir.iterdir()) == []  # nor a temporary file beside it


def _records_with_a_backup(paths):
    from fibromap.store.backups import backup_sqlite
    from fibromap.store.store import Store
    from tests.helpers.records import full_flare

    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    store.flares.add(full_flare())
    store.close()
    return backup_sqlite(paths.database_file, paths, "manual")


def test_every_command_names_the_newest_backup_when_the_database_is_empty_or_gone(capsys, paths):
    backup = _records_with_a_backup(paths)
    for damage in ("empty", "missing"):
        for suffix in ("-wal", "-shm"):
            paths.database_file.with_name(paths.database_file.name + suffix).unlink(missing_ok=True)
        if damage == "empty":
            paths.database_file.write_bytes(b"")
        else:
            paths.database_file.unlink()
        for command in (["stats"], ["check"], ["backup"], ["export", "-o", str(paths.data_dir / "x.json")]):
            assert cli.main(command) != 0
            error = capsys.readouterr().err
            assert error.count("\n") == 1, (command, error)
            assert f"fibromap restore {backup.name}" in error, (command, error)
        assert not paths.database_file.exists() or paths.database_file.stat().st_size == 0


def test_a_folder_at_the_database_path_is_one_line(capsys, paths, tmp_path):
    folder = tmp_path / "records.sqlite3"
    folder.mkdir()
    for command in (["stats"], ["check"], ["backup"]):
        assert cli.main([*command[:1], "--database", f"sqlite:///{folder}", *command[1:]]) != 0
        error = capsys.readouterr().err
        assert error == (f"fibromap: {folder} is a folder, not a database file: name a file in "
                         "it (such as fibromap.sqlite3)\n"), (command, error)


def test_an_error_of_several_lines_is_said_in_its_first(capsys, monkeypatch, paths):
    from fibromap.commands import stats as stats_command
    from fibromap.errors import DatabaseError

    def server_gone(*_args):
        raise DatabaseError("the database refused the change: server closed the connection "
                            "unexpectedly\n\tThis probably means the server terminated "
                            "abnormally\n\tbefore or while processing the request.")

    monkeypatch.setattr(stats_command, "stats", server_gone)
    assert cli.main(["stats"]) == 1
    assert capsys.readouterr().err == ("fibromap: the database refused the change: server "
                                       "closed the connection unexpectedly\n")
