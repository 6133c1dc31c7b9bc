"""A comparison's one-sentence summary (analysis/comparison_words.sentence) read by its
message ids, so a test checks the pieces it says (the change, the verdict, the days)
and holds in any language (issue 34)."""

from __future__ import annotations

from fibromap.analysis.comparison_words import association_words, outcome_words
from fibromap.i18n import _, formats, ngettext
from tests.helpers.refusals import fits

SHORT = "{title}: not enough data yet — needs {needs} (rests on {days} so far)."
SENTENCE = ("{title}: {mean_exposed} {outcome} {exposed} against {mean_other} {other} — "
            "{change} ({detail}); {n_exposed} + {n_other} = {days} days. {association}.")
PATTERNED = ("{title}: {mean_exposed} {outcome} {exposed} against {mean_other} {other} — "
             "{change} ({detail}); {n_exposed} + {n_other} = {days} days. "
             "{association}: {pattern}.")
DETAIL = ("95 % CI {low} to {high}; adjusted p = {q} over {tests} comparison: {verdict}",
          "95 % CI {low} to {high}; adjusted p = {q} over {tests} comparisons: {verdict}")


def parts(comparison, pattern: str | None = None) -> dict[str, str]:
    """The pieces of a comparison's sentence (enough days), all but its change and its
    detail held to the comparison's own data; with ``pattern``, the sentence names it."""
    extra = {} if pattern is None else {"pattern": _(pattern)}
    return fits(comparison.sentence(), SENTENCE if pattern is None else PATTERNED,
                title=comparison.title,
                mean_exposed=formats.decimal(comparison.mean_exposed, 2),
                mean_other=formats.decimal(comparison.mean_other, 2),
                outcome=outcome_words(comparison.outcome), exposed=comparison.exposed,
                other=comparison.other, n_exposed=comparison.n_exposed,
                n_other=comparison.n_other, days=comparison.days,
                association=association_words(), **extra)


def verdict(comparison) -> str:
    """The verdict at the end of a sentence's figures, over its count of comparisons."""
    plural = ngettext(*DETAIL, comparison.tests)
    return fits(parts(comparison)["detail"], plural, tests=comparison.tests)["verdict"]


def short(comparison, *needs: tuple[int, str]) -> None:
    """The sentence says there are too few days yet: ``needs`` (count, side) more, and the
    days it rests on so far."""
    said = [ngettext("{count} more day {side}", "{count} more days {side}", count).format(
        count=count, side=side) for count, side in needs]
    fits(comparison.sentence(), SHORT, title=comparison.title,
         needs=said[0] if len(said) == 1 else _("{first} and {second}").format(
             first=said[0], second=said[1]),
         days=ngettext("{count} day", "{count} days", comparison.days).format(
             count=formats.whole(comparison.days)))
