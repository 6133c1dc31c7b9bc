"""`fibromap check` on damaged files: whatever byte is changed, it ends with a verdict
(ok, or the problems, each in a line), never with "unexpected error"; and it reads every
table, device data included."""

import random
import shutil

import pytest

from fibromap import cli
from fibromap.config import Paths
from fibromap.domain.wording import counted
from fibromap.i18n import _
from tests.helpers.refusals import finding, parsed

pytestmark = [pytest.mark.slow, pytest.mark.plain_only("bytes of a plain file are flipped")]
FLIPS = 100


@pytest.fixture(scope="module")
def demo_records(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo")
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    url = f"sqlite:///{paths.database_file}"
    assert cli.main(["demo", "--database", url, "--into-records", "--days", "90",
                     "--seed", "4"]) == 0
    return paths.database_file


def _check(database, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["check", "--database", f"sqlite:///{database}"])
    out = capsys.readouterr()
    return code, out.out + out.err


def problems_said(said: str) -> list[str]:
    """The problems `fibromap check` found, one a line ("fibromap: problem: …")."""
    return [found["problem"] for line in said.splitlines()
            if (found := parsed(line, "fibromap: problem: {problem}")) is not None]


def test_every_flipped_byte_ends_in_a_verdict(demo_records, tmp_path, capsys, paths):
    rng = random.Random(2929)
    size = demo_records.stat().st_size
    verdicts = {"ok": 0, "problems": 0, "refused": 0}
    for flip in range(FLIPS):
        copy = tmp_path / f"flip-{flip}.sqlite3"
        shutil.copyfile(demo_records, copy)
        data = bytearray(copy.read_bytes())
        position = rng.randrange(100, size)  # the header's own damage: tests/store/test_damage.py
        data[position] ^= 1 << rng.randrange(8)
        copy.write_bytes(bytes(data))
        code, said = _check(copy, capsys)
        assert parsed(said, "fibromap: unexpected error: {error}", whole=False) is None, (
            position, said)
        assert code in (0, 1), (position, said)
        if code == 0:
            assert said.strip().splitlines()[-1] == _("Check: ok"), said
            verdicts["ok"] += 1
        elif problems_said(said):
            verdicts["problems"] += 1
        else:
            verdicts["refused"] += 1
        copy.unlink()
    # Most flips land in free space or in values of the same kind; a fair share is found.
    print("verdicts", verdicts)
    assert verdicts["problems"] + verdicts["refused"] > 10, verdicts


def test_a_device_value_of_the_wrong_kind_is_found(demo_records, tmp_path, capsys, paths):
    import sqlite3

    copy = tmp_path / "devices.sqlite3"
    shutil.copyfile(demo_records, copy)
    connection = sqlite3.connect(copy)
    connection.execute("UPDATE device_steps SET steps = x'00ff' WHERE id = "
                       "(SELECT min(id) FROM device_steps)")
    connection.execute("UPDATE device_sleep SET day = '2026-13-45' WHERE id = "
                       "(SELECT min(id) FROM device_sleep)")
    connection.commit()
    connection.close()
    code, said = _check(copy, capsys)
    assert code == 1
    problems = problems_said(said)
    finding(problems, "{rows} of {table} with a {column} of the wrong kind (damaged on disk)",
            rows=counted(1, "rows"), table="device_steps", column="steps")
    finding(problems, "a row of {table} cannot be read back ({reason})", table="device_sleep")


@pytest.mark.parametrize("table, column, value", [("device_steps", "steps", 1234),
                                                   ("device_sleep", "asleep_minutes", 333),
                                                   ("device_sleep", "day", "2026-01-02")])
def test_a_device_value_changed_to_another_of_its_kind_is_found(demo_records, tmp_path,
                                                                 capsys, table, column, value):
    import sqlite3

    copy = tmp_path / "changed.sqlite3"
    shutil.copyfile(demo_records, copy)
    connection = sqlite3.connect(copy)
    row = connection.execute(f"SELECT min(id) FROM {table}").fetchone()[0]
    connection.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row))
    connection.commit()
    connection.close()
    code, said = _check(copy, capsys)
    what = "daily step counts" if table == "device_steps" else "sleep records"
    assert code == 1
    finding(problems_said(said), "{what} from a device changed on disk since imported (the "
            "values no longer match the fingerprint): ids {ids}", what=counted(1, what), ids=row)
