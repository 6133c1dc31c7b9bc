"""The report's first section: the answers to the questions a clinician asks, a line each —
how often, how strong, the same spot or moving around, what makes it worse or better, and
what it felt like — with the figures they rest on. The sections after it give the detail."""

from __future__ import annotations

from fibromap.analysis.answers import FEWEST, Places
from fibromap.analysis.hours import night_text, timed
from fibromap.analysis.report_data import ReportData
from fibromap.domain.atlas import Atlas
from fibromap.domain.flare import IMPACT_LEVELS
from fibromap.domain.wording import STILL_GOING_TEXT, duration_text
from fibromap.i18n import N_, _, ngettext, npgettext
from fibromap.i18n.formats import decimal, in_sentence, whole
from fibromap.report.layout import Section, clauses, percent, text_section
from fibromap.report.scores import short_scores

NAMED = 3    # triggers and treatments named in a line, for a period of a week or more
IMPACT_NAMES = {"walking": N_("Walking"), "fine_motor": N_("Fine motor tasks (buttons, writing)"),
                "sleep": N_("Sleep"), "work": N_("Work")}
SHORT = 7    # days: a shorter period has no weekly chart and names the hours here


def _flares(n: int) -> str:
    return ngettext("{n} flare", "{n} flares", n).format(n=whole(n))


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=whole(n))


def _days_in(n: int) -> str:
    """So many days after "of" or "in" (German's dative: "von 365 Tagen")."""
    return npgettext("after of or in (German dative)", "{n} day", "{n} days", n).format(
        n=whole(n))


def _flares_of(n: int) -> str:
    """So many flares after "of" or "with" (German's dative: "von 842 Schüben")."""
    return npgettext("after of or with (German dative)", "{n} flare", "{n} flares", n).format(
        n=whole(n))


def _regions(n: int) -> str:
    return ngettext("{n} region", "{n} regions", n).format(n=whole(n))


def _compared(data: ReportData) -> str:
    return _("Compared with the previous period: {why}").format(why=data.comparison.refused)


def summary(data: ReportData, atlas: Atlas) -> Section:
    s = data.summary
    if not s.flares:
        lines = [_("No flares were recorded in this period.") if data.checkin_days else
                 _("No flares were recorded in this period. Nor any check-in: no records is not "
                   "the same as no flares.")]
        if data.checkin_days:
            lines.append(ngettext("Daily check-ins on {n} day: see below.",
                                  "Daily check-ins on {n} days: see below.",
                                  data.checkin_days).format(n=whole(data.checkin_days)))
        if short(data):
            lines += [short_scores(data), _compared(data)]
        return text_section(_("Summary"), [line for line in lines if line])
    impacts = impact_lines(data)
    lines = [_how_often(data), _how_strong(data), _duration_line(data),
             "" if hours_named(data) else _("Time of day: {hours}.").format(
                 hours=night_text(data.hours, s.flares)),
             _where(data, atlas), _worse_or_better(data), _felt(data),
             "" if impacts and not short(data) else _impact_line(impacts)]
    if short(data):  # said here rather than under headings of their own
        lines += [short_scores(data), _compared(data)]
    return text_section(_("Summary"), [line for line in lines if line])


def _impact_line(impacts: list[str]) -> str:
    if not impacts:
        return _("Impact on daily life: not rated (walking, fine motor tasks, sleep, work).")
    return _("Impact on daily life: {areas}").format(areas=" ".join(impacts))


def short(data: ReportData) -> bool:
    """A period shorter than a week: its few figures go in the summary, for one page."""
    return data.period.days < SHORT


def named(data: ReportData) -> int:
    """How many triggers and treatments the summary names: all of a short period's."""
    return max(len(data.triggers), len(data.treatments)) if short(data) else NAMED


def impact_lines(data: ReportData) -> list[str]:
    """What flares got in the way of, a line for each area rated."""
    lines = []
    for figure in data.impacts:
        if figure.rated:
            levels = ", ".join(f"{_(IMPACT_LEVELS[i])} {n}" for i, n in enumerate(figure.levels)
                               if n)
            lines.append(ngettext("{area}: rated in {rated} of {n} flare ({levels}).",
                                  "{area}: rated in {rated} of {n} flares ({levels}).",
                                  data.summary.flares).format(
                area=_(IMPACT_NAMES[figure.area]), rated=figure.rated,
                n=whole(data.summary.flares), levels=levels))
    return lines


def _how_often(data: ReportData) -> str:
    s, days = data.summary, data.period.days
    line = _("How often: {flares} on {with_flares} of {days}").format(
        flares=_flares(s.flares), with_flares=s.days_with_flares, days=_days_in(days))
    if days < SHORT:  # a weekly rate from less than a week would be a guess
        hours = [f"{h:02d}:00 ({n})" for h, n in enumerate(data.hours) if n]
        return (line + _(" (shorter than a week: no weekly rate or chart).")
                + (_(" Hours they began in: {hours}.").format(hours=", ".join(hours))
                   if hours else ""))
    return _("{how_often}: {rate}.").format(how_often=line, rate=s.rate.words())


def _how_strong(data: ReportData) -> str:
    s = data.summary
    if not s.sites:
        return _("How strong: every region marked was rated 0 (no pain).")
    marks = ngettext("{n} mark", "{n} marks", s.sites).format(n=whole(s.sites))
    regions = ngettext("{n} different region", "{n} different regions",
                       data.regions_in_pain).format(n=whole(data.regions_in_pain))
    if s.unrated_zones:
        return ngettext(
            "How strong (0–10): mean {mean}, highest {highest}, over {marks} in pain on "
            "{regions} (a mark: one region in one flare; 0 is not pain; {n} referred zone not "
            "rated is left out).",
            "How strong (0–10): mean {mean}, highest {highest}, over {marks} in pain on "
            "{regions} (a mark: one region in one flare; 0 is not pain; {n} referred zones not "
            "rated are left out).", s.unrated_zones).format(
            mean=decimal(s.mean_intensity or 0.0), highest=s.max_intensity, marks=marks,
            regions=regions, n=whole(s.unrated_zones))
    return _("How strong (0–10): mean {mean}, highest {highest}, over {marks} in pain on "
             "{regions} (a mark: one region in one flare; 0 is not pain).").format(
        mean=decimal(s.mean_intensity or 0.0), highest=s.max_intensity, marks=marks, regions=regions)


def _duration_line(data: ReportData) -> str:
    """The median length of the flares with one, and how many had none, and why: still going
    (as the person said) or not given. The two are never merged."""
    if data.median_duration_s:
        line = ngettext("Typical duration: {length} (median of {n} flare with a length)",
                        "Typical duration: {length} (median of {n} flares with a length)",
                        data.lengths_known).format(
            length=duration_text(round(data.median_duration_s)), n=whole(data.lengths_known))
    else:
        line = _("Typical duration: no flare has a length given")
    without = []
    if data.still_going:
        without.append(ngettext("{n} flare {still_going} when recorded",
                                "{n} flares {still_going} when recorded",
                                data.still_going).format(
            n=whole(data.still_going), still_going=_(STILL_GOING_TEXT)))
    if data.length_not_given:
        without.append(ngettext("{n} flare with no length given",
                                "{n} flares with no length given",
                                data.length_not_given).format(n=whole(data.length_not_given)))
    return clauses([line, ", ".join(without)] if without else [line]) + "."


def _where_now(now: Places, names: str) -> str:
    """How many flares touched how many regions, the most frequent named."""
    if now.flares < FEWEST:
        if now.regions <= len(now.top):
            return _("{flares} touched {regions} ({names})").format(
                flares=_flares(now.flares), regions=_regions(now.regions), names=names)
        return _("{flares} touched {regions}").format(flares=_flares(now.flares),
                                                      regions=_regions(now.regions))
    if now.regions <= len(now.top):  # every region is among the most frequent
        if now.flares == 1:
            return _("1 flare, touching {regions} ({names})").format(
                regions=_regions(now.regions), names=names)
        if now.flares == 2:
            return _("both {flares} touched only {regions} ({names})").format(
                flares=_flares(now.flares), regions=_regions(now.regions), names=names)
        return _("all {flares} touched only {regions} ({names})").format(
            flares=_flares(now.flares), regions=_regions(now.regions), names=names)
    return ngettext(
        "{share} of the {flares} touched one of the {top} most frequent regions ({names}); "
        "{n} different region in all",
        "{share} of the {flares} touched one of the {top} most frequent regions ({names}); "
        "{n} different regions in all", now.regions).format(
        share=percent(now.share or 0.0), flares=_flares(now.flares), top=len(now.top),
        names=names, n=whole(now.regions))


def places_text(now: Places, before: Places | None, atlas: Atlas, days: int) -> str:
    """One sentence with its numbers: how many flares touched the most frequent regions."""
    if now.share is None:
        return _("The same spot or moving around: no region was felt (every mark was 0).")
    names = ", ".join(in_sentence(atlas.name(r)) for r in now.top)
    text = _("The same spot or moving around: {verdict} — {where}").format(
        verdict=in_sentence(now.verdict), where=_where_now(now, names))
    if before is not None and before.share is not None:
        text += ngettext("; in the previous {days}, {share} of {flares} in its {top} most "
                         "frequent, {n} region in all",
                         "; in the previous {days}, {share} of {flares} in its {top} most "
                         "frequent, {n} regions in all", before.regions).format(
            days=_days_in(days), share=percent(before.share), flares=_flares_of(before.flares),
            top=len(before.top), n=whole(before.regions))
    elif before is not None:
        text += _("; no flares in the previous {days}").format(days=_days_in(days))
    return text + "."


def _where(data: ReportData, atlas: Atlas) -> str:
    return places_text(data.places, data.places_before, atlas, data.period.days)


def _worse_or_better(data: ReportData) -> str:
    total = data.summary.flares
    shown = named(data)
    triggers = [_("{label} ({n} of {total})").format(label=label, n=n, total=total)
                for _k, label, n in data.triggers[:shown]]
    rated = [(label, n, mean) for _k, label, n, mean in data.treatments if n and mean is not None]
    helped = [_("{label} {mean} of 10 ({n}×)").format(label=label, mean=decimal(mean), n=n)
              for label, n, mean in rated[:shown]]
    worse = (_("logged most often with flares: {triggers}").format(triggers=", ".join(triggers))
             + _more(len(data.triggers), shown) if triggers else _("no trigger logged"))
    better = (_("most relief: {helped}").format(helped=", ".join(helped))
              + _more(len(rated), shown) if helped else _("no relief rated"))
    return _("Worse or better: {worse}; {better}.").format(worse=worse, better=better)


def _more(count: int, shown: int) -> str:
    return _(" and {count} more (listed below)").format(count=count - shown) if count > shown else ""


def _felt(data: ReportData) -> str:
    if not data.qualities:
        return _("What it felt like: no words chosen for the feeling.")
    felt = [f"{label} {n}" for _k, label, n in data.qualities]
    return ngettext("What it felt like: {felt} (of {n} flare; one may have several words).",
                    "What it felt like: {felt} (of {n} flares; one may have several words).",
                    data.summary.flares).format(felt=", ".join(felt), n=whole(data.summary.flares))


def hours_named(data: ReportData) -> bool:
    """Whether the summary names the hours (a short period) instead of a chart."""
    return data.period.days < SHORT and timed(data.hours) > 0
