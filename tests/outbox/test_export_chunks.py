"""An export commits per chunk of letters, not per letter: where the files go for the whole chunk, the files, then
that they went (at 100 letters two commits each cost a third of the export). Killed anywhere, it exports nothing
twice (tests/outbox/test_outbox_robust.py)."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from borapp.models import Letter
from borapp.services.outbox import export
from borapp.services.outbox import letters
from tests.helpers.outbox_support import add_referred_case, stand_in  # noqa: F401


def test_letters_are_marked_and_recorded_a_chunk_at_a_time(workspace, tmp_path, stand_in, monkeypatch):
    case_id = add_referred_case(workspace, "BOR-2026-091")
    ids = [letters.new_letter(workspace, case_id, kind) for kind in ("intake", "start", "closing")]
    monkeypatch.setattr(export, "EXPORT_CHUNK", 2)
    commits, changing = [], set()  # the letters each commit wrote

    def seen(session, _context, _instances):
        changing.update(o.id for o in session.dirty if isinstance(o, Letter) and session.is_modified(o))

    def committed(_session):
        if changing:
            commits.append(sorted(changing))
            changing.clear()

    event.listen(Session, "before_flush", seen)
    event.listen(Session, "after_commit", committed)
    try:
        result = export.export_ready(workspace, tmp_path / "uit")
    finally:
        event.remove(Session, "before_flush", seen)
        event.remove(Session, "after_commit", committed)
    order = [i for i, _eml, _pdf in result.exported]
    assert sorted(order) == sorted(ids)
    first, second = sorted(order[:2]), order[2:]
    assert commits == [first, first, second, second]  # marked, recorded; marked, recorded
    assert [letters.get_letter_row(workspace, i).state for i in ids] == ["exported"] * 3
    for _id, eml, pdf in result.exported:
        assert b"X-Unsent: 1" in eml.read_bytes() and pdf.read_bytes().startswith(b"%PDF")
