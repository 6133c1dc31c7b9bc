"""`fibromap insights`: every comparison the Insights view shows, with the same numbers."""

from __future__ import annotations

import json
from datetime import date

from fibromap.analysis.insight_words import figures, how, lead, statistics
from fibromap.analysis.insights import ASSOCIATION, METHOD, MIN_DAYS, Comparison, method
from fibromap.analysis.periods import Period, last_days
from fibromap.analysis.statistics import FDR
from fibromap.analysis.timeline import OBSERVED_RULE, observed_words
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _, ngettext
from fibromap.i18n.formats import decimal, whole

DEFAULT_DAYS = 365  # as the Insights view: the last year


def period_of(start: date | None, end: date | None, today: date) -> Period:
    end = end or today
    if start and start > end:
        raise FibroMapError(_("--from {start} is after --to {end}").format(start=start, end=end))
    return Period(start, end) if start else last_days(DEFAULT_DAYS, end)


def _number(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def comparison_json(section: str, c: Comparison) -> dict:
    r = c.result
    return {
        "section": section, "title": c.title, "exposed": c.exposed, "other": c.other,
        "outcome": c.outcome, "n_exposed": c.n_exposed, "n_other": c.n_other, "days": c.days,
        "enough_days": c.enough, "mean_exposed": _number(c.mean_exposed),
        "mean_other": _number(c.mean_other), "difference": _number(c.difference),
        "ci_low": _number(c.ci_low), "ci_high": _number(c.ci_high), "standard_error": _number(r.se),
        "degrees_of_freedom": _number(r.df, 2), "shifts_compared": r.shifts,
        "p_value": _number(c.p_value, 6),
        "p_adjusted": _number(c.q_value, 6), "comparisons_adjusted_over": c.tests,
        "notable": c.notable, "plain": lead(c), "sentence": c.sentence(),
    }


def run(store, period: Period, as_json: bool, today: date) -> str:
    from fibromap.analysis.review import load_insights

    insights = load_insights(store, period, today)
    sections = ((N_("sleep"), insights.sleep), (N_("following night"), insights.following_night),
                (N_("medication started"), insights.medication),
                (N_("daily symptom ratings"), insights.symptoms),
                *([(N_("measured by a device"), insights.devices)] if insights.devices else []))
    return (_as_json if as_json else _as_text)(insights, period, sections)


def _as_json(insights, period: Period, sections) -> str:
    observed = insights.observed
    return json.dumps({
        "from": period.start.isoformat(), "to": period.end.isoformat(), "days": period.days,
        "days_with_data": insights.days_with_data, "days_left_out": insights.left_out,
        "which_days_count": OBSERVED_RULE,
        "outcome_days": ({"from": observed.first.isoformat(), "to": observed.last.isoformat()}
                         if observed.first <= observed.last else None),
        "minimum_days_each_side": MIN_DAYS, "false_discovery_rate": FDR, "method": METHOD,
        "note": ASSOCIATION,
        "comparisons": [comparison_json(name, c) for name, items in sections for c in items],
        "treatments": [{"treatment": key, "name": label, "ratings": n,
                        "mean_relief": _number(mean, 2)}
                       for key, label, n, mean in insights.treatments if n],
    }, indent=2)


def _as_text(insights, period: Period, sections) -> str:
    lines = [ngettext("FibroMap insights, {period} ({n} day, {data} with a flare, a check-in or a "
                      "“no spasms” mark)", "FibroMap insights, {period} ({n} days, {data} with a "
                      "flare, a check-in or a “no spasms” mark)", period.days).format(
                 period=period.label(), n=whole(period.days), data=insights.days_with_data),
             observed_words(insights.left_out, insights.days_with_data),
             _("Comparisons within your own records: an {association}. Each starts with its "
               "sentence in plain words; the figures follow it (* unlikely to be chance).").format(
                 association=_(ASSOCIATION))]
    for name, items in sections:
        lines += ["", _("{section}:").format(section=_(name).capitalize())]
        for c in items:
            # The plain sentence first, as in the view; the figures and statistics under it.
            lines += [f"  {'* ' if c.notable else ''}{lead(c)}", f"      {figures(c)}"]
            if c.enough:
                lines.append(f"      {statistics(c)}")
        if not items:
            lines.append("  " + _("nothing to compare"))
    rated = [t for t in insights.treatments if t[2]]
    lines += ["", _("What helped (mean relief 0-10):")]
    lines += ["  " + ngettext("{treatment}: {mean} (rated {n} time)", "{treatment}: {mean} (rated {n} "
                             "times)", n).format(treatment=label, mean=decimal(mean), n=whole(n))
              for _key, label, n, mean in rated] or ["  " + _("no relief ratings in this period")]
    lines += ["", _("How this is worked out:"), *(f"  {text}" for text in (*how(), method()))]
    return "\n".join(lines)
