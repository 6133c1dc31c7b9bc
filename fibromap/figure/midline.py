"""Where a figure's midline is, found from its drawing: halfway between the two sides of
every muscle drawn on both sides."""

from __future__ import annotations

from statistics import median

from fibromap.domain.geometry import FigureView


def midline_of(figure: FigureView) -> float:
    """The x of the body's midline in the view's own frame: the median of the midpoints
    between each left region's centre and its right twin's (the frame's middle for a view
    with no pairs)."""
    def centre(region_id: str) -> float:
        xs = [x for x, _y in figure.regions[region_id].outer]
        return (min(xs) + max(xs)) / 2

    middles = [(centre(left) + centre(left[:-5] + ".right")) / 2
               for left in figure.regions
               if left.endswith(".left") and left[:-5] + ".right" in figure.regions]
    return median(middles) if middles else figure.width / 2
