"""Two flares in the hour the clocks went back read apart (02:30 came twice)."""

from datetime import datetime, timedelta, timezone

from fibromap.domain.flare import Flare, SpasmSite
from fibromap.figure.formatting import onset_text


def flare_at(hour, minute, offset_hours, day=26):
    onset = datetime(2025, 10, day, hour, minute, tzinfo=timezone(timedelta(hours=offset_hours)))
    return Flare(onset=onset, sites=(SpasmSite("soleus.left", 5),))


def test_the_two_0230s_of_the_night_the_clocks_went_back_read_apart(local_zone):
    local_zone("Europe/Berlin")  # 03:00 summer time became 02:00 winter time on 26 Oct 2025
    first, second = flare_at(2, 30, 2), flare_at(2, 30, 1)
    assert onset_text(first) == "Sun 26 Oct 2025, 02:30 (before the clocks went back)"
    assert onset_text(second) == "Sun 26 Oct 2025, 02:30 (after the clocks went back)"
    # A time that came once, and the same clock time on another night, read as before.
    assert onset_text(flare_at(3, 30, 1)) == "Sun 26 Oct 2025, 03:30"
    assert onset_text(flare_at(2, 30, 2, day=25)) == "Sat 25 Oct 2025, 02:30"
    # Recorded on another clock (a journey): its offset tells it apart.
    assert onset_text(flare_at(2, 30, 5)) == "Sun 26 Oct 2025, 02:30 (UTC+05:00)"
