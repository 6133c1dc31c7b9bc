"""The appointment report, opened with a real PDF library."""

import os
import re
from datetime import date, timedelta

import pypdf
import pytest

from fibromap.analysis.periods import Period
from fibromap.analysis.scores import NOT_A_DIAGNOSIS
from fibromap.cli import main
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite
from fibromap.i18n import _, ngettext, npgettext
from fibromap.i18n.formats import day
from fibromap.report.layout import period_text
from fibromap.store.notes import QUESTIONS
from fibromap.store.store import Store
from tests.helpers.pdf import words
from tests.helpers.records import at


def begins(message_id: str) -> str:
    """A message's words up to its first placeholder, as the catalogue says them: a
    section's heading or a line's start, whatever figures follow."""
    return _(message_id).split("{")[0]


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
    for expected in (_("Muscle spasms and pain: record for the appointment"),
                     " ".join(ngettext(
                         "Period: {period} ({n} day).  Printed {today} by {app} {version}.",
                         "Period: {period} ({n} days).  Printed {today} by {app} {version}.",
                         90).split("{today}")[0].format(period=period_text(
                             Period(FIRST, LAST)), n=90).split()),
                     _(NOT_A_DIAGNOSIS), _("Summary"),
                     _("{rate} a week").format(rate="").strip(),
                     begins("Typical duration: {length}"),
                     _("{share} began between midnight and 8 am").format(share="").strip(),
                     begins("Most frequent referral patterns, drawn as arrows (at most {most}"),
                     os.path.commonprefix([  # with or without referred zones not rated
                         _("Most affected regions (flares, mean / highest intensity; referred "
                           "zones not rated count in flares, not in intensities):"),
                         _("Most affected regions (flares, mean / highest intensity):")]),
                     _("How often: flares per 7 days, with the mean intensity (line, 0–10)"),
                     begins("When: flares by hour of the day (midnight to 8 am in {colour})"),
                     _("Possible triggers logged (most frequent first)"),
                     _("What helped (treatments and their relief)"),
                     _("{label}: mean relief {mean} of 10 (rated {n}×)").split("{label}")[1]
                     .split("{mean}")[0].strip(" :"),
                     _("Medications on {date}").format(date=day(LAST)),
                     begins("Changes in the period: {changes}."),
                     _("Daily check-in"),
                     _("Impact on daily life (how much flares got in the way)"),
                     begins("Page {page} of {total}"),
                     begins("Widespread Pain Index from the areas marked in pain in flares"),
                     "SSS", "FIQR",
                     ngettext("Compared with the previous {n} day ({period})",
                              "Compared with the previous {n} days ({period})", 90).format(
                         n=90, period="").removesuffix(" ()")):
        assert expected and expected in text, expected
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
    atlas = load_atlas()
    assert atlas.name("gastrocnemius.left") in text
    # Region names of the flares outside the period, and their muscle and zone ids.
    assert atlas.name("masseter.right") not in text and atlas.name("palm.left") not in text
    assert "masseter" not in text.lower() and "palm" not in text.lower()
    assert _("How often: {flares} on {with_flares} of {days}").format(
        flares=ngettext("{n} flare", "{n} flares", 2).format(n=2), with_flares=2,
        days=npgettext("after of or in (German dative)", "{n} day", "{n} days", 31).format(
            n=31)) in text
    assert "Is the night cramping worth a blood test?" in text
    reader = pypdf.PdfReader(target)
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [612, 792]  # Letter


def test_an_empty_period_still_gives_a_report(tmp_path, capsys, sqlite_url, paths):
    Store.open(sqlite_url, paths).close()  # a database with nothing in it yet
    target = tmp_path / "empty.pdf"
    assert main(["report", "--to", "2026-01-31", "-o", str(target)]) == 0
    assert _("No flares were recorded in this period. Nor any check-in: no records is not "
             "the same as no flares.") in words(target)
    assert len(pypdf.PdfReader(target).pages) <= 3


def test_report_errors_are_one_line(tmp_path, capsys):
    assert main(["report", "--from", "2026-02-01", "--to", "2026-01-01", "-o",
                 str(tmp_path / "x.pdf")]) == 1
    assert _("--from {start} is after --to {end}").format(
        start="2026-02-01", end="2026-01-01") in capsys.readouterr().err
    assert main(["report", "-o", "/nonexistent/folder/x.pdf"]) == 1
    assert _("the folder {folder} does not exist").format(
        folder="/nonexistent/folder") in capsys.readouterr().err
