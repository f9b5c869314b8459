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
