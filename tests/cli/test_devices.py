"""`fibromap devices`: what came from each device, and removing one device's all at once
(the dry run saying exactly what the removal then does)."""

from datetime import date

from fibromap.domain.device_data import keep_one_per_night
from fibromap.store.store import Store
from tests.cli.test_cli import run
from tests.exchange.devices.test_apple_health import EVERYTHING
from tests.helpers.device_exports import write_apple_health


def test_list_then_remove_one_device(capsys, tmp_path, sqlite_url, paths):
    code, out, err = run(capsys, "import", str(write_apple_health(tmp_path, EVERYTHING)))
    assert code == 0, err
    code, out, _err = run(capsys, "devices")
    assert out.splitlines() == [
        # The nap of 3 March is not counted as a night.
        "Apple Watch (Apple Health): 3 nights, 1 nap and 1 day of steps, 2026-03-02 to "
        "2026-03-29",
        "iPhone (Apple Health): 1 night and 2 days of steps, 2026-03-02 to 2026-03-03"]
    code, out, _err = run(capsys, "devices", "--remove", "apple watch (apple health)",
                          "--dry-run")
    assert out == ("Dry run, nothing removed. Would remove 3 nights, 1 nap and 1 day of steps "
                   "from Apple Watch (Apple Health).\n")
    store = Store.open(sqlite_url, paths)
    assert len(store.devices.sleeps()) == 5
    store.close()
    code, out, _err = run(capsys, "devices", "--remove", "Apple Watch")
    assert out == ("Removed 3 nights, 1 nap and 1 day of steps from Apple Watch (Apple "
                   "Health).\n")
    store = Store.open(sqlite_url, paths)
    try:
        # The night both measured now shows the phone's record.
        kept = keep_one_per_night(store.devices.sleeps()).kept
        assert [(s.source.device, s.day) for s in kept] == [("iPhone", date(2026, 3, 2))]
        assert {s.source.device for s in store.devices.steps()} == {"iPhone"}
    finally:
        store.close()


def test_an_unknown_device_is_named_with_the_ones_there_are(capsys, tmp_path):
    run(capsys, "import", str(write_apple_health(tmp_path, EVERYTHING)))
    code, _out, err = run(capsys, "devices", "--remove", "Fitbit")
    assert code == 1
    assert err == ("fibromap: no device called 'Fitbit' (the devices: Apple Watch (Apple "
                   "Health); iPhone (Apple Health))\n")
