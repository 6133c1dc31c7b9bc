"""The analysis's sentences in the reader's language (issue 34): insights, their figures and
statistics, patterns, rates, durations, period comparisons and validation messages are made
whole from translated templates, with each language's own plurals and decimal sign; English
stays as it was."""

from datetime import date, timedelta

import pytest

from fibromap.analysis.changes import compare_periods
from fibromap.analysis.insight_words import basis, figures, lead, scale_for, statistics
from fibromap.analysis.insights import adjust, compare
from fibromap.analysis.pattern_words import spread_lead
from fibromap.analysis.patterns import Spread
from fibromap.analysis.periods import Period
from fibromap.domain.rates import FlareRate
from fibromap.domain.validation import whole_number_in_range
from fibromap.domain.wording import duration_text
from fibromap.errors import ValidationError
from fibromap.i18n import using

D0 = date(2026, 1, 1)


def rows(exposed, other):
    """(day, exposed, outcome) rows: the exposed values first, then the others."""
    values = [(True, y) for y in exposed] + [(False, y) for y in other]
    return [(D0 + timedelta(days=i), flag, y) for i, (flag, y) in enumerate(values)]


def trigger(exposed, other):
    return adjust([compare("Cold and the following night", "after days with cold logged",
                           "after other days", "night-time flares", rows(exposed, other),
                           kind="trigger", trigger="cold")])[0]


def test_an_insight_reads_whole_in_german_with_its_decimal_comma():
    c = trigger([2.0, 3.0, 1.0, 2.0] * 5, [1.0, 0.0, 2.0, 1.0] * 10)
    english = lead(c)
    with using("de"):
        first, numbers, method = lead(c), figures(c), statistics(c)
    assert english.startswith("After days you logged cold, you had about 1 more flare the night "
                              "after — 20 such days;")
    assert first.startswith("Nach Tagen, an denen Sie cold notiert hatten, hatten Sie in der "
                            "folgenden Nacht etwa 1 Schub mehr — 20 solche Tage;")
    assert "Zusammenhang, keine Ursache" in numbers and "2,00 nächtliche Schübe" in numbers
    assert method.startswith("Unterschied +1,00; ")
    assert lead(c) == english  # the language was given back


def test_too_few_days_and_a_fraction_of_a_flare_in_german():
    few = trigger([1.0] * 9, [0.0, 1.0] * 10)
    small = trigger([1.0, 0.0, 1.0, 1.0] * 5, [1.0, 0.0, 1.0, 0.0] * 10)
    with using("de"):
        assert lead(few) == ("Cold and the following night: noch zu wenige Tage für eine "
                             "Aussage — 1 weiterer Tag nötig.")
        assert "etwa 0,2 Schübe mehr" in lead(small)


def test_french_says_0_and_1_alike():
    none = trigger([], [0.0, 1.0] * 10)
    one = trigger([1.0], [0.0, 1.0] * 10)
    with using("fr"):
        assert basis(none) == "0 jour de ce type"
        assert basis(one) == "1 jour de ce type"
    with using("de"):
        assert basis(none) == "0 solche Tage"
    assert basis(none) == "0 such days" and basis(one) == "1 such day"


def test_rates_durations_and_patterns_in_german():
    rate = FlareRate(flares=5, days=30, observed=20, flare_days=4)
    with using("de"):
        assert duration_text(2 * 86_400 + 3 * 3_600) == "2 Tage 3 h"
        assert duration_text(None, still_going=True) == "dauert noch an"
        assert rate.words().startswith("1,8 pro Woche über die 20 Tage mit einer Aufzeichnung; "
                                       "10 Tage ohne werden weggelassen")
        assert spread_lead(Spread(4, 2.0, ("a",), 0.8, 3, "")) == (
            "Ihre Krämpfe kamen meist an dieselben wenigen Stellen zurück.")
        assert scale_for("overall pain (0–10)").caption == (
            "links von 0: weniger Schmerz; rechts von 0: mehr")
    assert rate.words().startswith("1.8 a week over the 20 days with a record; 10 days without "
                                   "any are left out")
    assert duration_text(2 * 86_400 + 3 * 3_600) == "2 days 3 h"


def test_a_period_comparison_and_a_validation_message_in_spanish():
    short = Period(date(2026, 3, 1), date(2026, 3, 5))
    with using("es"):
        assert compare_periods(short, {}, {}, None).refused.startswith(
            "Un periodo de 5 días es demasiado corto")
        # the field named inside its own whole sentence (field_sentences), not glued in
        with pytest.raises(ValidationError, match="la intensidad debe estar entre 0 y 10, no 11"):
            whole_number_in_range("intensity", 11, 0, 10)
    with pytest.raises(ValidationError, match="intensity must be between 0 and 10, got 11"):
        whole_number_in_range("intensity", 11, 0, 10)
