"""The body atlas: every region a person can mark, and what it rolls up to.

The catalogue in resources/atlas/regions.json is the single source of truth.
Paired muscles expand to ``STEM.left`` and ``STEM.right``; ``left`` and ``right``
are always the person's own left and right. A region's ``layer`` says whether its muscle
lies at the surface or deep under others (drawn where it lies and named deep), and
resources/atlas/trigger_points.json gives each trigger-point muscle of a region its typical
referral pattern: its zones lie on the trigger point's side, and those a pattern also names
in ``both_sides`` on the other side too. Every region id in resources/atlas/shipped_ids.json stays a region.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from fibromap.config import resource
from fibromap.errors import ValidationError
from fibromap.i18n import N_, SHIPPED, pgettext
from fibromap.i18n.catalogue import translations


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


class View(StrEnum):
    """A drawing of the body map: the whole figure's front and back, or a detail view."""

    FRONT = "front"
    BACK = "back"
    HEAD_FRONT = "head_front"
    HEAD_BACK = "head_back"
    SHOULDERS_FRONT = "shoulders_front"
    SHOULDERS_BACK = "shoulders_back"
    PELVIS_FRONT = "pelvis_front"
    PELVIS_BACK = "pelvis_back"
    PALMS = "palms"
    HAND_BACKS = "hand_backs"
    FOOT_TOPS = "foot_tops"
    SOLES = "soles"

    # The view's title for people, in place of str.title (never called on a view).
    @property
    def title(self) -> str:  # type: ignore[override]
        return pgettext("body view", VIEW_TITLES[self])

    @property
    def figure(self) -> str:
        """The figure the view belongs to: "body" or a detail figure's name."""
        return next(name for name, views in FIGURES.items() if self in views)

    @property
    def facing(self) -> bool:
        """Seen face to face (mirrored in the patient view, as the front is)."""
        return self in (View.FRONT, View.HEAD_FRONT, View.SHOULDERS_FRONT, View.PELVIS_FRONT,
                        View.PALMS)

    @property
    def crop_of(self) -> View | None:
        """The whole figure's view that this view shows a part of, closer (None: a view
        drawn on its own, or the whole figure)."""
        return CROPS.get(self)


VIEW_TITLES = {View.FRONT: "Front", View.BACK: "Back", View.HEAD_FRONT: "Face and neck",
               View.HEAD_BACK: "Back of the head and neck",
               View.SHOULDERS_FRONT: "Shoulders and chest",
               View.SHOULDERS_BACK: "Shoulders and upper back",
               View.PELVIS_FRONT: "Hips and groin", View.PELVIS_BACK: "Lower back and pelvis",
               View.PALMS: "Palms",
               View.HAND_BACKS: "Backs of the hands", View.FOOT_TOPS: "Tops of the feet",
               View.SOLES: "Soles of the feet"}
# The whole figure, then the detail views: closer drawings of the head, hands and feet, and
# closer parts of the whole figure itself (the shoulder girdle; the low back and pelvis).
FIGURES: dict[str, tuple[View, ...]] = {
    "body": (View.FRONT, View.BACK), "head": (View.HEAD_FRONT, View.HEAD_BACK),
    "shoulders": (View.SHOULDERS_FRONT, View.SHOULDERS_BACK),
    "pelvis": (View.PELVIS_FRONT, View.PELVIS_BACK),
    "hands": (View.PALMS, View.HAND_BACKS), "feet": (View.FOOT_TOPS, View.SOLES)}
# A crop view draws the whole figure's own regions, cut to a window: a region of the
# whole figure may be drawn in it whatever its detail figure.
CROPS = {View.SHOULDERS_FRONT: View.FRONT, View.SHOULDERS_BACK: View.BACK,
         View.PELVIS_FRONT: View.FRONT, View.PELVIS_BACK: View.BACK}


class Layer(StrEnum):
    """Whether a region's muscle lies at the surface or under others (drawn where it lies)."""

    SURFACE = "surface"
    DEEP = "deep"


@dataclass(frozen=True, slots=True)
class WpiArea:
    """One of the 19 areas of the ACR 2016 Widespread Pain Index."""

    id: str
    english: str  # its name in English, the catalogue's id for it
    group: int  # 1 left upper, 2 right upper, 3 left lower, 4 right lower, 5 axial
    counts_for_generalized: bool

    @property
    def name(self) -> str:
        """Its name in the language of the moment (the catalogue's "atlas" domain)."""
        return pgettext("WPI area", self.english)


def _wpi_areas() -> tuple[WpiArea, ...]:
    areas = []
    for side, upper, lower in (("left", 1, 3), ("right", 2, 4)):
        areas += [
            WpiArea(f"jaw.{side}", f"{side.title()} jaw", upper, False),
            WpiArea(f"shoulder_girdle.{side}", f"{side.title()} shoulder girdle", upper, True),
            WpiArea(f"upper_arm.{side}", f"{side.title()} upper arm", upper, True),
            WpiArea(f"lower_arm.{side}", f"{side.title()} lower arm", upper, True),
            WpiArea(f"hip.{side}", f"{side.title()} hip (buttock, trochanter)", lower, True),
            WpiArea(f"upper_leg.{side}", f"{side.title()} upper leg", lower, True),
            WpiArea(f"lower_leg.{side}", f"{side.title()} lower leg", lower, True),
        ]
    areas += [
        WpiArea("neck", "Neck", 5, True), WpiArea("upper_back", "Upper back", 5, True),
        WpiArea("lower_back", "Lower back", 5, True),
        WpiArea("chest", "Chest", 5, False),
        WpiArea("abdomen", "Abdomen", 5, False),
    ]
    return tuple(areas)


WPI_AREAS: tuple[WpiArea, ...] = _wpi_areas()

# Regions of the map that are in none of the 19 areas: the ACR 2016 list names only the
# areas above, so these count toward no WPI, whatever their pain (see the README).
WPI_EXCLUDED = {
    "the head and face apart from the jaw": ("forehead", "temple", "temporalis", "brow_eye",
                                             "cheek", "chin", "occiput", "occipitalis",
                                             "vertex", "ear", "upper_teeth", "lower_teeth"),
    # The epicondyles count for the lower arm: the forearm muscles start there, and the ACR
    # 1990 tender point is 2 cm below the lateral one.
    "the elbows": ("elbow_front", "elbow_back"),
    "the wrists and hands": ("wrist_front", "wrist_back", "palm", "hand_back", "palm_centre",
                             "thenar", "hypothenar", "thumb", "index_finger", "middle_finger",
                             "ring_finger", "little_finger", "hand_back_centre",
                             "first_dorsal_interosseous", "knuckles"),
    "the groin and iliopsoas": ("groin", "iliopsoas"),
    "the knees": ("knee_front", "popliteal"),
    "the pelvic floor": ("pelvic_floor",),
    "the ankles and feet": ("ankle_front", "achilles", "lateral_malleolus", "heel", "foot_top",
                            "instep", "big_toe", "lesser_toes", "extensor_digitorum_brevis",
                            "heel_pad", "arch", "plantar_fascia", "outer_sole", "ball_of_foot",
                            "medial_heel"),
}
# The list said whole, translated where shown (_(WPI_EXCLUDED_TEXT)); test_atlas checks it.
WPI_EXCLUDED_TEXT = N_("Not WPI areas (ACR 2016): the head and face apart from the jaw, the "
                       "elbows, the wrists and hands, the groin and iliopsoas, the knees, the "
                       "pelvic floor, the ankles and feet.")


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    stem: str
    english: str  # its display name in English: the catalogue's id for it (names are data)
    side: Side
    view: View
    area: str
    wpi_area: str | None
    muscles: tuple[str, ...]
    layer: Layer = Layer.SURFACE
    # The detail figure ("head", "hands", "feet") that shows the region, or its parts, closer.
    detail: str | None = None
    # For a region drawn only in a detail view: the region of the whole figure it lies in,
    # which it rolls up to (heat-maps, reports, WPI). None for a whole-figure region.
    parent: str | None = None
    # Display names it had in earlier catalogues (resources/atlas/former_names.json).
    former_names: tuple[str, ...] = ()
    # The other side of the whole figure it is drawn on too, where it is seen from there
    # (the upper trapezius over the top of the shoulder, seen from the front); None for most.
    also_on: View | None = None

    @property
    def name(self) -> str:
        """Its display name in the language of the moment (the catalogue's "atlas" domain:
        the whole name on its side, "Left upper trapezius", one entry each)."""
        return pgettext("region", self.english)

    @property
    def on_figure(self) -> str:
        """The whole-figure region this region is, or lies in."""
        return self.parent or self.id

    def mirror_id(self) -> str:
        """The same muscle on the other side (itself for a midline region)."""
        if self.side is Side.CENTER:
            return self.id
        other = Side.RIGHT if self.side is Side.LEFT else Side.LEFT
        return f"{self.stem}.{other.value}"


@dataclass(frozen=True, slots=True)
class ReferralPattern:
    """Where a muscle's trigger points on one side of the body typically send pain: on that
    side, and for some zones on the other side too."""

    muscle: str
    english: str  # its name on its side in English, the catalogue's id for it
    location: str
    sources: tuple[str, ...]
    zones: tuple[str, ...]  # every zone, those on the other side included
    reference: str = ""
    crossed: tuple[str, ...] = ()  # the zones on the other side of the body

    @property
    def name(self) -> str:
        """Its name in the language of the moment ("Left upper trapezius")."""
        return pgettext("trigger-point pattern", self.english)


class Atlas:
    """All regions, looked up by id, with the trigger-point patterns that link them."""

    def __init__(self, regions: list[Region], patterns: list[ReferralPattern]):
        self._regions = {region.id: region for region in regions}
        self.patterns = tuple(patterns)

    def __contains__(self, region_id: object) -> bool:
        return region_id in self._regions

    def __iter__(self):
        return iter(self._regions.values())

    def __len__(self) -> int:
        return len(self._regions)

    def region(self, region_id: str) -> Region:
        try:
            return self._regions[region_id]
        except KeyError:
            raise ValidationError(f"unknown body region {region_id!r}", "region") from None

    def name(self, region_id: str) -> str:
        """A display name; an id from a newer catalogue shows as itself rather than failing."""
        region = self._regions.get(region_id)
        return region.name if region else region_id

    def is_name_of(self, region_id: str, name: str) -> bool:
        """Whether ``name`` is the region's name now or was it in an earlier catalogue (an
        export written before a rename still names the region), in English or in any
        language FibroMap speaks (a file written in German imports in English too),
        whatever its case and accents."""
        region = self._regions.get(region_id)
        if region is None:
            return False
        if name == region.english or name in region.former_names:
            return True
        return any(folded(name) == folded(translations(language).pgettext("region", region.english))
                   for language in SHIPPED)

    def in_view(self, view: View) -> list[Region]:
        """The regions catalogued on a view (a region drawn only in a detail view is
        catalogued on the first view that draws it; one also seen from the other side of the
        whole figure is catalogued on its own)."""
        return [region for region in self._regions.values() if region.view is view]

    def on_figure(self, region_id: str) -> str:
        """The whole-figure region a region rolls up to (itself for a whole-figure region;
        an unknown id is left as it is)."""
        region = self._regions.get(region_id)
        return region.on_figure if region else region_id

    def parts(self, region_id: str) -> list[Region]:
        """The detail regions that lie in a whole-figure region."""
        return [region for region in self._regions.values() if region.parent == region_id]

    def roll_up(self) -> dict[str, str]:
        """Every detail region's id with its whole-figure region's id."""
        return {region.id: region.parent for region in self._regions.values() if region.parent}

    def patterns_from(self, region_id: str) -> list[ReferralPattern]:
        return [pattern for pattern in self.patterns if region_id in pattern.sources]

    def referral_zones(self, region_id: str) -> tuple[str, ...]:
        """Where pain from this region's muscles typically spreads: the zones of every pattern
        starting here (on its side, and on the other where a pattern names a zone on both
        sides), each once, in the order the patterns give them."""
        zones = dict.fromkeys(zone for pattern in self.patterns_from(region_id)
                              for zone in pattern.zones)
        return tuple(zones)


def folded(text: str) -> str:
    """``text`` without case or accents ("Trapèze" and "trapeze" alike), to compare names."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))


def _side_id(stem: str, paired: bool, side: Side) -> str:
    return f"{stem}.{side.value}" if paired else stem


# One entry of a catalogue file, as JSON reads it.
_Entry = dict[str, Any]
# The WPI areas that come in a left and a right (the others lie on the midline).
_SIDED_WPI = frozenset({"jaw", "shoulder_girdle", "upper_arm", "lower_arm", "hip", "upper_leg",
                        "lower_leg"})


def _read(name: str) -> _Entry:
    return json.loads(resource("atlas", name).read_text(encoding="utf-8"))


def _shown(name: str, side: Side) -> str:
    """A region's display name on one side ("Left trapezius"; a midline one capitalised)."""
    if side is Side.CENTER:
        return name[:1].upper() + name[1:]
    return f"{side.value.title()} {name}"


def _wpi_area(entry: _Entry, parent_entry: _Entry | None, side: Side) -> str | None:
    """The WPI area a catalogue entry's region counts toward on one side."""
    # A detail region counts where its whole-figure region counts, unless it says it has
    # its own (the ear is drawn in the jaw joint's place on the whole figure; it is no jaw).
    wpi = parent_entry["wpi"] if parent_entry and not entry.get("own_wpi") else entry["wpi"]
    if wpi and side is not Side.CENTER and wpi in _SIDED_WPI:
        wpi = f"{wpi}.{side.value}"
    return wpi


def _regions(regions_doc: _Entry, former_doc: _Entry) -> list[Region]:
    """Every region of the catalogue, a paired muscle once on each side."""
    regions: list[Region] = []
    by_stem = {entry["id"]: entry for entry in regions_doc["regions"]}
    for entry in regions_doc["regions"]:
        stem = entry["id"]
        sides = (Side.LEFT, Side.RIGHT) if entry["paired"] else (Side.CENTER,)
        for side in sides:
            parent_stem = entry.get("parent")
            parent_entry = by_stem.get(parent_stem) if parent_stem else None
            regions.append(Region(
                id=_side_id(stem, entry["paired"], side), stem=stem,
                english=_shown(entry["name"], side), side=side,
                view=View(entry["view"]), area=entry["area"],
                wpi_area=_wpi_area(entry, parent_entry, side),
                muscles=tuple(entry["muscles"]), layer=Layer(entry.get("layer", "surface")),
                detail=entry.get("detail"),
                parent=_side_id(parent_stem, parent_entry["paired"], side) if parent_entry
                else None,
                former_names=tuple(_shown(n, side) for n in former_doc["names"].get(stem, ())),
                also_on=View(entry["also_on"]) if entry.get("also_on") else None))
    return regions


def _patterns(patterns_doc: _Entry, paired: dict[str, bool]) -> list[ReferralPattern]:
    """Every trigger-point pattern, once on each side: its zones on that side, and a zone it
    names in ``both_sides`` on the other side too."""
    patterns: list[ReferralPattern] = []
    for entry in patterns_doc["patterns"]:
        both = _both_sides(entry, paired)
        for side in (Side.LEFT, Side.RIGHT):
            other = Side.RIGHT if side is Side.LEFT else Side.LEFT
            crossed = tuple(_side_id(z, True, other) for z in entry["zones"] if z in both)
            zones: list[str] = []
            for zone in entry["zones"]:  # the other side's beside this side's
                zones.append(_side_id(zone, paired[zone], side))
                if zone in both:
                    zones.append(_side_id(zone, True, other))
            patterns.append(ReferralPattern(
                muscle=entry["id"], english=f"{side.value.title()} {entry['name'].lower()}"
                if entry["name"] else entry["id"],
                location=entry["location"],
                sources=tuple(_side_id(s, paired[s], side) for s in entry["sources"]),
                zones=tuple(zones), reference=entry.get("reference", ""), crossed=crossed))
    return patterns


def _both_sides(entry: _Entry, paired: dict[str, bool]) -> set[str]:
    """The zones a pattern names on both sides (``both_sides``, optional): each one of its
    zones, and one that has a left and a right."""
    both = set(entry.get("both_sides", ()))
    for zone in sorted(both):
        if zone not in entry["zones"] or not paired.get(zone):
            raise ValueError(f"trigger_points.json: {entry['id']} names {zone!r} on both sides, "
                             "which is not one of its zones with a left and a right")
    return both


@cache
def load_atlas() -> Atlas:
    """The catalogue shipped in resources/atlas (read once)."""
    regions_doc = _read("regions.json")
    patterns_doc = _read("trigger_points.json")
    former_doc = _read("former_names.json")
    paired = {entry["id"]: entry["paired"] for entry in regions_doc["regions"]}
    return Atlas(_regions(regions_doc, former_doc), _patterns(patterns_doc, paired))
