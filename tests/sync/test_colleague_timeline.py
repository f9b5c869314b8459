"""A colleague's changes that team sync brings in are named in the case's timeline: which record, on whose laptop
(issue 15); what this laptop did itself, or a first copy of a colleague's new case, is not."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case, Visit
from borapp.services.cases.timeline import timeline
from borapp.services.privacy.access_log import action_label
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


def entries(laptop, ref: str):
    with laptop.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        return [(e.kind, e.title, e.detail) for e in timeline(session, case)]


def test_a_colleagues_changes_are_named_in_the_timeline(team):
    anna, bram = team
    ref = anna.register(visit_place="Speeltuin De Bres")
    with anna.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        session.add(Visit(case_id=case.id, on=dt.date(2026, 6, 3), state="planned"))
    anna.sync()
    bram.sync()
    assert [e for e in entries(bram, ref) if e[0] == "colleague"] == [], "a first copy is not a change"

    anna.edit(ref, visit_place="Bibliotheek Schagen")
    with anna.workspace.session() as session:
        session.scalar(select(Visit)).place = "Speelkamer"
    anna.sync()
    bram.sync()
    named = [e for e in entries(bram, ref) if e[0] == "colleague"]
    assert (_("{what} changed on {laptop}").format(what=_("Case details"), laptop="anna"), "") in \
        [(title, detail) for _k, title, detail in named]
    assert (_("{what} changed on {laptop}").format(what=_("A visit"), laptop="anna"), _("of {date}").format(
        date="3 juni 2026")) in [(title, detail) for _k, title, detail in named]
    assert [e for e in entries(anna, ref) if e[0] == "colleague"] == [], "her own changes are not a colleague's"

    bram.edit(ref, visit_frequency="Elke week")
    bram.sync()
    anna.sync()
    assert any(title == _("{what} changed on {laptop}").format(what=_("Case details"), laptop="bram")
               for kind, title, _d in entries(anna, ref) if kind == "colleague")


def test_a_visit_deleted_by_a_colleague_is_named_and_the_access_log_says_so(team):
    anna, bram = team
    ref = anna.register()
    with anna.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        session.add(Visit(case_id=case.id, on=dt.date(2026, 6, 3), state="planned"))
    anna.sync()
    bram.sync()
    with anna.workspace.session() as session:
        session.delete(session.scalar(select(Visit)))
    anna.sync()
    bram.sync()
    assert (_("{what} deleted on {laptop}").format(what=_("A visit"), laptop="anna")) in \
        [title for kind, title, _d in entries(bram, ref) if kind == "colleague"]
    assert action_label("received_delete") == _("deleted on a colleague's laptop")
