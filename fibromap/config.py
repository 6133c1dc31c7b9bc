"""Where FibroMap keeps things: the one module that resolves every path.

By default everything follows the platform's conventions (platformdirs).
``FIBROMAP_HOME=DIR`` puts all user data — database, backups, logs and
settings — under DIR (tests always set it). ``--database URL`` or
``FIBROMAP_DATABASE_URL`` choose another database, such as PostgreSQL.
"""

from __future__ import annotations

import os
import sys
import tempfile
import zlib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

from fibromap import APP_NAME
from fibromap.errors import FibroMapError

HOME_ENV = "FIBROMAP_HOME"
DATABASE_ENV = "FIBROMAP_DATABASE_URL"
DATABASE_FILENAME = "fibromap.sqlite3"
# Demo records live in their own home inside the person's, never among their records.
DEMO_FOLDER = "demo"


@dataclass(frozen=True)
class Paths:
    """The folders and files that hold one person's FibroMap data."""

    data_dir: Path
    backups_dir: Path
    logs_dir: Path
    settings_file: Path
    demo: bool = False

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILENAME

    @classmethod
    def from_environment(cls, environ: os._Environ | dict | None = None) -> Paths:
        environ = os.environ if environ is None else environ
        home = environ.get(HOME_ENV)
        if home:
            root = Path(home).expanduser().absolute()
            return cls(root, root / "backups", root / "logs", root / "settings.ini")
        data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        config = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        logs = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
        return cls(data, data / "backups", logs, config / "settings.ini")

    def for_demo(self) -> Paths:
        """The separate home of the demo records (`fibromap demo`, `fibromap --demo`): its
        own database, backups, logs and settings, so nothing made up mixes with real ones."""
        root = self.data_dir / DEMO_FOLDER
        return Paths(root, root / "backups", root / "logs", root / "settings.ini", demo=True)

    def ensure(self, directory: Path) -> Path:
        """Create ``directory`` if needed, or explain why it cannot be used."""
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise FibroMapError(
                f"cannot create the folder {directory}: {exc.strerror or exc}"
            ) from exc
        if not os.access(directory, os.W_OK | os.X_OK):
            raise FibroMapError(f"the folder {directory} is not writable")
        return directory


def cache_folder(environ: os._Environ | dict | None = None) -> Path:
    """Where FibroMap keeps what it can make again, to start sooner (domain/resource_cache.py):
    the platform's cache folder, or FIBROMAP_HOME/cache when that is set."""
    environ = os.environ if environ is None else environ
    home = environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser().absolute() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def keep_private() -> None:
    """Everything this process creates — database, journal, backups, logs, drafts, settings,
    exports, reports — is readable by the person alone (0600 files in 0700 folders)."""
    if os.name == "posix":
        os.umask(0o077)


def tighten(paths: Paths) -> None:
    """Make an install from before private: its folders 0700 and the files in them 0600.
    A place FibroMap cannot change (read-only, someone else's) is left as it is."""
    if os.name != "posix":
        return
    for folder in dict.fromkeys((paths.data_dir, paths.backups_dir, paths.logs_dir,
                                 paths.settings_file.parent)):
        try:
            if not folder.is_dir():
                continue
            if folder.stat().st_mode & 0o077:
                folder.chmod(PRIVATE_FOLDER)
            for entry in folder.iterdir():
                if entry.is_file() and not entry.is_symlink() and entry.stat().st_mode & 0o077:
                    entry.chmod(PRIVATE_FILE)
        except OSError:
            continue


def database_url(paths: Paths, override: str | None = None,
                 environ: os._Environ | dict | None = None) -> str:
    """The SQLAlchemy URL to open: the override, the environment, or the default file.

    A plain path (no ``scheme://``) names an SQLite file."""
    environ = os.environ if environ is None else environ
    url = override or environ.get(DATABASE_ENV)
    if url and "://" not in url and url != ":memory:":
        return f"sqlite:///{Path(url).expanduser().absolute()}"
    if url:
        return url
    return f"sqlite:///{paths.database_file}"


# A socket file's path must fit in the 108 bytes of sockaddr_un.
SOCKET_PATH_LIMIT = 100


def instance_address(url: str, environ: os._Environ | dict | None = None) -> str:
    """Where the running app listens for a second start on the database ``url`` (one
    address per person and database): a socket file in the person's runtime folder
    (XDG_RUNTIME_DIR; FIBROMAP_HOME when set; a folder of theirs in the temporary one when
    neither is, or the path would be too long), or a named pipe's name on Windows."""
    environ = os.environ if environ is None else environ
    user = str(os.getuid()) if hasattr(os, "getuid") else environ.get("USERNAME", "")
    key = f"{user}\n{url}".encode()
    # Two checksums of the key, one of it reversed: 64 bits name it (zlib is loaded by
    # then; hashlib would load OpenSSL before the window is drawn).
    name = f"fibromap-{zlib.crc32(key):08x}{zlib.crc32(key[::-1]):08x}"
    if os.name != "posix":
        return name
    home, runtime = environ.get(HOME_ENV), environ.get("XDG_RUNTIME_DIR")
    private = Path(tempfile.gettempdir()) / f"fibromap-{user}"
    folder = (Path(home).expanduser().absolute() if home
              else Path(runtime) / APP_NAME if runtime else private)
    for path in (str(folder / f"{name}.socket"), str(private / f"{name}.socket")):
        if len(path.encode()) < SOCKET_PATH_LIMIT:
            return path
    return name


def resource(*parts: str) -> Traversable:
    """A file under resources/, from a checkout, an installed wheel or a bundle."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle unpacks them beside the code
        # PyInstaller sets sys._MEIPASS, which typeshed does not know.
        root: Traversable = Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    else:
        try:
            root = resources.files("fibromap.resources")
        except ModuleNotFoundError:
            # Running from a source tree that was never installed.
            root = Path(__file__).resolve().parent.parent / "resources"
    for part in parts:
        root = root / part
    return root
