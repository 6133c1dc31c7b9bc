"""The Log view: the body map and the entry panel for one flare, saved in a few clicks.

The state is a FlareDraft that is written to disk on every change, so a closed
window or a killed process loses nothing; the next start offers it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from fibromap.domain.draft import DraftLink, DraftSite, FlareDraft
from fibromap.domain.flare import Flare, SiteRole
from fibromap.errors import ChangedElsewhere, FibroMapError
from fibromap.figure.formatting import onset_text, regions_text
from fibromap.i18n import N_, _
from fibromap.i18n.formats import in_sentence
from fibromap.store.drafts import DraftFile
from fibromap.ui.bodymap.body_map_page import BodyMapPage
from fibromap.ui.log.draft_undo import DraftHistory, Moment
from fibromap.ui.log.flare_form import FlareForm, local_now
from fibromap.ui.settings import Settings
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.widgets.no_spasms_box import NoSpasmsBox

if TYPE_CHECKING:
    from fibromap.store.store import Store

DRAFT_DELAY_MS = 100  # an edit is on disk within this, even if the app is killed
FORM_MIN_WIDTH = 320
FEEDBACK_LINES = 2  # room kept for the message over the buttons: "Saved the flare of …"
FIND_TIP = N_("Next time, type a muscle's name on the map to find it; Enter marks it.")
OPENING = N_("Opening your records… the flare is saved as soon as they are open.")


class LogPage(QWidget):
    saved = Signal(Flare)

    def __init__(self, store: Store | None, settings: Settings, drafts: DraftFile,
                 parent: QWidget | None = None):
        """The map and the form; without ``store`` (the window is shown before the database
        is open) the form and its buttons wait for attach()."""
        super().__init__(parent)
        self._store = store
        self._drafts = drafts
        self._editing: Flare | None = None
        self._loading = False
        self._divider_set = False  # the person has dragged the divider between the columns
        self._save_when_open = False  # Save was pressed before the records were open
        self.body = BodyMapPage(settings)
        self.map = self.body.map
        self.marks = self.body.marks  # the flare's sites and referrals (flare_marks.py)
        self.form = FlareForm()
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.feedback = FeedbackLabel()
        self.save_button = QPushButton(_("Save flare"))
        self.save_button.setDefault(True)
        self.new_button = QPushButton(_("New"))
        self.repeat_button = QPushButton(_("Repeat last"))
        # The keys as the menus write them, in the language's words ("Strg+S").
        native = QKeySequence.SequenceFormat.NativeText
        self.save_button.setToolTip(QKeySequence("Ctrl+S").toString(native))
        self.new_button.setToolTip(QKeySequence("Ctrl+N").toString(native))
        self.repeat_button.setToolTip(_("Fill in the most recent flare again (Ctrl+R)"))
        # One click for a day without spasms, where a person who logs only flares is.
        self.no_spasms = NoSpasmsBox(store)
        self.no_spasms.message.connect(lambda text, error: self.show_feedback(text, error=error))
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._build()
        # Every step of writing the flare can be undone (Edit menu; ui/log/draft_undo.py).
        self.history = DraftHistory(self._moment, self._show_moment,
                                    lambda region: in_sentence(self.map.atlas.name(region)), self)
        self.undo_stack = self.history.stack
        self.history.restart()
        self.marks.events.changed.connect(lambda _regions: self._edited())
        self.form.changed.connect(self._edited)
        self.form.message.connect(lambda text: self.show_feedback(text, error=True))
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new)
        self.repeat_button.clicked.connect(self.repeat_last)
        self._show_title()
        if store is None:
            # Save works already: what it is pressed on is saved once attached.
            for button in (self.new_button, self.repeat_button):
                button.setEnabled(False)
        else:
            self.attach(store)

    def attach(self, store: Store) -> None:
        """Take the database once it is open: its words, and saving (of a flare whose
        Save was pressed before, first)."""
        self._store = store
        self.form.use_vocabulary(store.vocabulary)
        self.no_spasms.attach(store)
        for button in (self.save_button, self.new_button, self.repeat_button):
            button.setEnabled(True)
        if self._save_when_open:
            self._save_when_open = False
            self.body.setEnabled(True)
            self.save()

    @property
    def saving_when_open(self) -> bool:
        """Save was pressed before the records were open: attach() saves the flare."""
        return self._save_when_open

    def _attached(self) -> Store:
        """The database: what uses it (the buttons) is off until attach()."""
        assert self._store is not None, "the database is used only once attached"
        return self._store

    def _build(self) -> None:
        # The title has the page's whole width, so that "Correcting the flare of …" is read
        # on one line at 1024 pixels: the form below it does not move when it changes.
        self.title.setWordWrap(True)
        # Tab goes from the marks and the view setting to when and how long.
        QWidget.setTabOrder(self.body.orientation, self.form.timing)
        buttons = QHBoxLayout()
        buttons.addWidget(self.repeat_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(6, 4, 6, 6)
        column.addWidget(self.form)
        column.addStretch(1)
        self.form_scroll = QScrollArea(widgetResizable=True)
        self.form_scroll.setWidget(inner)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds
        self.feedback.reserve(FEEDBACK_LINES)
        right = QWidget()
        right.setMinimumWidth(FORM_MIN_WIDTH)
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        # When and how long stay in sight above the words that scroll.
        self.form.timing.setContentsMargins(6, 0, 6, 0)
        side.addWidget(self.form.timing)
        side.addWidget(self.form_scroll, 1)
        side.addWidget(self.feedback)
        side.addLayout(buttons)
        self.no_spasms.setContentsMargins(6, 0, 6, 0)
        side.addWidget(self.no_spasms)
        self.columns = QSplitter(childrenCollapsible=False)
        self.columns.addWidget(self.body)
        self.columns.addWidget(right)
        self.columns.setStretchFactor(0, 0)
        self.columns.setStretchFactor(1, 1)
        self.columns.splitterMoved.connect(self._divider_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.columns, 1)

    def _divider_moved(self) -> None:
        self._divider_set = True

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if not self._divider_set:
            # The map as wide as its figures are at this height, the rest for the form,
            # until the person drags the divider.
            # (Not laid out yet, as when the Log is made after the window is shown: its width.)
            total = sum(self.columns.sizes()) or self.columns.width() - self.columns.handleWidth()
            wanted = self.body.width_for_height(self.columns.height())
            body = max(self.body.minimumSizeHint().width(), min(wanted, total - FORM_MIN_WIDTH))
            self.columns.setSizes([body, total - body])

    # -- the draft ---------------------------------------------------------------------
    def draft(self) -> FlareDraft:
        """Everything on screen now, complete or not."""
        draft = self.form.read_into(FlareDraft(onset=local_now()))
        draft.sites = [DraftSite(rid, mark.intensity, mark.role.value)
                       for rid, mark in self.marks.marks()]
        draft.links = [DraftLink(s, t, i) for s, t, i in self.marks.link_marks()]
        draft.editing_id = self._editing.id if self._editing else None
        draft.editing_modified = self._editing.modified if self._editing else None
        return draft

    def load_draft(self, draft: FlareDraft) -> None:
        """Show ``draft`` (brought back from last time): the steps to undo begin here."""
        self._fill(draft)
        self.history.restart()

    def _fill(self, draft: FlareDraft, *, now: bool = False) -> None:
        self._loading = True
        try:
            self.form.fill(draft, now=now)
            self.marks.load_marks([(s.region, s.intensity, SiteRole(s.role)) for s in draft.sites],
                                  [(link.source, link.target, link.intensity) for link in draft.links])
            self.body.caption.setText("")
        finally:
            self._loading = False
        self._show_title()

    def _moment(self) -> Moment:
        return Moment(self.draft(), self._editing, self.form.follows_clock)

    def _show_moment(self, moment: Moment) -> None:
        """Put back a state of the flare being written (undo, redo)."""
        self._editing = moment.editing
        self._fill(moment.draft, now=moment.clock)
        self.feedback.forget()
        self._draft_timer.start()

    def _edited(self) -> None:
        if not self._loading:
            if self.body.help.text() == _(FIND_TIP):
                self.body.help.clear()
            self.feedback.forget()
            self._draft_timer.start()
            self.history.record()

    def keep_draft(self) -> None:
        """Write what is on screen to disk (or forget the draft if there is nothing).
        Not before the database is open: the draft left from last time is offered then."""
        self._draft_timer.stop()
        if self._store is None or self._store.read_only:  # nothing is written there
            return
        draft = self.draft()
        try:
            if draft.is_empty and draft.editing_id is None:
                self._drafts.discard()
            else:
                self._drafts.save(draft)
        except FibroMapError as exc:
            self.show_feedback(str(exc), error=True)

    # -- actions -----------------------------------------------------------------------
    def save(self) -> Flare | None:
        if self._store is None:  # the records are still opening (a moment at start-up)
            self._save_once_open()
            return None
        try:
            flare = self.draft().to_flare(self.map.atlas)
            flares = self._attached().flares
            saved = flares.update(flare) if flare.id else flares.add(flare)
        except ChangedElsewhere as exc:
            # The form keeps what was typed; saving again is a knowing choice.
            self._editing = exc.current
            self._show_title()
            self.keep_draft()
            self.show_feedback(_("Not saved: {problem}.").format(problem=exc), error=True)
            return None
        except FibroMapError as exc:
            self.show_feedback(_("Not saved: {problem}.").format(problem=exc), error=True)
            return None
        self._draft_timer.stop()
        self._drafts.discard()
        self._editing = None
        self._reset()
        self.history.restart()
        regions = in_sentence(regions_text(saved.regions, self.map.atlas))
        self.show_feedback(_("Saved the flare of {onset}: {regions}.").format(
            onset=onset_text(saved, year=False), regions=regions),
                           error=False)
        if flares.count() == 1:
            self.body.help.setText(_(FIND_TIP))  # the fastest way, said once the first is in
        self.no_spasms.refresh()  # a flare today: the day counts already
        self.saved.emit(saved)
        return saved

    def _save_once_open(self) -> None:
        """Save pressed before the records are open: the flare on screen is saved as soon
        as they are (attach), at the time Save was pressed if none was given, and the map
        waits till then; what could never be saved is said now."""
        try:
            self.draft().to_flare(self.map.atlas)
        except FibroMapError as exc:
            self.show_feedback(_("Not saved: {problem}.").format(problem=exc), error=True)
            return
        self.form.hold_time()
        self.body.setEnabled(False)  # what is saved is what was on screen
        self._save_when_open = True
        self.show_feedback(_(OPENING), error=False)

    def new(self) -> None:
        """A blank flare; the one being written stays one Undo away."""
        kept = not self.draft().is_empty
        self._editing = None
        self._reset()
        self._drafts.discard()
        self.feedback.forget()
        if self.history.record(_("New flare")) and kept:
            self.show_feedback(_("A new flare. The one you were marking is kept: Undo "
                                 "(Ctrl+Z) brings it back."), error=False)

    def repeat_last(self) -> bool:
        latest = self._attached().flares.latest()
        if latest is None:
            self.show_feedback(_("There is no earlier flare to repeat yet."), error=True)
            return False
        draft = FlareDraft.from_flare(latest, keep_identity=False)
        draft.onset = local_now()
        draft.day_only = False
        draft.notes = ""
        kept = not self.draft().is_empty
        self._editing = None
        self._fill(draft, now=True)  # a repeated flare is now, until a time is given
        self.history.record(_("Repeat last flare"))
        self.keep_draft()
        said = (_("Filled in from the flare of {onset}; change what differs and save. "
                  "Undo (Ctrl+Z) brings back what was here.") if kept else
                _("Filled in from the flare of {onset}; change what differs and save."))
        self.show_feedback(said.format(onset=onset_text(latest, year=False)), error=False)
        return True

    def edit(self, flare: Flare) -> None:
        """Open a saved flare for correction."""
        self._editing = flare
        self._fill(FlareDraft.from_flare(flare))
        self.history.record(_("Correct the flare of {onset}").format(onset=onset_text(flare, year=False)))
        self.feedback.forget()

    def _reset(self) -> None:
        self._loading = True
        try:
            self.marks.clear()
            self.form.clear()
            self.body.caption.setText("")
        finally:
            self._loading = False
        self._show_title()

    def _show_title(self) -> None:
        if self._editing is not None:
            self.title.setText(_("Correcting the flare of {onset}").format(onset=onset_text(self._editing)))
        else:
            self.title.setText(_("New flare"))

    def show_feedback(self, text: str, *, error: bool) -> None:
        self.feedback.say(text, error=error)
