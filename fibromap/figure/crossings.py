"""Whether segments and boxes cross, for many at once (numpy): the label placer's tests.
A box is (left, top, right, bottom); a segment (x1, y1, x2, y2)."""

from __future__ import annotations


def segments_cross_boxes(x1, y1, x2, y2, boxes):
    """For N segments (arrays of their ends) and M boxes (M×4), an N×M array: whether
    each segment passes through the inside of each box: their bounds overlap, and the
    box's corners do not all lie on one side of the segment's line."""
    import numpy as np  # loaded with the first heat-map, not at start-up

    x1, y1, x2, y2 = (np.asarray(v, dtype=float).reshape(-1)[:, None] for v in (x1, y1, x2, y2))
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    left, top, right, bottom = (boxes[:, i][None, :] for i in range(4))
    hit = ((np.minimum(x1, x2) < right) & (left < np.maximum(x1, x2))
           & (np.minimum(y1, y2) < bottom) & (top < np.maximum(y1, y2)))
    dx, dy = x2 - x1, y2 - y1
    below = above = None
    for cx, cy in ((left, top), (right, top), (left, bottom), (right, bottom)):
        turn = dx * (cy - y1) - dy * (cx - x1)
        below = turn < 0 if below is None else below | (turn < 0)
        above = turn > 0 if above is None else above | (turn > 0)
    return hit & below & above


def segments_cross(a, b):
    """For N segments ``a`` and M segments ``b`` (rows x1, y1, x2, y2), an N×M array:
    whether each pair crosses (touching at an end is not crossing)."""
    import numpy as np  # loaded with the first heat-map, not at start-up

    a = np.asarray(a, dtype=float).reshape(-1, 4)[:, None, :]
    b = np.asarray(b, dtype=float).reshape(-1, 4)[None, :, :]

    def turn(p, q, r):  # the sign of the turn p → q → r
        return ((q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1])
                - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0]))
    a1, a2, b1, b2 = a[..., :2], a[..., 2:], b[..., :2], b[..., 2:]
    return ((turn(b1, b2, a1) * turn(b1, b2, a2) < 0)
            & (turn(a1, a2, b1) * turn(a1, a2, b2) < 0))


def boxes_touch(left, top, right, bottom, boxes):
    """N boxes (arrays of their sides) against M boxes: an N×M array, whether they overlap."""
    import numpy as np  # loaded with the first heat-map, not at start-up

    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    left, top, right, bottom = (np.asarray(v, dtype=float).reshape(-1)[:, None]
                                for v in (left, top, right, bottom))
    return ((left < boxes[:, 2]) & (boxes[:, 0] < right)
            & (top < boxes[:, 3]) & (boxes[:, 1] < bottom))


def as_rows(boxes):
    """Boxes or segments as an M×4 array."""
    import numpy as np  # loaded with the first heat-map, not at start-up

    return np.asarray(boxes, dtype=float).reshape(-1, 4)


def reaching(rows, reach, spans: bool = False):
    """The boxes (or, with ``spans``, the segments) of an M×4 array that reach into the box
    ``reach``."""
    if not len(rows):
        return rows
    if spans:
        left, right = rows[:, [0, 2]].min(axis=1), rows[:, [0, 2]].max(axis=1)
        top, bottom = rows[:, [1, 3]].min(axis=1), rows[:, [1, 3]].max(axis=1)
    else:
        left, top, right, bottom = rows.T
    return rows[(left <= reach[2]) & (reach[0] <= right) & (top <= reach[3]) & (reach[1] <= bottom)]


def distances(segments, points):
    """For N segments (N×4) and P points (P×2), an N×P array of each point's distance
    from each segment."""
    import numpy as np  # loaded with the first heat-map, not at start-up

    ax, ay = segments[:, 0:1], segments[:, 1:2]
    dx, dy = segments[:, 2:3] - ax, segments[:, 3:4] - ay
    px, py = points[:, 0][None, :] - ax, points[:, 1][None, :] - ay
    along = np.clip((px * dx + py * dy) / np.maximum(dx * dx + dy * dy, 1e-9), 0.0, 1.0)
    return np.hypot(px - along * dx, py - along * dy)
