"""`fibromap insights`: the Insights view's numbers on the command line."""

import json
import os
import random
import subprocess
import sys
from datetime import date, timedelta

import numpy as np
import pytest
from scipy import stats

from fibromap.analysis.insight_words import lead
from fibromap.analysis.periods import Period
from fibromap.analysis.review import load_insights
from fibromap.cli import main
from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.store.store import Store
from tests.helpers.records import at

START, END = date(2026, 3, 1), date(2026, 4, 29)  # 60 days, long past
# Poor nights on 20 of the 60 days, at random (a pattern that repeats, such as every
# third day, matches its own shifts and leaves chance unmeasured).
POOR = sorted(random.Random(3).sample(range(60), 20))


@pytest.fixture
def seeded(sqlite_url, paths):
    """More flares from waking after a poor night, with a weekly rhythm."""
    store = Store.open(sqlite_url, paths)
    checkins, flares = [], []
    for i in range((END - START).days + 1):
        day = START + timedelta(days=i)
        poor = i in POOR
        checkins.append(CheckIn(day, sleep_hours=5 if poor else 7.5, water_glasses=3 + i % 5))
        for hour in range((3 if poor else 1) + (i % 7 == 0)):
            flares.append(Flare(onset=at(day.year, day.month, day.day, 9 + hour),
                                sites=(SpasmSite("soleus.left", 5),)))
    store.checkins.put_many(checkins)
    store.flares.add_many(flares)
    yield store
    store.close()


def by_brute_force(x, y):
    """The standard error and degrees of freedom of shifts.py, worked out shift by shift
    with numpy alone (no FFT): the exposure of day t against the outcome of day t + k."""
    n = len(x)
    centred = x - x.mean()
    differences = {}
    for k in range(1, n):
        moved = np.roll(y, -k)
        if abs(centred @ np.roll(centred, -k)) <= 0.2 * (centred @ centred):
            differences[k] = moved[x == 1].mean() - moved[x == 0].mean()
    variance = np.mean([d * d for d in differences.values()])
    alike = []
    for j in range(n):
        pairs = [(k, (k + j) % n) for k in differences if (k + j) % n in differences]
        alike.append(1.0 if j == 0 else sum(differences[a] * differences[b] for a, b in pairs)
                     / len(pairs) / variance if len(pairs) > 5 else 0.0)
    df = min(len(differences), len(differences) / np.sum(np.square(alike)))
    return np.sqrt(variance), df, len(differences)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_json_gives_the_views_numbers_and_a_hand_checked_difference(capsys, seeded):
    figures = json.loads(run(capsys, "insights", "--from", START.isoformat(), "--to",
                             END.isoformat(), "--json"))
    assert (figures["from"], figures["to"], figures["days"]) == ("2026-03-01", "2026-04-29", 60)
    assert "Benjamini–Hochberg" in figures["method"] and figures["note"] == "association, not cause"
    view = load_insights(seeded, Period(START, END), date.today())
    assert [c["title"] for c in figures["comparisons"]] == [c.title for c in view.comparisons]
    for shown, computed in zip(figures["comparisons"], view.comparisons):
        assert shown["sentence"] == computed.sentence()
        assert shown["plain"] == lead(computed)  # the view's first sentence
        assert shown["p_adjusted"] == (None if computed.q_value is None
                                       else pytest.approx(computed.q_value, abs=1e-6))
    day24 = figures["comparisons"][0]
    assert day24["title"] == "Poor sleep and spasms 24 h later" and day24["section"] == "sleep"
    # By hand: flares 3 from 9 a.m. after a poor night (+1 on multiples of 7), else 1 (+1).
    # The 24 h from waking reach 8 a.m. the next day: the last day has no next day recorded.
    days = range(59)
    poor = [3 + (i % 7 == 0) for i in days if i in POOR]
    good = [1 + (i % 7 == 0) for i in days if i not in POOR]
    assert (day24["n_exposed"], day24["n_other"]) == (len(poor), len(good))
    assert day24["difference"] == pytest.approx(np.mean(poor) - np.mean(good), abs=1e-4)
    x = np.array([i in POOR for i in days], float)
    y = np.array([(3 if i in POOR else 1) + (i % 7 == 0) for i in days], float)
    se, df, shifts = by_brute_force(x, y)
    assert day24["shifts_compared"] == shifts and day24["standard_error"] == pytest.approx(se, abs=1e-4)
    assert day24["degrees_of_freedom"] == pytest.approx(df, abs=0.01)
    half = stats.t.ppf(0.975, df) * se
    assert day24["ci_low"] == pytest.approx(day24["difference"] - half, abs=1e-4)
    assert day24["ci_high"] == pytest.approx(day24["difference"] + half, abs=1e-4)
    assert day24["p_value"] == pytest.approx(2 * stats.t.sf(abs(np.mean(poor) - np.mean(good))
                                                            / se, df), abs=1e-6)
    assert day24["notable"] is True and day24["comparisons_adjusted_over"] >= 3
    assert figures["days_left_out"] == 0
    assert figures["which_days_count"].startswith("Days with a flare, a check-in or a “no spasms”")


def test_text_leads_with_plain_words_and_names_the_method_last(capsys, seeded):
    out = run(capsys, "insights", "--from", START.isoformat(), "--to", END.isoformat())
    assert out.startswith("FibroMap insights, 01 Mar 2026 – 29 Apr 2026 (60 days")
    assert "sliding the exposure along your own days" in out and "association, not cause" in out
    poor = [3 + (i % 7 == 0) for i in range(59) if i in POOR]
    assert (f"      Poor sleep and spasms 24 h later: {np.mean(poor):.2f} flares a day, "
            "counted from waking after a poor night") in out
    assert ("Days with a flare, a check-in or a “no spasms” mark count: every day of this "
            "period so far has one.") in out
    lines = out.splitlines()
    # The plain sentence first (3.15 against 1.15 flares: about 2 more), the figures under it.
    first = lines.index("  * After poor nights you had about 2 more flares the next day — 20 such "
                        "nights; unlikely to be chance.")
    assert lines[first + 1].startswith("      Poor sleep and spasms 24 h later: 3.15 flares a day")
    assert lines[first + 2].startswith("      Difference +2.00; 95 % confidence interval")
    # The method comes last, under its own heading, after every comparison.
    method = lines.index("How this is worked out:")
    assert "sliding the exposure" not in "\n".join(lines[:method])
    assert method > max(i for i, line in enumerate(lines) if line.startswith("  * "))


def test_an_empty_database_has_nothing_to_compare(capsys, sqlite_url, paths):
    Store.open(sqlite_url, paths).close()
    figures = json.loads(run(capsys, "insights", "--json"))
    assert figures["days_with_data"] == 0 and figures["outcome_days"] is None
    assert all(not c["enough_days"] for c in figures["comparisons"])
    text = run(capsys, "insights")
    assert "no relief ratings" in text
    assert ("Nothing is recorded in this period yet: days with a flare, a check-in or a “no "
            "spasms” mark will count.") in text


def test_a_reversed_period_is_one_line(capsys):
    assert main(["insights", "--from", "2026-05-01", "--to", "2026-04-01"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "fibromap: --from 2026-05-01 is after --to 2026-04-01"


def test_insights_load_neither_qt_nor_scipy():
    code = ("import sys, fibromap.cli as c; c.main(['insights']); "
            "print(any(m.split('.')[0] in ('PySide6', 'scipy') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=os.environ)
    assert result.stdout.strip().endswith("False"), result.stderr
