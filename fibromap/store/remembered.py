"""A protected database's passphrase kept in the system's keyring (the `keyring` package:
the macOS Keychain, Windows Credential Locker, the Secret Service on Linux desktops), for
people who want FibroMap to open without asking on their own computer account.

The keyring is a service of the computer itself; nothing goes over a network. Where there
is no keyring (a server, a bare desktop), FibroMap says so and always asks.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "FibroMap"


def _backend():
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError:  # pragma: no cover - installed with FibroMap
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring is no keyring
        return None
    if isinstance(backend, fail.Keyring) or backend.priority <= 0:
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    return backend


def available() -> bool:
    """Whether this computer has a keyring FibroMap can keep the passphrase in."""
    return _backend() is not None


def _name(database: Path) -> str:
    return str(database.expanduser().absolute())


def recall(database: Path) -> str | None:
    backend = _backend()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, _name(database))
    except Exception as exc:  # noqa: BLE001 - locked or refusing: ask instead
        log.warning("the keyring did not give the passphrase: %s", exc)
        return None


def keep(database: Path, passphrase: str) -> bool:
    """Keep the passphrase; False when the keyring refused (the person is told)."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, _name(database), passphrase)
        return True
    except Exception as exc:  # noqa: BLE001 - a keyring that refuses just keeps nothing
        log.warning("the keyring did not keep the passphrase: %s", exc)
        return False


def forget(database: Path) -> None:
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, _name(database))
    except Exception:  # noqa: BLE001 - nothing kept, or the keyring refused: nothing to undo
        pass


def kept(database: Path) -> bool:
    return recall(database) is not None
