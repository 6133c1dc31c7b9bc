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
