"""Every character of the report lies inside the page's text area and no two overlap, for
a day, a quarter, a year and ten years of demo data, and for an empty database."""

from collections import defaultdict

import pdfplumber
import pytest

from fibromap.cli import main
from tests.helpers.pdf import blank_shares

MARGIN = 14 / 25.4 * 72   # points: the report's 14 mm margins
SLACK = 0.5               # points: rounding in the PDF's coordinates
END = "2026-11-20"


def overlaps(chars) -> list[tuple[str, str, int, int]]:
    """Pairs of characters whose boxes share more than a quarter of the smaller one.

    Neighbours in one string (next to each other in the page's text, on one line) may
    touch where the font kerns them ("Fi"); any other two may not.
    """
    cells = defaultdict(list)
    for index, char in enumerate(chars):
        if char["text"].strip():
            cells[(int(char["x0"] // 12), int(char["top"] // 12))].append((index, char))
    found = []
    for (cx, cy), members in cells.items():
        near = [m for dx in (-1, 0, 1) for dy in (-1, 0, 1) for m in cells.get((cx + dx, cy + dy), [])]
        for i, a in members:
            for j, b in near:
                if j <= i or (j == i + 1 and abs(a["top"] - b["top"]) < 0.5):
                    continue
                width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if width <= 0 or height <= 0:
                    continue
                smaller = min((a["x1"] - a["x0"]) * (a["bottom"] - a["top"]),
                              (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]))
                if width * height > 0.25 * smaller:
                    found.append((a["text"], b["text"], round(a["x0"]), round(a["top"])))
    return found


def check_layout(path) -> int:
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            outside = [(c["text"], round(c["x0"]), round(c["top"])) for c in page.chars
                       if c["text"].strip() and (
                           c["x0"] < MARGIN - SLACK or c["x1"] > page.width - MARGIN + SLACK
                           or c["top"] < MARGIN - SLACK or c["bottom"] > page.height - MARGIN + SLACK)]
            assert outside == [], f"page {number}: characters outside the text area"
            assert overlaps(page.chars) == [], f"page {number}: characters overlap"
        return len(pdf.pages)


def write(tmp_path, name, *period) -> object:
    target = tmp_path / f"{name}.pdf"
    assert main(["report", *period, "--to", END, "-o", str(target)]) == 0
    return target


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory):
    """Ten years of demo data, made once for the periods below."""
    home = tmp_path_factory.mktemp("ten-years")
    database = f"sqlite:///{home / 'fibromap.sqlite3'}"
    assert main(["--database", database, "demo", "--into-records", "--days", "3650", "--seed", "3"]) == 0
    return database


@pytest.mark.parametrize("name, start", [("1 day", END), ("90 days", "2026-08-23"),
                                         ("1 year", "2025-11-21"), ("10 years", "2016-11-23")])
def test_every_word_stays_on_the_page_and_clear_of_the_others(tmp_path, ten_years, name, start,
                                                               capsys):
    target = tmp_path / "report.pdf"
    assert main(["--database", ten_years, "report", "--from", start, "--to", END,
                 "-o", str(target)]) == 0
    capsys.readouterr()
    pages = check_layout(target)
    assert 1 <= pages <= (1 if name == "1 day" else 4)
    shares = blank_shares(target)  # issue 31: page 3 was half blank, a day took 2 pages
    assert all(share <= 1 / 3 for share in shares[:-1]), shares


def test_an_empty_database_gives_a_clean_report(tmp_path, capsys, sqlite_url, paths):
    from fibromap.store.store import Store

    Store.open(sqlite_url, paths).close()
    assert check_layout(write(tmp_path, "empty")) == 1


def test_the_check_finds_overlapping_characters():
    a = {"text": "1", "x0": 10.0, "x1": 15.0, "top": 10.0, "bottom": 20.0}
    b = {"text": "9", "x0": 12.0, "x1": 17.0, "top": 10.0, "bottom": 20.0}
    c = {"text": "2", "x0": 15.0, "x1": 20.0, "top": 10.0, "bottom": 20.0}
    assert overlaps([a, c, b]) == [("1", "9", 10, 10)]  # apart in the text, on top of each other
    assert overlaps([a, b]) == []  # neighbours in one string: kerned, not overlapping
    assert overlaps([a, c]) == []


def test_ten_years_of_charts_name_their_years(tmp_path, ten_years, capsys):
    """Over ten years a day and a month alone come back every year: the weekly, SSS and FIQR
    charts name months with their years."""
    target = tmp_path / "report.pdf"
    assert main(["--database", ten_years, "report", "--from", "2016-11-23", "--to", END,
                 "-o", str(target)]) == 0
    capsys.readouterr()
    import re

    with pdfplumber.open(target) as pdf:
        lines = [line for page in pdf.pages for line in page.extract_text().splitlines()]
    axes = [line for line in lines if re.fullmatch(r"([A-Z][a-z]{2}\s\d{4}\s?){4,}", line)]
    assert len(axes) == 3  # the weekly, the SSS and the FIQR charts: "Dec 2016 Oct 2017 …"
    assert not [line for line in lines if re.fullmatch(r"(\d\d\s[A-Z][a-z]{2}\s?){4,}", line)]


def test_text_fills_a_page_before_a_drawing_that_does_not_fit(qapp, tmp_path):
    """Issue 31: a chart that did not fit left the rest of its page blank. Now the text
    after it fills the page (a long text going on over the break) and the chart waits."""
    from PySide6.QtGui import QPainter, QPdfWriter

    from fibromap.report.layout import Section, Writer, text_section
    from fibromap.report.pdf import page_layout

    pdf = QPdfWriter(str(tmp_path / "plan.pdf"))
    pdf.setResolution(72)
    pdf.setPageLayout(page_layout("a4"))
    painter = QPainter(pdf)
    try:
        writer = Writer(pdf, painter, "header")
        opening = Section(400.0, lambda p, box: None)
        chart = Section(400.0, lambda p, box: None, floats=True)
        short = text_section("Short", ["one line", "another"])
        long = text_section("Long", [f"line {i}" for i in range(40)])
        placed = writer.plan([opening, chart, short, long])
    finally:
        painter.end()
    bottom = writer.page_height - 14
    first = [p for p in placed if p.page == 1]
    # Page 1: the opening, the short text, then as much of the long one as fits.
    assert [p.section for p in first[:2]] == [opening, short]
    assert bottom - (first[-1].top + first[-1].height) < 12   # less than a line left blank
    # Page 2: the rest of the long text under its heading, then the chart.
    second = [p.section for p in placed if p.page == 2]
    assert second[-1] is chart and len(second) == 2
    assert sum(1 for p in placed if p.page == 2 and p.section is chart) == 1
