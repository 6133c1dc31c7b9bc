"""The appointment report, opened with a real PDF library."""

import re
from datetime import date, timedelta

import pypdf
import pytest

from fibromap.cli import main
from fibromap.domain.flare import Flare, SiteRole, SpasmSite, Referral
from fibromap.store.notes import QUESTIONS
from fibromap.store.store import Store
from tests.helpers.pdf import words
from tests.helpers.records import at


def fonts(reader):
    found = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            found[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                                          "/FontFile3"))
    return found


# 90 days well inside the demo year, placed from its end (yesterday) so that the records
# are the same on any day the suite runs (it was fixed dates, which fell out of the year).
LAST = date.today() - timedelta(days=1 + 240)
FIRST = LAST - timedelta(days=89)


@pytest.fixture
def demo_report(tmp_path, capsys, paths):  # the person's database, through the commands
    assert main(["demo", "--into-records", "--days", "365", "--seed", "1"]) == 0
    target = tmp_path / "r.pdf"
    assert main(["report", "--from", FIRST.isoformat(), "--to", LAST.isoformat(), "-o",
                 str(target)]) == 0
    capsys.readouterr()
    return target


def test_a_year_of_demo_data_gives_a_short_readable_report(demo_report):
    reader = pypdf.PdfReader(demo_report)
    assert 1 <= len(reader.pages) <= 3
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]  # A4
    text = words(demo_report)
    for expected in ("Muscle spasms and pain: record for the appointment",
                     f"Period: {FIRST:%d %b %Y} – {LAST:%d %b %Y} (90 days)",
                     "not a diagnosis", "Summary", "a week", "Typical duration",
                     "began between midnight and 8 am", "Most frequent referral patterns",
                     "Most affected regions", "flares per 7 days", "by hour of the day",
                     "Possible triggers logged", "What helped", "mean relief",
                     f"Medications on {LAST:%d %b %Y}", "Changes in the period:",
                     "Daily check-in", "Impact on daily life", "Page 1 of",
                     "Widespread Pain Index from the areas marked in pain",
                     "SSS", "FIQR", "Compared with the previous 90 days"):
        assert expected in text, expected
    assert all(fonts(reader).values()) and fonts(reader)  # every font embedded


def test_the_body_maps_and_charts_are_vector_drawings(demo_report):
    reader = pypdf.PdfReader(demo_report)
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert len(re.findall(r"\b(c|l)\n", content)) > 2000  # curve and line segments
    assert "/Image" not in str(reader.pages[0]["/Resources"].get("/XObject", {}))


def test_nothing_outside_the_period_appears(tmp_path, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([
        Flare(onset=at(2026, 3, 10, 3), duration_seconds=60,
              sites=(SpasmSite("gastrocnemius.left", 8), SpasmSite("heel.left", 5, SiteRole.REFERRED)),
              referrals=(Referral("gastrocnemius.left", "heel.left", 5),)),
        Flare(onset=at(2026, 3, 12, 4), sites=(SpasmSite("gastrocnemius.left", 6),)),
        # long before the period and the one it is compared with, and after it
        Flare(onset=at(2025, 6, 1, 12), sites=(SpasmSite("masseter.right", 9),)),
        Flare(onset=at(2026, 5, 1, 12), sites=(SpasmSite("palm.left", 9),)),
    ])
    store.notes.put(QUESTIONS, "Is the night cramping worth a blood test?")
    store.close()
    target = tmp_path / "march.pdf"
    assert main(["report", "--from", "2026-03-01", "--to", "2026-03-31", "--page-size", "letter",
                 "-o", str(target)]) == 0
    text = words(target)
    assert "Left upper calf (gastrocnemius)" in text
    assert "masseter" not in text.lower() and "palm" not in text.lower()  # region names
    assert "How often: 2 flares on 2 of 31 days" in text
    assert "Is the night cramping worth a blood test?" in text
    reader = pypdf.PdfReader(target)
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [612, 792]  # Letter


def test_an_empty_period_still_gives_a_report(tmp_path, capsys, sqlite_url, paths):
    Store.open(sqlite_url, paths).close()  # a database with nothing in it yet
    target = tmp_path / "empty.pdf"
    assert main(["report", "--to", "2026-01-31", "-o", str(target)]) == 0
    assert "No flares were recorded in this period" in words(target)
    assert len(pypdf.PdfReader(target).pages) <= 3


def test_report_errors_are_one_line(tmp_path, capsys):
    assert main(["report", "--from", "2026-02-01", "--to", "2026-01-01", "-o",
                 str(tmp_path / "x.pdf")]) == 1
    assert "--from 2026-02-01 is after --to 2026-01-01" in capsys.readouterr().err
    assert main(["report", "-o", "/nonexistent/folder/x.pdf"]) == 1
    assert "does not exist" in capsys.readouterr().err
