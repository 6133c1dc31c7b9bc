"""The flare being marked, as a plain model: no screen, no Qt."""

import pytest

from fibromap.domain.events import Event
from fibromap.domain.flare import Referral, SiteRole, SpasmSite
from fibromap.domain.flare_marks import FlareMarks, Mark, Refusal
from fibromap.errors import ValidationError

TRAP, NECK, TEMPLE, CALF = ("upper_trapezius.left", "posterior_neck.left", "temple.left",
                            "gastrocnemius.right")


class Heard:
    """Every event a FlareMarks emits, in order."""

    def __init__(self, marks: FlareMarks):
        self.all: list[tuple] = []
        for event in ("changed", "current", "referral_mode", "refused"):
            getattr(marks.events, event).connect(
                lambda *args, event=event: self.all.append((event, *args)))

    def names(self) -> list[str]:
        return [heard[0] for heard in self.all]

    def take(self) -> list[tuple]:
        heard, self.all = self.all, []
        return heard


@pytest.fixture
def marks():
    return FlareMarks()


@pytest.fixture
def heard(marks):
    return Heard(marks)


def test_a_marked_region_is_a_site_once_it_has_an_intensity(marks):
    marks.mark(TRAP)
    assert marks.is_marked(TRAP) and marks.mark_of(TRAP) == Mark(None, SiteRole.SPASM)
    assert marks.sites() == [] and marks.unrated_regions() == [TRAP]
    marks.set_intensity(TRAP, 7)
    assert marks.sites() == [SpasmSite(TRAP, 7)] and marks.unrated_regions() == []
    marks.mark(TRAP, role=SiteRole.TRIGGER_POINT)  # no intensity given: it keeps its own
    assert marks.mark_of(TRAP) == Mark(7, SiteRole.TRIGGER_POINT)
    assert marks.mark_of(CALF) is None and not marks.is_marked(CALF)


def test_an_intensity_out_of_range_is_refused_and_changes_nothing(marks, heard):
    with pytest.raises(ValidationError):
        marks.mark(TRAP, 11)
    with pytest.raises(ValidationError):
        marks.set_intensity(TRAP, -1)
    assert marks.marks() == [] and heard.all == []


def test_intensity_steps_stay_within_0_to_10(marks):
    marks.step_intensity(TRAP, 1)  # an unmarked region counts as 0, marked as a spasm
    assert marks.mark_of(TRAP) == Mark(1, SiteRole.SPASM)
    marks.step_intensity(TRAP, -1)
    marks.step_intensity(TRAP, -1)
    assert marks.mark_of(TRAP).intensity == 0
    marks.set_intensity(TRAP, 10)
    marks.step_intensity(TRAP, 1)
    assert marks.mark_of(TRAP).intensity == 10


def test_kinds_spasm_and_trigger_point_but_a_referred_zone_is_refused(marks, heard):
    marks.set_role(CALF, SiteRole.TRIGGER_POINT)  # unmarked: marked as that kind
    assert marks.mark_of(CALF) == Mark(None, SiteRole.TRIGGER_POINT)
    marks.set_intensity(CALF, 4)
    marks.set_role(CALF, SiteRole.SPASM)
    assert marks.sites() == [SpasmSite(CALF, 4, SiteRole.SPASM)]
    heard.take()
    marks.set_role(CALF, SiteRole.REFERRED)  # only referral mode makes a zone
    assert heard.take() == [("refused", Refusal.ZONE_KIND, CALF)]
    assert marks.mark_of(CALF).role is SiteRole.SPASM


def test_referral_mode_links_the_source_to_its_zones(marks, heard):
    assert not marks.set_referral_mode(True)  # nothing current
    assert heard.take() == [("refused", Refusal.NO_SOURCE, None)]
    marks.activate(TRAP)
    marks.set_intensity(TRAP, 6)
    assert marks.set_referral_mode(True)
    assert marks.referral_mode and marks.referral_source == TRAP
    marks.activate(TEMPLE)  # a click in referral mode: a zone, not rated (not the source's 6)
    marks.activate(NECK)
    assert marks.mark_of(TEMPLE) == Mark(None, SiteRole.REFERRED) and marks.current == NECK
    marks.set_intensity(NECK, 3)  # the zone's referral takes its intensity
    assert marks.links() == [(TRAP, TEMPLE), (TRAP, NECK)]
    assert marks.referrals() == [Referral(TRAP, TEMPLE, None), Referral(TRAP, NECK, 3)]
    assert marks.sites() == [SpasmSite(TRAP, 6), SpasmSite(TEMPLE, None, SiteRole.REFERRED),
                             SpasmSite(NECK, 3, SiteRole.REFERRED)]
    marks.toggle_referral(TEMPLE)  # again: unlinked, and a zone with no referral unmarked
    assert marks.links() == [(TRAP, NECK)] and not marks.is_marked(TEMPLE)
    marks.toggle_referral(TRAP)  # not to itself
    assert marks.links() == [(TRAP, NECK)]
    assert marks.set_referral_mode(False)
    assert not marks.referral_mode and marks.current == TRAP  # back to the source
    assert marks.set_referral_mode(False)  # already off: nothing to do, not a failure


def test_a_referred_zone_stays_unrated_until_rated_then_has_its_own_intensity(marks):
    """Issue 30: the temple, never rated, took its source's 7 and was saved so."""
    marks.load_marks([(TRAP, 7, SiteRole.SPASM), (NECK, 4, SiteRole.REFERRED)], [(TRAP, NECK, 4)])
    marks.set_current(TRAP)
    marks.set_referral_mode(True)
    marks.activate(TEMPLE)
    assert marks.mark_of(TEMPLE) == Mark(None, SiteRole.REFERRED)
    assert Referral(TRAP, TEMPLE, None) in marks.referrals()
    assert SpasmSite(TEMPLE, None, SiteRole.REFERRED) in marks.sites()  # savable as it is
    marks.set_intensity(TEMPLE, 2)  # rated: its own 2, and its referral's
    assert marks.mark_of(TEMPLE) == Mark(2, SiteRole.REFERRED)
    assert Referral(TRAP, TEMPLE, 2) in marks.referrals()
    marks.set_referral_mode(False)
    marks.set_current(CALF)
    marks.mark(CALF, 5)
    marks.set_referral_mode(True)
    marks.activate(NECK)  # a zone already rated keeps its own rating for the new link
    assert (CALF, NECK, 4) in marks.link_marks()
    assert marks.unrated_regions() == []


def test_a_spasm_is_not_made_a_zone_nor_a_zone_a_source(marks, heard):
    marks.mark(TRAP, 6)
    marks.mark(CALF, 2)
    marks.set_current(TRAP)
    marks.set_referral_mode(True)
    heard.take()
    marks.toggle_referral(CALF)
    assert heard.take() == [("refused", Refusal.ZONE_IS_SOURCE, CALF)] and marks.links() == []
    marks.toggle_referral(NECK)
    marks.set_referral_mode(False)
    marks.set_current(NECK)
    heard.take()
    assert not marks.set_referral_mode(True)
    assert heard.take() == [("refused", Refusal.NO_SOURCE, NECK)]


def test_removing_a_source_removes_its_referrals_and_ends_referral_mode(marks):
    marks.load([SpasmSite(TRAP, 5), SpasmSite(NECK, 4, SiteRole.REFERRED)],
               [Referral(TRAP, NECK, 4)])
    marks.set_current(TRAP)
    marks.set_referral_mode(True)
    marks.set_current(CALF)
    marks.unmark(TRAP)
    assert marks.links() == [] and not marks.referral_mode and marks.current == TRAP
    assert marks.sites() == [SpasmSite(NECK, 4, SiteRole.REFERRED)]  # the zone stays


def test_a_click_marks_and_makes_current_and_a_second_click_only_makes_current(marks, heard):
    marks.activate(TRAP)
    assert marks.current == TRAP and marks.mark_of(TRAP) == Mark(None)
    assert heard.take() == [("changed", frozenset({TRAP})), ("current", None, TRAP)]
    marks.set_intensity(TRAP, 4)
    marks.activate(CALF)
    marks.activate(TRAP)
    assert marks.mark_of(TRAP) == Mark(4) and marks.current == TRAP
    heard.take()
    marks.set_current(None)
    assert heard.take() == [("current", TRAP, None)]


def test_each_event_is_emitted_once_per_edit_and_only_on_a_change(marks, heard):
    marks.set_intensity(TRAP, 5)  # marks, then rates: one edit
    assert heard.take() == [("changed", frozenset({TRAP}))]
    marks.set_intensity(TRAP, 5)
    marks.set_current(None)
    marks.unmark(CALF)
    marks.set_referral_mode(False)
    assert heard.take() == []
    marks.set_current(TRAP)
    marks.set_referral_mode(True)
    assert heard.take() == [("current", None, TRAP), ("referral_mode", TRAP)]
    marks.activate(NECK)  # a zone marked, linked and made current
    assert heard.take() == [("changed", frozenset({TRAP, NECK})), ("current", TRAP, NECK)]
    marks.set_intensity(NECK, 2)  # the zone and its referral: one change
    assert heard.take() == [("changed", frozenset({NECK}))]
    marks.unmark(TRAP)  # its referral goes, referral mode ends, the source is current
    assert heard.take() == [("changed", frozenset({TRAP, NECK})), ("current", NECK, TRAP),
                            ("referral_mode", None)]


def test_sites_are_listed_in_the_maps_order_whatever_order_they_were_marked_in():
    marks = FlareMarks(order=[CALF, NECK, TRAP])
    for region in (TRAP, "not.on.this.map", CALF, "nor.this"):
        marks.mark(region, 3)
    assert [site.region for site in marks.sites()] == [CALF, TRAP, "not.on.this.map", "nor.this"]


def test_loading_a_flare_replaces_what_is_marked_in_one_change(marks, heard):
    marks.activate(CALF)
    marks.set_referral_mode(True)
    heard.take()
    sites = [SpasmSite(TRAP, 7), SpasmSite(NECK, 5, SiteRole.REFERRED)]
    marks.load(sites, [Referral(TRAP, NECK, 5)])
    assert marks.sites() == sites and marks.referrals() == [Referral(TRAP, NECK, 5)]
    assert marks.current is None and not marks.referral_mode
    assert heard.names() == ["changed", "current", "referral_mode"]
    assert heard.all[0] == ("changed", frozenset({CALF, TRAP, NECK}))


def test_clearing_leaves_nothing_marked_current_or_linked(marks, heard):
    marks.load([SpasmSite(TRAP, 7), SpasmSite(NECK, 5, SiteRole.REFERRED)],
               [Referral(TRAP, NECK, 5)])
    marks.set_current(TRAP)
    marks.set_referral_mode(True)
    heard.take()
    marks.clear()
    assert marks.marks() == [] and marks.links() == [] and marks.current is None
    assert not marks.referral_mode
    assert heard.names() == ["changed", "current", "referral_mode"]
    heard.take()
    marks.clear()  # nothing left to clear: nothing to say
    assert heard.all == []


def test_an_event_calls_back_in_the_order_connected_until_disconnected():
    event, calls = Event("test"), []
    first = event.connect(lambda value: calls.append(("first", value)))
    event.connect(lambda value: calls.append(("second", value)))
    event.emit(1)
    event.disconnect(first)
    event.emit(2)
    assert calls == [("first", 1), ("second", 1), ("second", 2)]


def test_shift_click_spreads_pain_from_the_current_region_in_one_step():
    marks = FlareMarks()
    changes = []
    marks.events.changed.connect(changes.append)
    marks.activate("upper_trapezius.left")
    marks.set_intensity("upper_trapezius.left", 7)
    changes.clear()
    marks.spread_to("temple.left")
    assert marks.links() == [("upper_trapezius.left", "temple.left")]
    assert marks.current == "temple.left" and not marks.referral_mode
    assert len(changes) == 1  # one step to undo
    marks.set_intensity("temple.left", 4)
    assert marks.link_marks() == [("upper_trapezius.left", "temple.left", 4)]
    marks.spread_to("masseter.left")  # the current region is a zone: nothing spreads from it
    assert marks.links() == [("upper_trapezius.left", "temple.left")]
