"""An unsaved flare's file of any shape — damaged, changed by hand, nested deeper than any
draft, holding numbers where words belong — is set aside under a numbered name and the
start goes on; none is ever a crash, and none replaces one set aside before."""

import json

import pytest

from fibromap.domain.draft import DRAFT_FORMAT, FlareDraft
from fibromap.store.drafts import DraftFile
from tests.helpers.records import at

pytestmark = pytest.mark.plain_only("the draft file is the same beside any database")


def _document(**changes) -> str:
    draft = json.loads(FlareDraft(onset=at(2026, 3, 1), notes="neck").to_json())
    draft["draft"].update(changes)
    return json.dumps(draft)


SHAPES = {
    "nested deeper than any draft": "[" * 100_000 + "]" * 100_000,
    "a number for the notes": _document(notes=7),
    "a number for a quality": _document(qualities=["burning", 3]),
    "a list for the context": _document(context=["asleep"]),
    "text for the flare being changed": _document(editing_id="12"),
    "a region that is a number": _document(sites=[{"region": 5, "intensity": 3}]),
    "a list at the top": "[1, 2, 3]",
    "not JSON": "{\"format\": ",
    "not UTF-8": b"\xff\xfe\x00garbage",
    "sealed-looking garbage": b"FIBROMAP-SEALED" + bytes(range(256)),
    "a huge number of seconds": _document(duration_seconds=10 ** 400),
    "another format": json.dumps({"format": DRAFT_FORMAT + 1, "draft": {}}),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_draft_of_any_shape_is_set_aside(paths, shape):
    drafts = DraftFile(paths)
    content = SHAPES[shape]
    drafts.path.parent.mkdir(parents=True, exist_ok=True)
    drafts.path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert drafts.load() is None
    assert drafts.set_aside == paths.data_dir / "unsaved-flare.damaged", drafts.problem
    assert drafts.problem and "\n" not in drafts.problem
    assert not drafts.path.exists()


def test_a_second_damaged_draft_does_not_replace_the_first(paths):
    drafts = DraftFile(paths)
    drafts.path.parent.mkdir(parents=True, exist_ok=True)
    for number in range(3):
        drafts.path.write_text(f"damaged {number}")
        assert drafts.load() is None
    kept = sorted(p.name for p in paths.data_dir.glob("unsaved-flare.damaged*"))
    assert kept == ["unsaved-flare.damaged", "unsaved-flare.damaged-2",
                    "unsaved-flare.damaged-3"]
    assert (paths.data_dir / "unsaved-flare.damaged").read_text() == "damaged 0"
