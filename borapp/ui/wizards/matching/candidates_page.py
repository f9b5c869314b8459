"""Page 1: what the family asks, the volunteers who can be matched (ranked, with score bars), those who cannot
(listed apart, with why), the chosen one's reasons in a panel with the way to their profile, and when nobody can be
matched what holds the volunteers back and how to put it right; closing the case for lack of a volunteer comes last,
for when none of that helps."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from borapp.i18n import N_, _
from borapp.services.matching.advice import ways_forward
from borapp.services.matching.flow import MatchingCase
from borapp.services.matching.ranking import Candidate
from borapp.ui.widgets.forms import FieldMessage
from borapp.ui.widgets.list_table import ListTableView
from borapp.ui.widgets.wrapped_cells import WrappedCells
from borapp.ui.wizards.matching.candidate_detail import CandidateDetail
from borapp.ui.wizards.matching.candidate_model import NAME, PLACE, SCORE, WHY, CandidateModel, ScoreBarDelegate
from borapp.ui.wizards.matching.exclusion_dialog import ExclusionDialog
from borapp.ui.wizards.matching.page_ids import CONFIRM, NO_MATCH

GENDER_DEMANDS = {"f": N_("A female volunteer"), "m": N_("A male volunteer")}


class CandidateTable(ListTableView):
    """The names as wide as they need up to a third of the width; the reasons take the rest and wrap onto more
    lines of their row. At 1093 px the names took what they liked, the reasons were cut ("Sam…") and the table
    scrolled sideways."""

    NAME_SHARE = 0.35

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        room = int(self.viewport().width() * self.NAME_SHARE)
        self.horizontalHeader().resizeSection(NAME, max(min(self.sizeHintForColumn(NAME), room), 80))
        self.resizeRowsToContents()


def _table(model: CandidateModel, name: str) -> QTableView:
    table = CandidateTable()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setItemDelegate(WrappedCells(table))
    table.setItemDelegateForColumn(SCORE, ScoreBarDelegate(table))
    table.verticalHeader().hide()
    table.verticalHeader().setMinimumSectionSize(30)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # rows grow as they wrap
    table.setWordWrap(True)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # UI.md: no sideways scrolling
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(PLACE, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Fixed)  # `fit_columns`
    header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(SCORE, QHeaderView.ResizeMode.Fixed)
    header.setMinimumSectionSize(60)  # in a window on a small screen
    table.setColumnWidth(SCORE, 110)
    model.modelReset.connect(table.fit_columns)
    return table


class CandidatesPage(QWizardPage):
    exclusion_requested = Signal(object, str)  # Candidate, reason
    allow_requested = Signal(object)
    profile_requested = Signal(int)  # a volunteer's id

    def __init__(self, info: MatchingCase, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("matching-1-candidates")
        self.setTitle(_("Match a volunteer to case {ref}").format(ref=info.ref))
        self.info = info
        self.selected: Candidate | None = None
        self.exclusion_dialog: ExclusionDialog | None = None  # "Exclude for this case…" asking why
        self.eligible_model = CandidateModel(True, self)
        self.other_model = CandidateModel(False, self)
        self.eligible_table = _table(self.eligible_model, _("Volunteers who can be matched, best first"))
        self.other_table = _table(self.other_model, _("Volunteers who cannot be matched"))
        self.other_table.hideColumn(PLACE)
        self.detail = CandidateDetail()
        self.detail.setMinimumWidth(300)  # the lists keep their width whatever is selected, and their reasons room
        self.detail.setMaximumWidth(380)
        self.detail.exclude_requested.connect(self._ask_exclusion)
        self.detail.allow_requested.connect(self.allow_requested)
        self.detail.profile_requested.connect(lambda c: c is not None and self.profile_requested.emit(c.volunteer_id))
        self.nobody = self._nobody_box()
        self.eligible_title, self.other_title = QLabel(), QLabel()
        for title in (self.eligible_title, self.other_title):
            title.setStyleSheet("font-weight: 600;")
        self.no_match = QCheckBox(_("No volunteer can be matched to the parents' demands: close the case"))
        self.no_match.setAccessibleName(self.no_match.text())  # by this name a lock keeps the tick (kept_typing)
        self.no_match.toggled.connect(self._no_match_toggled)
        self.hint = FieldMessage()
        self.hint.setAccessibleName(_("Why you cannot go on yet"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._family_box())
        layout.addWidget(self.nobody)
        body = QHBoxLayout()
        lists = QVBoxLayout()
        for widget, stretch in ((self.eligible_title, 0), (self.eligible_table, 3), (self.other_title, 0),
                                (self.other_table, 2)):
            lists.addWidget(widget, stretch)
        body.addLayout(lists, 3)
        body.addWidget(self.detail, 2)
        layout.addLayout(body, 1)
        layout.addWidget(self.no_match)
        layout.addWidget(self.hint)
        for table in (self.eligible_table, self.other_table):
            table.selectionModel().selectionChanged.connect(lambda *_a, t=table: self._selected_in(t))
        self.setTabOrder(self.eligible_table, self.other_table)
        self.setTabOrder(self.other_table, self.no_match)

    # ---- the family ---------------------------------------------------------------------------------------------

    def _family_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("familyNeeds")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        for row, (caption, value) in enumerate(self._family_facts()):
            label = QLabel(caption)
            label.setStyleSheet("color: palette(placeholder-text);")
            text = QLabel(value)
            text.setWordWrap(True)
            text.setAccessibleName(caption)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row // 2, (row % 2) * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row // 2, (row % 2) * 2 + 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _family_facts(self) -> list[tuple[str, str]]:
        info = self.info
        place = info.municipality or _("not recorded")
        if info.region:
            place = _("{municipality} (region {region})").format(municipality=place, region=info.region)
        demand = _(GENDER_DEMANDS[info.wish_gender]) if info.wish_gender in GENDER_DEMANDS else _("none")
        wishes = _("speaks {languages} (counts in the ranking)").format(languages=info.wish_languages) \
            if info.wish_languages else _("none")
        facts = [  # a demand rules volunteers out (matching can fail on it); a wish only weighs in the ranking
            (_("Family lives in"), place),
            (_("Preferred times"), ", ".join(info.preferred_slots) or _("none stated")),
            (_("Parents' demands"), demand),
            (_("Parents' wishes"), wishes),
            (_("Matched now"), info.volunteer or _("nobody yet")),
        ]
        if info.volunteer_wishes.strip():
            facts.append((_("Wishes in their words"), " ".join(info.volunteer_wishes.split())))
        return facts

    def _nobody_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("nobodyMatchable")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setStyleSheet("QFrame#nobodyMatchable { background: palette(alternate-base); }")
        column = QVBoxLayout(box)
        column.setContentsMargins(10, 6, 10, 6)
        column.setSpacing(2)
        title = QLabel(_("Nobody can be matched yet. What you can do:"))
        title.setStyleSheet("font-weight: 600;")
        self.ways = QLabel()
        self.ways.setWordWrap(True)
        self.ways.setAccessibleName(_("What you can do"))
        self.ways.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(title)
        column.addWidget(self.ways)
        box.hide()
        return box

    def _show_ways(self, ranking: list[Candidate]) -> None:
        """With nobody to match: what holds the volunteers back and how to put it right, that the case waits
        meanwhile, and closing it only when nothing helps."""
        nobody = not any(c.eligible for c in ranking)
        self.nobody.setVisible(nobody)
        if not nobody:
            return
        lines = ways_forward(ranking)
        if ranking:
            lines.append(_("Choose a volunteer under \u201cCannot be matched\u201d to see why, and \u201cOpen "
                           "profile\u201d to put it right."))
        lines.append(_("The case stays in \u201c{status}\u201d meanwhile: close this window and match when a "
                       "volunteer is ready.").format(status=self.info.status_label))
        lines.append(_("Only when no volunteer can ever meet the parents' demands: tick the box at the bottom to "
                       "close the case."))
        self.ways.setText("\n".join(f"\u2022 {line}" for line in lines))

    # ---- the lists ----------------------------------------------------------------------------------------------

    def set_ranking(self, ranking: list[Candidate]) -> None:
        keep = self.selected.volunteer_id if self.selected else None
        current = self.info.volunteer_id
        eligible = [c for c in ranking if c.eligible]
        others = [c for c in ranking if not c.eligible]
        self.eligible_model.set_rows(eligible, current)
        self.other_model.set_rows(others, current)
        self.eligible_title.setText(_("Can be matched ({n}), best first").format(n=len(eligible)))
        self.other_title.setText(_("Cannot be matched ({n})").format(n=len(others)))
        self._show_ways(ranking)
        self.selected = None
        if keep is None or not self.select(keep):
            self.detail.show_candidate(None)
        self._update()

    def select(self, volunteer_id: int) -> bool:
        """Select the volunteer in whichever list holds them; False when nobody has that number."""
        for table in (self.eligible_table, self.other_table):
            row = table.model().row_of(volunteer_id)
            if row >= 0:
                table.selectionModel().setCurrentIndex(
                    table.model().index(row, NAME),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                table.scrollTo(table.model().index(row, NAME))
                return True
        return False

    def pick(self, volunteer_id: int) -> bool:
        """Select the volunteer and say whether the wizard may go on with them."""
        return self.select(volunteer_id) and self.chosen() is not None

    def chosen(self) -> Candidate | None:
        """The volunteer to match: the case in matching, selected, eligible, not the one matched now, and no-match
        not ticked."""
        c = self.selected
        if not self.info.can_match or self.no_match.isChecked() or c is None or not c.eligible:
            return None
        return None if c.volunteer_id == self.info.volunteer_id else c

    def _selected_in(self, table: QTableView) -> None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            if self.selected is not None and self.selected.eligible == (table is self.eligible_table):
                self.selected = None
                self.detail.show_candidate(None)
                self._update()
            return
        other = self.other_table if table is self.eligible_table else self.eligible_table
        other.selectionModel().clearSelection()
        self.selected = table.model().row_at(rows[0].row())
        self.detail.show_candidate(self.selected, current=self.selected.volunteer_id == self.info.volunteer_id)
        self._update()

    def _no_match_toggled(self, checked: bool) -> None:
        for table in (self.eligible_table, self.other_table):
            table.setEnabled(not checked)
        self._update()

    def _ask_exclusion(self, candidate: Candidate | None) -> None:
        """Ask why (a lock keeps what is typed); OK excludes at once."""
        if candidate is None:
            return
        dialog = ExclusionDialog(self.info.id, self.info.ref, candidate.volunteer_id, candidate.name, self)
        dialog.chosen.connect(lambda reason: self.exclusion_requested.emit(candidate, reason))
        dialog.finished.connect(dialog.deleteLater)
        self.exclusion_dialog = dialog
        dialog.open()

    # ---- may we go on? ------------------------------------------------------------------------------------------

    def problem(self) -> str:
        """Why Next is not possible yet, in words; empty when it is."""
        if not self.info.can_match:
            return _("A volunteer is matched once the contract is drawn up; this case is in '{status}'.").format(
                status=self.info.status_label)
        if self.no_match.isChecked():
            return ""
        c = self.selected
        if not self.eligible_model.rowCount():  # whoever is selected among those who cannot be
            return _("Nobody can be matched yet: see above what you can do.")
        if c is None:
            return _("Choose a volunteer who can be matched, or tick that no volunteer can be matched.")
        if not c.eligible:
            return _("{name} cannot be matched: {why}.").format(name=c.name, why="; ".join(c.blocks))
        if c.volunteer_id == self.info.volunteer_id:
            return _("{name} is already matched to this case.").format(name=c.name)
        return ""

    def show_error(self, message: str) -> None:
        self.hint.show_message(message)

    def _update(self) -> None:
        self.hint.show_message(self.problem(), warning=True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.problem()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """QWizard.next() does not ask isComplete(); a programmatic Next is held to the same rule."""
        self._update()
        return self.isComplete()

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return NO_MATCH if self.no_match.isChecked() else CONFIRM
