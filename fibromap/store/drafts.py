"""The unsaved flare, kept on disk so that nothing typed is lost.

While the database is protected the draft is sealed with a key derived from the
database's (domain/sealing.py), so a flare being typed is never on the disk in plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fibromap import atomic
from fibromap.config import Paths
from fibromap.domain import sealing
from fibromap.domain.atlas import load_atlas
from fibromap.domain.draft import FlareDraft
from fibromap.errors import FibroMapError
from fibromap.i18n import _
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

    def encoded(self, draft: FlareDraft) -> bytes:
        data = draft.to_json().encode("utf-8")
        key = self._key()
        if key is None:
            return data
        return sealing.seal_with_database_key(data, key.secret, key.salt, PURPOSE)

    def save(self, draft: FlareDraft) -> None:
        """Write atomically and durably: a crash leaves the old draft or the new one."""
        self._paths.ensure(self.path.parent)
        atomic.write_bytes(self.path, self.encoded(draft),
                           failure=_("cannot keep the unsaved flare in {path}").format(
                               path=self.path))

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
                    self.problem = _("it is protected, and its passphrase was not given")
                    return None
                data = sealing.unseal_with_database_key(data, key.secret, key.salt)
            return FlareDraft.from_json(data.decode("utf-8")).check(load_atlas())
        except (UnicodeDecodeError, FibroMapError) as exc:
            self.problem = (_("it is not UTF-8 text") if isinstance(exc, UnicodeDecodeError)
                            else str(exc))
            self.set_aside = atomic.free_name(self.path.with_suffix(".damaged"))
            try:
                self.path.replace(self.set_aside)
            except OSError:
                self.set_aside = None
            return None

    def discard(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:  # a read-only place
            raise FibroMapError(_("cannot remove the unsaved flare {path}: {reason}").format(
                path=self.path, reason=atomic.reason(exc))) from exc

