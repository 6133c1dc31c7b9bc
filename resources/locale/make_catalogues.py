"""Make FibroMap's catalogues from its code (`make translations`): the English message ids
each layer marks (``_``, ``N_``, ``ngettext``, ``pgettext``, ``npgettext``; Qt's ``tr``
and ``QT_TR_NOOP`` in the interface) are gathered into one domain a layer, and the body
atlas's names (resources/atlas: data, not code) into the domain "atlas"; each language's
.po file is brought up to date (new ids added untranslated, gone ones dropped, every
translation kept), and each .po is compiled to the .mo FibroMap reads.

    python resources/locale/make_catalogues.py           # update .po and .mo files
    python resources/locale/make_catalogues.py --check   # say what is out of date, exit 1

Plural forms are CLDR's, written into each catalogue's header by Babel."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CODE = ROOT / "fibromap"
LANGUAGES = ("es", "de", "fr", "pt_BR")  # English is the ids themselves
# Each domain and the code it holds: one catalogue a part of the code, so that each can be worked on
# apart (a file matches the first domain whose folder holds it).
DOMAINS = {
    "log": ("ui/log", "ui/bodymap"),
    "review": ("ui/review",),
    "daily": ("ui/daily", "ui/widgets"),
    "interface": ("ui",),  # the shell (menus, pages, the app), its dialogs and launch/
    "report": ("report", "figure"),
    "analysis": ("analysis", "domain", "i18n"),
    "records": ("store", "exchange"),
    "commands": ("",),  # the rest: cli.py, commands/, selftest.py, config.py, ...
}
KEYWORDS = {
    "_": None, "N_": None, "tr": None, "QT_TR_NOOP": None,
    "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
}
HEADER = "FibroMap's words"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def domain_of(path: Path) -> str:
    relative = path.relative_to(CODE).as_posix()
    for domain, folders in DOMAINS.items():
        if any(folder and (relative.startswith(folder + "/") or relative == folder + ".py")
               for folder in folders):
            return domain
    return "commands"


def extract() -> dict[str, Catalog]:
    """The message ids of the code, a template per domain (in the order of the files)."""
    templates = {domain: Catalog(project="FibroMap", header_comment=f"# {HEADER}",
                                 fuzzy=False) for domain in DOMAINS}
    for path in sorted(CODE.rglob("*.py")):
        if "resources" in path.relative_to(CODE).parts:
            continue
        template = templates[domain_of(path)]
        with path.open("rb") as handle:
            for line, message, comments, context in _extract(handle):
                template.add(message, None, [(path.relative_to(ROOT).as_posix(), line)],
                             auto_comments=comments, context=context)
    return templates


def atlas_template() -> Catalog:
    """The body atlas's names as people see them, read from resources/atlas/regions.json and
    trigger_points.json (and the WPI's areas and the views' titles, the atlas's own tables;
    the buttons of the whole regions a detail view draws in parts, "Whole palm and fingers"):
    the whole name on each side is an entry ("Left upper trapezius"), so that each language
    can place and agree its side word; the id never changes, the label is translated."""
    sys.path.insert(0, str(ROOT))  # this tree's fibromap, whatever is installed
    try:
        from fibromap.domain.atlas import VIEW_TITLES, WPI_AREAS, load_atlas
        from fibromap.figure.region_chip import whole_english
    finally:
        sys.path.remove(str(ROOT))

    atlas = load_atlas()
    template = Catalog(project="FibroMap", header_comment=f"# {HEADER}", fuzzy=False)
    for region in atlas:
        template.add(region.english, None, [("resources/atlas/regions.json", 0)],
                     auto_comments=[region.id], context="region")
    for pattern in atlas.patterns:
        template.add(pattern.english, None, [("resources/atlas/trigger_points.json", 0)],
                     auto_comments=[pattern.muscle], context="trigger-point pattern")
    for whole in sorted({region.parent for region in atlas if region.parent}):
        template.add(whole_english(atlas.region(whole)), None, [("fibromap/figure", 0)],
                     auto_comments=[whole.partition(".")[0]], context="whole region")
    for area in WPI_AREAS:
        template.add(area.english, None, [("fibromap/domain/atlas.py", 0)],
                     auto_comments=[area.id], context="WPI area")
    for view, title in VIEW_TITLES.items():
        template.add(title, None, [("fibromap/domain/atlas.py", 0)],
                     auto_comments=[view.value], context="body view")
    return template


def _extract(handle):
    """Each marked message of a file: (line, id or (singular, plural), comments, context)."""
    for line, funcname, messages, comments in extract_python(
            handle, list(KEYWORDS), ["Translators:"], {"encoding": "utf-8"}):
        spec = KEYWORDS[funcname]
        texts = messages if isinstance(messages, tuple) else (messages,)
        if spec is None:
            if texts[0]:
                yield line, texts[0], comments, None
            continue
        context = None
        ids = []
        for place in spec:
            if isinstance(place, tuple):
                context = texts[place[0] - 1]
            else:
                ids.append(texts[place - 1])
        if not all(isinstance(text, str) and text for text in ids):
            continue  # not a literal: nothing to gather
        yield line, ids[0] if len(ids) == 1 else tuple(ids), comments, context


def po_path(language: str, domain: str) -> Path:
    return HERE / language / "LC_MESSAGES" / f"{domain}.po"


def updated(language: str, domain: str, template: Catalog) -> Catalog:
    path = po_path(language, domain)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=domain)
    else:
        catalog = Catalog(locale=language, domain=domain, project="FibroMap", version="1",
                          header_comment=f"# {HEADER}", fuzzy=False,
                          msgid_bugs_address="the FibroMap issues",
                          last_translator="FibroMap", language_team=language)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def rendered_po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # No line numbers: a change elsewhere in a file leaves its catalogue as it was.
    write_po(out, catalog, width=96, omit_header=False, sort_output=True,
             include_previous=False, no_location=True)
    # The date of making changes at every run: dropped, so a file changes only with its words.
    return b"\n".join(line for line in out.getvalue().split(b"\n")
                      if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date')))


def rendered_mo(catalog: Catalog) -> bytes:
    # The header's dates fixed, so a .mo changes only with its words.
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; name the files that are out of date")
    args = parser.parse_args(argv)
    stale = []
    templates = extract() | {"atlas": atlas_template()}  # names from data, not code
    for language in LANGUAGES:
        for domain, template in templates.items():
            catalog = updated(language, domain, template)
            # Read back from its own text, so the .mo is made from exactly what the .po says.
            po = rendered_po(catalog)
            mo = rendered_mo(read_po(io.BytesIO(po), locale=language, domain=domain))
            for path, data in ((po_path(language, domain), po),
                               (po_path(language, domain).with_suffix(".mo"), mo)):
                if path.exists() and path.read_bytes() == data:
                    continue
                stale.append(path.relative_to(ROOT).as_posix())
                if not args.check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
    if args.check and stale:
        print("out of date (run `make translations`): " + ", ".join(stale))
        return 1
    print(f"{len(stale)} catalogue files {'out of date' if args.check else 'written'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
