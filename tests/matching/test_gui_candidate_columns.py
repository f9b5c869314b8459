"""The matching wizard's tables at 1093×614 (1366×768 at 125 %): no sideways scrolling, every reason whole."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from borapp.ui.style import ITEM_PADDING
from borapp.ui.wizards.matching.candidate_model import NAME, WHY
from tests.cases.test_case_services import add_case
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.matching.test_matching import add_volunteer
from tests.matching.test_matching import scene as scene  # noqa: F401 - the shared fixture
from tests.test_gui_matching import open_wizard


def _cut_cells(table, column: int) -> list[str]:
    """The cells of `column` whose text does not fit its cell, wrapped at the width it is painted in."""
    model, header = table.model(), table.horizontalHeader()
    width = header.sectionSize(column) - 2 * ITEM_PADDING - 8
    cut = []
    for row in range(model.rowCount()):
        text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or ""
        needed = table.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
        if needed.width() > width or needed.height() > table.rowHeight(row) - 2:
            cut.append(text)
    return cut


def test_the_reasons_wrap_whole_and_nothing_scrolls_sideways_at_1093(qtbot, page, workspace, scene):
    """At 1093×614 the "Can be matched" table scrolled sideways with the reasons cut to "Sam…", and "Why not" was cut:
    a long name took what it liked. The names now take at most about a third; the reasons the rest, wrapped."""
    case_id, _ids = scene
    add_volunteer(workspace, "Alexandra Wilhelmina van Oldenbarnevelt-Schimmelpenninck van der Oye")
    add_volunteer(workspace, "Maximiliaan Vredeman van de Kerckhove-Terborch", max_cases=1)
    add_case(workspace, "BOR-2025-091", status="visits",
             volunteer="Maximiliaan Vredeman van de Kerckhove-Terborch")
    wizard = open_wizard(page, case_id)
    wizard.resize(1093, 614)
    qtbot.wait(50)
    for table in (wizard.candidates.eligible_table, wizard.candidates.other_table):
        header = table.horizontalHeader()
        right = header.sectionViewportPosition(WHY) + header.sectionSize(WHY)
        assert right <= table.viewport().width() + 1 and not table.horizontalScrollBar().isVisible()
        assert header.sectionSize(WHY) >= header.sectionSize(NAME), table.accessibleName()
        assert not _cut_cells(table, WHY), table.accessibleName()
    wizard.reject()
