"""Which language: the languages FibroMap ships, and the one a person asked for (their
setting, ``--language``, or the environment's usual variables), matched to the nearest
shipped one."""

from __future__ import annotations

import argparse
import configparser
import os
from collections.abc import Mapping
from pathlib import Path

# Each language by its tag (the catalogue's folder) and its own name for itself.
SHIPPED = {
    "en": "English",
    "es": "Español",
    "de": "Deutsch",
    "fr": "Français",
    "pt_BR": "Português (Brasil)",
}
DEFAULT = "en"
# Where a language is asked for without its region, the one of its regions FibroMap has.
NEAREST = {"pt": "pt_BR"}
# The variables that name a language, in the order gettext reads them; FibroMap's own first.
VARIABLES = ("FIBROMAP_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def normalise(tag: str | None) -> str | None:
    """The shipped language nearest ``tag`` ("de_AT.UTF-8", "pt-BR", "fr"), or None when
    FibroMap has none of it (or ``tag`` names no language: "C", "POSIX", "")."""
    if not tag:
        return None
    base = tag.split(".")[0].split("@")[0].replace("-", "_")
    if base in ("C", "POSIX", ""):
        return None
    language, _sep, region = base.partition("_")
    language = language.lower()
    exact = f"{language}_{region.upper()}" if region else language
    if exact in SHIPPED:
        return exact
    if language in SHIPPED:
        return language
    nearest = NEAREST.get(language)
    if nearest is not None:
        return nearest
    return next((tag for tag in SHIPPED if tag.split("_")[0] == language), None)


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext reads it (LANGUAGE may list
    several, the first FibroMap has wins); English when it asks for none FibroMap has."""
    environ = os.environ if environ is None else environ
    for variable in VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for tag in value.split(":"):
            chosen = normalise(tag)
            if chosen is not None:
                return chosen
        if variable != "LANGUAGE":  # LC_ALL=C means C: no later variable is read
            return DEFAULT
    return DEFAULT


def choose(asked: str | None, setting: str | None = None,
           environ: Mapping[str, str] | None = None) -> str:
    """The language to use: asked for on the command line, else the app's setting, else
    the environment's."""
    for tag in (asked, setting):
        chosen = normalise(tag)
        if chosen is not None:
            return chosen
    return from_environment(environ)


def setting_in(settings_file: Path) -> str | None:
    """The language chosen in the app (Settings › Language), read from its settings file
    without Qt (the command line reads it too); None for "as the system"."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_file, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None
    return normalise(parser.get("app", "language", fallback="")) or None


def language_argument(value: str) -> str:
    """``--language``'s value, matched to a shipped language, or refused in one line."""
    chosen = normalise(value)
    if chosen is None:
        raise argparse.ArgumentTypeError(f"FibroMap speaks {', '.join(SHIPPED)}; not {value!r}")
    return chosen
