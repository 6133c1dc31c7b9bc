"""Days marked "no spasms today" go out in the JSON export and come back on import: a
round trip keeps them (and so keeps which days were observed); a mark given twice is a
clear problem; a file from before the marks imports as it did."""

import json
from datetime import date, timedelta

import pytest

from fibromap.domain.daily import CheckIn
from fibromap.exchange.files import export_text, import_text
from fibromap.exchange.problems import ImportRefused
from fibromap.store.observed import observed_days

D0 = date(2026, 2, 1)


def test_a_json_round_trip_keeps_the_days_marked_no_spasms(store, second):
    marked = [D0, D0 + timedelta(days=3), D0 + timedelta(days=4)]
    store.no_spasms.put_many(marked)
    store.checkins.put(CheckIn(D0 + timedelta(days=1), sleep_hours=7))
    text = export_text(store, "json")
    assert json.loads(text)["no_spasm_days"] == [{"day": d.isoformat()} for d in marked]
    report = import_text(second, text, "all.json")
    assert report.result.added["no-spasm days"] == 3
    assert second.no_spasms.between() == marked
    assert observed_days(second.database) == observed_days(store.database)
    again = import_text(second, text, "all.json")
    assert again.result.added["no-spasm days"] == 0  # matched by day


def test_a_mark_given_twice_is_refused_with_its_place(second):
    text = json.dumps({"format": "fibromap", "version": 1,
                       "no_spasm_days": [{"day": "2026-02-01"}, {"day": "2026-02-01"}]})
    with pytest.raises(ImportRefused) as refused:
        import_text(second, text, "twice.json")
    assert "no_spasm_days[1]" in str(refused.value)
    assert "“no spasms” mark for 2026-02-01 is given twice" in str(refused.value)
    assert second.no_spasms.count() == 0


def test_a_file_from_before_the_marks_imports_without_any(second):
    text = json.dumps({"format": "fibromap", "version": 1,
                       "checkins": [{"day": "2026-02-01", "sleep_hours": 6}]})
    import_text(second, text, "old.json")
    assert second.checkins.count() == 1 and second.no_spasms.count() == 0
