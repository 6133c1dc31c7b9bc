"""Numbers in each language's own forms (fibromap.i18n.formats)."""

from fibromap.i18n import using
from fibromap.i18n.formats import short


def test_a_short_number_takes_the_language_s_decimal_sign():
    with using("en"):
        assert (short(57.4), short(12.0)) == ("57.4", "12")
    with using("pt_BR"):
        assert (short(57.4), short(12.0)) == ("57,4", "12")
