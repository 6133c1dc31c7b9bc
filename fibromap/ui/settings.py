"""The person's settings, kept in one INI file under the FibroMap folder."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from fibromap.domain.builds import Build
from fibromap.figure.orientation import Orientation


class Settings:
    def __init__(self, path: Path):
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def orientation(self) -> Orientation:
        value = self._settings.value("bodymap/orientation", Orientation.PATIENT.value)
        try:
            return Orientation(str(value))
        except ValueError:
            return Orientation.PATIENT

    @orientation.setter
    def orientation(self, value: Orientation) -> None:
        self._settings.setValue("bodymap/orientation", Orientation(value).value)
        self._settings.sync()

    @property
    def report_orientation(self) -> Orientation:
        """How the report's front figure faces: the clinician's view at first (the patient's
        right on the left of the page, as on the BPI's and the ACR's body diagrams), the
        mirror view when chosen for the report."""
        value = self._settings.value("report/orientation", Orientation.CLINICIAN.value)
        try:
            return Orientation(str(value))
        except ValueError:
            return Orientation.CLINICIAN

    @report_orientation.setter
    def report_orientation(self, value: Orientation) -> None:
        self._settings.setValue("report/orientation", Orientation(value).value)
        self._settings.sync()

    @property
    def build(self) -> Build:
        """The body map's figure: female, male or neutral (the same regions on each)."""
        value = self._settings.value("bodymap/figure", Build.NEUTRAL.value)
        try:
            return Build(str(value))
        except ValueError:
            return Build.NEUTRAL

    @build.setter
    def build(self, value: Build) -> None:
        self._settings.setValue("bodymap/figure", Build(value).value)
        self._settings.sync()

    @property
    def checkin_reminder(self) -> time | None:
        """When to remind about the daily check-in while the app runs (None: never)."""
        value = self._settings.value("checkin/reminder", "")
        try:
            return time.fromisoformat(str(value)) if value else None
        except (TypeError, ValueError):
            return None

    @checkin_reminder.setter
    def checkin_reminder(self, value: time | None) -> None:
        self._settings.setValue("checkin/reminder", value.strftime("%H:%M") if value else "")
        self._settings.sync()

    @property
    def page_size(self) -> str:
        """Paper for the report: "a4" or "letter"."""
        value = str(self._settings.value("report/page_size", "a4")).lower()
        return value if value in ("a4", "letter") else "a4"

    @page_size.setter
    def page_size(self, value: str) -> None:
        self._settings.setValue("report/page_size", value)
        self._settings.sync()

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)
        self._settings.sync()

    @property
    def last_view(self) -> str | None:
        """The view open when FibroMap last closed; None before it ever closed."""
        value = self._settings.value("window/view")
        return None if value is None else str(value)

    @last_view.setter
    def last_view(self, name: str) -> None:
        self._settings.setValue("window/view", name)
        self._settings.sync()

    @property
    def lock_minutes(self) -> int:
        """Lock the window after this many minutes without input (0: never)."""
        try:
            # The INI file gives back text ("15"); an int set in this run reads the same.
            return max(0, min(240, int(str(self._settings.value("privacy/lock_minutes", 0)))))
        except (TypeError, ValueError):
            return 0

    @lock_minutes.setter
    def lock_minutes(self, value: int) -> None:
        self._settings.setValue("privacy/lock_minutes", int(value))
        self._settings.sync()

    @property
    def tray_explained(self) -> bool:
        """Whether FibroMap has said that closing its window leaves it in the tray."""
        return str(self._settings.value("window/tray_explained", "false")).lower() == "true"

    @tray_explained.setter
    def tray_explained(self, value: bool) -> None:
        self._settings.setValue("window/tray_explained", "true" if value else "false")
        self._settings.sync()

    @property
    def language(self) -> str | None:
        """The language chosen in Settings › Language (a tag of fibromap.i18n.SHIPPED);
        None: the system's. The command line reads the same key (i18n.languages.setting_in)."""
        from fibromap.i18n import normalise
        return normalise(str(self._settings.value("app/language", "") or "")) or None

    @language.setter
    def language(self, value: str | None) -> None:
        self._settings.setValue("app/language", value or "")
        self._settings.sync()
