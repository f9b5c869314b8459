"""The Volunteers page reads the volunteers once per refresh; the meetings tab loads when it is shown."""

from __future__ import annotations

from borapp.ui.pages.volunteers import volunteers_page
from tests.test_gui_volunteers import page, people  # noqa: F401 - fixtures


def test_one_read_per_refresh_and_meetings_when_shown(page, monkeypatch):
    reads = []
    real = volunteers_page.list_volunteers
    monkeypatch.setattr(volunteers_page, "list_volunteers", lambda *a, **k: reads.append(1) or real(*a, **k))
    page.refresh()
    assert len(reads) == 1, "the list was read more than once"
    page.tabs.setCurrentWidget(page.meetings)
    assert len(reads) == 2 and page.meetings.attendance is not None
    page.refresh()  # the meetings tab is shown now: it stays up to date too
    assert len(reads) == 4


def test_painting_a_long_list_reads_the_rows_it_shows_not_every_volunteer(page, workspace, monkeypatch):
    """Column widths come from a sample of rows: sizing them from all 1,000 volunteers read every row at each
    paint (25,000 data() calls at 10,000 cases)."""
    from borapp.models import Volunteer
    from borapp.ui.pages.volunteers.volunteer_table_model import VolunteerTableModel

    with workspace.session() as session:
        session.add_all(Volunteer(name=f"Proef Vrijwilliger {i:04d}", region="Kop") for i in range(1000))
    rows_read = set()
    real = VolunteerTableModel._text
    monkeypatch.setattr(VolunteerTableModel, "_text", lambda self, row, column: rows_read.add(row.id)
                        or real(self, row, column))
    page.refresh()  # a new list: the columns are sized again
    page.grab()
    assert page.model.rowCount() == 1002  # the pool (Bert has left)
    assert 0 < len(rows_read) <= 150, f"{len(rows_read)} rows read for one paint"
