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
# Notes kept beside the repository, not in it (written apart, so this file does not match itself).
OUTSIDE = "../" + "shared"
RESEARCH_NOTE = "research/" + "trigger-points.md"


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
    assert OUTSIDE not in readme


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


# --- The table of parts in docs/ARCHITECTURE.md against the contracts and the code ---

ROW = re.compile(r"^\| `(fibromap/[\w./]+)` \| (.+?) \| .+ \|$", re.MULTILINE)


def _module(path: str) -> str:
    """``fibromap/ui/`` → ``fibromap.ui``; ``fibromap/cli.py`` → ``fibromap.cli``."""
    return path.rstrip("/").removesuffix(".py").replace("/", ".")


def documented_parts() -> dict[str, set[str]]:
    """Each part of the table of parts, with what its row says it may import."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text[text.index("## The parts"):text.index("## The interface")]
    return {_module(path): set(re.findall(r"`([\w.]+)`", allowed))
            for path, allowed in ROW.findall(section)}


def contract_layers() -> list[set[str]]:
    """The top-level layers contract of pyproject.toml, top first, siblings together."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["type"] == "layers" and "containers" not in c)
    return [{name.strip() for name in re.split(r"[:|]", layer)} for layer in contract["layers"]]


def direct_imports() -> dict[str, set[str]]:
    """What each part of the table imports in the code: parts of FibroMap by their part's
    name, other packages by their top name; the standard library and ``fibromap`` left out."""
    import sys

    import grimp

    graph = grimp.build_graph("fibromap", include_external_packages=True)
    parts = {part for layer in contract_layers() for part in layer}

    def part_of(module: str) -> str | None:
        return next((part for part in parts
                     if module == part or module.startswith(part + ".")), None)

    found: dict[str, set[str]] = {part: set() for part in parts}
    for module in graph.modules:
        source = part_of(module)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            top = imported.split(".")[0]
            if imported.startswith("fibromap."):
                target = part_of(imported)
                if target not in (None, source):
                    found[source].add(target)
            elif top != "fibromap" and top not in sys.stdlib_module_names:
                found[source].add(top)
    return found


def test_the_table_of_parts_names_every_layer_in_the_contract_order():
    table = list(documented_parts())
    layers = contract_layers()
    assert len(table) >= 10
    order = [part for layer in layers for part in sorted(layer, key=table.index)
             if part in table]
    assert table == order, "the table's rows follow the layers contract, top first"
    assert set(table) == {part for layer in layers for part in layer}, \
        "every layer of the contract has its row, and every row is a layer"


def test_the_table_of_parts_promises_no_import_the_contract_forbids():
    layers = contract_layers()
    below = {part: set().union(*layers[index + 1:])
             for index, layer in enumerate(layers) for part in layer}
    for part, allowed in documented_parts().items():
        ours = {name for name in allowed if name.startswith("fibromap.")}
        assert ours <= below[part], f"{part}: {sorted(ours - below[part])} sit above it"


def test_every_part_imports_only_what_its_row_of_the_table_says():
    table = documented_parts()
    for part, imported in direct_imports().items():
        assert imported <= table[part], \
            f"{part} imports {sorted(imported - table[part])}, which docs/ARCHITECTURE.md leaves out"


def test_the_table_check_finds_an_import_the_row_leaves_out():
    table = documented_parts()
    assert "fibromap.config" in table["fibromap.domain"] and "cryptography" in table["fibromap.domain"]
    assert not {"sqlalchemy", "PySide6"} & table["fibromap.domain"]
    assert "platformdirs" in direct_imports()["fibromap.config"]
    assert not direct_imports()["fibromap.errors"]


# --- Nothing in the repository points outside it ---

TEXT_FILES = ("*.py", "*.md", "*.json", "*.toml", "*.sh", "*.spec", "*.txt", "*.svg", "Makefile", "run")


def _words(text: str) -> set[str]:
    return {needle for needle in (OUTSIDE, RESEARCH_NOTE) if needle in text}


def test_nothing_in_the_repository_points_outside_it():
    """Facts from outside are cited in words (Travell & Simons, Wolfe 2016, Bennett 2009),
    never by a path a clone does not have."""
    skipped = {".git", ".venv", "build", "dist"}
    files = [path for pattern in TEXT_FILES for path in ROOT.rglob(pattern)
             if not skipped & set(path.relative_to(ROOT).parts)]
    assert len(files) > 100
    pointing = sorted(str(path.relative_to(ROOT)) for path in files
                      if {OUTSIDE, RESEARCH_NOTE} & _words(path.read_text(encoding="utf-8", errors="replace")))
    assert pointing == []
