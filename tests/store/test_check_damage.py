"""`fibromap check` on damaged files: whatever byte is changed, it ends with a verdict
(ok, or the problems, each in a line), never with "unexpected error"; and it reads every
table, device data included."""

import random
import shutil

import pytest

from fibromap import cli
from fibromap.config import Paths

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
        assert "unexpected error" not in said, (position, said)
        assert code in (0, 1), (position, said)
        if "Check: ok" in said:
            verdicts["ok"] += 1
        elif "problem" in said:
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
    assert "1 row of device_steps with a steps of the wrong kind (damaged on disk)" in said
    assert "a row of device_sleep cannot be read back" in said


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
    what = "daily step count" if table == "device_steps" else "sleep record"
    assert code == 1
    assert (f"1 {what} from a device changed on disk since imported (the values no longer "
            f"match the fingerprint): ids {row}") in said
