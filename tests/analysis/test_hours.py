from fibromap.analysis.hours import night_share, night_text


def test_the_night_share_rests_only_on_flares_with_a_time():
    hours = [3, 0, 0, 0, 0, 0, 0, 1] + [0] * 8 + [4] * 8   # 4 at night, 32 by day: 36 timed
    assert night_share(hours) == 4 / 36
    assert night_text(hours, 36) == "11% began between midnight and 8 am"
    assert night_text(hours, 50) == ("11% began between midnight and 8 am (of the 36 flares "
                                     "whose time is known; 14 known only to the day left out)")
    assert night_text(hours, 50, short=True) == ("11% began between midnight and 8 am "
                                                 "(14 without a time left out)")
    assert night_text([0] * 24, 5, short=True) == ""
    assert "not known for any of the 5 flares" in night_text([0] * 24, 5)
    assert night_text([0] * 24, 0) == "" and night_share([0] * 24) is None
