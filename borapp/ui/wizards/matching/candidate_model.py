"""The ranked candidates as a table over plain rows (Candidate), and a delegate that draws the score as a bar."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionProgressBar

from borapp.formatting import number
from borapp.i18n import N_, _
from borapp.services.matching.ranking import MAX_SCORE, Candidate
from borapp.ui.colours import WARNING
from borapp.ui.icons import icon

PLACE, NAME, SCORE, WHY = range(4)
HEADERS = (N_("No."), N_("Volunteer"), N_("Score"), N_("Reasons"))
WHY_NOT_HEADER = N_("Why not")
ID_ROLE = Qt.ItemDataRole.UserRole
SCORE_ROLE = Qt.ItemDataRole.UserRole + 1


class CandidateModel(QAbstractTableModel):
    """Eligible candidates show their reasons; ineligible ones (`eligible=False`) show why they cannot be matched."""

    def __init__(self, eligible: bool = True, parent=None):
        super().__init__(parent)
        self.eligible = eligible
        self._rows: list[Candidate] = []
        self._current: int | None = None

    def set_rows(self, rows: list[Candidate], current_id: int | None = None) -> None:
        """`current_id`: the volunteer matched to the case now, marked in the list."""
        self.beginResetModel()
        self._rows = list(rows)
        self._current = current_id
        self.endResetModel()

    def row_at(self, row: int) -> Candidate:
        return self._rows[row]

    def row_of(self, volunteer_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.volunteer_id == volunteer_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(WHY_NOT_HEADER) if section == WHY and not self.eligible else _(HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (PLACE, SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(HEADERS):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == SCORE:
                return _("Score {score} of {max}").format(score=number(row.score), max=number(MAX_SCORE))
            return self._text(index.row(), row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (NAME, WHY):
            return self._all_reasons(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PLACE, SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self._mark(row)
        if role == ID_ROLE:
            return row.volunteer_id
        if role == SCORE_ROLE:
            return row.score
        return None

    @staticmethod
    def _all_reasons(row: Candidate) -> str:
        """Every reason in full, one a line, what rules the volunteer out first (the column shows what fits)."""
        first = list(row.blocks) if not row.eligible else []
        return "\n".join(first + [r for r in row.reasons if r not in first])

    def _mark(self, row: Candidate):
        """Ruled out, matched now, or allowed with a warning (a VOG due for renewal), whose words lead the reasons."""
        if not row.eligible:
            return icon("prohibit")
        if self._is_current(row):
            return icon("handshake")
        return icon("warning", WARNING) if row.warnings else None

    def _is_current(self, row: Candidate) -> bool:
        return self._current is not None and row.volunteer_id == self._current

    def _text(self, place: int, row: Candidate, column: int) -> str:
        if column == PLACE:
            return str(place + 1)
        if column == NAME:
            return _("{name} (matched now)").format(name=row.name) if self._is_current(row) else row.name
        if column == SCORE:
            return number(row.score)
        return " · ".join(row.blocks if not row.eligible else row.reasons)


class ScoreBarDelegate(QStyledItemDelegate):
    """The score as a bar out of the maximum (the platform's own progress-bar look) with the number beside it;
    greyed for volunteers who cannot be matched."""

    NUMBER_WIDTH = 40
    BAR_HEIGHT = 14

    def paint(self, painter, option, index) -> None:
        value = index.data(SCORE_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(6, 0, -6, 0)
        bar = QStyleOptionProgressBar()
        height = self.BAR_HEIGHT  # as thin in a row grown for wrapped reasons as in a row of one line
        bar.rect = QRect(rect.left(), rect.center().y() - height // 2, max(10, rect.width() - self.NUMBER_WIDTH), height)
        bar.minimum, bar.maximum = 0, int(MAX_SCORE)
        bar.progress = max(0, min(int(MAX_SCORE), round(value)))
        bar.textVisible = False
        bar.state = QStyle.StateFlag.State_Horizontal | QStyle.StateFlag.State_Enabled
        bar.palette = QPalette(option.palette)
        if not index.model().eligible:  # a grey bar: these points do not count while the volunteer is ruled out
            bar.palette.setColor(QPalette.ColorRole.Highlight, option.palette.color(QPalette.ColorRole.Mid))
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
        selected = option.state & QStyle.StateFlag.State_Selected
        painter.save()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        text_rect = QRect(rect.right() - self.NUMBER_WIDTH + 4, rect.top(), self.NUMBER_WIDTH - 4, rect.height())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), number(value))
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802 - Qt override
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 110), hint.height())
