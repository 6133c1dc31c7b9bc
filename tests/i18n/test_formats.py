"""Numbers in each language's own forms (fibromap.i18n.formats)."""

from fibromap.i18n import using
from fibromap.i18n.formats import short


def test_a_short_number_takes_the_language_s_decimal_sign():
    with using("en"):
        assert (short(57.4), short(12.0)) == ("57.4", "12")
    with using("pt_BR"):
        assert (short(57.4), short(12.0)) == ("57,4", "12")


def test_a_name_inside_a_sentence_keeps_a_german_noun_s_capital():
    from datetime import date

    from fibromap.analysis.patterns import spread
    from fibromap.domain.atlas import load_atlas
    from fibromap.i18n.formats import in_sentence

    atlas = load_atlas()
    weekly = {date(2026, 3, 2): {"gastrocnemius.left": 3}, date(2026, 3, 9): {"gastrocnemius.left": 2}}
    with using("de"):
        calf = atlas.name("gastrocnemius.left")
        assert in_sentence(calf) == calf and calf[0].isupper()
        assert calf in spread(weekly, atlas).summary  # "Linke Wade", not "linke wade"
    with using("fr"):
        assert atlas.name("gastrocnemius.left").lower() in spread(weekly, atlas).summary
    assert in_sentence("Left calf") == "left calf"
    assert in_sentence("Left calf", first_letter=True) == "left calf"
