"""Sealed files: health data written while protection is on (an export, the draft of a
flare), readable only with the passphrase or the database's key.

A sealed file is a small JSON envelope around AES-256-GCM ciphertext. The envelope's
header (format, version, how the key is made, nonce) is authenticated with the content,
so nothing in it can be changed unnoticed:

    {"format": "fibromap-sealed", "version": 1,
     "key": {"from": "passphrase", "kdf": "scrypt", "n": 131072, "r": 8, "p": 1,
             "salt": "<base64>"},
     "cipher": "AES-256-GCM", "nonce": "<base64>", "content": "<what it holds>",
     "ciphertext": "<base64>"}

An export is sealed with a passphrase (scrypt, 128 MiB of memory: slow to guess); a draft
with a key derived from the database's own (``"from": "database"``, with the database's
salt to say which), so that typing costs no key derivation.
"""

from __future__ import annotations

import base64
import binascii
import json
import os

from fibromap.errors import FibroMapError
from fibromap.i18n import _

FORMAT = "fibromap-sealed"
VERSION = 1
SCRYPT = {"n": 2 ** 17, "r": 8, "p": 1}
_MARK = b'"format": "fibromap-sealed"'


class CannotUnseal(FibroMapError):
    """The passphrase or key does not open a sealed file (or it was changed)."""


def is_sealed(data: bytes) -> bool:
    """Whether ``data`` is a sealed FibroMap file (judged by its first bytes)."""
    return _MARK in data[:200]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raise FibroMapError(_("the sealed file is damaged (its base64 is broken)")) from None


def _aead(key: bytes):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    return AESGCM(key)


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    if not passphrase:
        raise FibroMapError(_("a passphrase cannot be empty"))
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def database_subkey(secret: bytes, salt: bytes, purpose: str) -> bytes:
    """A key for one purpose (``"draft"``) derived from the database's key (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=f"fibromap {purpose}".encode()).derive(secret)


def _header_bytes(header: dict) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _seal(data: bytes, key: bytes, key_header: dict, content: str) -> bytes:
    nonce = os.urandom(12)
    header = {"format": FORMAT, "version": VERSION, "key": key_header,
              "cipher": "AES-256-GCM", "nonce": _b64(nonce), "content": content}
    ciphertext = _aead(key).encrypt(nonce, data, _header_bytes(header))
    text = json.dumps({**header, "ciphertext": _b64(ciphertext)}, indent=1)
    return text.encode("utf-8")


def seal_with_passphrase(data: bytes, passphrase: str, content: str) -> bytes:
    salt = os.urandom(16)
    key = _scrypt(passphrase, salt, **SCRYPT)
    return _seal(data, key, {"from": "passphrase", "kdf": "scrypt", **SCRYPT,
                             "salt": _b64(salt)}, content)


def seal_with_database_key(data: bytes, secret: bytes, salt: bytes, purpose: str) -> bytes:
    key = database_subkey(secret, salt, purpose)
    return _seal(data, key, {"from": "database", "salt": _b64(salt), "purpose": purpose},
                 purpose)


def envelope(data: bytes) -> dict:
    """The sealed file's parts, checked to be a version this FibroMap reads."""
    try:
        found = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise FibroMapError(_("the sealed file is damaged (it is not whole JSON)")) from None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise FibroMapError(_("the file is not a sealed FibroMap file"))
    if found.get("version") != VERSION:
        raise FibroMapError(_("the sealed file is version {version}, from a newer FibroMap; "
                              "update FibroMap to open it").format(
                                  version=repr(found.get("version"))))
    if found.get("cipher") != "AES-256-GCM" or not isinstance(found.get("key"), dict):
        raise FibroMapError(_("the sealed file is damaged (unknown cipher or key)"))
    return found


def made_from_passphrase(data: bytes) -> bool:
    return envelope(data)["key"].get("from") == "passphrase"


def database_salt(data: bytes) -> bytes | None:
    """The salt of the database whose key sealed ``data`` (None: sealed with a passphrase)."""
    key = envelope(data)["key"]
    return _unb64(key.get("salt", "")) if key.get("from") == "database" else None


def _open(found: dict, key: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    header = {name: value for name, value in found.items() if name != "ciphertext"}
    try:
        return _aead(key).decrypt(_unb64(found["nonce"]), _unb64(found.get("ciphertext", "")),
                                  _header_bytes(header))
    except (InvalidTag, ValueError):
        raise CannotUnseal(_("the passphrase does not open this file (or the file was "
                             "changed)")) from None


def unseal_with_passphrase(data: bytes, passphrase: str) -> bytes:
    found = envelope(data)
    spec = found["key"]
    if spec.get("from") != "passphrase" or spec.get("kdf") != "scrypt":
        raise FibroMapError(_("this sealed file opens with its database's key, not a "
                              "passphrase"))
    try:
        n, r, p = (int(spec[name]) for name in ("n", "r", "p"))
    except (KeyError, TypeError, ValueError):
        raise FibroMapError(_("the sealed file is damaged (its key settings)")) from None
    if not (2 ** 10 <= n <= 2 ** 20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise FibroMapError(_("the sealed file asks for key settings FibroMap does not use"))
    return _open(found, _scrypt(passphrase, _unb64(spec.get("salt", "")), n, r, p))


def unseal_with_database_key(data: bytes, secret: bytes, salt: bytes) -> bytes:
    found = envelope(data)
    purpose = str(found["key"].get("purpose", ""))
    return _open(found, database_subkey(secret, salt, purpose))
