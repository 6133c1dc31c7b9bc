"""Reading a symptom's name, in another app's words, as regions of FibroMap's body map.

"Left knee pain" is the left knee; "Neck and shoulder pain" is the back of the neck and
the upper trapezius on both sides; "Hand tremor" names a body part but is not pain, so
it stays a daily rating. Each body word points at region stems of the atlas
(resources/atlas/regions.json); a side word ("left", "right", "both") applies to the
body words after it until another side word. The person sees every reading before
anything is written and can change it (the import dialog, or ``--map`` on the command
line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fibromap.domain.atlas import Atlas
from fibromap.i18n import DEFAULT, _, current

# Body words and phrases (as read after lower-casing and dropping punctuation), the
# atlas stems they mean. Longer phrases win over the words inside them.
BODY_WORDS: dict[str, tuple[str, ...]] = {
    "back of head": ("occiput",), "base of skull": ("suboccipital",),
    "head": ("temple", "forehead"), "headache": ("temple", "forehead"),
    "headaches": ("temple", "forehead"), "migraine": ("temple", "forehead"),
    "migraines": ("temple", "forehead"), "forehead": ("forehead",), "temple": ("temple",),
    "temples": ("temple",), "eye": ("brow_eye",), "eyes": ("brow_eye",),
    "sinus": ("cheek",), "sinuses": ("cheek",), "cheek": ("cheek",), "face": ("cheek",),
    "facial": ("cheek",), "jaw": ("masseter",), "tmj": ("tmj",), "ear": ("ear",),
    "ears": ("ear",), "earache": ("ear",), "mouth": ("chin",), "chin": ("chin",),
    "tooth": ("upper_teeth", "lower_teeth"), "teeth": ("upper_teeth", "lower_teeth"),
    "toothache": ("upper_teeth", "lower_teeth"), "top of head": ("vertex",),
    "top of the head": ("vertex",), "crown": ("vertex",), "knuckle": ("knuckles",),
    "knuckles": ("knuckles",),
    "neck": ("posterior_neck",), "front of neck": ("anterior_neck",),
    "throat": ("anterior_neck",),
    "shoulder": ("upper_trapezius",), "shoulders": ("upper_trapezius",),
    "trapezius": ("upper_trapezius",), "traps": ("upper_trapezius",),
    "shoulder blade": ("infraspinatus",), "shoulder blades": ("infraspinatus",),
    "between shoulder blades": ("rhomboid",), "between the shoulder blades": ("rhomboid",),
    "upper back": ("erector_upper",), "mid back": ("erector_mid",),
    "middle back": ("erector_mid",), "lower back": ("erector_lower",),
    "low back": ("erector_lower",), "lumbar": ("erector_lower",), "back": ("erector_lower",),
    "spine": ("thoracic_spine", "lumbar_spine"), "tailbone": ("coccyx",),
    "coccyx": ("coccyx",), "sacrum": ("sacrum",), "pelvic floor": ("pelvic_floor",),
    "sciatica": ("piriformis",), "sciatic": ("piriformis",), "chest": ("pectoralis",),
    "rib": ("oblique",), "ribs": ("oblique",), "chest wall": ("intercostals",),
    "breastbone": ("sternum",), "sternum": ("sternum",),
    "abdomen": ("upper_abdomen", "lower_abdomen"),
    "abdominal": ("upper_abdomen", "lower_abdomen"),
    "stomach": ("upper_abdomen",), "belly": ("lower_abdomen",), "pelvic": ("lower_abdomen",),
    "pelvis": ("lower_abdomen",), "groin": ("groin",), "hip": ("trochanter", "gluteus_medius"),
    "hips": ("trochanter", "gluteus_medius"), "buttock": ("gluteus_maximus",),
    "buttocks": ("gluteus_maximus",), "glute": ("gluteus_maximus",),
    "glutes": ("gluteus_maximus",),
    "arm": ("biceps", "triceps"), "arms": ("biceps", "triceps"),
    "upper arm": ("biceps", "triceps"), "upper arms": ("biceps", "triceps"),
    "forearm": ("forearm_flexors", "forearm_extensors"),
    "forearms": ("forearm_flexors", "forearm_extensors"),
    "elbow": ("elbow_front", "elbow_back"), "elbows": ("elbow_front", "elbow_back"),
    "tennis elbow": ("lateral_epicondyle",), "golfers elbow": ("medial_epicondyle",),
    "golfer s elbow": ("medial_epicondyle",),
    "wrist": ("wrist_front", "wrist_back"), "wrists": ("wrist_front", "wrist_back"),
    "hand": ("palm", "hand_back"), "hands": ("palm", "hand_back"), "palm": ("palm",),
    "finger": ("palm",), "fingers": ("palm",), "thumb": ("palm",), "thumbs": ("palm",),
    "leg": ("rectus_femoris", "gastrocnemius"), "legs": ("rectus_femoris", "gastrocnemius"),
    "thigh": ("rectus_femoris", "vastus_lateralis"),
    "thighs": ("rectus_femoris", "vastus_lateralis"),
    "hamstring": ("hamstring_medial", "biceps_femoris"),
    "hamstrings": ("hamstring_medial", "biceps_femoris"),
    "knee": ("knee_front",), "knees": ("knee_front",), "back of knee": ("popliteal",),
    "shin": ("tibialis_anterior",), "shins": ("tibialis_anterior",),
    "calf": ("gastrocnemius", "soleus"), "calves": ("gastrocnemius", "soleus"),
    "ankle": ("ankle_front", "achilles"), "ankles": ("ankle_front", "achilles"),
    "achilles": ("achilles",), "heel": ("heel",), "heels": ("heel",),
    "sole": ("heel",), "plantar": ("heel",), "arch": ("heel",),
    "foot": ("foot_top", "heel"), "feet": ("foot_top", "heel"), "toe": ("foot_top",),
    "toes": ("foot_top",),
}
SIDE_WORDS = {"left": ("left",), "right": ("right",), "both": ("left", "right"),
              "bilateral": ("left", "right")}
# A body part named with one of these is not pain in that place: the rating stays a
# daily rating of the symptom.
NOT_PAIN = ("tremor", "tremors", "numb", "numbness", "tingling", "pins", "swelling",
            "swollen", "rash", "itch", "itching", "itchy", "weakness", "weak", "cold",
            "sweating", "restless", "dry", "bloating", "bloated", "nausea", "floaters",
            "blurred", "blurry", "ringing", "tinnitus", "acid", "reflux", "heartburn")
LONGEST = max(len(phrase.split()) for phrase in BODY_WORDS)


@dataclass(frozen=True)
class Reading:
    """How one symptom name was read: the regions (empty: a daily rating only) and why."""

    name: str
    regions: tuple[str, ...]
    reason: str


def words_of(name: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).split()


def read_symptom(name: str, atlas: Atlas) -> Reading:
    """The regions a symptom's name points at, with its sides."""
    words = words_of(name)
    if any(word in NOT_PAIN for word in words):
        return Reading(name, (), "names a body part but is not pain there" if _stems(words)
                       else "no body part")
    regions: list[str] = []
    for stems, sides in _stems(words):
        for stem in stems:
            for region in _sided(stem, sides, atlas):
                if region not in regions:
                    regions.append(region)
    return Reading(name, tuple(regions), "" if regions else "no body part")


def _stems(words: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The body phrases in ``words`` (longest first), each with the sides said before it."""
    found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    sides: tuple[str, ...] = ("left", "right")
    index = 0
    while index < len(words):
        if words[index] in SIDE_WORDS:
            sides = SIDE_WORDS[words[index]]
            index += 1
            continue
        for length in range(min(LONGEST, len(words) - index), 0, -1):
            phrase = " ".join(words[index:index + length])
            if phrase in BODY_WORDS:
                found.append((BODY_WORDS[phrase], sides))
                index += length
                break
        else:
            index += 1
    return found


def _sided(stem: str, sides: tuple[str, ...], atlas: Atlas) -> list[str]:
    if stem in atlas:  # a region in the middle of the body: no side
        return [stem]
    return [f"{stem}.{side}" for side in sides]


def describe(regions: tuple[str, ...], atlas: Atlas) -> str:
    """"back of neck (left and right), upper trapezius (left)": names with their sides (in
    another language than English, each region's whole name, its side in it)."""
    if not regions:
        return _("a daily rating (no place on the body map)")
    if current() != DEFAULT:
        return ", ".join(atlas.name(region) for region in regions)
    named: dict[str, list[str]] = {}
    for region in regions:
        side = region.partition(".")[2]
        named.setdefault(_without_side(atlas.name(region)), []).extend([side] if side else [])
    return ", ".join(f"{name} ({' and '.join(sides)})" if sides else name
                     for name, sides in named.items())


def _without_side(name: str) -> str:
    base = re.sub(r"\s*\((left|right)\)$|^(left|right)\s+", "", name, flags=re.I)
    return base[:1].lower() + base[1:]
