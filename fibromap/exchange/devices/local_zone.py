"""This computer's time zone by its name (Europe/Berlin), for an export that keeps none
(Gadgetbridge): its times are placed in it, and the name is remembered with the device's
records so that a later import, under any time zone, places them the same."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _named(text: str) -> ZoneInfo | None:
    """A zone from "Europe/Berlin", ":Europe/Berlin" or a path into a zoneinfo folder."""
    text = text.strip().removeprefix(":")
    if "zoneinfo/" in text:
        text = text.rsplit("zoneinfo/", 1)[1]
    try:
        return ZoneInfo(text) if text else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def computer_zone() -> ZoneInfo | None:
    """The zone whose rules datetime.astimezone() follows here: the TZ variable where it
    is set (empty: UTC), else the zone /etc/localtime links to, else /etc/timezone's. None
    when it has no name FibroMap can find (a TZ rule such as "CET-1CEST", Windows)."""
    variable = os.environ.get("TZ")
    if variable is not None:
        return ZoneInfo("UTC") if not variable.strip(": ") else _named(variable)
    try:
        linked = _named(str(Path("/etc/localtime").resolve(strict=True)))
    except OSError:
        linked = None
    if linked is not None:
        return linked
    try:
        return _named(Path("/etc/timezone").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
