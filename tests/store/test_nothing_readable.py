"""Done when: `strings` over everything FibroMap keeps on the disk while the records are
protected (the database, its write-ahead log, every backup, the draft, settings and logs)
finds none of a set of known texts typed into the records."""

import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import text

from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.draft import DraftSite, FlareDraft
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.store import protection
from fibromap.store.backups import backup_sqlite
from fibromap.store.drafts import DraftFile
from fibromap.store.store import Store
from tests.helpers.records import at

KNOWN = {
    "flare note": "Cramp in the left calf after climbing to Aunt Rosalind's flat",
    "check-in note": "Slept badly, worried about the tribunal letter",
    "medication": "Pregabalinmarker",
    "dose": "seventy-five milligrams nightly",
    "food": "smoked mackerel pate",
    "draft": "Jaw clenched through the whole dentist appointment",
    "written while protected": "Neck knot flared while ironing the school uniforms",
}


def strings_under(folder: Path) -> str:
    """Every run of 6 or more printable characters in every file under ``folder``."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        result = subprocess.run(["strings", "-n", "6", str(path)], capture_output=True,
                                text=True, check=True)
        found.append(result.stdout)
    return "\n".join(found)


def test_no_known_text_is_readable_anywhere_while_protected(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add(Flare(onset=at(2026, 4, 1, 9), sites=(SpasmSite("soleus.left", 6),),
                           notes=KNOWN["flare note"]))
    store.checkins.put(CheckIn(day=date(2026, 4, 1), notes=KNOWN["check-in note"],
                               foods=frozenset({KNOWN["food"]})))
    store.medications.add(Medication(KNOWN["medication"], KNOWN["dose"], date(2026, 1, 1)))
    backup_sqlite(paths.database_file, paths, "manual")
    drafts = DraftFile(paths, lambda: store.database.key)
    onset = datetime(2026, 4, 2, 8, tzinfo=timezone(timedelta(hours=1)))
    drafts.save(FlareDraft(onset=onset, sites=[DraftSite("masseter.left", 5)],
                           notes=KNOWN["draft"]))
    everything = strings_under(paths.data_dir)
    unseen = [name for name, known in KNOWN.items() if known[:24] not in everything]
    assert unseen == ["written while protected"]  # the check can see them while plain

    protection.protect(store.database, paths, "a long enough passphrase")
    # Written while protected, with another connection open (another window reading), so
    # that it stays in the write-ahead log, not yet in the file.
    with store.database.reading() as reader:
        reader.execute(text("SELECT count(*) FROM flare")).scalar()
        store.flares.add(Flare(onset=at(2026, 4, 3, 9),
                               sites=(SpasmSite("upper_trapezius.left", 7),),
                               notes=KNOWN["written while protected"]))
        wal = Path(f"{paths.database_file}-wal")
        assert wal.exists() and wal.stat().st_size > 0
        backup_sqlite(paths.database_file, paths, "daily")
        drafts.save(FlareDraft(onset=onset, sites=[DraftSite("masseter.left", 5)],
                               notes=KNOWN["draft"] + " again"))
        everything = strings_under(paths.data_dir)
    readable = [name for name, known in KNOWN.items() if known[:24] in everything]
    assert readable == []
    assert store.flares.count() == 2  # and all of it is there
    store.close()
