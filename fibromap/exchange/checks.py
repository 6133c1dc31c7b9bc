"""What an import checks of the records as a whole, before anything is written: dates in
a believable range, nothing given twice, no two flares that contradict each other.

Each problem names where it is, through the ``where`` the format passes in: JSON says
``flares[3].onset``, CSV says ``line 12, column onset``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import TypeVar

from fibromap.domain.day_bounds import EARLIEST, date_range_text, latest_day
from fibromap.domain.flare import Flare
from fibromap.domain.records import Records, flare_fingerprint
from fibromap.exchange.placed import Place, Placed
from fibromap.exchange.problems import Collector
from fibromap.i18n import N_, _

__all__ = ["EARLIEST", "check_records", "date_range_text", "json_where", "latest_day"]

# (the list a record is in, its position, its field) -> where the person should look
Where = Callable[[str, int, str], str]
Key = TypeVar("Key", bound=Hashable)  # what makes a record one of a kind (a day, a day and a name)


def json_where(name: str, index: int, field: str) -> str:
    return f"{name}[{index}].{field}"


def check_records(records: Records, problems: Collector, where: Where = json_where,
                  today: date | None = None) -> bool:
    """Add a problem for each record out of range or given twice; True if all is well."""
    before = problems.total
    with FlareChecks(problems, where, today) as check:
        for start in range(0, len(records.flares), BATCH):
            check.flares(enumerate(records.flares[start:start + BATCH], start))
        check.days(records)
        check.given_once(records)
    return problems.total == before


BATCH = 2_000  # flares checked together: one look-up of their places
# A date out of range, a sentence for each kind of date (translated when shown).
ONSET = N_("the onset {day} is outside {span}")
TIMES = {"created": N_("the created time {day} is outside {span}"),
         "modified": N_("the modified time {day} is outside {span}")}
DAY, START = N_("the day {day} is outside {span}"), N_("the start {day} is outside {span}")
STOP, END = N_("the stop {day} is outside {span}"), N_("the end {day} is outside {span}")


class FlareChecks:
    """The checks of check_records, each adding its problems where ``where`` says. The
    flares may come a batch at a time as a file is read (``flares``): what has to be
    remembered of them to find one given twice is kept on disk (exchange/placed.py)."""

    def __init__(self, problems: Collector, where: Where = json_where,
                 today: date | None = None):
        self.problems, self.where, self.latest = problems, where, latest_day(today)
        self.span = date_range_text(self.latest)
        self.placed = Placed()

    def __enter__(self) -> FlareChecks:
        return self

    def __exit__(self, *_exc) -> None:
        self.placed.close()

    def in_range(self, day: date | None, name: str, index: int, field: str, what: str) -> bool:
        if day is None or EARLIEST <= day <= self.latest:
            return True
        self.problems.add(self.where(name, index, field),
                          _(what).format(day=day.isoformat(), span=self.span))
        return False

    def once(self, name: str, field: str, keys: Iterable[Key], describe: Callable[[Key], str]) -> None:
        first: dict[Key, int] = {}
        for index, key in enumerate(keys):
            if key in first:
                self.problems.add(self.where(name, index, field),
                                  _("{what} is given twice (also at {where})").format(
                                      what=describe(key), where=self.where(name, first[key], field)))
            else:
                first[key] = index

    def flares(self, batch: Iterable[tuple[int, Flare]]) -> None:
        """Each flare's times in range, and no region of a moment recorded two ways (the
        flares with their places in the file, in the file's order)."""
        placed = self.placed
        taken = []
        for index, flare in batch:
            # The date where it happened, before any conversion that could overflow.
            if not self.in_range(flare.onset.date(), "flares", index, "onset", ONSET):
                continue
            for moment, field in ((flare.created, "created"), (flare.modified, "modified")):
                if moment is not None:
                    self.in_range(moment.date(), "flares", index, field, TIMES[field])
            onset = flare.onset_utc
            taken.append((index, flare, placed.mark(flare_fingerprint(flare)),
                          [placed.place(onset, site.region) for site in flare.sites]))
        earlier = placed.found(place for *_flare, places in taken for place in places)
        new: dict[Place, tuple[int, int]] = {}
        for index, flare, mark, places in taken:
            self.sites(index, flare, mark, places, earlier, new)
        placed.add(new)

    def sites(self, index: int, flare: Flare, mark: int, places: list[Place],
              earlier: dict, new: dict) -> None:
        """Each site's place against those recorded before it (``earlier`` in the batches
        before, ``new`` in this one, where a place first recorded here goes)."""
        for site, place in zip(flare.sites, places, strict=True):
            first = new.get(place) or earlier.get(place)
            if first is not None and first[1] == mark:  # the same flare again
                self.problems.add(
                    self.where("flares", index, "onset"),
                    _("the flare of {moment} is given twice (also at {where})").format(
                        moment=f"{flare.onset:%Y-%m-%d %H:%M}",
                        where=self.where("flares", first[0], "onset")))
                return
            if first is not None:
                self.problems.add(
                    self.where("flares", index, "region"),
                    _("{region} at {moment} is also recorded, differently, at {where}: the "
                      "file contradicts itself").format(
                        region=site.region, moment=f"{flare.onset:%Y-%m-%d %H:%M}",
                        where=self.where("flares", first[0], "region")))
            else:
                new[place] = (index, mark)

    def days(self, records: Records) -> None:
        """The days of the other records in range."""
        for index, checkin in enumerate(records.checkins):
            self.in_range(checkin.day, "checkins", index, "day", DAY)
        for index, medication in enumerate(records.medications):
            self.in_range(medication.start, "medications", index, "start", START)
            self.in_range(medication.stop, "medications", index, "stop", STOP)
        for index, appointment in enumerate(records.appointments):
            self.in_range(appointment.day, "appointments", index, "day", DAY)
        for index, questionnaire in enumerate(records.questionnaires):
            self.in_range(questionnaire.day, "questionnaires", index, "day", DAY)
        for index, rating in enumerate(records.symptom_ratings):
            self.in_range(rating.day, "symptom_ratings", index, "day", DAY)
        for index, day in enumerate(records.no_spasm_days):
            self.in_range(day, "no_spasm_days", index, "day", DAY)
        for index, sleep in enumerate(records.device_sleeps):
            if self.in_range(sleep.start.local.date(), "device_sleep", index, "start", START):
                self.in_range(sleep.end.local.date(), "device_sleep", index, "end", END)
        for index, steps in enumerate(records.device_steps):
            self.in_range(steps.day, "device_steps", index, "day", DAY)

    def given_once(self, records: Records) -> None:
        """No record of a day (or a day and a name) given twice. (A medication given twice
        is taken once: domain.daily.merge_repeats.)"""
        self.once("checkins", "day", [c.day for c in records.checkins],
                  lambda d: _("a check-in for {day}").format(day=d))
        self.once("appointments", "day", [a.day for a in records.appointments],
                  lambda d: _("an appointment on {day}").format(day=d))
        self.once("questionnaires", "day",
                  [(q.kind.value, q.day) for q in records.questionnaires],
                  lambda k: _("the {name} questionnaire of {day}").format(
                      name=k[0].upper(), day=k[1]))
        self.once("no_spasm_days", "day", list(records.no_spasm_days),
                  lambda d: _("a “no spasms” mark for {day}").format(day=d))
        self.once("device_sleep", "start",
                  [(s.source, s.start) for s in records.device_sleeps],
                  lambda k: _("the sleep from {device} starting {moment}").format(
                      device=k[0].label, moment=f"{k[1].local:%Y-%m-%d %H:%M}"))
        self.once("device_steps", "day", [(s.source, s.day) for s in records.device_steps],
                  lambda k: _("the steps from {device} on {day}").format(device=k[0].label, day=k[1]))
        self.once("symptom_ratings", "symptom",
                  [(r.day, r.symptom.casefold()) for r in records.symptom_ratings],
                  lambda k: _("a rating of {symptom} on {day}").format(symptom=k[1], day=k[0]))
