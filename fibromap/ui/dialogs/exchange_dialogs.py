"""Export and import from the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibromap.errors import FibroMapError
from fibromap.exchange.files import (
    HEALTH_DATA_WARNING,
    PROTECTED_PLAIN_WARNING,
    SEALED_NOTE,
    ImportReport,
    export_file,
    is_sealed_file,
    read_text,
    unsealed_text,
)
from fibromap.exchange.formats import export_format, export_formats, import_filters, sealable_format
from fibromap.i18n import _, formats, ngettext
from fibromap.store.store import Store
from fibromap.ui.widgets.feedback import FeedbackLabel


class ExportDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Export your records"))
        self._store = store
        self.format = QComboBox()
        for choice in export_formats():
            self.format.addItem(_(choice.choice), choice.key)
        # Each choice whole, whatever the labels beside it need in the language shown.
        self.format.setMinimumWidth(self.format.minimumSizeHint().width())
        self.protected = store.database.key is not None
        # Sealed by default while the records are protected (FibroMap JSON only).
        self.seal = QCheckBox(_("Seal it with a passphrase ({format} only)").format(
            format=sealable_format().name))
        self.seal.setChecked(self.protected)
        self.seal_passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.seal_passphrase.setAccessibleName(_("Passphrase for the export"))
        self.seal_confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.seal_confirm.setAccessibleName(_("The passphrase again"))
        self.warning = warning = QLabel(wordWrap=True)
        warning.setStyleSheet("font-weight: bold;")
        self.export_button = QPushButton(_("Export…"))
        self.feedback = FeedbackLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Format"), self.format)
        form.addRow("", self.seal)
        form.addRow(_("Passphrase"), self.seal_passphrase)
        form.addRow(_("Again"), self.seal_confirm)
        self._form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.export_button.clicked.connect(self._ask)
        self.format.currentIndexChanged.connect(self._sealing_changed)
        self.seal.toggled.connect(self._sealing_changed)
        self._sealing_changed()
        # At least 520 px, and wide enough for the longest choice in the language shown
        # (an explicit minimum would otherwise win over the layout's own).
        self.setMinimumWidth(max(520, layout.minimumSize().width()))

    def _chosen(self):
        return export_format(self.format.currentData())

    def _sealed(self) -> bool:
        return self.seal.isChecked() and self._chosen().sealable

    def _sealing_changed(self) -> None:
        self.seal.setEnabled(self._chosen().sealable)
        for field in (self.seal_passphrase, self.seal_confirm):
            self._form.setRowVisible(field, self._sealed())
        plain = _(HEALTH_DATA_WARNING) + (" " + _(PROTECTED_PLAIN_WARNING) if self.protected else "")
        self.warning.setText(_(SEALED_NOTE) if self._sealed() else plain)

    def _ask(self) -> None:
        suggested = str(Path.home() / f"fibromap-export{self._chosen().suffix}")
        path, _filter = QFileDialog.getSaveFileName(self, _("Export to"), suggested)
        if path:
            self.export_to(Path(path))

    def export_to(self, target: Path) -> bool:
        passphrase = None
        if self._sealed():
            passphrase = self.seal_passphrase.text()
            if not passphrase or passphrase != self.seal_confirm.text():
                self.feedback.say(_("Not exported: give the passphrase twice, the same both "
                                    "times.") if passphrase else _("Not exported: give a "
                                    "passphrase to seal it with."), error=True)
                return False
        elif self.protected and QMessageBox.question(
                self, _("Export in plain text?"),
                _("{warning} Write {name} all the same?").format(
                    warning=_(PROTECTED_PLAIN_WARNING), name=target.name)) \
                != QMessageBox.StandardButton.Yes:
            self.feedback.say(_("Not exported."), error=True)
            return False
        try:
            size = export_file(self._store, self.format.currentData(), target,
                               passphrase=passphrase)
        except FibroMapError as exc:
            self.feedback.say(_("Not exported: {problem}.").format(problem=exc), error=True)
            return False
        done = (ngettext("Exported {size} byte to {target}, sealed with the passphrase.",
                         "Exported {size} bytes to {target}, sealed with the passphrase.", size)
                if passphrase else
                ngettext("Exported {size} byte to {target}.", "Exported {size} bytes to {target}.",
                         size))
        self.feedback.say(done.format(size=formats.whole(size), target=target), error=False)
        return True


def ask_import(parent: QWidget, store: Store) -> ImportReport | None:
    """Choose a file, then check and import it in the import dialog."""
    path, _filter = QFileDialog.getOpenFileName(parent, _("Import records"), str(Path.home()),
                                                import_filters())
    return run_import(parent, store, Path(path)) if path else None


def run_import(parent: QWidget, store: Store, path: Path) -> ImportReport | None:
    from fibromap.ui.dialogs.import_dialog import ImportDialog

    text = None
    if is_sealed_file(path):
        text = open_sealed(parent, path)
        if text is None:
            return None
    dialog = ImportDialog(store, path, parent, text=text)
    dialog.exec()
    return dialog.report


def open_sealed(parent: QWidget, path: Path) -> str | None:
    """Ask for a sealed export's passphrase until it opens (None: the person gave up)."""
    try:
        sealed = read_text(path)
    except FibroMapError as exc:
        QMessageBox.warning(parent, _("Import"), _("Cannot read {name}: {problem}.").format(
            name=path.name, problem=exc))
        return None
    label = _("{name} is a sealed FibroMap export. Its passphrase:").format(name=path.name)
    while True:
        passphrase, given = QInputDialog.getText(parent, _("Open {name}").format(name=path.name), label,
                                                 QLineEdit.EchoMode.Password)
        if not given:
            return None
        try:
            return unsealed_text(sealed, passphrase)
        except FibroMapError as exc:
            label = _("{problem}. Try again; the passphrase of {name}:").format(problem=exc, name=path.name)
