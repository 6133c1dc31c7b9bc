"""Which muscles might be sending pain to the zones a person marked.

Ranks the typical trigger-point referral patterns (resources/atlas/trigger_points.json)
by how well they match the marked zones. A match is a typical pattern, not a diagnosis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fibromap.domain.atlas import Atlas

DISCLAIMER = "typical pattern, not a diagnosis"


@dataclass(frozen=True, slots=True)
class SourceSuggestion:
    muscle: str
    name: str
    location: str
    source_regions: tuple[str, ...]
    matched_zones: tuple[str, ...]
    pattern_zones: tuple[str, ...]
    score: float


def suggest_sources(zones: Iterable[str], atlas: Atlas, limit: int = 5) -> list[SourceSuggestion]:
    """Patterns that cover the marked zones, best first.

    The score rewards covering many of the marked zones (recall) and, less, a pattern
    whose zones are mostly marked (precision); ties go to the muscle name.
    """
    marked = set(zones)
    if not marked:
        return []
    found = []
    for pattern in atlas.patterns:
        hit = tuple(z for z in pattern.zones if z in marked)
        if not hit:
            continue
        recall = len(hit) / len(marked)
        precision = len(hit) / len(pattern.zones)
        found.append(SourceSuggestion(
            pattern.muscle, pattern.name, pattern.location, pattern.sources, hit,
            pattern.zones, round(0.7 * recall + 0.3 * precision, 4)))
    found.sort(key=lambda s: (-s.score, s.name))
    return found[:limit]
