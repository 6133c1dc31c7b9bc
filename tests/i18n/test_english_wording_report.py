"""The English wording of the insights and the report, tested once (issue 34): the tests of
behaviour in tests/analysis and tests/report check the data, the numbers and the message ids,
so they hold in any language; here a representative handful is held to its exact English
sentence, as a person reads it."""

import random
from datetime import date, timedelta


from fibromap.analysis.changes import compare_periods
from fibromap.analysis.hours import night_text
from fibromap.analysis.insight_words import lead
from fibromap.analysis.insights import adjust, compare
from fibromap.analysis.patterns import spread
from fibromap.analysis.periods import Period
from fibromap.cli import main
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.store.store import Store
from tests.helpers.pdf import words
from tests.helpers.records import at

D0 = date(2026, 1, 1)


def rows(exposed, other, seed=None):
    values = [(True, v) for v in exposed] + [(False, v) for v in other]
    if seed is not None:
        random.Random(seed).shuffle(values)
    return [(D0 + timedelta(days=i), x, y) for i, (x, y) in enumerate(values)]


def test_a_comparisons_sentences():
    short = compare("Poor sleep", "after a poor night", "after a better night", "flares",
                    rows([1.0, 2.0] * 2, [0.0, 1.0] * 6))
    assert short.sentence() == ("Poor sleep: not enough data yet — needs 6 more days after a "
                                "poor night (rests on 16 days so far).")
    clear, noise = adjust([
        compare("Clear", "on some days", "on others", "flares a day",
                rows([3.0, 4.0, 3.5, 4.5] * 5, [1.0, 1.5, 0.5, 1.0] * 5, seed=1)),
        compare("Noise", "on some days", "on others", "flares a day",
                rows([1.0, 2.0, 1.0, 2.0, 3.0] * 4, [2.0, 1.0, 2.0, 1.0, 2.0] * 4, seed=2))])
    assert clear.sentence().startswith("Clear: 3.75 flares a day on some days against 1.00 on "
                                       "others — 2.75 more (95 % CI ")
    assert clear.sentence().endswith("over 2 comparisons: notable); 20 + 20 = 40 days. "
                                     "Association, not cause.")
    assert "could well be chance" in noise.sentence()
    pain = compare("Poor sleep and overall pain the same day", "after a poor night",
                   "after a better night", "overall pain (0–10)",
                   rows([6.0, 5.0] * 6, [4.0, 5.0] * 6), rating=True, kind="sleep.pain.1")
    assert lead(pain).startswith("After poor nights your overall pain was about 1 point higher "
                                 "the next day — 12 such nights; ")


def test_patterns_and_hours():
    atlas = load_atlas()
    same = spread({D0: {"quadratus_lumborum.right": 5, "soleus.left": 1},
                   D0 + timedelta(days=7): {"quadratus_lumborum.right": 6}}, atlas)
    assert same.summary.startswith("Mostly the same spots: ") and same.summary.endswith(
        "(based on 2 weeks with flares).")
    assert spread({}, atlas).summary == "No flares in this period."
    hours = [3, 0, 0, 0, 0, 0, 0, 1] + [0] * 8 + [4] * 8
    assert night_text(hours, 50) == ("11% began between midnight and 8 am (of the 36 flares "
                                     "whose time is known; 14 known only to the day left out)")
    assert "not known for any of the 5 flares" in night_text([0] * 24, 5)


def test_a_period_too_short_or_not_recorded_to_compare():
    short = compare_periods(Period(date(2026, 4, 30), date(2026, 4, 30)), {}, {}, None)
    assert short.refused == ("A period of 1 day is too short to compare with the one before "
                             "(at least 14 days are needed).")


def test_the_reports_sentences(tmp_path, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([Flare(onset=at(2026, 4, 30, h), sites=(SpasmSite("soleus.left", 5),))
                           for h in (3, 9, 15, 21)])
    store.close()
    target = tmp_path / "report.pdf"
    assert main(["--language", "en", "report", "--from", "2026-04-30", "--to", "2026-04-30",
                 "-o", str(target)]) == 0
    text = words(target)
    assert "Muscle spasms and pain: record for the appointment" in text
    assert "Scores and patterns are information for your clinician, not a diagnosis." in text
    assert ("How often: 4 flares on 1 of 1 day (shorter than a week: no weekly rate or chart). "
            "Hours they began in: 03:00 (1), 09:00 (1), 15:00 (1), 21:00 (1).") in text
    assert ("How strong (0–10): mean 5.0, highest 5, over 4 marks in pain on 1 different "
            "region") in text
    assert "A period of 1 day is too short to compare with the one before" in text
    assert "Front seen facing the patient: the patient's right is on the left of the page" in text
