"""The unsaved flare, kept on disk so that nothing typed is lost."""

from __future__ import annotations

import os
from pathlib import Path

from fibromap.config import Paths
from fibromap.domain.atlas import load_atlas
from fibromap.domain.draft import FlareDraft
from fibromap.errors import FibroMapError, ValidationError

DRAFT_FILE = "unsaved-flare.json"


class DraftFile:
    def __init__(self, paths: Paths):
        self._paths = paths
        self.path: Path = paths.data_dir / DRAFT_FILE
        self.set_aside: Path | None = None  # where the last damaged draft was put
        self.problem = ""

    def save(self, draft: FlareDraft) -> None:
        """Write atomically and durably: a crash leaves the old draft or the new one."""
        self._paths.ensure(self.path.parent)
        temporary = self.path.with_suffix(".tmp")
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(draft.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except OSError as exc:
            raise FibroMapError(f"cannot keep the unsaved flare in {self.path}: "
                                f"{exc.strerror or exc}") from exc

    def load(self) -> FlareDraft | None:
        """The draft left by the last session, or None. A file that cannot be read back —
        damaged, or holding what the form never could — is set aside (``set_aside`` then
        says where, and ``problem`` why), never a reason not to start."""
        self.set_aside = None
        self.problem = ""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        try:
            return FlareDraft.from_json(data.decode("utf-8")).check(load_atlas())
        except (UnicodeDecodeError, ValidationError) as exc:
            self.problem = str(exc) if isinstance(exc, ValidationError) else "it is not UTF-8 text"
            self.set_aside = self.path.with_suffix(".damaged")
            try:
                self.path.replace(self.set_aside)
            except OSError:
                self.set_aside = None
            return None

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
