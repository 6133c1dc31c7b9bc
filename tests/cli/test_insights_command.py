"""`fibromap insights`: the Insights view's numbers on the command line."""

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import numpy as np
import pytest
import statsmodels.api as sm
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


@pytest.fixture
def seeded(sqlite_url, paths):
    """Poor nights every third day; more flares the day after one, with a weekly rhythm."""
    store = Store.open(sqlite_url, paths)
    checkins, flares = [], []
    for i in range((END - START).days + 1):
        day = START + timedelta(days=i)
        poor = i % 3 == 0
        checkins.append(CheckIn(day, sleep_hours=5 if poor else 7.5, water_glasses=3 + i % 5))
        for hour in range((3 if poor else 1) + (i % 7 == 0)):
            flares.append(Flare(onset=at(day.year, day.month, day.day, 9 + hour),
                                sites=(SpasmSite("soleus.left", 5),)))
    store.checkins.put_many(checkins)
    store.flares.add_many(flares)
    yield store
    store.close()


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
    # By hand: poor nights are days 0, 3, 6 …; flares 3 (+1 on multiples of 7), else 1 (+1).
    days = range(60)
    poor = [3 + (i % 7 == 0) for i in days if i % 3 == 0]
    good = [1 + (i % 7 == 0) for i in days if i % 3 != 0]
    assert (day24["n_exposed"], day24["n_other"]) == (len(poor), len(good)) == (20, 40)
    assert day24["difference"] == pytest.approx(np.mean(poor) - np.mean(good), abs=1e-4)
    x = np.array([i % 3 == 0 for i in days], float)
    y = np.array([(3 if i % 3 == 0 else 1) + (i % 7 == 0) for i in days], float)
    fit = sm.OLS(y, sm.add_constant(x)).fit(cov_type="HAC", cov_kwds={"maxlags": 3,
                                                                      "use_correction": True})
    assert day24["lag_days"] == 3 and day24["standard_error"] == pytest.approx(fit.bse[1], abs=1e-4)
    va, vb = np.var(poor, ddof=1) / 20, np.var(good, ddof=1) / 40
    df = (va + vb) ** 2 / (va ** 2 / 19 + vb ** 2 / 39)
    half = stats.t.ppf(0.975, df) * fit.bse[1]
    assert day24["ci_low"] == pytest.approx(fit.params[1] - half, abs=1e-4)
    assert day24["ci_high"] == pytest.approx(fit.params[1] + half, abs=1e-4)
    assert day24["notable"] is True and day24["comparisons_adjusted_over"] >= 3


def test_text_leads_with_plain_words_and_names_the_method_last(capsys, seeded):
    out = run(capsys, "insights", "--from", START.isoformat(), "--to", END.isoformat())
    assert out.startswith("FibroMap insights, 01 Mar 2026 – 29 Apr 2026 (60 days")
    assert "association, not cause" in out
    lines = out.splitlines()
    # The plain sentence first (3.15 against 1.15 flares: about 2 more), the figures under it.
    first = lines.index("  * After poor nights you had about 2 more flares the next day — 20 such "
                        "nights; unlikely to be chance.")
    assert lines[first + 1].startswith("      Poor sleep and spasms 24 h later: 3.15 flares a day")
    assert lines[first + 2].startswith("      Difference +2.00; 95 % confidence interval")
    # The method comes last, under its own heading, after every comparison.
    method = lines.index("How this is worked out:")
    assert "Newey–West" not in "\n".join(lines[:method]) and "Newey–West" in out
    assert method > max(i for i, line in enumerate(lines) if line.startswith("  * "))


def test_an_empty_database_has_nothing_to_compare(capsys, sqlite_url, paths):
    Store.open(sqlite_url, paths).close()
    figures = json.loads(run(capsys, "insights", "--json"))
    assert figures["days_with_data"] == 0 and figures["outcome_days"] is None
    assert all(not c["enough_days"] for c in figures["comparisons"])
    assert "no relief ratings" in run(capsys, "insights")


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
