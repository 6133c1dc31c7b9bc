"""Where a view's own units land in the SVG (make_detail_views.py, make_crop_views.py)."""

from __future__ import annotations

from dataclasses import dataclass

from shape_tools import Point


@dataclass(frozen=True)
class Frame:
    """Where a view's units land in the SVG: x' = (x + half_width) * scale,
    y' = (y - top) * scale + margin; the frame is 2 * half_width wide and spans top..bottom."""

    scale: float
    half_width: float
    top: float
    bottom: float
    near: str            # the person's side drawn on the viewer's left
    sides_at: Point      # where the viewer's-left L/R letter goes, in the view's units
    margin: float = 12.0

    @property
    def width(self) -> float:
        return 2 * self.half_width * self.scale

    @property
    def height(self) -> float:
        return (self.bottom - self.top) * self.scale + 2 * self.margin

    def svg(self, x: float, y: float) -> tuple[float, float]:
        return (x + self.half_width) * self.scale, (y - self.top) * self.scale + self.margin
