"""A FibroMap JSON export read straight into the database, as a stream: each batch of
flares is written as soon as it is read and checked, inside the import's one transaction,
so memory stays the same for a file of a thousand flares or a million. A problem
anywhere undoes it all, and the person hears of the first ones, as before.

The flares' words must be in the database before the flares: an export lists them
first. A file that gives a word only after flares that use it is read a second time,
with its words written first."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare
from fibromap.domain.vocabulary import Term, TermKind
from fibromap.exchange.formats import Imported
from fibromap.exchange.json_records import FlareBatch, Reading
from fibromap.exchange.problems import SHOWN, ImportRefused, Problem
from fibromap.i18n import N_, _
from fibromap.store.bulk import Importing, importing
from fibromap.store.store import Store

Word = tuple[TermKind, str]


def import_json(store: Store, text: str | Callable[[], Iterable[str]], source: str, *,
                dry_run: bool = False, total: int | None = None,
                progress: Callable[[str, int, int], None] | None = None) -> Imported:
    """Add what the export holds that the database does not (nothing if ``dry_run``, or
    if it has problems: ImportRefused). ``text``: the whole text, or a function giving
    its chunks afresh (of ``total`` characters, about); ``progress(stage, done, total)``
    hears of the characters read ("Reading") and of the flares, once all are written
    ("Writing"); an exception it raises undoes everything."""
    known = {(t.kind, t.key) for kind in TermKind
             for t in store.vocabulary.terms(kind, include_hidden=True)}
    try:
        return _import(store, text() if callable(text) else text, source, known, ([], []),
                       dry_run=dry_run, total=total, progress=progress)
    except _WordsCameLate as late:  # read again, every word known from the start
        return _import(store, text() if callable(text) else text, source, known, late.words,
                       dry_run=dry_run, total=total, progress=progress)


class _WordsCameLate(Exception):  # noqa: N818 (not an error: the file is read again)
    def __init__(self, words: tuple[list[Term], list[Term]]):
        super().__init__("words came after the flares using them")
        self.words = words


def _import(store: Store, chunks: str | Iterable[str], source: str, known: set[Word],
            first: tuple[list[Term], list[Term]], *, dry_run: bool, total: int | None,
            progress: Callable[[str, int, int], None] | None) -> Imported:
    with importing(store, dry_run=dry_run) as writing:
        writing.add_words(*first)
        flares = _Flares(writing, known | {(t.kind, t.key) for t in first[0] + first[1]})
        reading = Reading(source, flares.take)
        flares.reading = reading
        reading.read(chunks, None if progress is None else
                     lambda done, whole: progress("Reading", done, whole), total)
        details = reading.finish()
        flares.finish(source)
        if progress is not None:
            progress("Writing", reading.flares, reading.flares)
        writing.finish(reading.records)
    return Imported(writing.result, details)


@dataclass
class _Unknown:
    """A word or region the flares use that is not known: how often, and the first places."""

    message: str
    count: int = 0
    first: list[tuple[int, int]] = field(default_factory=list)  # (flare, place in it)


# A word no part of the file or the database defines, a sentence for each kind of word.
UNKNOWN_WORD = {TermKind.TRIGGER: N_("unknown trigger {key}"),
                TermKind.QUALITY: N_("unknown pain quality {key}"),
                TermKind.TREATMENT: N_("unknown treatment {key}"),
                TermKind.CONTEXT: N_("unknown activity {key}")}


class _Flares:
    """Takes each checked batch of flares: writes it while the file has no problem, and
    notes the words and regions they use that are not known."""

    def __init__(self, writing: Importing, known: set[Word]):
        self.writing = writing
        self.known: dict[TermKind, set[str]] = {kind: set() for kind in TermKind}
        self._know(known)
        self.regions = {region.id for region in load_atlas()}
        self.words_seen = 0      # of the file's words, those known to the check
        self.words_written = 0   # of the file's words, those given to the database
        self.unknown: dict[Word | str, _Unknown] = {}
        self.stopped = False     # a problem was found: nothing more is written
        self.reading: Reading

    def _know(self, words: Iterable[Word]) -> None:
        for kind, key in words:
            self.known[kind].add(key)

    def take(self, batch: FlareBatch) -> None:
        records = self.reading.records
        words = records.terms + records.hidden_terms
        self._know((t.kind, t.key) for t in words[self.words_seen:])
        self.words_seen = len(words)
        for index, flare in batch:
            if not self._all_known(flare):
                self._unknown(index, flare)
        self.stopped = self.stopped or bool(self.unknown) or not self.reading.clean()
        if self.stopped:
            return
        if len(words) > self.words_written:
            self.writing.add_words(records.terms, records.hidden_terms)
            self.words_written = len(words)
        self.writing.add_flares([flare for _index, flare in batch])

    def _all_known(self, flare: Flare) -> bool:
        known = self.known
        return ((not flare.context or flare.context in known[TermKind.CONTEXT])
                and flare.qualities <= known[TermKind.QUALITY]
                and flare.triggers <= known[TermKind.TRIGGER]
                and all(use.treatment in known[TermKind.TREATMENT] for use in flare.treatments)
                and all(site.region in self.regions for site in flare.sites))

    def _unknown(self, index: int, flare: Flare) -> None:
        """Note each word and region of ``flare`` not known (at its place in the flare)."""
        used: list[Word | str] = [(TermKind.CONTEXT, flare.context)] if flare.context else []
        used += [(TermKind.QUALITY, k) for k in sorted(flare.qualities)]
        used += [(TermKind.TRIGGER, k) for k in sorted(flare.triggers)]
        used += [(TermKind.TREATMENT, t.treatment) for t in flare.treatments]
        used += [region for region in flare.regions if region not in self.regions]
        for place, what in enumerate(used):
            if isinstance(what, str) or what[1] not in self.known[what[0]]:
                unknown = self.unknown.setdefault(what, _Unknown(
                    _("unknown body region {region}").format(region=repr(what))
                    if isinstance(what, str) else
                    _(UNKNOWN_WORD[what[0]]).format(key=repr(what[1]))))
                unknown.count += 1
                if len(unknown.first) < SHOWN:
                    unknown.first.append((index, place))

    def finish(self, source: str) -> None:
        """ImportRefused for the words and regions still unknown; _WordsCameLate if all
        are known now but flares were held back for a word given after them."""
        records = self.reading.records
        self._know((t.kind, t.key) for t in records.terms + records.hidden_terms)
        left = [u for what, u in self.unknown.items()
                if isinstance(what, str) or what[1] not in self.known[what[0]]]
        if left:
            first = heapq.nsmallest(SHOWN, ((at, u.message) for u in left for at in u.first))
            raise ImportRefused(source, [Problem(f"flares[{index}]", message)
                                         for (index, _place), message in first],
                                sum(u.count for u in left))
        if self.stopped:  # each word is known now: a second reading writes them first
            raise _WordsCameLate((list(records.terms), list(records.hidden_terms)))
