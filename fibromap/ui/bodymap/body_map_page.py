"""The body map with its side panel: what is marked, how strong, and where pain spreads.
The panel shows the map's marks (``marks``, fibromap/domain/flare_marks.py) and edits them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fibromap.analysis.referral import DISCLAIMER, suggest_sources
from fibromap.domain.atlas import FIGURES, Region, View
from fibromap.domain.flare import Flare, SiteRole
from fibromap.domain.flare_marks import Mark
from fibromap.domain.geometry import load_geometry
from fibromap.figure.formatting import onset_text
from fibromap.figure.orientation import Orientation
from fibromap.i18n import N_, _, ngettext
from fibromap.i18n.formats import in_sentence
from fibromap.ui.bodymap.body_map_widget import BodyMapWidget
from fibromap.ui.bodymap.mark_key import key_text, unrated_key
from fibromap.ui.bodymap.panel_parts import (
    FittedList,
    HintFollower,
    TopRight,
    fixed_lines,
    marked_line,
    region_details,
)
from fibromap.ui.settings import Settings
from fibromap.ui.widgets.answer_slider import AnswerSlider
from fibromap.ui.widgets.quiet import quiet

PANEL_WIDTH = 280
NOT_RATED = N_("not rated")
FIND_GAP = 8  # the type-to-find line sits this far from the map's top, in a strip of its own
FIND_HINT = N_("Type a muscle's name…")
FIRST_WORDS = N_("Click where it hurts, or type a muscle's name on the map to find it; then "
               "type 0–9 for how strong (1 then 0 for 10).")
# What the map can show, named short enough to sit beside the find line at 1024 px.
VIEW_CHOICES = ((N_("Whole body"), FIGURES["body"]), (N_("Face"), (View.HEAD_FRONT,)),
                (N_("Back of head"), (View.HEAD_BACK,)), (N_("Shoulders, front"), (View.SHOULDERS_FRONT,)),
                (N_("Shoulders, back"), (View.SHOULDERS_BACK,)), (N_("Hips and groin"), (View.PELVIS_FRONT,)),
                (N_("Lower back"), (View.PELVIS_BACK,)), (N_("Palms"), (View.PALMS,)),
                (N_("Backs of hands"), (View.HAND_BACKS,)), (N_("Tops of feet"), (View.FOOT_TOPS,)),
                (N_("Soles"), (View.SOLES,)))
KEYBOARD_HELP = N_("Body map: type a muscle's name to find it, Enter marks it, a digit rates it, "
                 "Tab or the arrow keys move between muscles, Shift+click or Ctrl+L links referred pain, "
                 "Esc goes on to the form")


class BodyMapPage(QWidget):
    orientationChanged = Signal(Orientation)

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.map = BodyMapWidget(settings.orientation, geometry=load_geometry(settings.build))
        self.marks = self.map.marks
        self.caption = QLabel(wordWrap=True)
        self.region_title = QLabel(_("Click a muscle"), wordWrap=True)
        title_font = self.region_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.region_title.setFont(title_font)
        self.region_details = QLabel(wordWrap=True)
        self.region_details.setTextFormat(Qt.TextFormat.PlainText)

        # A region not rated yet shows no handle (one at the left would read as 0).
        self.intensity = AnswerSlider(clearable=False)
        self.intensity.setAccessibleName(_("Intensity"))
        self.intensity_value = QLabel(_(NOT_RATED))
        self.intensity_value.setMinimumWidth(
            self.intensity_value.fontMetrics().horizontalAdvance(_(NOT_RATED)) + 4)
        self.spasm = QRadioButton(_("Spasm"))
        self.trigger_point = QRadioButton(_("Trigger point"))
        self._roles = QButtonGroup(self)
        self._roles.addButton(self.spasm)
        self._roles.addButton(self.trigger_point)
        self.referral_button = QPushButton(_("Pain spreads from here…"))
        self.referral_button.setCheckable(True)
        self.referral_button.setToolTip(
            _("Then click where the pain is felt ({keys}); or Shift+click there straight away").format(
                keys=QKeySequence("Ctrl+L").toString(QKeySequence.SequenceFormat.NativeText)))
        self.remove_button = QPushButton(_("Remove"))
        self.marked = FittedList(_("Nothing marked yet."))
        self.marked.setAccessibleName(_("Marked regions"))
        self.suggestions = FittedList()
        self.suggestions.setAccessibleName(_("Possible sources of the referred pain"))
        # A group box's title does not wrap: the zone's name is a heading of its own.
        self.suggestions_box = QGroupBox()
        self.suggestions_title = QLabel(wordWrap=True)
        self.suggestions_title.setAccessibleName(_("Possible sources of the referred pain"))
        self.disclaimer = QLabel(_(DISCLAIMER)[:1].upper() + _(DISCLAIMER)[1:] + ".", wordWrap=True)
        self.orientation = QComboBox()
        for option in Orientation:
            self.orientation.addItem(_(option.label), option)
        self.orientation.setCurrentIndex(list(Orientation).index(settings.orientation))
        self.orientation.setAccessibleName(_("Show the front"))
        self.help = QLabel(wordWrap=True)
        self.find_hint = QLabel(_(FIND_HINT), self.map)
        # Which figure: the whole body, or a closer view of the head, a hand or a foot.
        self.view_choice = QComboBox(self.map)
        self.view_choice.setAccessibleName(_("Show on the map"))
        self.view_choice.setToolTip(_("The whole body, or a closer view of a part of it (also "
                                      "from a region's right-click menu)"))
        for label, views in VIEW_CHOICES:
            self.view_choice.addItem(_(label), views)
        self.view_choice.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.map.setAccessibleName(_(KEYBOARD_HELP))
        self._build_layout()
        self._connect()
        self._update_panel()

    def _build_layout(self) -> None:
        rating = QHBoxLayout()
        rating.addWidget(self.intensity, 1)
        rating.addWidget(self.intensity_value)
        roles = QHBoxLayout()
        roles.addWidget(self.spasm)
        roles.addWidget(self.trigger_point)
        roles.addStretch(1)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(_("Intensity"), rating)
        form.addRow(_("Kind"), roles)
        buttons = QHBoxLayout()
        buttons.addWidget(self.referral_button, 1)
        buttons.addWidget(self.remove_button)
        box = QVBoxLayout()
        box.addWidget(self.suggestions_title)
        box.addWidget(self.disclaimer)
        box.addWidget(self.suggestions)
        self.suggestions_box.setLayout(box)

        # The current region and its controls stay in one place whatever is selected: its
        # name has two lines of its own, and what follows the pointer has two more.
        fixed_lines(self.region_title, 2)
        fixed_lines(self.help, 2)
        top = QVBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.caption)
        top.addWidget(self.region_title)
        top.addLayout(form)
        top.addLayout(buttons)
        top.addWidget(self.help)
        # The marks, the sources of the selected zone and what is known of the region: as
        # long as they are, in the one part of the column that scrolls (rarely: at 1024x700
        # six marks and a referral fit).
        lists = QVBoxLayout()
        lists.setContentsMargins(0, 0, 0, 0)
        lists.addWidget(QLabel(_("Marked")))
        lists.addWidget(self.marked)
        lists.addWidget(self.suggestions_box)
        lists.addWidget(self.region_details)
        lists.addStretch(1)
        self.lists = QWidget()
        self.lists.setLayout(lists)
        self.lists_scroll = QScrollArea(widgetResizable=True)
        self.lists_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.lists_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lists_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds
        self.lists_scroll.setWidget(self.lists)
        panel = QVBoxLayout()
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addLayout(top)
        panel.addWidget(self.lists_scroll, 1)
        panel.addWidget(QLabel(_("Show the front")))
        panel.addWidget(self.orientation)
        self.side = QWidget()
        self.side.setLayout(panel)
        # Wider where a language's choice of the front needs it ("Visão do paciente (como
        # num espelho)"), never narrower.
        self.side.setFixedWidth(max(PANEL_WIDTH, self.orientation.sizeHint().width()))
        self._reserve_find_strip()
        self._row = layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.map, 1)
        layout.addWidget(self.side)

    def _reserve_find_strip(self) -> None:
        """Type-to-find shows what was typed at the map's top left; a strip of its own
        there keeps it off the figures and their Front and Back labels. Until then the
        strip says that typing finds a muscle."""
        found = self.map.keys.find_label
        found.setText(_(FIND_HINT))
        found.ensurePolished()
        strip = max(FIND_GAP + found.sizeHint().height(),
                    FIND_GAP // 2 + self.view_choice.sizeHint().height())
        self.map.setViewportMargins(0, strip + FIND_GAP // 2, 0, 0)
        found.setText("")
        self.map.setBackgroundRole(QPalette.ColorRole.Base)
        self.map.setAutoFillBackground(True)
        # The same padding as the find line, so the words do not jump when it appears.
        self.find_hint.setStyleSheet("color: palette(placeholder-text); padding: 3px 8px;")
        self.find_hint.adjustSize()
        self.find_hint.move(FIND_GAP, FIND_GAP)
        self._hint_follower = HintFollower(self.find_hint, found)
        self.view_choice.adjustSize()
        self._corner = TopRight(self.view_choice, FIND_GAP // 2)

    def width_for_height(self, height: int) -> int:
        """The page's width at which the figures fill ``height``: wider only adds blank."""
        margins = self.map.viewportMargins()
        frame = 2 * self.map.frameWidth()
        scene = self.map.sceneRect()
        figures = (height - frame - margins.top() - margins.bottom()) * scene.width() / scene.height()
        spacing = self._row.spacing()
        return round(figures) + frame + margins.left() + margins.right() + spacing + self.side.minimumWidth()

    def _connect(self) -> None:
        self.marks.events.changed.connect(lambda _regions: self._update_panel())
        self.map.currentRegionChanged.connect(lambda _rid: self._update_panel())
        self.map.hoveredRegionChanged.connect(self._show_hovered)
        self.map.referralModeChanged.connect(self._referral_mode_changed)
        self.map.message.connect(self.say)
        self.intensity.answerChanged.connect(self._intensity_moved)
        self.spasm.toggled.connect(lambda on: self._set_role(SiteRole.SPASM) if on else None)
        self.trigger_point.toggled.connect(
            lambda on: self._set_role(SiteRole.TRIGGER_POINT) if on else None)
        self.referral_button.toggled.connect(self._referral_button_toggled)
        self.remove_button.clicked.connect(self._remove_current)
        self.marked.itemClicked.connect(
            lambda item: self.marks.set_current(item.data(Qt.ItemDataRole.UserRole)))
        self.orientation.currentIndexChanged.connect(self._orientation_chosen)
        self.view_choice.activated.connect(
            lambda index: self.map.views.show(self.view_choice.itemData(index)))
        self.map.viewsChanged.connect(self._views_changed)

    # -- showing a saved flare -----------------------------------------------------------
    def show_flare(self, flare: Flare | None) -> None:
        if flare is None:
            self.marks.clear()
            self.caption.setText("")
            return
        self.marks.load(flare.sites, flare.referrals)
        self.caption.setText(_("Most recent flare: {onset}").format(onset=onset_text(flare)))

    # -- reacting -------------------------------------------------------------------------
    def _show_hovered(self, region_id: str) -> None:
        if region_id and region_id != self.marks.current:
            self.help.setText(self.map.atlas.region(region_id).name)
        elif not self.map.referral_mode:
            self.say("")

    def say(self, text: str) -> None:
        """Say ``text`` on the help line under the buttons; when there is nothing to say,
        what a hatched "?" on the map means, while there is one."""
        self.help.setText(text or unrated_key(self.marks))

    def _update_panel(self) -> None:
        if not self.help.text() or self.help.text() == key_text():
            self.say("")
        current = self.marks.current
        self._describe(self.map.atlas.region(current) if current else None)
        self._show_mark(self.marks.mark_of(current) if current else None)
        self._fill_marked()
        self._fill_suggestions()

    def _describe(self, region: Region | None) -> None:
        """The current region's name and what is known of it."""
        if region is None:
            self.region_title.setText(_("Click a muscle"))
            self.region_title.setToolTip("")
            self.region_details.setText(_(FIRST_WORDS))
            return
        self.region_title.setText(region.name)
        self.region_title.setToolTip(region.name)
        self.region_details.setText("\n".join(region_details(region, self.map.atlas)))

    def _show_mark(self, mark: Mark | None) -> None:
        """The current region's intensity and kind, editable when it is marked."""
        marked = mark is not None
        intensity, role = (mark.intensity, mark.role) if mark is not None else (None, None)
        rated = intensity is not None
        is_source = marked and role is not SiteRole.REFERRED
        with quiet(self.intensity, self.spasm, self.trigger_point):
            self.intensity.setEnabled(marked)
            self.intensity.set_answer(intensity)
            self.intensity_value.setText(str(intensity) if rated else _(NOT_RATED) if marked else "")
            self.spasm.setEnabled(is_source)
            self.trigger_point.setEnabled(is_source)
            self.spasm.setChecked(is_source and role is SiteRole.SPASM)
            self.trigger_point.setChecked(is_source and role is SiteRole.TRIGGER_POINT)
        self.remove_button.setEnabled(marked)
        self.referral_button.setEnabled(self.marks.referral_mode or is_source)

    def _fill_marked(self) -> None:
        self.marked.clear()
        links = self.marks.links()
        for rid, mark in self.marks.marks():
            sources = [s for s, t in links if t == rid]
            spoken = self.map.region_items[rid].accessible_name()
            text = marked_line(self.map.atlas.name(rid), mark)
            if sources:
                whence = " — " + _("from {regions}").format(
                    regions=", ".join(in_sentence(self.map.atlas.name(s)) for s in sources))
                text, spoken = text + whence, spoken + whence
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            entry.setData(Qt.ItemDataRole.UserRole, rid)
            self.marked.addItem(entry)
        self.marked.fit()

    def _fill_suggestions(self) -> None:
        """The muscles whose typical pattern reaches the selected zone of referred pain
        (ranked by how many of the flare's zones they explain), under that zone's name;
        nothing while a source or no zone is selected."""
        self.suggestions.clear()
        marks = self.marks.marks()
        current = self.marks.current
        mark = self.marks.mark_of(current) if current else None
        zones = [rid for rid, mark in marks if mark.role is SiteRole.REFERRED]
        sources = [rid for rid, mark in marks if mark.role is not SiteRole.REFERRED]
        ranked = [] if mark is None or mark.role is not SiteRole.REFERRED else [
            suggestion for suggestion in suggest_sources(zones, self.map.atlas, marked_sources=sources)
            if current in suggestion.matched_zones]
        for suggestion in ranked:
            matched = len(suggestion.matched_zones)
            self.suggestions.addItem(suggestion.name if len(zones) == 1 else ngettext(
                "{source} (matches {matched} of {n} zone)", "{source} (matches {matched} of {n} zones)",
                len(zones)).format(source=suggestion.name, matched=matched, n=len(zones)))
        if current and ranked:
            self.suggestions_title.setText(
                "<b>" + _("Possible sources of the pain in the {region}").format(
                    region=in_sentence(self.map.atlas.name(current))) + "</b>")
        self.suggestions.fit()
        self.suggestions_box.setVisible(bool(ranked))

    def _intensity_moved(self) -> None:
        current = self.marks.current
        if current and self.intensity.answered and self.marks.is_marked(current):
            self.marks.set_intensity(current, self.intensity.value())

    def _set_role(self, role: SiteRole) -> None:
        if self.marks.current:
            self.marks.set_role(self.marks.current, role)

    def _remove_current(self) -> None:
        if self.marks.current:
            self.marks.unmark(self.marks.current)

    def _referral_button_toggled(self, on: bool) -> None:
        if on != self.marks.referral_mode and not self.map.set_referral_mode(on):
            with quiet(self.referral_button):
                self.referral_button.setChecked(False)

    def _referral_mode_changed(self, on: bool) -> None:
        with quiet(self.referral_button):
            self.referral_button.setChecked(on)
        self._update_panel()

    def _views_changed(self) -> None:
        shown = self.map.figures.shown
        index = next((i for i, (_label, views) in enumerate(VIEW_CHOICES) if views == shown), 0)
        with quiet(self.view_choice):
            self.view_choice.setCurrentIndex(index)

    def _orientation_chosen(self, index: int) -> None:
        orientation = self.orientation.itemData(index)
        self.map.set_orientation(orientation)
        self._settings.orientation = orientation
        self.orientationChanged.emit(orientation)


