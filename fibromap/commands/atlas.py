"""`fibromap atlas`: the body regions the map draws, their views, sides and referral zones."""

from __future__ import annotations

import json

from fibromap.config import Paths
from fibromap.i18n import ngettext


def run(args, url: str, paths: Paths) -> int:
    """`fibromap atlas`: every body region, as a table or as JSON."""
    from fibromap.domain.atlas import load_atlas

    atlas = load_atlas()
    regions = sorted(atlas, key=lambda r: (r.view.value, r.area, r.id))
    rows = [{"id": r.id, "name": r.name, "view": r.view.value, "side": r.side.value,
             "layer": r.layer.value, "detail": r.detail, "parent": r.parent,
             "wpi_area": r.wpi_area,
             "muscles": list(r.muscles), "referral_zones": list(atlas.referral_zones(r.id))}
            for r in regions]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(row["id"]) for row in rows)
    name_width = max(len(row["name"]) for row in rows)
    for row in rows:
        print(f"{row['id']:<{width}}  {row['name']:<{name_width}}  {row['view']:<5}  "
              f"{row['side']:<6}  {'deep' if row['layer'] == 'deep' else '':<4}  "
              f"{row['wpi_area'] or '-'}".rstrip())
    deep = sum(row["layer"] == "deep" for row in rows)
    print(ngettext("{n} regions ({deep} deep, drawn where it lies under others)",
                   "{n} regions ({deep} deep, drawn where they lie under others)", deep)
          .format(n=len(rows), deep=deep))
    return 0
