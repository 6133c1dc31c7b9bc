"""What one step of writing a flare changed, named for the Edit menu ("Undo Mark …").

The Log keeps each state of the flare being written; the step between two states is named
by what differs, the way a person would say it: "Mark left upper trapezius", "Intensity of
left upper trapezius", "Pain spreading to left temple", "Triggers". A Step keeps what it
is (its kind and region: what the undo stack's logic compares) apart from its words (in the
language of the moment, only shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from fibromap.domain.draft import FlareDraft
from fibromap.i18n import pgettext


@dataclass(frozen=True, slots=True)
class Step:
    """One step: ``kind`` and ``region`` say what it is (the undo stack's logic reads
    them, never the words), ``text`` names it in the language of the moment."""

    kind: str
    text: str
    region: str = ""

    @property
    def running(self) -> bool:
        return self.kind in RUNNING


# Steps that may run on (a name typed letter by letter, an intensity stepped with the
# arrow keys, a length typed digit by digit): consecutive ones of the same kind and region
# are one undo step.
RUNNING = frozenset(("intensity", "spreading_intensity", "notes", "time", "how_long", "relief",
                     "spreading"))


def _named(kind: str, region: str, name: str) -> str:
    """The step of ``kind`` about the region called ``name``, as Edit › Undo says it."""
    return {
        "mark": pgettext("undo step", "Mark {region}"),
        "unmark": pgettext("undo step", "Unmark {region}"),
        "intensity": pgettext("undo step", "Intensity of {region}"),
        "kind": pgettext("undo step", "Kind of {region}"),
        "spreading": pgettext("undo step", "Pain spreading to {region}"),
        "no_spreading": pgettext("undo step", "No pain spreading to {region}"),
        "spreading_intensity": pgettext("undo step", "Intensity of the pain spreading to {region}"),
    }[kind].format(region=name)


def _form_field(kind: str) -> str:
    """A part of the form, named as a step (as the form names it)."""
    return {
        "time": pgettext("undo step", "Time"),
        "how_long": pgettext("undo step", "How long"),
        "context": pgettext("undo step", "What you were doing"),
        "qualities": pgettext("undo step", "What it felt like"),
        "triggers": pgettext("undo step", "Triggers"),
        "treatments": pgettext("undo step", "What helped"),
        "relief": pgettext("undo step", "Relief"),
        "impacts": pgettext("undo step", "Impact"),
        "notes": pgettext("undo step", "Notes"),
    }[kind]


# The form's fields, in the form's order (each a kind of step: _form_field).
FIELDS = ("context", "qualities", "triggers", "treatments", "impacts", "notes")


def same_moment(before: FlareDraft, after: FlareDraft, *, clock: bool) -> bool:
    """Whether two states show the same flare; with ``clock`` (the time follows the clock
    in both) a time that moved on with the clock is no change."""
    one, other = asdict(before), asdict(after)
    if clock:
        one.pop("onset"), other.pop("onset")
    return one == other


def step(before: FlareDraft, after: FlareDraft, name: Callable[[str], str], *,
         clock: bool = False) -> Step:
    """The step from ``before`` to ``after``; ``name`` gives a region's name as shown;
    ``clock`` as for same_moment()."""
    steps = [*_site_steps(before, after, name), *_link_steps(before, after, name),
             *_form_steps(before, after, clock=clock)]
    if len(steps) == 1:
        return steps[0]
    if steps and all(one.kind in ("intensity", "spreading_intensity") for one in steps):
        # a source re-rated with the pain it spreads
        return Step("intensities", pgettext("undo step", "Intensities"))
    return Step("changes", pgettext("undo step", "Changes to the flare"))


def step_name(before: FlareDraft, after: FlareDraft, name: Callable[[str], str], *,
              clock: bool = False) -> str:
    """The words of step()."""
    return step(before, after, name, clock=clock).text


def _region_step(kind: str, region: str, name: Callable[[str], str]) -> Step:
    return Step(kind, _named(kind, region, name(region)), region)


def _site_steps(before: FlareDraft, after: FlareDraft, name: Callable[[str], str]) -> list[Step]:
    was = {site.region: site for site in before.sites}
    now = {site.region: site for site in after.sites}
    # Linking pain to a zone marks the zone too (and unlinking may unmark it): that is the
    # link's step, named by the link.
    zones = {zone for _source, zone in _links(before) ^ _links(after)}
    steps = [_region_step("mark", region, name) for region in now
             if region not in was and region not in zones]
    steps += [_region_step("unmark", region, name) for region in was
              if region not in now and region not in zones]
    for region in now.keys() & was.keys():
        if now[region].intensity != was[region].intensity:
            steps.append(_region_step("intensity", region, name))
        if now[region].role != was[region].role and region not in zones:
            steps.append(_region_step("kind", region, name))
    return steps


def _links(draft: FlareDraft) -> set[tuple[str, str]]:
    return {(link.source, link.target) for link in draft.links}


def _link_steps(before: FlareDraft, after: FlareDraft, name: Callable[[str], str]) -> list[Step]:
    was = {(link.source, link.target): link.intensity for link in before.links}
    now = {(link.source, link.target): link.intensity for link in after.links}
    added, removed = now.keys() - was.keys(), was.keys() - now.keys()
    steps = [_region_step("spreading", zone, name) for _source, zone in sorted(added)]
    steps += [_region_step("no_spreading", zone, name) for _source, zone in sorted(removed)]
    steps += [_region_step("spreading_intensity", zone, name)
              for (source, zone) in sorted(now.keys() & was.keys())
              if now[(source, zone)] != was[(source, zone)]]
    return steps


def _form_steps(before: FlareDraft, after: FlareDraft, *, clock: bool) -> list[Step]:
    kinds = []
    if ((before.onset != after.onset and not clock) or before.day_only != after.day_only
            or before.onset_open != after.onset_open):
        kinds.append("time")
    if (before.duration_seconds, before.still_going) != (after.duration_seconds, after.still_going):
        kinds.append("how_long")
    for field in FIELDS:
        if getattr(before, field) != getattr(after, field):
            kinds.append(_treatment_step(before, after) if field == "treatments" else field)
    return [Step(kind, _form_field(kind)) for kind in kinds]


def _treatment_step(before: FlareDraft, after: FlareDraft) -> str:
    """A relief typed is its own step (it runs on digit by digit); anything else about the
    treatments is "What helped" (the kind of step)."""
    kinds = [use.treatment for use in before.treatments]
    if kinds == [use.treatment for use in after.treatments]:
        changed = [a for a, b in zip(before.treatments, after.treatments, strict=True) if a != b]
        if len(changed) == 1 and all(
                (a.treatment, a.medication, a.dose) == (b.treatment, b.medication, b.dose)
                for a, b in zip(before.treatments, after.treatments, strict=True)):
            return "relief"
    return "treatments"
