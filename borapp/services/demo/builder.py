"""Fill a vault with synthetic, realistic demo data: `fill_demo(vault, cases=120, seed=2019)`.

Reproducible: the same seed and `today` give the same people, dates and statuses. Nobody in it is real. Built for
speed (10,000 cases in about half a minute): every case is planned first, its statuses are walked through
`cases.flow.change_status` as always, and the rows are written in bulk inside one transaction, so a failure leaves
the vault as it was.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Case, Contract, Letter, Visit, db
from borapp.services import audit, settings
from borapp.services.cases import search_index
from borapp.services.demo.cases import CasePlan, CaseWriter
from borapp.services.demo.costs import RATES
from borapp.services.demo.people import FIRST_YEAR, People, weighted_municipality
from borapp.services.demo.plan import build_timeline, fates, place_in_time
from borapp.services.demo.rows import Rows, stamp
from borapp.services.demo.staff import add_reference
from borapp.services.errors import BorError, UsageError
from borapp.services.vault.vault import Vault, probe_database, unlock_key, vault_files

BATCH = 500
REFERRER_KINDS = {"court": 26, "youth_protection": 20, "municipal_team": 26, "municipality": 2, "social_work": 8,
                  "veilig_thuis": 7, "child_protection_board": 6, "other": 5}
VISITS_THIS_WEEK = 3
ORGANISATION = {"organisation.name": "BOR Noord-Holland Noord (demo)", "organisation.email": "bor@voorbeeld.nl",
                "organisation.address": "Postbus 1234, 1740 AA Schagen", "organisation.phone": "0224-000000",
                "organisation.website": "https://bor.voorbeeld.nl"}


@dataclass(frozen=True)
class DemoSummary:
    cases: int
    by_status: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    volunteers: int = 0
    meetings: int = 0
    visits: int = 0
    contracts: int = 0
    letters: int = 0
    seconds: float = 0.0


def fill_demo(vault: Vault, cases: int = 120, seed: int = 2019, today: dt.date | None = None,
              progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Fill an empty vault with `cases` synthetic cases and everything around them; mark it demo=1.

    `today` (default: the real date, never later) is the day the data is "as of": open cases stand there, planned
    visits come after it. `progress(done, total)` is called with the number of cases written, from (0, total)."""
    started = time.perf_counter()
    today = today or dt.date.today()
    _check_arguments(cases, today)
    rng = random.Random(seed)
    people = People(seed, rng)
    plans = plan_cases(cases, rng, today)
    with vault.session() as session:
        if session.scalar(select(func.count()).select_from(Case)):
            raise UsageError(_("The vault already holds cases; demo data goes only into an empty vault."))
        reference = add_reference(session, people, rng, today, volunteers=max(40, cases // 10))
        for key, value in {"demo": "1", **ORGANISATION, **RATES}.items():
            settings.put(session, key, value)
        rows = Rows(stamp(today, 12))
        writer = CaseWriter(reference, people, rng, today, rows, _next_id(session, Contract), _next_id(session, Visit))
        _write_cases(session, writer, rows, plans, progress)
        _keep_a_few_in_the_outbox(session)
        audit.seal_bulk_lines(session)
        by_status = dict(session.execute(select(Case.status, func.count()).group_by(Case.status)).all())
        by_outcome = dict(session.execute(select(Case.outcome, func.count()).where(Case.status == "closed")
                                          .group_by(Case.outcome)).all())
    counts = {model.__name__: n for model, n in rows.count.items()}
    return DemoSummary(cases=cases, by_status=by_status, by_outcome=by_outcome, volunteers=len(reference.volunteers),
                       meetings=reference.meetings, visits=counts["Visit"], contracts=counts["Contract"],
                       letters=counts["Letter"], seconds=round(time.perf_counter() - started, 2))


def _check_arguments(cases: int, today: dt.date) -> None:
    if cases < 1:
        raise UsageError(_("The number of cases must be at least 1."))
    if today > dt.date.today():
        raise UsageError(_("Demo data cannot be dated in the future."))
    if today < dt.date(FIRST_YEAR + 2, 1, 1):  # room for whole trajectories after the first registrations
        raise UsageError(_("Demo data starts in {year}; pick a date from {later} on.").format(
            year=FIRST_YEAR, later=FIRST_YEAR + 2))


def plan_cases(total: int, rng: random.Random, today: dt.date) -> list[CasePlan]:
    """Every case's fate, timeline, registration date, municipality and referrer; numbered in registration order."""
    drafts = []
    forced = 0
    for fate, kind in zip(fates(total, rng), _referrer_kinds(total, rng)):
        timeline = build_timeline(fate, rng)
        force = fate.status == "visits" and forced < VISITS_THIS_WEEK
        forced += force
        registered = place_in_time(fate, timeline, rng, today, visit_this_week=force)
        drafts.append((registered, fate, timeline, weighted_municipality(rng), kind))
    drafts.sort(key=lambda d: d[0])
    plans, per_year = [], {}
    for number, (registered, fate, timeline, place, kind) in enumerate(drafts, 1):
        per_year[registered.year] = per_year.get(registered.year, 0) + 1
        plans.append(CasePlan(number, f"BOR-{registered.year}-{per_year[registered.year]:03d}", fate, timeline,
                              registered, place, kind))
    return plans


def _referrer_kinds(total: int, rng: random.Random) -> list[str]:
    """Weighted like a BOR's referrals; with at least as many cases as kinds every kind occurs at least once."""
    kinds = rng.choices(list(REFERRER_KINDS), weights=list(REFERRER_KINDS.values()), k=total)
    if total >= len(REFERRER_KINDS):
        for position, kind in zip(rng.sample(range(total), len(REFERRER_KINDS)), REFERRER_KINDS):
            kinds[position] = kind
    return kinds


def _write_cases(session: Session, writer: CaseWriter, rows: Rows, plans: list[CasePlan],
                 progress: Callable[[int, int], None] | None) -> None:
    batch: list[Case] = []
    if progress:
        progress(0, len(plans))
    for done, plan in enumerate(plans, 1):
        batch.append(writer.write(plan))
        if len(batch) == BATCH or done == len(plans):
            rows.write(session)
            for case in batch:
                search_index.reindex_case(session, case)
            batch.clear()
            if progress:
                progress(done, len(plans))


def _next_id(session: Session, model) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _keep_a_few_in_the_outbox(session: Session) -> None:
    """However the dates fall, the outbox shows a few letters still to check (draft) and to send (ready)."""
    states = dict(session.execute(select(Letter.state, func.count()).group_by(Letter.state)).all())
    if states.get("draft", 0) >= 2 and states.get("ready", 0) >= 2:
        return
    newest = session.scalars(select(Letter.id).order_by(Letter.state_changed_at.desc(), Letter.id.desc())
                             .limit(5)).all()
    for letter_id, state in zip(newest, ("draft", "draft", "ready", "ready", "ready")):
        session.execute(update(Letter).where(Letter.id == letter_id).values(state=state, attempts=0, error=""))


def is_demo_vault(path: Path, passphrase: str) -> bool:
    """True only when the vault at `path` opens with `passphrase` and is marked demo=1.

    Reads and changes nothing: no migration, no new files left behind (unlike a full `Vault.open`)."""
    path = Path(path)
    try:
        key = unlock_key(path, passphrase, None)
        probe_database(path, key)
    except BorError:
        return False
    existing = {p for p in vault_files(path) if p.exists()}
    try:
        conn = db.connect(path, key, read_only=True)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = 'demo'").fetchone()
        finally:
            conn.close()
    except Exception:  # sqlcipher3 raises several DatabaseError kinds; any of them means "not a demo vault"
        row = None
    finally:
        for p in vault_files(path):
            if p.exists() and p not in existing:
                p.unlink()
    return row is not None and row[0] == "1"


def remove_demo_vault(path: Path, passphrase: str) -> None:
    """Delete a demo vault's files; refuses (and touches nothing) unless `is_demo_vault`."""
    if not is_demo_vault(path, passphrase):
        raise UsageError(_("{path} is not a demo vault that opens with this passphrase; it was left as it is.")
                         .format(path=path))
    for p in vault_files(Path(path)):
        if p.exists():
            p.unlink()
