"""The unsaved flare, kept on disk so that nothing typed is lost."""

from __future__ import annotations

import os
from pathlib import Path

from fibromap.config import Paths
from fibromap.domain.draft import FlareDraft
from fibromap.errors import FibroMapError, ValidationError

DRAFT_FILE = "unsaved-flare.json"


class DraftFile:
    def __init__(self, paths: Paths):
        self._paths = paths
        self.path: Path = paths.data_dir / DRAFT_FILE

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
        """The draft left by the last session, or None. A damaged file is set aside."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError:
            return None
        try:
            return FlareDraft.from_json(text)
        except ValidationError:
            self.path.replace(self.path.with_suffix(".damaged"))
            return None

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
