"""Schema under Alembic: the models match the migrations, and an older vault is backed up, then upgraded."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from borapp.models import Base, schema
from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE


def test_models_and_migrations_agree(vault):
    def ours(name, type_, _parent):  # the FTS5 index and its shadow tables are made by SQL in the migration
        return not (type_ == "table" and name.startswith("case_search"))

    with vault.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": ours})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], diff


def test_the_head_written_down_is_the_newest_script_and_a_vault_reads_its_own():
    """schema.HEAD spares every unlock Alembic's import and its scripts; it must say what the scripts say."""
    assert schema.head() == schema.scripts_head() == schema.HEAD


def test_the_revision_is_read_as_alembic_reads_it(vault):
    with vault.engine.connect() as conn:
        alembic_reads = MigrationContext.configure(conn).get_current_revision()
    assert schema.current(vault.engine) == alembic_reads == schema.HEAD
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
    assert schema.current(vault.engine) is None


def test_opening_an_up_to_date_vault_imports_no_alembic(vault_path):
    import subprocess
    import sys

    Vault.create(vault_path, PASSPHRASE)[0].lock()
    code = ("import sys; from borapp.services.vault.vault import Vault; "
            f"Vault.open(__import__('pathlib').Path({str(vault_path)!r}), {PASSPHRASE!r}).lock(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**__import__("os").environ, "BORAPP_TEST_FAST_KDF": "1"})
    assert done.stdout.strip() == "[]", done.stdout


def test_an_older_vault_is_backed_up_then_upgraded(vault, vault_path):
    from alembic import command

    from borapp.models.schema import _config

    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert schema.current(vault.engine) == "0001"
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        assert schema.current(reopened.engine) == schema.head()
    finally:
        reopened.lock()
    backups = list(vault_path.parent.glob("*.before-0001-*.borbackup"))
    assert len(backups) == 1
    from borapp.services.vault import backup_file

    assert backup_file.read_manifest(backups[0])["schema"] == "0001"


def test_upgrading_to_0019_makes_visit_and_evaluation_notes_findable(vault, vault_path):
    """A vault from before: its visits' notes were not in the search index; after the upgrade they are."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Case, Evaluation, Parent, Visit
    from borapp.models.schema import _config
    from borapp.services.cases.search_index import search_case_ids

    with vault.session() as session:
        case = Case(ref="BOR-2025-019", registered_on=dt.date(2025, 3, 1), status="visits")
        case.parents.append(Parent(role="resident", name="Ria Proef"))
        session.add(case)
        session.flush()
        session.add(Visit(case_id=case.id, on=dt.date(2025, 4, 1), state="held", what_happened="Samen vliegeren"))
        session.add(Evaluation(case_id=case.id, held_on=dt.date(2025, 5, 1), agreements="Voortaan knutselmiddag"))
        session.execute(text("INSERT INTO case_search(rowid, case_id, body) VALUES (:id, :id, 'BOR-2025-019 Ria')"),
                        {"id": case.id})
        case_id = case.id
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0018")
    with vault.session() as session:
        assert search_case_ids(session, "vliegeren") == []
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        with reopened.session() as session:
            assert search_case_ids(session, "vliegeren") == [case_id]
            assert search_case_ids(session, "knutselmiddag") == [case_id]
            assert search_case_ids(session, "Ria") == [case_id]
    finally:
        reopened.lock()


def test_upgrading_to_0033_gives_each_contract_version_the_parents_address_flags(vault, vault_path):
    """Versions stored before say nothing of whose address they keep out; after the upgrade they hold the flags the
    parents have, so they stay in line with the case (no new version to sign for the upgrade alone)."""
    import datetime as dt
    import json

    from alembic import command
    from sqlalchemy import select, text

    from borapp.models import Case, Contract, Parent
    from borapp.models.schema import _config
    from borapp.services.cases.contract_terms import case_terms, in_line, snapshot

    with vault.session() as session:
        case = Case(ref="BOR-2025-033", registered_on=dt.date(2025, 3, 1), status="contract")
        case.parents.append(Parent(role="resident", name="Ria Proef", address_confidential=True))
        case.parents.append(Parent(role="other", name="Otto Proef"))
        session.add(case)
        session.flush()
        terms = json.loads(snapshot(case_terms(case)))
        del terms["confidential"]  # as a version stored before 0033
        session.add(Contract(case_id=case.id, version=1, agreements=json.dumps(terms)))
        case_id = case.id
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0032")
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        with reopened.session() as session:
            stored = json.loads(session.scalar(text("SELECT agreements FROM contract")))
            assert stored["confidential"] == {"resident": True, "other": False}
            assert in_line(session.scalar(select(Contract)), session.get(Case, case_id))
    finally:
        reopened.lock()


def test_upgrading_to_0034_keeps_each_letter_going_to_whom_it_went(vault, vault_path):
    """Letters stored before a letter kept its addressee went to the referrer (or the schedule's parent): after the
    upgrade they say so ("") and render as they did."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Case, Letter
    from borapp.models.schema import _config

    with vault.session() as session:
        case = Case(ref="BOR-2025-034", registered_on=dt.date(2025, 3, 1), status="closed")
        session.add(case)
        session.flush()
        session.add(Letter(case_id=case.id, kind="closing", recipient_name="Anna de Vries", body="Geachte"))
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0033")
        assert "addressee" not in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(letter)")}
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        with reopened.session() as session:
            assert session.execute(text("SELECT kind, recipient_name, addressee FROM letter")).all() == [
                ("closing", "Anna de Vries", "")]
    finally:
        reopened.lock()


def test_upgrading_to_0035_makes_an_own_closing_template_greet_whom_the_letter_goes_to(vault, vault_path):
    """The closing report goes to the commissioning party since 0034; an organisation's template kept from before
    greeted the referrer's contact person in it. The greeting follows the addressee; the rest stays as written."""
    from alembic import command
    from sqlalchemy import text

    from borapp.models.schema import _config
    from borapp.services import settings
    from borapp.services.documents.templates import template_key

    own = "Geachte {referrer_contact},\n\nHet traject is klaar; {referrer_contact} kreeg bericht.\n\n{outcome}"
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0034")
    with vault.engine.begin() as conn:
        conn.execute(text("INSERT OR REPLACE INTO setting (key, value) VALUES (:key, :value)"),
                     {"key": template_key("closing", "nl"), "value": own})
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        with reopened.session() as session:
            assert settings.get(session, template_key("closing", "nl")) == (
                "Geachte {recipient_contact},\n\nHet traject is klaar; {referrer_contact} kreeg bericht.\n\n{outcome}")
    finally:
        reopened.lock()


def test_upgrading_to_0036_keeps_the_visits_with_no_day_they_were_called_off(vault, vault_path):
    """0036 keeps the day a visit was called off; a visit called off before it has none (read as its own day)."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Case, Visit
    from borapp.models.schema import _config

    with vault.session() as session:
        case = Case(ref="BOR-2026-036", registered_on=dt.date(2026, 3, 2))
        session.add(case)
        session.flush()
        session.add(Visit(case_id=case.id, on=dt.date(2026, 3, 20), state="cancelled", cancelled_by="other",
                          cancel_reason="Ziek"))
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0035")
    with vault.engine.connect() as conn:
        assert "cancelled_on" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(visit)")]
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        with reopened.session() as session:
            assert session.execute(text('SELECT "on", state, cancelled_on FROM visit')).all() == [
                ("2026-03-20", "cancelled", None)]
    finally:
        reopened.lock()


def test_upgrading_to_0038_leaves_the_visits_as_they_were(vault, vault_path):
    """0038 adds who did not show up; a visit recorded before it keeps its state and has nobody there. Going back,
    a no-show becomes what it could only be before: cancelled by that parent."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Case, Visit
    from borapp.models.schema import _config

    with vault.session() as session:
        case = Case(ref="BOR-2026-038", registered_on=dt.date(2026, 3, 2))
        session.add(case)
        session.flush()
        session.add(Visit(case_id=case.id, on=dt.date(2026, 3, 20), state="cancelled", cancelled_by="other",
                          cancel_reason="Kwam niet", notice_hours=0))
        session.add(Visit(case_id=case.id, on=dt.date(2026, 3, 27), state="no_show", no_show_by="resident"))
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0037")
    with vault.engine.connect() as conn:
        assert "no_show_by" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(visit)")]
        assert conn.exec_driver_sql('SELECT state, cancelled_by FROM visit ORDER BY "on"').all() == [
            ("cancelled", "other"), ("cancelled", "resident")]
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)  # upgrades to 0038 again
    try:
        with reopened.session() as session:
            assert session.execute(text('SELECT state, cancelled_by, notice_hours, no_show_by FROM visit '
                                        'ORDER BY "on"')).all() == [("cancelled", "other", 0, ""),
                                                                     ("cancelled", "resident", None, "")]
    finally:
        reopened.lock()


def test_upgrading_to_0039_keeps_each_case_kept_longer(vault, vault_path):
    """0039 gives a retention hold a key of its own (so it travels); the holds noted before stay, one per case."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Case, RetentionHold
    from borapp.models.schema import _config

    with vault.session() as session:
        case = Case(ref="BOR-2001-039", registered_on=dt.date(2001, 3, 2))
        session.add(case)
        session.flush()
        session.add(RetentionHold(case_id=case.id, reason="rechtszaak loopt nog", until=dt.date(2027, 12, 2),
                                  noted_on=dt.date(2026, 12, 2), actor="Anna"))
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0038")
    with vault.engine.connect() as conn:
        assert "id" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(retention_hold)")]
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        with reopened.session() as session:
            assert session.execute(text("SELECT id, reason, until, actor FROM retention_hold")).all() == [
                (1, "rechtszaak loopt nog", "2027-12-02", "Anna")]
    finally:
        reopened.lock()


def test_upgrading_to_0040_keeps_who_attended_and_gives_a_cancelled_meeting_its_reason(vault, vault_path):
    """0040 adds who signed up and why a meeting was cancelled. The rows recorded before were who attended; a meeting
    cancelled before gets the reason the report counted it under (under four attended: too few). Going back, a
    sign-up alone goes: a row meant someone attended."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Meeting, MeetingAttendance, Volunteer
    from borapp.models.schema import _config

    with vault.session() as session:
        people = [Volunteer(name=f"Proef {n}") for n in range(5)]
        session.add_all(people)
        session.flush()
        ids = [p.id for p in people]
        for day, cancelled, present in ((1, False, ids[:2]), (2, True, ids[:1]), (3, True, ids)):
            session.add(Meeting(held_on=dt.date(2026, 3, day), cancelled=cancelled,
                                attendance=[MeetingAttendance(volunteer_id=v) for v in present]))
        session.add(Meeting(held_on=dt.date(2026, 3, 4), attendance=[
            MeetingAttendance(volunteer_id=ids[0], signed_up=True, attended=False)]))
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0039")
    with vault.engine.connect() as conn:
        assert "signed_up" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(meeting_attendance)")]
        assert "cancel_reason" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(meeting)")]
        assert conn.exec_driver_sql("SELECT count(*) FROM meeting_attendance").scalar() == 8  # the sign-up went
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)  # upgrades to 0040 again
    try:
        with reopened.session() as session:
            assert session.execute(text('SELECT held_on, cancelled, cancel_reason, cancel_note FROM meeting '
                                        'ORDER BY held_on')).all() == [
                ("2026-03-01", 0, "", ""), ("2026-03-02", 1, "too_few", ""), ("2026-03-03", 1, "other", ""),
                ("2026-03-04", 0, "", "")]
            assert session.execute(text("SELECT DISTINCT signed_up, attended FROM meeting_attendance")).all() == [
                (0, 1)]
    finally:
        reopened.lock()


def test_upgrading_to_0041_says_the_meetings_with_someone_who_attended_had_their_attendance_recorded(vault,
                                                                                                   vault_path):
    """0041 keeps whether who attended was recorded, so that "nobody" is not taken for "not recorded yet"."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Meeting, MeetingAttendance, Volunteer
    from borapp.models.schema import _config

    with vault.session() as session:
        person = Volunteer(name="Proef")
        session.add(person)
        session.flush()
        session.add_all([Meeting(held_on=dt.date(2026, 3, 1), attendance=[MeetingAttendance(volunteer_id=person.id)]),
                         Meeting(held_on=dt.date(2026, 3, 2), attendance=[
                             MeetingAttendance(volunteer_id=person.id, signed_up=True, attended=False)])])
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0040")
    with vault.engine.connect() as conn:
        assert "attendance_recorded" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(meeting)")]
        assert conn.exec_driver_sql("SELECT count(*) FROM meeting_attendance").scalar() == 2  # no CASCADE
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)  # upgrades to 0041 again
    try:
        with reopened.session() as session:
            assert session.execute(text("SELECT held_on, attendance_recorded FROM meeting ORDER BY held_on")).all() == [
                ("2026-03-01", 1), ("2026-03-02", 0)]
    finally:
        reopened.lock()


def test_upgrading_to_0042_dates_each_contract_version_and_letter_as_this_laptop_had_them(vault, vault_path):
    """0042 keeps the day a version was drawn up and the moment a letter was made in columns that travel; the rows
    stored before get the date they were shown with here (from `created_at`)."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Case, Contract, Letter
    from borapp.models.schema import _config

    with vault.session() as session:
        case = Case(ref="BOR-2026-042", registered_on=dt.date(2026, 9, 1), status="contract")
        session.add(case)
        session.flush()
        session.add(Contract(case_id=case.id, version=1, created_at=dt.datetime(2026, 10, 2, 9, 30)))
        session.add(Letter(case_id=case.id, kind="intake", created_at=dt.datetime(2018, 3, 5, 14)))
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0041")
    with vault.engine.connect() as conn:
        assert "drawn_up_on" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(contract)")]
        assert "made_at" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(letter)")]
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)  # upgrades to 0042 again
    try:
        with reopened.session() as session:
            assert session.scalar(text("SELECT drawn_up_on FROM contract")) == "2026-10-02"
            assert session.get(Letter, 1).made_at == dt.datetime(2018, 3, 5, 14)
            assert session.get(Contract, 1).drawn_up_on == dt.date(2026, 10, 2)
    finally:
        reopened.lock()


def test_upgrading_to_0044_makes_each_vog_date_the_first_vog_and_each_volunteer_not_active_paused(vault, vault_path):
    """0044 keeps a history of VOGs and pauses for the annual report: the VOG date a volunteer had becomes her first
    VOG; one not active and not gone has paused as far back as the records go (as the report counted her); one who
    left stopped on her leaving date, no pause needed. Going back keeps the VOG date and the tick."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from borapp.models import Volunteer
    from borapp.models.schema import _config

    with vault.session() as session:
        session.add_all([Volunteer(name="Actief", vog_date=dt.date(2021, 4, 1)),
                         Volunteer(name="Gepauzeerd", vog_date=dt.date(2019, 2, 3), active=False),
                         Volunteer(name="Vertrokken", active=False, left_on=dt.date(2022, 1, 1)),
                         Volunteer(name="Vertrekt", active=False, left_on=dt.date.today() + dt.timedelta(days=30))])
    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0043")
    with vault.engine.connect() as conn:
        tables = [row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert "vog_issue" not in tables and "volunteer_pause" not in tables
        assert conn.exec_driver_sql("SELECT count(*) FROM volunteer WHERE vog_date IS NOT NULL").scalar() == 2
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)  # upgrades to 0044 again
    try:
        with reopened.session() as session:
            assert session.execute(text("SELECT v.name, i.issued_on FROM vog_issue i JOIN volunteer v "
                                        "ON v.id = i.volunteer_id ORDER BY v.name")).all() == [
                ("Actief", "2021-04-01"), ("Gepauzeerd", "2019-02-03")]
            assert session.execute(text("SELECT v.name, p.started_on, p.ended_on FROM volunteer_pause p JOIN "
                                        "volunteer v ON v.id = p.volunteer_id ORDER BY v.name")).all() == [
                ("Gepauzeerd", None, None), ("Vertrekt", None, None)]
    finally:
        reopened.lock()
