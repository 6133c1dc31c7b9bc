"""`fibromap stats` on a week without records: no WPI (JSON null), never a score of 0; a
measured 0 (flares, none in a WPI area in pain) told apart; marks counted apart from regions."""

import json

from fibromap.cli import main
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.store.store import Store
from tests.helpers.records import at


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_an_empty_week_has_no_wpi_in_text_and_json_null(capsys, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add(Flare(onset=at(2026, 4, 1, 9), sites=(SpasmSite("upper_trapezius.left", 6),)))
    store.close()
    figures = json.loads(run(capsys, "stats", "--json", "--from", "2026-05-01", "--to", "2026-05-07"))
    assert figures["wpi"] is None  # issue 31: it was {"score": 0, ...}
    assert figures["wpi_window"] == {"from": "2026-05-01", "to": "2026-05-07", "flares": 0}
    text = run(capsys, "stats", "--from", "2026-05-01", "--to", "2026-05-07")
    assert ("Widespread Pain Index, 2026-05-01 to 2026-05-07: no WPI (no records in these 7 days; "
            "no records is not the same as no pain)") in text
    assert "0 of 19" not in text and "Flares: none recorded" in text


def test_a_measured_zero_is_a_score_of_zero_with_its_flares(capsys, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([  # the knee is no WPI area; a mark of 0 is no pain
        Flare(onset=at(2026, 5, 4, 9), sites=(SpasmSite("knee_front.left", 5),)),
        Flare(onset=at(2026, 5, 5, 9), sites=(SpasmSite("upper_trapezius.left", 0),))])
    store.close()
    figures = json.loads(run(capsys, "stats", "--json", "--to", "2026-05-07"))
    assert figures["wpi"]["score"] == 0 and figures["wpi"]["areas"] == []
    assert figures["wpi_window"]["flares"] == 2
    text = run(capsys, "stats", "--to", "2026-05-07")
    assert "2026-05-01 to 2026-05-07: 0 of 19 (2 flares recorded, with no WPI area in pain)" in text


def test_marks_are_counted_apart_from_regions_with_plurals_right(capsys, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([  # 3 marks in pain on 2 regions, on 2 days
        Flare(onset=at(2026, 5, 4, 9), sites=(SpasmSite("soleus.left", 5), SpasmSite("biceps.left", 3))),
        Flare(onset=at(2026, 5, 6, 9), sites=(SpasmSite("soleus.left", 7),))])
    store.close()
    text = run(capsys, "stats", "--from", "2026-05-04", "--to", "2026-05-06")
    assert "Marks in pain (a region in one flare): 3, on 2 regions; intensity mean 5.0" in text
    figures = json.loads(run(capsys, "stats", "--json", "--from", "2026-05-04", "--to", "2026-05-06"))
    assert (figures["sites"], figures["regions_in_pain"]) == (3, 2)
    one = run(capsys, "stats", "--from", "2026-05-06", "--to", "2026-05-06")
    assert "Flares: 1, on 1 day" in one  # no weekly rate from a single day
    assert "Marks in pain (a region in one flare): 1, on 1 region;" in one
