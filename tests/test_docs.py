"""The design documents stay true: every path they name exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["docs/ARCHITECTURE.md", "docs/CONTRIBUTING.md", "README.md"]
# A path is a backquoted name with a slash or a known file ending, as the docs write them.
PATH = re.compile(r"`([\w./*-]+(?:/|\.(?:py|md|json|svg|toml|sh|spec)))`")
# Made by the commands the documents describe, not kept in the repository.
GENERATED = ("dist/", "build/", ".venv/")
SOURCE_FOLDERS = ("fibromap", "tests", "resources", "packaging", "docs")


def named_paths(text: str) -> set[str]:
    """Repository paths named in ``text`` (not placeholders such as DIR/ nor system paths)."""
    return {match for match in PATH.findall(text)
            if not match.startswith(("..", "/") + GENERATED) and not re.match(r"[A-Z]+/", match)}


def exists(path: str) -> bool:
    """A path from the top of the repository, or a bare file name in a table about a folder."""
    if "/" in path.rstrip("/"):
        return any(ROOT.glob(path.rstrip("/")))
    return (ROOT / path).exists() or any(
        any((ROOT / folder).rglob(path)) for folder in SOURCE_FOLDERS)


@pytest.mark.parametrize("doc", DOCS)
def test_every_path_a_document_names_exists(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    paths = named_paths(text)
    assert len(paths) >= 5  # the pattern still finds them
    missing = sorted(path for path in paths if not exists(path))
    assert missing == [], f"{doc} names paths that do not exist"


def test_the_readme_sends_readers_to_the_documents_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/ARCHITECTURE.md" in readme and "docs/CONTRIBUTING.md" in readme
    assert "../shared" not in readme


def test_the_check_finds_a_path_that_does_not_exist():
    found = named_paths("see `fibromap/ui/no_such_file.py` and `no_such_module.py`")
    assert found == {"fibromap/ui/no_such_file.py", "no_such_module.py"}
    assert not any(exists(path) for path in found)
    assert exists("fibromap/ui/log/") and exists("main_window.py")


def test_the_referral_pattern_table_is_what_the_data_says():
    """docs/referral-patterns.md is written from trigger_points.json: rerun its script after
    changing a pattern."""
    import runpy

    script = runpy.run_path(str(ROOT / "resources" / "atlas" / "referral_table.py"))
    written = (ROOT / "docs" / "referral-patterns.md").read_text(encoding="utf-8")
    assert written == script["table"]()
    assert "| Soleus | " in written and "Travell & Simons" in written
