"""widgets/side_by_side.py: side by side while the widgets fit, one under the other when they do not, also when
what they hold changes at the same width (another case's longer next step in the case header)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from borapp.ui.widgets.side_by_side import SideBySide


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_it_stacks_when_the_width_or_the_content_no_longer_fits_and_back(qtbot):
    left, right = QLabel("Dossier BOR-2026-014"), QLabel("Start intake")
    row = SideBySide([left, right])
    qtbot.addWidget(row)
    row.resize(400, 100)
    row.show()
    settle()
    assert not row.stacked and right.geometry().top() == left.geometry().top()
    right.setText("Koppelen aan een vrijwilliger, en dan nog wat langer")  # the same width, a longer text
    settle()
    assert row.stacked and right.geometry().top() > left.geometry().bottom()
    assert row.minimumSizeHint().width() == right.minimumSizeHint().width(), "never asks for both side by side"
    row.resize(900, 100)
    settle()
    assert not row.stacked
    row.resize(300, 100)
    settle()
    assert row.stacked
