"""The unsaved flare, kept on disk so that nothing typed is lost.

While the database is protected the draft is sealed with a key derived from the
database's (domain/sealing.py), so a flare being typed is never on the disk in plain text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from fibromap.config import Paths
from fibromap.domain import sealing
from fibromap.domain.atlas import load_atlas
from fibromap.domain.draft import FlareDraft
from fibromap.errors import FibroMapError
from fibromap.store import cipher

DRAFT_FILE = "unsaved-flare.json"
PURPOSE = "draft"


class DraftFile:
    def __init__(self, paths: Paths, key: Callable[[], cipher.Key | None] = lambda: None):
        self._paths = paths
        self._key = key  # the database's key now (None: not protected)
        self.path: Path = paths.data_dir / DRAFT_FILE
        self.set_aside: Path | None = None  # where the last damaged draft was put
        self.problem = ""

    def _encoded(self, draft: FlareDraft) -> bytes:
        data = draft.to_json().encode("utf-8")
        key = self._key()
        if key is None:
            return data
        return sealing.seal_with_database_key(data, key.secret, key.salt, PURPOSE)

    def save(self, draft: FlareDraft) -> None:
        """Write atomically and durably: a crash leaves the old draft or the new one. A
        plain draft replaced by a sealed one is overwritten, not only unlinked."""
        self._paths.ensure(self.path.parent)
        temporary = self.path.with_suffix(".tmp")
        data = self._encoded(draft)
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            old = self._plain_to_overwrite(sealing.is_sealed(data))
            try:
                os.replace(temporary, self.path)
                if old is not None:
                    _overwrite(old)
            finally:
                if old is not None:
                    old.close()
        except OSError as exc:
            raise FibroMapError(f"cannot keep the unsaved flare in {self.path}: "
                                f"{exc.strerror or exc}") from exc

    def _plain_to_overwrite(self, sealing_now: bool):
        """A handle on the plain draft a sealed one is about to replace, if there is one."""
        if not sealing_now:
            return None
        try:
            handle = open(self.path, "rb+")
        except OSError:
            return None
        if sealing.is_sealed(handle.read(200)):
            handle.close()
            return None
        return handle

    def load(self) -> FlareDraft | None:
        """The draft left by the last session, or None. A file that cannot be read back —
        damaged, or holding what the form never could — is set aside (``set_aside`` then
        says where, and ``problem`` why), never a reason not to start. A sealed draft whose
        database is not unlocked is left where it is (``problem`` says so)."""
        self.set_aside = None
        self.problem = ""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        try:
            if sealing.is_sealed(data):
                key = cipher.key_for_salt(sealing.database_salt(data) or b"")
                if key is None:
                    self.problem = "it is protected, and its passphrase was not given"
                    return None
                data = sealing.unseal_with_database_key(data, key.secret, key.salt)
            return FlareDraft.from_json(data.decode("utf-8")).check(load_atlas())
        except (UnicodeDecodeError, FibroMapError) as exc:
            self.problem = ("it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError)
                            else str(exc))
            self.set_aside = self.path.with_suffix(".damaged")
            try:
                self.path.replace(self.set_aside)
            except OSError:
                self.set_aside = None
            return None

    def reseal(self) -> None:
        """Write the draft again under the database's protection now (after it changed)."""
        draft = self.load()
        if draft is not None:
            self.save(draft)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def _overwrite(handle) -> None:
    size = os.fstat(handle.fileno()).st_size
    handle.seek(0)
    handle.write(b"\x00" * size)
    handle.flush()
    os.fsync(handle.fileno())
