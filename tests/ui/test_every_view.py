"""Every view of the main window renders with no flares and with one, without warnings
(warnings fail the suite)."""

import pytest

from fibromap.domain.flare import Flare, SpasmSite
from fibromap.ui.views import VIEWS
from tests.helpers.records import at


def settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.busy(), timeout=20_000)


@pytest.mark.parametrize("flares", [0, 1])
def test_every_view_renders(qtbot, window, flares):
    if flares:
        from datetime import datetime
        now = datetime.now()
        window.store.flares.add(Flare(onset=at(now.year, now.month, now.day, 0, 30),
                                      sites=(SpasmSite("soleus.left", 6),)))
        window.refresh()
    for name in VIEWS:
        window.show_view(name)
        settle(qtbot, window)
        image = window.grab().toImage()
        assert image.width() > 0
    assert window.page("trends") is not None
    if flares:
        assert sum(window.page("trends").data.flares) == 1
        assert window.page("heatmap").map.region_items["soleus.left"].value == 1
