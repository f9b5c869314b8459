"""The detail panel beside the ranked list: one candidate's score and every reason, each marked plus, minus,
note or block; and the way to exclude a volunteer for this case (known to the family) or allow them again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from borapp.formatting import number
from borapp.i18n import _
from borapp.services.matching.ranking import Candidate, Factor
from borapp.ui.colours import ERROR, WARNING, text_style
from borapp.ui.icons import icon
from borapp.ui.widgets.layouts import empty_layout
from borapp.ui.wizards.matching.score_bar import ScoreBar

TONE_ICONS = {"plus": ("check-circle", "#2E7D32"), "minus": ("minus-circle", WARNING),
              "block": ("x-circle", ERROR), "warning": ("warning", WARNING), "note": ("info", None)}
TONE_STYLES = {"block": text_style(ERROR, bold=True), "warning": text_style(WARNING, bold=True)}


def _points(factor: Factor) -> str:
    if factor.blocks or not factor.points:
        return ""
    sign = "+" if factor.points > 0 else "−"
    return f"{sign}{number(round(abs(factor.points), 1))}"


class CandidateDetail(QFrame):
    exclude_requested = Signal(object)  # the Candidate
    allow_requested = Signal(object)
    profile_requested = Signal(object)  # the Candidate whose profile to open (to put right what blocks them)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("candidateDetail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.candidate: Candidate | None = None
        column = QVBoxLayout(self)
        self.name = QLabel()
        self.name.setObjectName("sectionTitle")
        self.name.setWordWrap(True)
        self.name.setAccessibleName(_("Volunteer"))
        self.bar = ScoreBar()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.reasons_area = self._reasons_area()
        self.empty = QLabel(_("Choose a volunteer in the list to see the reasons."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.exclude_button = QPushButton(icon("prohibit"), _("Exclude for this case…"))
        self.exclude_button.setToolTip(_("For a volunteer who knows the family or must not work with it"))
        self.exclude_button.clicked.connect(lambda: self.exclude_requested.emit(self.candidate))
        self.allow_button = QPushButton(_("Allow for this case again"))
        self.allow_button.clicked.connect(lambda: self.allow_requested.emit(self.candidate))
        self.profile_button = QPushButton(icon("arrow-square-out"), _("Open profile"))
        self.profile_button.setToolTip(_("This window closes; the case stays as it is until you match someone."))
        self.profile_button.clicked.connect(lambda: self.profile_requested.emit(self.candidate))
        buttons = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.exclude_button)
        top.addWidget(self.allow_button)
        top.addStretch()
        buttons.addLayout(top)
        buttons.addWidget(self.profile_button, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.empty, self.name, self.bar, self.verdict):
            column.addWidget(widget)
        column.addWidget(self.reasons_area, 1)
        column.addStretch()  # while no one is chosen, the buttons stay at the bottom
        column.addLayout(buttons)
        self.show_candidate(None)

    def _reasons_area(self) -> QScrollArea:
        """The reasons, each wrapped in full, scrolled when they are more than the panel holds (a squeezed grid let
        them overlap and cut them off in a small window)."""
        holder = QWidget()
        self.reasons = QGridLayout(holder)
        self.reasons.setContentsMargins(0, 0, 0, 0)
        self.reasons.setColumnStretch(1, 1)
        self.reasons.setVerticalSpacing(6)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop)
        area = QScrollArea()
        area.setObjectName("candidateReasons")
        area.setWidget(holder)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        area.setMinimumHeight(60)
        area.viewport().setAutoFillBackground(False)
        holder.setAutoFillBackground(False)
        return area

    def show_candidate(self, candidate: Candidate | None, *, current: bool = False) -> None:
        self.candidate = candidate
        self._clear_reasons()
        shown = candidate is not None
        for widget in (self.name, self.bar, self.verdict):
            widget.setVisible(shown)
        self.empty.setVisible(not shown)
        self.reasons_area.setVisible(shown)
        self.exclude_button.setVisible(False)
        self.allow_button.setVisible(False)
        self.profile_button.setVisible(shown)
        if candidate is None:
            return
        self.name.setText(candidate.name)
        self.bar.show_score(candidate.score)
        self.verdict.setText(self._verdict(candidate, current))
        for row, factor in enumerate(candidate.factors or ()):
            self._add_reason(row, factor)
        excluded = any(f.kind == "exclusion" for f in candidate.factors)
        self.exclude_button.setVisible(not excluded and not current)
        self.allow_button.setVisible(excluded)

    @staticmethod
    def _verdict(candidate: Candidate, current: bool) -> str:
        if current:
            return _("Matched to this case now.")
        if candidate.eligible and candidate.warnings:
            return _("Can be matched, but see the warning first.")
        if candidate.eligible:
            return _("Can be matched.")
        return _("Cannot be matched.")

    def _add_reason(self, row: int, factor: Factor) -> None:
        name, colour = TONE_ICONS[factor.tone]
        mark = QLabel()
        mark.setPixmap(icon(name, colour).pixmap(18, 18))
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(factor.text)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # level with its mark and points
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)  # never below its lines:
        policy.setHeightForWidth(True)  # as many as its width makes (a new policy drops this)
        text.setSizePolicy(policy)
        if factor.tone in TONE_STYLES:
            text.setStyleSheet(TONE_STYLES[factor.tone])
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        points = QLabel(_points(factor))
        points.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        spoken = {"plus": _("in favour"), "minus": _("against"), "block": _("rules the match out"),
                  "warning": _("warning"), "note": _("note")}[factor.tone]
        text.setAccessibleName(f"{factor.text} ({spoken} {points.text()})".replace(" )", ")"))
        self.reasons.addWidget(mark, row, 0)
        self.reasons.addWidget(text, row, 1)
        self.reasons.addWidget(points, row, 2)

    def _clear_reasons(self) -> None:
        empty_layout(self.reasons)
