"""Cost figures benchmark: `cost_figures(vault, year)` on a synthetic vault. Run on demand:
`.venv/bin/python bench/costs.py [--cases 10000] [--year 2025]`.

Fills a vault in a temporary folder with `fill_demo(cases=N)`, adds four hours entries per case and an expense
claim for every held visit (bulk inserts, as the demo does), then times the cost section of the annual report and
the treasurer's export for the year (median of five runs). The folder is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.pop("BORAPP_TEST_FAST_KDF", None)

from sqlalchemy import insert, select  # noqa: E402

from borapp.models import Case, CaseHours, Visit, VisitExpense  # noqa: E402
from borapp.models.base import utcnow  # noqa: E402
from borapp.services.costs.rates import save_rates  # noqa: E402
from borapp.services.costs.treasurer_export import export_expenses  # noqa: E402
from borapp.services.demo.builder import fill_demo  # noqa: E402
from borapp.services.reports.costs import cost_figures  # noqa: E402
from borapp.services.vault.vault import Vault  # noqa: E402

KINDS = ("intake", "talk", "evaluation", "closing", "travel")


def add_costs(vault: Vault, rng: random.Random) -> tuple[int, int]:
    now = utcnow()
    with vault.session() as session:
        cases = session.execute(select(Case.id, Case.registered_on)).all()
        hours = [{"case_id": case_id, "on": on, "coordinator_id": None, "kind": rng.choice(KINDS),
                  "minutes": rng.choice((30, 45, 60, 90, 120)), "note": "", "created_at": now, "updated_at": now}
                 for case_id, on in cases for _ in range(4)]
        held = session.scalars(select(Visit.id).where(Visit.state == "held")).all()
        claims = [{"visit_id": vid, "kilometres": rng.randint(0, 60), "rate_cents": 23,
                   "other_cents": rng.choice((0, 0, 250, 350)), "note": "", "created_at": now, "updated_at": now}
                  for vid in held]
        if hours:
            session.execute(insert(CaseHours), hours)
        if claims:
            session.execute(insert(VisitExpense), claims)
    return len(hours), len(claims)


def median_time(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        vault, _key = Vault.create(Path(folder) / "bench.bordb", "bench passphrase, not secret")
        try:
            start = time.perf_counter()
            fill_demo(vault, cases=args.cases, seed=7)
            hours, claims = add_costs(vault, random.Random(7))
            print(f"vault: {args.cases} cases, {hours} hours entries, {claims} expense claims "
                  f"({time.perf_counter() - start:.1f} s to fill)")
            save_rates(_Ws(vault), "62,50", "0,23", "150")
            figures = cost_figures(vault, args.year)
            print(f"{figures['closed']['count']} trajectories closed in {args.year}, "
                  f"{len(figures['expenses_to_reimburse'])} volunteer-months to reimburse")
            if os.environ.get("BENCH_PROFILE"):
                import cProfile
                cProfile.runctx("cost_figures(vault, args.year)", globals(), locals(), sort="cumtime")
            print(f"cost_figures: {median_time(lambda: cost_figures(vault, args.year)) * 1000:.0f} ms (median of 5)")
            out = Path(folder) / "expenses.xlsx"
            print(f"export xlsx: {median_time(lambda: export_expenses(_Ws(vault), args.year, 'xlsx', out, force=True)) * 1000:.0f} ms")
        finally:
            vault.lock()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    return 0


class _Ws:
    """What the services need of a workspace: a session and an actor."""

    def __init__(self, vault: Vault):
        self.vault, self.actor = vault, "bench"

    def session(self):
        return self.vault.session()

    def reading(self):
        return self.vault.reading()


if __name__ == "__main__":
    raise SystemExit(main())
