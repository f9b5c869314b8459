"""The steps of the intake down the side of the wizard: where you are, what is done, what is skipped."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from borapp.i18n import _


class StepList(QWidget):
    def __init__(self, titles: dict[int, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("intakeSteps")
        self.setAccessibleName(_("Intake steps"))
        self.setFixedWidth(200)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 12, 0)
        column.setSpacing(2)
        heading = QLabel(_("New intake"))
        heading.setObjectName("sectionTitle")
        column.addWidget(heading)
        self.labels: dict[int, QLabel] = {}
        self.titles = titles
        for number, title in titles.items():
            label = QLabel(f"{number}. {title}")
            label.setWordWrap(True)
            label.setContentsMargins(6, 3, 6, 3)
            self.labels[number] = label
            column.addWidget(label)
        column.addStretch()

    def show_step(self, current: int, visited: list[int], skipped: set[int]) -> None:
        for number, label in self.labels.items():
            text = f"{number}. {self.titles[number]}"
            if number in skipped:
                text += " " + _("(not needed)")
                style = "color: palette(placeholder-text);"
            elif number == current:
                style = "font-weight: 600; background: palette(highlight); color: palette(highlighted-text);" \
                        " border-radius: 4px;"
            elif number in visited:
                style = ""
            else:
                style = "color: palette(placeholder-text);"
            label.setText(text)
            label.setStyleSheet(style)
            label.setAccessibleName(text + (" " + _("(current step)") if number == current else ""))
