"""History: find, open, correct and delete flares, then read the database."""

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from fibromap.demo import generate
from fibromap.domain.atlas import load_atlas
from fibromap.i18n import _, ngettext
from fibromap.store.flares import FlareFilter
from fibromap.i18n.formats import in_sentence
from fibromap.ui.log.history_page import _day
from tests.helpers.refusals import fits

CTRL = Qt.KeyboardModifier.ControlModifier


def fill(window, days=60, seed=4):
    history = generate(days=days, seed=seed)
    window.store.flares.add_many(history.flares)
    window.refresh()
    window.tabs.setCurrentWidget(window.page("history"))
    return history


def test_newest_first_with_the_four_columns(window, qtbot):
    history = fill(window)
    model = window.page("history").model
    newest = history.flares[-1]
    assert model.total == len(history.flares)
    assert model.index(0, 0).data() == f"{newest.onset:%a %d %b %Y, %H:%M}"
    assert str(newest.max_intensity) == model.index(0, 2).data()
    names = model.index(0, 1).data()
    assert window.log.map.atlas.name(newest.regions[0]) in names or "more" in names
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Date", "Regions", "Highest", "Duration"]


def test_the_table_loads_a_page_at_a_time_as_it_scrolls(window, qtbot):
    history = fill(window, days=300, seed=2)  # three pages or more, whatever today is
    model = window.page("history").model
    assert len(history.flares) > 400
    assert model.rowCount() == 200 and model.canFetchMore()
    table = window.page("history").table
    for _turn in range(10):
        table.scrollToBottom()
        qtbot.wait(5)
    assert model.rowCount() == len(history.flares) and not model.canFetchMore()
    onsets = [model.summary(r).onset for r in range(model.rowCount())]
    assert onsets == sorted(onsets, reverse=True)
    assert len({model.summary(r).id for r in range(model.rowCount())}) == len(history.flares)


def test_filters_by_dates_region_and_trigger(window, qtbot):
    history = fill(window)
    page = window.page("history")
    page.region.setCurrentIndex(page.region.findData("quadratus_lumborum.right")
                                if page.region.findData("quadratus_lumborum.right") >= 0 else 1)
    region = page.region.currentData()
    expected = [f for f in history.flares if region in f.regions]
    assert page.model.total == len(expected)
    page.trigger.setCurrentIndex(page.trigger.findData("poor_sleep"))
    expected = [f for f in expected if "poor_sleep" in f.triggers]
    assert page.model.total == len(expected)
    page.region.setCurrentIndex(0)
    page.trigger.setCurrentIndex(0)
    end = max(f.onset.date() for f in history.flares)
    start = end - timedelta(days=6)
    page.start.setDate(start)
    page.end.setDate(end)
    page.use_dates.setChecked(True)
    expected = [f for f in history.flares if start <= f.onset.date() <= end]
    assert page.model.total == len(expected) and "flare" in page.count.text()
    assert window.store.flares.count_matching(FlareFilter(start, end)) == len(expected)


def test_open_a_flare_correct_it_and_keep_its_creation_time(window, person, qtbot):
    fill(window, days=10)
    table = window.page("history").table
    table.selectRow(0)
    original = window.store.flares.get(window.page("history").model.summary(0).id)
    rect = table.visualRect(window.page("history").model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.log
    assert fits(window.log.title.text(), "Correcting the flare of {onset}")["onset"] == (
        window.page("history").model.index(0, 0).data())
    first = original.sites[0].region
    window.log.marks.set_current(first)
    person.key("2", widget=window.log.map)
    person.key(Qt.Key.Key_S, CTRL)
    changed = window.store.flares.get(original.id)
    assert changed.created == original.created and changed.modified > original.modified
    assert dict((s.region, s.intensity) for s in changed.sites)[first] == 2
    assert window.store.flares.count() == window.page("history").model.total
    assert window.log.title.text() == _("New flare")


def test_delete_then_undo(window, qtbot):
    history = fill(window, days=10)
    page = window.page("history")
    page.table.setFocus()
    page.table.selectRow(0)
    doomed = window.store.flares.get(page.model.summary(0).id)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert window.store.flares.count() == len(history.flares) - 1
    assert page.model.total == len(history.flares) - 1
    fits(window.statusBar().currentMessage(), "Deleted the flare of {onset}. Ctrl+Z brings it back.")
    window.menu_actions.undo.trigger()
    assert window.store.flares.count() == len(history.flares)
    back = window.store.flares.latest()
    assert back.sites == doomed.sites and back.created == doomed.created
    assert page.model.total == len(history.flares)
    window.menu_actions.redo.trigger()
    assert window.store.flares.count() == len(history.flares) - 1


def test_a_flare_known_only_to_the_day_shows_no_time_and_keeps_its_precision_when_corrected(
        qtbot, window):
    from fibromap.domain.flare import Flare, SpasmSite, day_only_onset

    saved = window.store.flares.add(Flare(onset=day_only_onset(date(2026, 3, 1)), day_only=True,
                                          sites=(SpasmSite("soleus.left", 5),)))
    window.refresh()
    model = window.page("history").table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    day = fits(model.index(0, 0).data(), "{day} (time not known)")["day"]
    assert "2026" in day and ":" not in day  # the day, and no clock time
    window.log.edit(saved)
    assert window.log.title.text() == _("Correcting the flare of {onset}").format(
        onset=model.index(0, 0).data())
    corrected = window.log.save()
    assert corrected.day_only and corrected.onset == saved.onset
    # Given a time, it is a timed flare.
    window.log.edit(corrected)
    window.log.form.onset.setDateTime(window.log.form.onset.dateTime().addSecs(3 * 3600))
    timed = window.log.save()
    assert not timed.day_only and timed.onset_local.hour == 15


def _dark_pixels(widget) -> int:
    """How many pixels of the widget's picture are dark enough to be words."""
    image = widget.grab().toImage()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y).lightness() < 100)


NOTHING_LOGGED = ("No flares yet.\n\nTo log one, open the Log view, click each muscle that "
                  "hurts on the body map, then click Save flare. It will be listed here.")


def hidden(which: list[str], ways: str, everything: int = 2) -> str:
    """The note over a table whose filters (``which``) hide all ``everything`` flares."""
    return (_("No flares {which}.").format(which=", ".join(which)) + "\n\n"
            + ngettext("{n} flare in all. To see them, {ways}.", "{n} flares in all. To see them, {ways}.",
                       everything).format(n=everything, ways=ways))


def test_an_empty_history_says_how_to_log_a_flare_and_a_filter_says_what_it_hides(window, qtbot):
    page = window.page("history")
    window.tabs.setCurrentWidget(page)
    note = page.empty_note
    # Nothing logged: words in the table's place, saying where to go and what to click.
    assert note.isVisible() and note.text() == _(NOTHING_LOGGED)
    assert _dark_pixels(page.table.viewport()) > 100  # drawn, not only set
    assert page.table.viewport().rect().contains(note.geometry())
    assert not page.open_button.isEnabled() and not page.delete_button.isEnabled()

    from fibromap.domain.flare import Flare, SpasmSite

    onset = datetime(2026, 3, 2, 9, 30).astimezone()
    window.store.flares.add_many([Flare(onset=onset, sites=(SpasmSite("soleus.left", 4),)),
                                  Flare(onset=onset + timedelta(days=1),
                                        sites=(SpasmSite("soleus.right", 3),))])
    window.refresh()
    assert page.model.rowCount() == 2 and not note.isVisible()
    assert _dark_pixels(page.table.viewport()) > 100  # the rows themselves

    # A filter that hides both flares says so, and how to see them again.
    page.region.setCurrentIndex(page.region.findData("masseter.right"))
    in_jaw = _("in the {region}").format(region=in_sentence(load_atlas().name("masseter.right"),
                                                            first_letter=True))
    assert page.model.rowCount() == 0 and note.isVisible()
    assert note.text() == hidden([in_jaw], _("choose All regions"))
    page.start.setDate(date(2026, 3, 1))
    page.end.setDate(date(2026, 3, 2))
    page.use_dates.setChecked(True)
    dates = _("from {start} to {end}").format(start=_day(date(2026, 3, 1)), end=_day(date(2026, 3, 2)))
    assert note.text() == hidden([dates, in_jaw], _("{these} or {last}").format(
        these=_("untick From"), last=_("choose All regions")))
    page.region.setCurrentIndex(0)
    assert page.model.rowCount() == 1 and not note.isVisible()

    # Deleting the last flare brings the first words back.
    page.use_dates.setChecked(False)
    for _time in range(2):
        page.table.selectRow(0)
        assert page.delete_button.isEnabled()
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert window.store.flares.count() == 0
    assert note.isVisible() and note.text() == _(NOTHING_LOGGED)


def test_durations_read_in_at_most_two_units(window):
    from fibromap.domain.flare import Flare, SpasmSite

    onset = datetime.now().astimezone().replace(microsecond=0) - timedelta(days=30)
    # Seconds given, and how they read (worked out by hand).
    lengths = {78: "1 min 18 s", 45: "45 s", 3600: "1 h", 5400: "1 h 30 min",
               2 * 86400 + 3 * 3600: "2 days 3 h", 3599: "59 min 59 s", None: "not given"}
    window.store.flares.add_many([
        Flare(onset=onset + timedelta(hours=i), duration_seconds=seconds,
              sites=(SpasmSite("soleus.left", 4),))
        for i, seconds in enumerate(lengths)])
    window.refresh()
    model = window.page("history").model
    shown = [model.index(row, 3).data() for row in range(model.rowCount())]
    assert shown == list(reversed(lengths.values()))  # newest first


def test_referred_zones_are_marked_as_where_the_pain_spread(window):
    from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite

    window.store.flares.add(Flare(
        onset=datetime(2026, 3, 2, 9, 30).astimezone(),
        sites=(SpasmSite("masseter.right", 6), SpasmSite("cheek.right", 4, SiteRole.REFERRED),
               SpasmSite("brow_eye.right", 3, SiteRole.REFERRED)),
        referrals=(Referral("masseter.right", "cheek.right", 4),
                   Referral("masseter.right", "brow_eye.right", 3))))
    window.store.flares.add(Flare(onset=datetime(2026, 3, 1, 9, 30).astimezone(),
                                  sites=(SpasmSite("soleus.left", 5),)))
    window.refresh()
    model = window.page("history").model
    text = model.index(0, 1).data()
    # The muscle first, then the zones behind an arrow, called referred: not read as
    # three muscles in spasm.
    atlas = load_atlas()
    jaw = atlas.name("masseter.right")
    assert text.startswith(jaw + " ")
    zones = fits(text.removeprefix(jaw + " "), "→ {zones} (referred)")["zones"]
    assert sorted(zones.split(", ")) == sorted([atlas.name("brow_eye.right"), atlas.name("cheek.right")])
    tip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert tip[0] == jaw and tip[1] == _("Pain spread to (referred):")
    assert model.index(1, 1).data() == atlas.name("soleus.left")  # no referral, no arrow
