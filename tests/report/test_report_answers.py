"""The report of the demo's last 90 days answers the four questions on its first two pages
and compares with the previous 90 days; every figure is worked out here again from the
records themselves (the flares as saved, the questionnaires' answers) with NumPy and SciPy,
and found in the text pdftotext reads from the PDF."""

import math
import re
from collections import Counter
from datetime import date, timedelta

import numpy as np
import pytest
from scipy import stats

from fibromap.analysis.overall import MAX_PERSISTENCE
from fibromap.analysis.scores import NOT_A_DIAGNOSIS
from fibromap.cli import main
from fibromap.config import Paths
from fibromap.demo import generate
from fibromap.domain.atlas import WPI_AREAS, load_atlas
from fibromap.domain.questionnaires import FIQR_FUNCTION, FIQR_OVERALL, FIQR_SYMPTOMS, QuestionnaireKind
from fibromap.domain.records import Records
from fibromap.domain.vocabulary import TermKind
from fibromap.i18n.formats import in_sentence
from fibromap.i18n import _, ngettext, npgettext
from fibromap.i18n.formats import day as day_text
from fibromap.i18n.formats import decimal, whole
from fibromap.report.layout import percent
from fibromap.store.bulk import write_new
from fibromap.store.store import Store
from tests.helpers.pdf import blank_shares, page_texts

ATLAS = load_atlas()
GROUP = {area.id: (area.group, area.counts_for_generalized) for area in WPI_AREAS}


DEMO_END = date(2026, 12, 6)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A year of demo records (a database of its own, made once) and the report of its last
    90 days, with the records it rests on."""
    home = tmp_path_factory.mktemp("demo-answers")
    url = f"sqlite:///{home / 'fibromap.sqlite3'}"
    # A year ending on a fixed day, as `fibromap demo --into-records --seed 4` writes one
    # ending yesterday: the pages' layout is the same whatever day the test runs on.
    end = DEMO_END
    history = generate(days=365, seed=4, end=end)
    store = Store.open(url, Paths(home, home / "backups", home / "logs", home / "settings.ini"))
    try:
        write_new(store, Records(
            flares=history.flares, checkins=history.checkins, medications=history.medications,
            questionnaires=list(history.questionnaires), appointments=list(history.appointments),
            device_sleeps=list(history.device_sleeps), device_steps=list(history.device_steps)))
    finally:
        store.close()
    start = end - timedelta(days=89)
    target = home / "report.pdf"
    assert main(["--database", url, "report", "--from", start.isoformat(), "--to", end.isoformat(),
                 "-o", str(target)]) == 0
    store = Store.open_read_only(url, None)
    try:
        records = {"flares": store.flares.between(),
                   "sss": store.questionnaires.between(QuestionnaireKind.SSS),
                   "fiqr": store.questionnaires.between(QuestionnaireKind.FIQR),
                   # Days with a check-in or a "no spasms" mark: observed with or without flares.
                   "marked": {c.day for c in store.checkins.between()}
                   | set(store.no_spasms.between()),
                   "labels": {t.key: t.label for t in store.vocabulary.terms(
                       TermKind.QUALITY, include_hidden=True)}}
    finally:
        store.close()
    return target, start, end, records


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def days_of(records, start, end):
    return [f for f in records["flares"] if start <= f.onset.date() <= end]


def observed(records, start, end):
    """The days from ``start`` to ``end`` with a flare, a check-in or a "no spasms" mark."""
    return ({f.onset.date() for f in days_of(records, start, end)}
            | {d for d in records["marked"] if start <= d <= end})


def whole_weeks(start, end):
    """7-day weeks ending on ``end``, oldest first (the days left at the start left out)."""
    weeks = []
    while end - timedelta(days=6) >= start:
        weeks.append((end - timedelta(days=6), end))
        end -= timedelta(days=7)
    return weeks[::-1]


def welch_by_hand(now, before):
    deviations = [np.asarray(v) - np.mean(v) for v in (now, before)]
    r = sum(np.sum(d[1:] * d[:-1]) for d in deviations) / sum(np.sum(d * d) for d in deviations)
    r = min(max(r + (1 + 3 * r) / (len(now) + len(before)), 0.0), MAX_PERSISTENCE)
    factor = (1 + r) / (1 - r)
    a, b = (np.var(v, ddof=1) / len(v) * factor for v in (now, before))
    df = max(1.0, (a + b) ** 2 / (a ** 2 / (len(now) - 1) + b ** 2 / (len(before) - 1)) / factor)
    return 2 * stats.t.sf(abs((np.mean(now) - np.mean(before)) / math.sqrt(a + b)), df)


def figures(records, start, end):
    """Flares a week, mean intensity, weekly WPI, SSS and FIQR of one period, with the values
    each test rests on, from the records."""
    flares = days_of(records, start, end)
    pain = [s.intensity for f in flares for s in f.sites if s.intensity]
    weeks, intensities, wpis = [], [], []
    for first, last in whole_weeks(start, end):
        inside = days_of(records, first, last)
        seen = len(observed(records, first, last))
        if seen >= 4:  # days without a record are left out; fewer than 4 days: no rate
            weeks.append(len(inside) * 7 / seen)
        marks = [s.intensity for f in inside for s in f.sites if s.intensity]
        if marks:
            intensities.append(sum(marks) / len(marks))
        if inside:  # a week without a flare has no WPI
            wpis.append(len({ATLAS.region(s.region).wpi_area for f in inside for s in f.sites
                             if s.intensity and ATLAS.region(s.region).wpi_area}))
    sss = [sum(q.answers[k] for k in ("fatigue", "waking_unrefreshed", "cognitive"))
           + sum(bool(q.answers[k]) for k in ("headaches", "lower_abdominal_pain", "depression"))
           for q in records["sss"] if start <= q.day <= end]
    fiqr = [fiqr_by_hand(q.answers) for q in records["fiqr"] if start <= q.day <= end]
    fiqr = [total for total in fiqr if total is not None]
    # The demo records days without flares (check-ins), so days without any record are left
    # out of the rate.
    return {"Flares a week": (len(flares) * 7 / len(observed(records, start, end)), weeks),
            "Mean intensity (0–10)": (sum(pain) / len(pain), intensities),
            "WPI, weekly mean (0–19)": (np.mean(wpis), wpis),
            "SSS, mean (0–12)": (np.mean(sss), sss), "FIQR, mean (0–100)": (np.mean(fiqr), fiqr)}


def fiqr_by_hand(answers):
    """Bennett's FIQR: function sum / 3 + overall sum + symptom sum / 2, each section's sum
    scaled up for unanswered items when at least half are answered."""
    total = 0.0
    for items, divisor in ((FIQR_FUNCTION, 3), (FIQR_OVERALL, 1), (FIQR_SYMPTOMS, 2)):
        given = [answers[i] for i in items if answers.get(i) is not None]
        if len(given) < (len(items) + 1) // 2:
            return None
        total += sum(given) * len(items) / len(given) / divisor
    return round(total, 1)


def test_the_demos_last_90_days_answer_the_four_questions_on_pages_1_and_2(demo):
    target, start, end, records = demo
    pages = page_texts(target)
    first = flat(" ".join(pages[:2]))
    flares = days_of(records, start, end)
    days = {f.onset.date() for f in flares}
    # How often and how strong.
    pain = [s.intensity for f in flares for s in f.sites if s.intensity]
    rolled = ATLAS.roll_up()
    in_pain = {rolled.get(s.region, s.region) for f in flares for s in f.sites if s.intensity}
    seen = observed(records, start, end)
    assert 0 < 90 - len(seen) < 90 - len(days)  # some days without any record, not only flare days
    unknown = 90 - len(seen)
    assert flat(_("{how_often}: {rate}.").format(
        how_often=_("How often: {flares} on {with_flares} of {days}").format(
            flares=ngettext("{n} flare", "{n} flares", len(flares)).format(n=whole(len(flares))),
            with_flares=len(days),
            days=npgettext("after of or in (German dative)", "{n} day", "{n} days", 90).format(
                n=90)),
        rate=ngettext(
            "{rate} over the {observed} with a record; {unknown} day without any is left "
            "out (counting it as a day without flares: {rate_all} a week)",
            "{rate} over the {observed} with a record; {unknown} days without any are left "
            "out (counting them as days without flares: {rate_all} a week)", unknown).format(
            rate=_("{rate} a week").format(rate=decimal(len(flares) * 7 / len(seen))),
            observed=ngettext("{count} day", "{count} days", len(seen)).format(
                count=whole(len(seen))),
            unknown=whole(unknown), rate_all=decimal(len(flares) * 7 / 90)))) in first
    assert flat(_("How strong (0–10): mean {mean}, highest {highest}, over {marks} in pain on "
             "{regions} (a mark: one region in one flare; 0 is not pain).").split(" (")[0].format(
        mean=decimal(float(np.mean(pain))), highest=max(pain),
        marks=ngettext("{n} mark", "{n} marks", len(pain)).format(n=whole(len(pain))),
        regions=ngettext("{n} different region", "{n} different regions", len(in_pain)).format(
            n=whole(len(in_pain))))) in first
    # The same spot or moving around, in this period and the one before.
    for period_flares, label in ((flares, "now"), (days_of(records, start - timedelta(days=90),
                                                               start - timedelta(days=1)), "before")):
        touched = [{rolled.get(s.region, s.region) for s in f.sites if s.intensity != 0}
                   for f in period_flares]
        counts = Counter(r for regions in touched for r in regions)
        top = sorted(counts, key=lambda r: (-counts[r], r))[:3]
        share = sum(1 for regions in touched if regions & set(top)) / len(touched)
        if label == "now":
            assert flat(ngettext(
                "{share} of the {flares} touched one of the {top} most frequent regions "
                "({names}); {n} different region in all",
                "{share} of the {flares} touched one of the {top} most frequent regions "
                "({names}); {n} different regions in all", len(counts)).format(
                share=percent(share), top=3, n=whole(len(counts)),
                flares=ngettext("{n} flare", "{n} flares", len(touched)).format(
                    n=whole(len(touched))),
                names=", ".join(in_sentence(ATLAS.name(r)) for r in top))) in first
        else:
            assert flat(ngettext(
                "; in the previous {days}, {share} of {flares} in its {top} most frequent, "
                "{n} region in all",
                "; in the previous {days}, {share} of {flares} in its {top} most frequent, "
                "{n} regions in all", len(counts)).format(
                days=npgettext("after of or in (German dative)", "{n} day", "{n} days",
                               90).format(n=90),
                share=percent(share), top=3, n=whole(len(counts)),
                flares=npgettext("after of or with (German dative)", "{n} flare", "{n} flares",
                                 len(touched)).format(n=whole(len(touched)))) + ".") in first
    # What makes it worse or better: named with their counts (the detail lists follow).
    worse = _("logged most often with flares: {triggers}").split("{")[0]
    better = _("most relief: {helped}").split("{")[0]
    assert _("Worse or better: {worse}; {better}.").split("{")[0] + worse in first
    assert better in first
    # What it felt like: each word with the flares it was chosen for.
    felt = Counter(q for f in flares for q in f.qualities)
    words = ", ".join(f"{records['labels'][k]} {n}" for k, n in
                      sorted(felt.items(), key=lambda kv: (-kv[1], kv[0])))
    assert flat(ngettext("What it felt like: {felt} (of {n} flare; one may have several words).",
                    "What it felt like: {felt} (of {n} flares; one may have several words).",
                    len(flares)).format(felt=words, n=whole(len(flares)))) in first


def test_the_demos_last_90_days_are_compared_with_the_previous_90_by_hand(demo):
    target, start, end, records = demo
    text = " ".join(page_texts(target)[:2])
    assert ngettext("Compared with the previous {n} day ({period})",
                    "Compared with the previous {n} days ({period})", 90).split(" ({")[0].format(
        n=90) in text
    now = figures(records, start, end)
    before = figures(records, start - timedelta(days=90), start - timedelta(days=1))
    p_values = [welch_by_hand(now[name][1], before[name][1]) for name in now]
    q_values = stats.false_discovery_control(p_values, method="bh")
    # The rows' names and words through the catalogue, their numbers worked out here.
    names = {"Flares a week": _("Flares a week"),
             "Mean intensity (0–10)": f"{_('Mean intensity')} (0–10)",
             "WPI, weekly mean (0–19)": f"{_('WPI, weekly mean')} (0–19)",
             "SSS, mean (0–12)": f"{_('{questionnaire}, mean').format(questionnaire='SSS')} (0–12)",
             "FIQR, mean (0–100)":
                 f"{_('{questionnaire}, mean').format(questionnaire='FIQR')} (0–100)"}
    for (name, (value, tested)), q in zip(now.items(), q_values, strict=True):
        previous, previous_tested = before[name]
        change = value - previous
        word = (_("no change") if round(change, 1) == 0 else
                (_("up {by}") if change > 0 else _("down {by}")).format(by=decimal(abs(change))))
        p = "< 0.001" if q < 0.001 else decimal(q, 3 if q < 0.01 else 2)
        verdict = (_("yes (p {p})") if q < 0.05 else _("no (p {p})")).format(p=p)
        rests = "|".join(re.escape(_(side).format(before=len(previous_tested), now=len(tested)))
                         for side in ("{before} + {now} weeks", "{before} + {now} filled in"))
        row = (rf"{re.escape(names[name])}\s+{re.escape(decimal(previous))}\s+"
               rf"{re.escape(decimal(value))}\s+{re.escape(word)}\s+{re.escape(verdict)}\s+"
               rf"({rests})")
        assert re.search(row, text), row


def test_the_2016_criteria_are_given_for_the_latest_sss_with_a_wpi(demo):
    target, start, end, records = demo
    text = flat(" ".join(page_texts(target)[:2]))
    sss = [q for q in records["sss"] if start <= q.day <= end]
    latest = [q for q in sss if days_of(records, q.day - timedelta(days=6), q.day)][-1]
    week = days_of(records, latest.day - timedelta(days=6), latest.day)
    areas = {ATLAS.region(s.region).wpi_area for f in week for s in f.sites
             if s.intensity and ATLAS.region(s.region).wpi_area}
    groups = {GROUP[a][0] for a in areas if GROUP[a][1]}
    score = (sum(latest.answers[k] for k in ("fatigue", "waking_unrefreshed", "cognitive"))
             + sum(bool(latest.answers[k]) for k in ("headaches", "lower_abdominal_pain", "depression")))
    first_flare = min(f.onset.date() for f in records["flares"])
    months = (latest.day.year - first_flare.year) * 12 + latest.day.month - first_flare.month - (
        latest.day.day < first_flare.day)
    meets = (((len(areas) >= 7 and score >= 5) or (4 <= len(areas) <= 6 and score >= 9))
             and len(groups) >= 4 and months >= 3)
    assert flat(_("ACR 2016 criteria ({not_a_diagnosis}): {verdict}").format(
        not_a_diagnosis=_(NOT_A_DIAGNOSIS),
        verdict=_("meets the 2016 research criteria") if meets
        else _("does not meet the 2016 research criteria"))) in text
    assert flat(_("WPI {wpi} with SSS {sss} on {day} (within WPI 7 or more with SSS 5 or more, "
             "or WPI 4–6 with SSS 9 or more)").split(" (")[0].format(
        wpi=len(areas), sss=score, day=day_text(latest.day))) in text
    assert flat(_("generalized pain in {count} of 5 regions (4 needed)").format(
        count=len(groups))) in text
    assert flat(ngettext("records go back {n} whole month ({needed} needed)",
                    "records go back {n} whole months ({needed} needed)", months).format(
        n=whole(months), needed=3)) in text


def test_no_page_but_the_last_is_more_than_a_third_blank(demo):
    shares = blank_shares(demo[0])
    assert len(shares) <= 3 and all(share <= 1 / 3 for share in shares[:-1]), shares


def test_the_busiest_day_and_an_empty_month_fit_on_one_page(demo, tmp_path):
    """Issue 31: an empty or 1-day period took 2 pages."""
    target, start, end, records = demo
    url = f"sqlite:///{target.parent / 'fibromap.sqlite3'}"
    busiest = Counter(f.onset.date() for f in records["flares"]).most_common(1)[0][0]
    after = end + timedelta(days=40)  # a month after the last record: nothing recorded
    for first, last in ((busiest, busiest), (after - timedelta(days=29), after)):
        report = tmp_path / f"{first}.pdf"
        assert main(["--database", url, "report", "--from", first.isoformat(), "--to",
                     last.isoformat(), "-o", str(report)]) == 0
        pages = page_texts(report)
        assert len(pages) == 1, (first, last)
    text = flat(pages[0])
    assert flat(_("No flares were recorded in this period. Nor any check-in: no records is not "
             "the same as no flares.")) in text
    assert flat(_("There are no records at all in this period (no flare, check-in or rating), so "
             "no comparison is possible: no records is not the same as no flares.")) in text
    assert _("Flares a week") not in text
    assert _("Widespread Pain Index: no flares were recorded in this period, so there "
             "is no WPI ({no_records}).").split(" ({")[0] in text
