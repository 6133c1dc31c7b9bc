"""What one step of writing a flare changed, named for the Edit menu ("Undo Mark …").

The Log keeps each state of the flare being written; the step between two states is named
by what differs, the way a person would say it: "Mark left upper trapezius", "Intensity of
left upper trapezius", "Pain spreading to left temple", "Triggers".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from fibromap.domain.draft import FlareDraft

# Steps that may run on (a name typed letter by letter, an intensity stepped with the
# arrow keys, a length typed digit by digit): consecutive ones of the same name are one
# undo step.
RUNNING = ("Intensity of ", "Notes", "Time", "How long", "Relief", "Pain spreading to ")

# The form's fields, named as the form names them.
FIELDS = (("context", "What you were doing"), ("qualities", "What it felt like"),
          ("triggers", "Triggers"), ("treatments", "What helped"), ("impacts", "Impact"),
          ("notes", "Notes"))


def same_moment(before: FlareDraft, after: FlareDraft, *, clock: bool) -> bool:
    """Whether two states show the same flare; with ``clock`` (the time follows the clock
    in both) a time that moved on with the clock is no change."""
    one, other = asdict(before), asdict(after)
    if clock:
        one.pop("onset"), other.pop("onset")
    return one == other


def step_name(before: FlareDraft, after: FlareDraft, name: Callable[[str], str], *,
              clock: bool = False) -> str:
    """The step from ``before`` to ``after``; ``name`` gives a region's name as shown;
    ``clock`` as for same_moment()."""
    names = [*_site_steps(before, after, name), *_link_steps(before, after, name),
             *_form_steps(before, after, clock=clock)]
    if len(names) == 1:
        return names[0]
    if names and all(step.startswith("Intensity of ") for step in names):
        return "Intensities"  # a source re-rated with the pain it spreads
    return "Changes to the flare"


def is_running(step: str) -> bool:
    return step.startswith(RUNNING)


def _site_steps(before: FlareDraft, after: FlareDraft, name: Callable[[str], str]) -> list[str]:
    was = {site.region: site for site in before.sites}
    now = {site.region: site for site in after.sites}
    # Linking pain to a zone marks the zone too (and unlinking may unmark it): that is the
    # link's step, named by the link.
    zones = {zone for _source, zone in _links(before) ^ _links(after)}
    steps = [f"Mark {name(region)}" for region in now if region not in was and region not in zones]
    steps += [f"Unmark {name(region)}" for region in was
              if region not in now and region not in zones]
    for region in now.keys() & was.keys():
        if now[region].intensity != was[region].intensity:
            steps.append(f"Intensity of {name(region)}")
        if now[region].role != was[region].role and region not in zones:
            steps.append(f"Kind of {name(region)}")
    return steps


def _links(draft: FlareDraft) -> set[tuple[str, str]]:
    return {(link.source, link.target) for link in draft.links}


def _link_steps(before: FlareDraft, after: FlareDraft, name: Callable[[str], str]) -> list[str]:
    was = {(link.source, link.target): link.intensity for link in before.links}
    now = {(link.source, link.target): link.intensity for link in after.links}
    added, removed = now.keys() - was.keys(), was.keys() - now.keys()
    steps = [f"Pain spreading to {name(zone)}" for _source, zone in sorted(added)]
    steps += [f"No pain spreading to {name(zone)}" for _source, zone in sorted(removed)]
    steps += [f"Intensity of the pain spreading to {name(zone)}"
              for (source, zone) in sorted(now.keys() & was.keys())
              if now[(source, zone)] != was[(source, zone)]]
    return steps


def _form_steps(before: FlareDraft, after: FlareDraft, *, clock: bool) -> list[str]:
    steps = []
    if ((before.onset != after.onset and not clock) or before.day_only != after.day_only
            or before.onset_open != after.onset_open):
        steps.append("Time")
    if (before.duration_seconds, before.still_going) != (after.duration_seconds, after.still_going):
        steps.append("How long")
    for field, label in FIELDS:
        if getattr(before, field) != getattr(after, field):
            steps.append(_treatment_step(before, after) if field == "treatments" else label)
    return steps


def _treatment_step(before: FlareDraft, after: FlareDraft) -> str:
    """A relief typed is its own step (it runs on digit by digit); anything else about the
    treatments is "What helped"."""
    kinds = [use.treatment for use in before.treatments]
    if kinds == [use.treatment for use in after.treatments]:
        changed = [a for a, b in zip(before.treatments, after.treatments, strict=True) if a != b]
        if len(changed) == 1 and all(
                (a.treatment, a.medication, a.dose) == (b.treatment, b.medication, b.dose)
                for a, b in zip(before.treatments, after.treatments, strict=True)):
            return "Relief"
    return "What helped"
