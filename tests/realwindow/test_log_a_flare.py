"""The flare the outsiders logged, logged as a person would: a real window on a real X
server (Xvfb), real pointer moves, clicks and key presses at screen positions (xdotool),
at 1280x800 and at 1024x700. Two muscles with their intensities, pain spreading to the
temple with its own intensity, a trigger, a relief typed as a digit, Save: at most 10
clicks and keys (it took 21 before), and the stored flare is what was entered, time too.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from fibromap.config import Paths, database_url
from fibromap.domain.flare import Referral, SiteRole, SpasmSite
from fibromap.store.store import Store

LEVATOR, TRAPEZIUS, TEMPLE = "levator_scapulae.right", "upper_trapezius.left", "temple.left"


def mark(person, region: str, **click) -> None:
    """Point at the region where the map shows it and rest there a moment: a small one is
    then drawn closer, and clicked where it is now; a large one is clicked at once. A
    region the closer view does not show needs the whole body back first (Esc)."""
    seen = person.snapshot()
    if region not in seen["regions"]:
        person.key("Escape")
        seen = person.wait_for(lambda s: region in s["regions"], f"{region} in sight", timeout=5)
    person.move(seen["regions"][region])
    person.settle()
    seen = person.wait_for(lambda s: not s["lingering"], f"the pointer's rest on {region}")
    # As an eye does: the click waits until the region stays where it is (a window that is
    # still laying itself out, or a view coming closer, moves it).
    while True:
        again = person.settle()
        if again["regions"].get(region) == seen["regions"].get(region) and not again["lingering"]:
            break
        seen = again
    person.click_at(seen["regions"][region], **click)
    seen = person.snapshot()
    if region not in seen["marks"] and region in seen["regions"]:
        person.click_at(seen["regions"][region], **click)  # the click brought it closer
    person.wait_for(lambda s: region in s["marks"] and s["current"] == region,
                    f"{region} marked (after {person.log})", timeout=5)
    person.log.append(f"{region}: {person.interactions}")


@pytest.mark.parametrize("x_display", [(1280, 800), (1024, 700)], indirect=True,
                         ids=["1280x800", "1024x700"])
def test_the_outsiders_flare_in_ten_interactions(real_window, tmp_path):
    person = real_window
    mark(person, LEVATOR)
    person.key("5")
    mark(person, TRAPEZIUS)
    person.key("7")
    mark(person, TEMPLE, modifier="shift")  # Shift+click: pain spreads from here to there
    person.key("4")                          # the temple's own intensity
    person.click("trigger:poor_sleep")
    person.click("treatment:heat")
    person.key("6")                          # typed: the relief from heat
    before = datetime.now().astimezone().replace(second=0, microsecond=0)
    person.key("ctrl+s")
    after = datetime.now().astimezone()
    print(f"{person.interactions} interactions: {person.log}")
    assert person.interactions <= 10, person.log
    person.wait_for(lambda s: not s["marks"], "the form to empty after saving", timeout=10)
    paths = Paths.from_environment({"FIBROMAP_HOME": str(tmp_path)})
    store = Store.open_read_only(database_url(paths), paths)
    try:
        flares = store.flares.between()
    finally:
        store.close()
    assert len(flares) == 1
    flare = flares[0]
    assert set(flare.sites) == {SpasmSite(LEVATOR, 5), SpasmSite(TRAPEZIUS, 7),
                                SpasmSite(TEMPLE, 4, SiteRole.REFERRED)}
    assert flare.referrals == (Referral(TRAPEZIUS, TEMPLE, 4),)
    assert flare.triggers == frozenset({"poor_sleep"})
    assert [(use.treatment, use.relief) for use in flare.treatments] == [("heat", 6)]
    # The time is the moment of Save, to the minute the form shows.
    assert before <= flare.onset <= after + timedelta(seconds=1)
