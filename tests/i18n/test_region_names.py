"""The body atlas's names in each language (issue 34): the ids are data and never change,
the names people read are translations (the catalogue domain "atlas", made from
resources/atlas), the find box takes English and the language of the moment."""

import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from fibromap.domain.atlas import VIEW_TITLES, WPI_AREAS, View, load_atlas
from fibromap.figure.region_chip import chip_text, whole_english
from fibromap.i18n import SHIPPED, current, using
from fibromap.ui.bodymap.region_navigation import find_region

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [language for language in SHIPPED if language != "en"]
# Where a language's word is the English one: the only names allowed to stay as they are.
SAME_AS_ENGLISH = {("es", "WPI area", "Abdomen"), ("fr", "WPI area", "Abdomen"),
                   ("fr", "region", "Sacrum")}


def make_catalogues():
    sys.path.insert(0, str(ROOT / "resources" / "locale"))
    try:
        import make_catalogues as module
    finally:
        sys.path.pop(0)
    return module


def atlas_messages() -> set[tuple[str, str]]:
    """Every name the atlas shows, with its catalogue context."""
    atlas = load_atlas()
    return ({("region", region.english) for region in atlas}
            | {("trigger-point pattern", pattern.english) for pattern in atlas.patterns}
            | {("WPI area", area.english) for area in WPI_AREAS}
            | {("whole region", whole_english(atlas.region(region.parent)))
               for region in atlas if region.parent}
            | {("body view", title) for title in VIEW_TITLES.values()})


def test_the_atlas_catalogue_holds_every_name_the_atlas_shows_and_is_current():
    module = make_catalogues()
    template = module.atlas_template()
    assert {(message.context, message.id) for message in template if message.id} == (
        atlas_messages())
    # a paired name on each side is one entry; a whole region's button one for both sides
    assert len(template) == 242 + 156 + 12 + 19 + 12
    assert module.main(["--check"]) == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_name_is_translated_in_every_language(language):
    path = ROOT / "resources" / "locale" / language / "LC_MESSAGES" / "atlas.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=language, domain="atlas")
    entries = {(m.context, m.id): m.string for m in catalogue if m.id}
    assert set(entries) == atlas_messages()
    untranslated = [key for key, text in entries.items() if not text]
    assert untranslated == []
    same = {(language, *key) for key, text in entries.items() if text == key[1]}
    assert same <= SAME_AS_ENGLISH
    # and as FibroMap reads them: every region, pattern, area and view, by its own name
    atlas = load_atlas()
    with using(language):
        shown = {region.id: region.name for region in atlas}
        assert all(shown[r.id] != r.english or (language, "region", r.english)
                   in SAME_AS_ENGLISH for r in atlas)
        assert len(set(shown.values())) == len(shown)  # no two regions share a name
        assert all(p.name != p.english for p in atlas.patterns)
        assert all(a.name != a.english or (language, "WPI area", a.english)
                   in SAME_AS_ENGLISH for a in WPI_AREAS)
        assert all(view.title != VIEW_TITLES[view] for view in View)


@pytest.mark.parametrize("language, region, name", [
    ("de", "upper_trapezius.left", "Oberer Trapezmuskel links"),
    ("de", "gastrocnemius.right", "Obere Wade rechts (Gastrocnemius)"),
    ("de", "sacrum", "Kreuzbein"),
    ("fr", "upper_trapezius.left", "Trapèze supérieur gauche"),
    ("fr", "temple.right", "Tempe droite (temporal)"),
    ("es", "upper_trapezius.left", "Trapecio superior izquierdo"),
    ("es", "knee_front.right", "Rodilla derecha"),
    ("pt_BR", "upper_trapezius.left", "Trapézio superior esquerdo"),
    ("pt_BR", "groin.right", "Virilha direita"),
])
def test_the_atlas_names_a_region_in_the_language_of_the_moment(language, region, name):
    atlas = load_atlas()
    with using(language):
        assert atlas.name(region) == name
        assert atlas.region(region).name == name
    assert current() == "en"


def test_patterns_areas_views_and_buttons_are_named_in_the_language_of_the_moment():
    atlas = load_atlas()
    palm = atlas.region("palm.left")
    pattern = next(p for p in atlas.patterns if p.english == "Right gluteus medius")
    jaw = next(area for area in WPI_AREAS if area.id == "jaw.left")
    with using("de"):
        assert (pattern.name, jaw.name, View.SOLES.title) == (
            "Gluteus medius rechts", "Kiefer links", "Fußsohlen")
        assert chip_text(palm) == "Ganze Handfläche mit Fingern"  # not "Whole handfläche"
    with using("fr"):
        assert (pattern.name, jaw.name, View.HEAD_FRONT.title) == (
            "Moyen fessier droit", "Mâchoire gauche", "Visage et cou")
    assert chip_text(palm) == "Whole palm and fingers"


def test_english_is_unchanged():
    atlas = load_atlas()
    assert atlas.name("upper_trapezius.left") == "Left upper trapezius"
    assert atlas.name("temple.right") == "Right temple (temporalis)"
    assert atlas.name("sacrum") == "Sacrum"
    assert atlas.name("a_newer_region.left") == "a_newer_region.left"  # shown as itself
    assert [area.name for area in WPI_AREAS][:2] == ["Left jaw", "Left shoulder girdle"]
    assert View.SHOULDERS_BACK.title == "Shoulders and upper back"
    assert next(p.name for p in atlas.patterns if p.muscle == "upper_trapezius") == (
        "Left upper trapezius")


def test_a_name_is_known_in_every_language_whatever_the_language_of_the_moment():
    """A file names its regions in the language it was written in (a CSV's region_name, a
    FHIR display): one written in German imports in English, and the other way round."""
    atlas = load_atlas()
    region = "upper_trapezius.left"
    assert atlas.is_name_of(region, "Left upper trapezius")
    assert atlas.is_name_of(region, "Oberer Trapezmuskel links")  # German, in English
    assert atlas.is_name_of(region, "trapeze superieur gauche")   # French, case and accents
    assert atlas.is_name_of("temple.left", "Left temple")  # a former name still is
    with using("de"):
        assert atlas.is_name_of(region, "Left upper trapezius")
        assert atlas.is_name_of(region, "oberer trapezmuskel LINKS")
        assert atlas.is_name_of(region, "Trapèze supérieur gauche")
    for language in ("en", "de"):
        with using(language):  # the other side's name is never this side's
            assert not atlas.is_name_of("upper_trapezius.right", "Oberer Trapezmuskel links")
            assert not atlas.is_name_of("upper_trapezius.right", "Left upper trapezius")
            assert not atlas.is_name_of(region, "Left calf")


@pytest.mark.parametrize("language, typed, found", [
    ("de", "l Trapez", "upper_trapezius.left"),
    ("de", "Wade", "gastrocnemius.left"),
    ("de", "r untere wade", "soleus.right"),
    ("de", "l trap", "upper_trapezius.left"),  # English still finds
    ("de", "r calf", "gastrocnemius.right"),
    ("fr", "r epaule", "anterior_deltoid.right"),  # "Avant de l’épaule droite"
    ("fr", "genou", "knee_front.left"),
    ("es", "rodilla", "knee_front.left"),
    ("pt_BR", "r panturrilha", "gastrocnemius.right"),
])
def test_the_find_box_finds_a_region_by_its_name_in_the_language_of_the_moment(
        language, typed, found):
    atlas = load_atlas()
    order = [region.id for region in atlas]
    with using(language):
        assert find_region(typed, atlas, order) == found
    assert find_region("Wade", atlas, order) is None  # German is not English
    assert find_region("r calf", atlas, order) == "gastrocnemius.right"
