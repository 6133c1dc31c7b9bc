"""Every command end to end, in-process (fast) and through the installed entry point."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from fibromap import __version__
from fibromap.cli import main
from fibromap.i18n import _ as gettext, ngettext
from tests.helpers.refusals import fits

FIBROMAP = Path(sys.executable).with_name("fibromap")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_version_through_the_installed_command():
    result = subprocess.run([str(FIBROMAP), "--version"], capture_output=True, text=True,
                            timeout=60, env=os.environ)
    assert result.returncode == 0
    assert result.stdout.strip() == f"FibroMap {__version__}"


def test_demo_then_stats_gives_plausible_figures(capsys):
    code, out, _ = run(capsys, "demo", "--into-records", "--days", "365", "--seed", "1")
    assert code == 0 and out.startswith("Added ")
    code, out, _ = run(capsys, "stats", "--json")
    figures = json.loads(out)
    assert code == 0
    assert {"flares", "sites", "mean_intensity", "max_intensity", "top_regions"} <= set(figures)
    yesterday = date.today() - timedelta(days=1)
    assert figures["to"] <= yesterday.isoformat()
    assert 365 * 1.0 < figures["flares"] < 365 * 4.0  # a few flares a day
    assert figures["sites"] > figures["flares"]
    assert 2.5 < figures["mean_intensity"] < 7.5 and figures["max_intensity"] <= 10
    counts = [r["count"] for r in figures["top_regions"]]
    assert counts == sorted(counts, reverse=True) and len(counts) == 10
    # A hot spot: the most frequent region is touched by many more flares than the 10th.
    assert counts[0] > 3 * counts[-1]
    assert figures["checkins"] > 300


def test_demo_history_is_realistic(capsys):
    from fibromap.demo import generate

    history = generate(days=365, seed=7, end=date(2026, 6, 30))
    hours = [f.onset.hour for f in history.flares]
    night_or_waking = sum(1 for h in hours if h < 8) / len(hours)
    assert night_or_waking > 0.4  # many spasms at night or just before waking
    winter = [f for f in history.flares if f.onset.month in (12, 1, 2)]
    summer = [f for f in history.flares if f.onset.month in (6, 7, 8)]
    assert len(winter) > 1.2 * len(summer)
    with_referral = [f for f in history.flares if f.referrals]
    assert 0.15 < len(with_referral) / len(history.flares) < 0.6
    poor = {c.day for c in history.checkins if c.sleep_hours < 5.5 or c.sleep_quality <= 3}
    good = {c.day for c in history.checkins} - poor
    per_day = lambda days: sum(1 for f in history.flares if f.onset.date() in days) / len(days)
    assert per_day(poor) > 1.2 * per_day(good)
    # Overall pain, stiffness, fog and waking unrefreshed on most check-ins, in their
    # ranges, skipped now and then (None), worse after a poor night.
    for name, top in (("pain", 10), ("stiffness", 10), ("fibro_fog", 3),
                      ("waking_unrefreshed", 3)):
        given = [getattr(c, name) for c in history.checkins if getattr(c, name) is not None]
        assert 0.9 * len(history.checkins) < len(given) < len(history.checkins), name
        assert min(given) >= 0 and max(given) <= top and len(set(given)) > top // 2, name

    def mean(name, days):
        given = [getattr(c, name) for c in history.checkins
                 if c.day in days and getattr(c, name) is not None]
        return sum(given) / len(given)
    assert mean("pain", poor) > mean("pain", good) + 0.2
    assert mean("waking_unrefreshed", poor) > mean("waking_unrefreshed", good) + 0.5
    reliefs = {}
    for flare in history.flares:
        for use in flare.treatments:
            reliefs.setdefault(use.treatment, []).append(use.relief)
    means = {name: sum(v) / len(v) for name, v in reliefs.items()}
    assert means["heat"] - means["water"] > 1.5  # treatments help to different degrees
    names = [m.name for m in history.medications]
    assert "Cyclobenzaprine" in names
    started = next(m for m in history.medications if m.name == "Cyclobenzaprine").start
    assert date(2025, 7, 1) < started < date(2026, 6, 30)


def test_same_seed_same_data_different_seed_different_data(capsys, tmp_path, monkeypatch):
    results = []
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        monkeypatch.setenv("FIBROMAP_HOME", str(tmp_path / name))
        assert run(capsys, "demo", "--into-records", "--days", "60", "--seed", seed)[0] == 0
        with sqlite3.connect(tmp_path / name / "fibromap.sqlite3") as db:
            rows = db.execute("SELECT f.onset_utc, f.duration_s, s.region, s.intensity, s.role "
                              "FROM flare f JOIN site s ON s.flare_id = f.id "
                              "ORDER BY f.id, s.position").fetchall()
            rows += db.execute("SELECT * FROM checkin ORDER BY day").fetchall()
        db.close()
        results.append(rows)
    assert results[0] == results[1]
    assert results[0] != results[2]


def test_demo_refuses_a_database_with_entries_unless_forced(capsys, paths):
    assert run(capsys, "demo", "--into-records", "--days", "10")[0] == 0
    before = hashlib.sha256(paths.database_file.read_bytes()).hexdigest()
    code, _, err = run(capsys, "demo", "--into-records", "--days", "10")
    assert code == 1
    fits(one_line_error(err), "{database} already holds entries; use --force to add the demo "
         "history anyway", whole=False, database=paths.database_file)
    assert hashlib.sha256(paths.database_file.read_bytes()).hexdigest() == before
    code, out, _ = run(capsys, "demo", "--into-records", "--days", "10", "--seed", "2", "--force")
    assert code == 0 and json.loads(run(capsys, "stats", "--json")[1])["flares"] > 0
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["checkins"] <= 10  # one check-in per day, never two


def test_check_reports_revision_counts_and_integrity(capsys):
    run(capsys, "demo", "--into-records", "--days", "20")
    code, out, err = run(capsys, "check")
    assert code == 0 and err == ""
    from fibromap.store.revisions import HEAD_REVISION

    assert HEAD_REVISION in out.splitlines()[1]
    assert out.strip().splitlines()[-1] == gettext("Check: ok")


def test_check_fails_on_a_missing_damaged_or_newer_database(capsys, paths):
    code, _, err = run(capsys, "check")
    assert code == 1
    fits(one_line_error(err), "there is no FibroMap database at {path}", whole=False,
         path=paths.database_file)
    assert not paths.database_file.exists()  # check never creates one

    run(capsys, "demo", "--into-records", "--days", "5")
    with sqlite3.connect(paths.database_file) as db:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("DELETE FROM site")
    db.close()
    code, out, err = run(capsys, "check")
    assert code == 1 and out.strip().splitlines()[-1] == ngettext(
        "Check: {n} problem", "Check: {n} problems", 3).format(n=3)
    assert [line for line in err.splitlines() if "no body region" in line]

    with sqlite3.connect(paths.database_file) as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffff'")
    db.close()
    code, _, err = run(capsys, "check")
    assert code == 1
    fits(one_line_error(err), "{where} was written by a newer version of FibroMap (schema "
         "{revision}, this version knows up to {head}); update FibroMap to open it. It was left "
         "untouched", whole=False, revision="ffff")


def test_stats_text_and_period(capsys):
    run(capsys, "demo", "--into-records", "--days", "30", "--seed", "5")
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "Flares:" in out and "Most affected regions" in out and " 1. " in out
    day = (date.today() - timedelta(days=3)).isoformat()
    code, out, _ = run(capsys, "stats", "--from", day, "--to", day, "--json")
    figures = json.loads(out)
    assert figures["from"] == figures["to"] == day and figures["days"] == 1


def test_stats_on_an_empty_database(capsys, sqlite_url, paths):
    from fibromap.store.store import Store

    Store.open(sqlite_url, paths).close()
    code, out, _ = run(capsys, "stats", "--json")
    figures = json.loads(out)
    assert code == 0 and figures["flares"] == 0 and figures["mean_intensity"] is None
    assert figures["top_regions"] == []


@pytest.mark.parametrize("args, message", [
    (["stats", "--from", "2026-02-30"], "expected a date like 2026-03-01, got '2026-02-30'"),
    (["stats", "--from", "2026-03-02", "--to", "2026-03-01"], "--from 2026-03-02 is after --to 2026-03-01"),
    (["demo", "--into-records", "--days", "0"], "days must be between 1 and"),
    (["demo", "--into-records", "--days", "many"], "expected a number of days, got 'many'"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["stats", "--database", "nonsense"], "there is no FibroMap database at"),
    (["stats", "--database", "nosuch://host/db"], "FibroMap cannot open nosuch databases"),
])
def test_bad_arguments_get_one_clear_line(capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        code = main(args)
        raise SystemExit(code)
    assert exit_info.value.code in (1, 2)
    assert message in one_line_error(capsys.readouterr().err)


def test_foreign_file_through_the_installed_command_is_one_line_and_untouched(tmp_path):
    foreign = tmp_path / "photos.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE photo (path TEXT)")
    db.close()
    before = foreign.read_bytes()
    env = dict(os.environ, FIBROMAP_DATABASE_URL=f"sqlite:///{foreign}")
    result = subprocess.run([str(FIBROMAP), "stats"], capture_output=True, text=True, timeout=60,
                            env=env)
    assert result.returncode == 1
    assert one_line_error(result.stderr).startswith("fibromap: ")
    fits(result.stderr.strip(), "{where} is not a FibroMap database (it holds other tables: "
         "{shown}); it was left untouched", whole=False, shown="photo")
    assert foreign.read_bytes() == before


def test_database_option_and_environment_variable_choose_the_database(capsys, tmp_path, monkeypatch, paths):
    chosen = tmp_path / "elsewhere.sqlite3"
    assert run(capsys, "--database", f"sqlite:///{chosen}", "demo", "--into-records", "--days", "3")[0] == 0
    assert chosen.exists() and not paths.database_file.exists()
    monkeypatch.setenv("FIBROMAP_DATABASE_URL", f"sqlite:///{chosen}")
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["flares"] > 0
    # Reading never creates a database: a path with none is an error, and stays empty.
    code, out, err = run(capsys, "stats", "--json", "--database", f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert code == 1
    fits(one_line_error(err), "there is no FibroMap database at {path}", whole=False,
         path=tmp_path / "new.sqlite3")
    assert not (tmp_path / "new.sqlite3").exists()
    code, _, err = run(capsys, "--database", "sqlite:////nonexistent/dir/x.sqlite3", "stats")
    assert code == 1
    fits(one_line_error(err), "there is no FibroMap database at {path}", whole=False,
         path="/nonexistent/dir/x.sqlite3")
    assert not Path("/nonexistent").exists()


def test_unwritable_home_is_one_line(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("FIBROMAP_HOME", str(blocker / "sub"))
    code, _, err = run(capsys, "demo", "--into-records", "--days", "3")
    assert code == 1
    fits(one_line_error(err), "cannot create the folder {directory}: {reason}", whole=False,
         directory=blocker / "sub")


def test_unexpected_errors_are_one_line_with_a_log(capsys, paths, monkeypatch):
    import fibromap.cli as cli

    def explode(*_args):
        raise RuntimeError("boom")

    monkeypatch.setitem(cli.COMMANDS, "stats", explode)
    code, _, err = run(capsys, "stats")
    line = one_line_error(err)
    assert code == 1 and "unexpected error: RuntimeError: boom (details in" in line
    log = Path(line.split("details in ")[1].rstrip(")"))
    assert log.parent == paths.logs_dir and "Traceback" in log.read_text()


@pytest.mark.postgres
def test_commands_work_on_postgresql(capsys, postgres_url):
    assert run(capsys, "--database", postgres_url, "demo", "--into-records", "--days", "30")[0] == 0
    code, out, _ = run(capsys, "--database", postgres_url, "stats", "--json")
    assert code == 0 and json.loads(out)["flares"] > 20
    code, out, _ = run(capsys, "--database", postgres_url, "check")
    assert code == 0 and "Check: ok" in out
    assert "***" in out or "fibromap@" in out  # the URL is shown without a password


def test_headless_commands_do_not_load_qt():
    code = ("import sys, fibromap.cli as c; c.main(['stats']); "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=os.environ)
    assert result.stdout.strip().endswith("False"), result.stderr


def test_the_commands_open_no_network_connection():
    code = (
        "import socket, sys\n"
        "calls = []\n"
        "def refuse(self, *args):\n"
        "    calls.append(args)\n"
        "    raise OSError('network connection attempted')\n"
        "socket.socket.connect = socket.socket.connect_ex = refuse\n"
        "import fibromap.cli as c\n"
        "codes = [c.main(['demo', '--into-records', '--days', '5']), c.main(['stats', '--json']), c.main(['check'])]\n"
        "print('RESULT', codes, len(calls))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=os.environ)
    assert result.stdout.strip().splitlines()[-1] == "RESULT [0, 0, 0] 0", result.stderr


def test_atlas_lists_every_region(capsys):
    code, out, _ = run(capsys, "atlas", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 80
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows)
    keys = {"id", "name", "view", "side", "layer", "detail", "parent", "wpi_area", "muscles",
            "referral_zones"}
    assert all(set(row) == keys for row in rows)
    trapezius = by_id["upper_trapezius.left"]
    assert trapezius == {"id": "upper_trapezius.left", "name": "Left upper trapezius",
                         "view": "back", "side": "left", "layer": "surface",
                         "detail": "shoulders",  # drawn closer in the shoulders' detail view
                         "parent": None,
                         "wpi_area": "shoulder_girdle.left", "muscles": ["upper_trapezius"],
                         "referral_zones": ["posterior_neck.left", "suboccipital.left",
                                            "temple.left", "brow_eye.left", "masseter.left"]}
    tfl = by_id["tensor_fasciae_latae.left"]
    assert tfl["layer"] == "surface" and tfl["view"] == "front" and tfl["wpi_area"] == "hip.left"
    assert tfl["muscles"] == ["tensor_fasciae_latae"]
    assert "vastus_lateralis.left" in tfl["referral_zones"]
    minimus = by_id["gluteus_minimus.right"]
    assert minimus["layer"] == "deep" and minimus["muscles"] == ["gluteus_minimus"]
    assert all(zone.endswith(".right") or "." not in zone for zone in minimus["referral_zones"])
    assert by_id["piriformis.left"]["layer"] == "deep"
    assert by_id["iliopsoas.right"]["wpi_area"] is None
    teres = by_id["teres_major.left"]  # two muscles: both patterns' zones, each once
    assert teres["muscles"] == ["teres_major", "subscapularis"]
    assert {"triceps.left", "wrist_back.left"} <= set(teres["referral_zones"])
    assert len(set(teres["referral_zones"])) == len(teres["referral_zones"])
    assert by_id["occiput"]["muscles"] == [] and by_id["occiput"]["referral_zones"] == []
    # The detail views: what they draw closer, and what each detail region lies in.
    assert {row["detail"] for row in rows} == {None, "head", "hands", "feet", "shoulders", "pelvis"}
    assert by_id["masseter.left"]["detail"] == "head" and by_id["masseter.left"]["parent"] is None
    pterygoid = by_id["lateral_pterygoid.right"]
    assert (pterygoid["view"], pterygoid["layer"], pterygoid["parent"], pterygoid["wpi_area"]) == (
        "head_front", "deep", "tmj.right", "jaw.right")
    assert "tmj.right" in pterygoid["referral_zones"]
    assert by_id["thumb.left"]["parent"] == "palm.left" and by_id["thumb.left"]["view"] == "palms"
    assert by_id["plantar_fascia.left"]["parent"] == "heel.left"
    assert by_id["digastric.left"]["parent"] == "anterior_neck"
    assert all(row["parent"] in by_id for row in rows if row["parent"])
    deep = sum(row["layer"] == "deep" for row in rows)
    assert {row["id"].split(".")[0] for row in rows if row["layer"] == "deep"} >= {
        "piriformis", "quadratus_lumborum", "iliopsoas", "gluteus_minimus"}
    code, out, _ = run(capsys, "atlas")
    assert "upper_trapezius.left" in out
    assert out.strip().endswith(f"{len(rows)} regions ({deep} deep, drawn where they lie "
                                "under others)")
    minimus_line = next(line for line in out.splitlines() if line.startswith("gluteus_minimus.right "))
    trapezius_line = next(line for line in out.splitlines()
                          if line.startswith("upper_trapezius.left "))
    assert " deep " in minimus_line and " deep " not in trapezius_line


@pytest.mark.parametrize("args, message", [
    (["screenshot", "nosuchview", "-o", "x.png"], "invalid choice: 'nosuchview'"),
    (["screenshot", "bodymap", "-o", "x.png", "--size", "big"], "expected a size like 1280x800"),
    (["screenshot", "bodymap", "-o", "/nonexistent/dir/x.png"], "the folder /nonexistent/dir does not exist"),
])
def test_screenshot_errors_are_one_line(capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        raise SystemExit(main(args))
    assert exit_info.value.code in (1, 2)
    assert message in one_line_error(capsys.readouterr().err)


def test_stats_json_carries_wpi_time_of_day_and_regions(capsys, sqlite_url, paths):
    from fibromap.domain.flare import Flare, SiteRole, SpasmSite
    from fibromap.store.store import Store
    from tests.helpers.records import at

    store = Store.open(sqlite_url, paths)
    store.flares.add_many([
        Flare(onset=at(2026, 5, 4, 3), sites=(SpasmSite("upper_trapezius.left", 6),
                                              SpasmSite("upper_trapezius.right", 4))),
        Flare(onset=at(2026, 5, 6, 22), sites=(SpasmSite("gluteus_medius.left", 7),
                                               SpasmSite("posterior_neck.left", 3, SiteRole.REFERRED))),
        Flare(onset=at(2026, 4, 20, 3), sites=(SpasmSite("biceps.left", 9),)),  # outside the week
    ])
    store.close()
    code, out, _ = run(capsys, "stats", "--json", "--to", "2026-05-07")
    figures = json.loads(out)
    assert figures["wpi"]["score"] == 4 and figures["wpi"]["generalized"] is True
    assert figures["wpi"]["areas"] == ["hip.left", "neck", "shoulder_girdle.left",
                                       "shoulder_girdle.right"]
    assert (figures["wpi"]["from"], figures["wpi"]["to"]) == ("2026-05-01", "2026-05-07")
    assert figures["time_of_day"][3] == 2 and figures["time_of_day"][22] == 1
    assert len(figures["time_of_day"]) == 24 and sum(figures["time_of_day"]) == 3
    neck = next(r for r in figures["regions"] if r["region"] == "posterior_neck.left")
    assert neck == {"region": "posterior_neck.left", "flares": 1, "mean_intensity": 3.0,
                    "max_intensity": 3, "referred": 1}
    code, out, _ = run(capsys, "stats", "--to", "2026-05-07")
    assert "Widespread Pain Index, 2026-05-01 to 2026-05-07: 4 of 19 (generalized pain)" in out
    assert "not a diagnosis" in out
