"""The flare being typed, while the database is protected: sealed on the disk, read back
only with the database unlocked, and following every change of protection."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from fibromap.domain import sealing
from fibromap.domain.draft import DraftSite, FlareDraft
from fibromap.store import cipher, protection
from fibromap.store.drafts import DraftFile
from fibromap.store.store import Store
from tests.helpers.refusals import says
from tests.store.test_cipher import readable

TYPED = "Typed while the kettle boiled, left calf knotted"


def a_draft() -> FlareDraft:
    return FlareDraft(onset=datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=1))),
                      sites=[DraftSite("soleus.left", 7)],
                      notes=TYPED)


@pytest.fixture
def protected(sqlite_url, paths):
    store = Store.open(sqlite_url, paths, passphrase="draft pass")
    yield store
    store.close()


def test_a_draft_is_sealed_while_protected_and_reads_back(protected, paths):
    drafts = DraftFile(paths, lambda: protected.database.key)
    drafts.save(a_draft())
    assert sealing.is_sealed(drafts.path.read_bytes()) and not readable(drafts.path, TYPED)
    assert drafts.load() == a_draft()


def test_a_new_program_leaves_a_sealed_draft_alone_until_unlocked(protected, paths):
    DraftFile(paths, lambda: protected.database.key).save(a_draft())
    sealed = DraftFile(paths).path.read_bytes()
    cipher.forget_all()
    drafts = DraftFile(paths)
    assert drafts.load() is None and "protected" in drafts.problem
    assert drafts.set_aside is None and drafts.path.read_bytes() == sealed  # kept, untouched
    cipher.unlock(paths.database_file, "draft pass")
    assert drafts.load() == a_draft()


def test_a_changed_sealed_draft_is_set_aside_as_damaged(protected, paths):
    drafts = DraftFile(paths, lambda: protected.database.key)
    drafts.save(a_draft())
    document = json.loads(drafts.path.read_text())
    document["content"] = "something else"  # the header is authenticated too
    drafts.path.write_text(json.dumps(document))
    assert drafts.load() is None and drafts.set_aside is not None
    says(drafts.problem, "the passphrase does not open this file (or the file was changed)")


def test_the_draft_follows_protection_on_and_off(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    drafts = DraftFile(paths, lambda: store.database.key)
    drafts.save(a_draft())
    assert readable(drafts.path, TYPED)
    # Hold the old inode: after protection its bytes must be gone, not only unlinked.
    with open(drafts.path, "rb") as old_plain:
        protection.protect(store.database, paths, "on")
        assert old_plain.read().strip(b"\x00") == b""
    assert sealing.is_sealed(drafts.path.read_bytes()) and drafts.load() == a_draft()
    protection.change_passphrase(store.database, paths, "on", "changed")
    assert sealing.database_salt(drafts.path.read_bytes()) == store.database.key.salt
    protection.unprotect(store.database, paths, "changed")
    assert readable(drafts.path, TYPED) and drafts.load() == a_draft()
    store.close()
