"""The calibration of docs/calibration.md in small (the whole table: `make calibrate`): on
histories with no effect, a notable finding stays rare even where flares come in long bad
spells and exposures in month-long stretches; the known effects are still found."""

from dataclasses import replace

from tests.simulations.calibration import NULL, POWER, found, tally

HALF_YEAR = 180  # days a history: small enough for the suite, long enough to compare


def test_no_effect_in_long_spells_and_stretches_is_rarely_notable():
    """40 half-years of AR(1) φ 0.95 spells and exposures in 30-day stretches: Newey–West's
    fixed lag called something notable in 60 % of such years (docs/calibration.md)."""
    stretches = replace(NULL[3], days=HALF_YEAR)
    assert stretches.stretch == 30 and stretches.persistence == 0.95
    result = tally(stretches, 40)
    assert result.any_notable <= 4, result  # 10 %; 500 whole years give 4.0 % (the table)
    assert result.below_005 / result.comparisons <= 0.07, result


def test_a_logging_gap_before_a_medication_is_not_a_finding():
    result = tally(replace(NULL[5], days=HALF_YEAR), 20)
    assert result.any_notable <= 2, result


def test_known_effects_are_still_found():
    """In a year: 2 more flares in the 24 h after waking from a poor night; 2 more flares
    two days after a busy day (the demo's overexertion; a tenth of the days are busy)."""
    (nights, night_titles), (busy, busy_titles) = POWER
    assert found(nights, night_titles, 6) == [6, 6]
    assert found(busy, busy_titles, 6) == [6]
