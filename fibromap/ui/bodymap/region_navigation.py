"""Moving between regions without a mouse: reading order, arrow keys, and typing a name.

Plain functions over each region's on-screen point, so the rules are easy to follow
and to test apart from the widget.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping

from fibromap.domain.atlas import Atlas, Region, folded

Point = tuple[float, float]
ROW_HEIGHT = 25.0   # regions within one such band read as one row, left to right
MAX_SLANT = 2.5     # sideways distance allowed per unit ahead (about 68 degrees)


def reading_order(points: Mapping[str, Point], figure: Mapping[str, int]) -> list[str]:
    """The first figure on display first (the front), then the next (the back); in each,
    top to bottom in rows, left to right. ``figure`` numbers each region's figure."""
    def key(region_id: str):
        x, y = points[region_id]
        return (figure[region_id], round(y / ROW_HEIGHT), x)
    return sorted(points, key=key)


def nearest_in_direction(points: Mapping[str, Point], current: str, dx: int, dy: int) -> str | None:
    """The closest region ahead of ``current`` in the direction of an arrow key."""
    here_x, here_y = points[current]
    best, best_score = None, float("inf")
    for region_id, (x, y) in points.items():
        if region_id == current:
            continue
        vx, vy = x - here_x, y - here_y
        ahead = vx * dx + vy * dy
        if ahead <= 1:
            continue
        aside = abs(vx * dy - vy * dx)
        if aside > MAX_SLANT * ahead:
            continue
        score = ahead + 2.0 * aside
        if score < best_score:
            best, best_score = region_id, score
    return best


SIDE_LETTERS = {"l": "left", "r": "right"}


def find_region(text: str, atlas: Atlas, order: Iterable[str],
                within: Container[str] | None = None) -> str | None:
    """The region whose name, in English or the language of the moment, best matches
    what was typed ("l trap", "calf"; "l Trapez", "Wade").

    Every typed word must start a word of the name or id; a lone "l" or "r" names the
    side (not "latae" or "rectus"); a name that starts with the whole text wins, then
    reading order decides. ``within``: the regions a map can show (all when None).
    """
    words = folded(text).split()
    if not words:
        return None
    sides = {SIDE_LETTERS[word] for word in words if word in SIDE_LETTERS}
    words = [word for word in words if word not in SIDE_LETTERS]
    position = {region_id: index for index, region_id in enumerate(order)}

    def rank(region: Region) -> tuple[int, int]:
        starts = any(name.startswith(folded(text)) for name in _plain_names(region))
        return (0 if starts else 1, position.get(region.id, len(position)))
    found = min((region for region in atlas if _may_be(region, words, sides, within)),
                key=rank, default=None)  # the first of equals, in the atlas's order
    return found.id if found else None


def _plain_names(region: Region) -> set[str]:
    """Its name in English and in the language of the moment, without case, accents or
    brackets (a German may type "l Trapez" or "wade", a French "epaule")."""
    return {folded(name).translate(_APART) for name in (region.english, region.name)}


_APART = str.maketrans("(),’'", "     ")  # brackets, commas and elisions ("l’épaule")


def _may_be(region: Region, words: list[str], sides: set[str],
            within: Container[str] | None) -> bool:
    """Whether every typed word starts a word of the region's name or id, on the side
    typed, among the regions the map can show."""
    if (sides and region.side.value not in sides) or (within is not None
                                                      and region.id not in within):
        return False
    tokens = [token for name in _plain_names(region) for token in name.split()]
    tokens += region.id.replace(".", " ").replace("_", " ").split()
    return all(any(token.startswith(word) for token in tokens) for word in words)
