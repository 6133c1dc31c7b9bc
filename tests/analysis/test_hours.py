from fibromap.analysis.hours import night_share, night_text
from fibromap.i18n import formats, ngettext
from tests.helpers.refusals import says

NIGHT = "{share} began between midnight and 8 am"


def test_the_night_share_rests_only_on_flares_with_a_time():
    hours = [3, 0, 0, 0, 0, 0, 0, 1] + [0] * 8 + [4] * 8   # 4 at night, 32 by day: 36 timed
    assert night_share(hours) == 4 / 36
    share = formats.percent(4 / 36)
    says(night_text(hours, 36), NIGHT, share=share)
    says(night_text(hours, 50), ngettext(
        NIGHT + " (of the {known} flare whose time is known; {untimed} known only to the day "
        "left out)", NIGHT + " (of the {known} flares whose time is known; {untimed} known "
        "only to the day left out)", 36), share=share, known=36, untimed=14)
    says(night_text(hours, 50, short=True),
         NIGHT + " ({untimed} without a time left out)", share=share, untimed=14)
    assert night_text([0] * 24, 5, short=True) == ""
    unknown = ("the time of day is not known for any of the {count} flares (each is known "
               "only to the day)")
    says(night_text([0] * 24, 5), ngettext(unknown, unknown, 5), count=5)
    assert night_text([0] * 24, 0) == "" and night_share([0] * 24) is None
