"""The benchmark with budgets: the real services and widgets on a demo vault of N cases, each figure the median of
several runs with min and max beside it. Run on demand, never in CI:

    .venv/bin/python bench/run.py --cases 10000 [--runs 5] [--json] [--only app,rss]
    .venv/bin/python bench/run.py --growth            # list, search, open case, Today at 1k, 10k, 100k in turns
    .venv/bin/python bench/run.py --annual            # the annual report (figures, PDF) at 1k and 10k
    .venv/bin/python bench/run.py --vault PATH --only app  # a vault of your own making, with the bench passphrase

Demo vaults are built once and cached in `bench/.cache/` (synthetic data only). Qt runs offscreen. The figures and
their budgets are in bench/README.md; a figure over budget is marked, not failed: these machines are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
os.environ.pop("BORAPP_TEST_FAST_KDF", None)  # the real key derivation

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
PASSPHRASE = "bench passphrase, synthetic data"
DEMO_DATA = "v8"  # bump when services/demo changes what a demo vault holds (v2: 6–12 visits, varied notes; v3: at
# most 200 cases open and 150 volunteers in the pool at any size; v4: the coordinators' hours and the volunteers'
# expense claims; v5: no attendance at meetings after today; v6: the day a cancelled visit was called off, sign-ups
# and cancel reasons of volunteer meetings, whether their attendance was recorded; v7: visits a parent did not show up
# for, and the volunteer's claims for them; v8: each volunteer's VOGs and the day a paused one paused)
BUDGETS = {  # at 10,000 cases; seconds for *_s, milliseconds for *_ms, MB for rss_mb
    "unlock_to_first_paint_s": 0.8, "dashboard_ms": 150, "case_list_ms": 100, "search_ms_median": 50,
    "open_case_ms": 100, "volunteers_ms": 150, "match_ms": 100, "contract_pdf_ms": 150, "letters_100_s": 3,
    "annual_report_ms": 300, "annual_report_pdf_ms": 500, "cli_help_s": 0.3, "cli_check_s": 0.5, "rss_mb": 200, "encrypted_vs_plain_ratio": 1.2,
}
PARTS = ("services", "annual", "letters", "app", "cli", "rss", "encryption")  # Bench methods, in this order
GROWTH = ("case_list_ms", "search_ms_median", "open_case_ms", "dashboard_ms")
SEARCHES = 50  # the queries below, five times over
QUERIES = ("jansen", "de vries", "bakker", "BOR-20", "speeltuin", "overdracht", "tekening", "ziek", "school",
           "voetbal")


# ---- measuring --------------------------------------------------------------------------------------------------

def measure(fn, runs: int, scale: float = 1000.0) -> dict:
    """Median, min and max of `runs` calls (after one warm-up), in ms by default."""
    fn()
    return summary([timed(fn, scale) for _ in range(runs)])


def timed(fn, scale: float = 1000.0) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * scale


def summary(times: list[float]) -> dict:
    return {"median": round(statistics.median(times), 2), "min": round(min(times), 2), "max": round(max(times), 2)}


def demo_vault(cases: int) -> Path:
    """The cached demo vault of `cases` cases, built by `borapp demo` when missing (or when the demo data changed:
    DEMO_DATA names the version, so an old cache is never measured as if it were the new data)."""
    path = CACHE / f"demo-{cases}-{DEMO_DATA}" / "vault.bordb"
    if not path.exists():
        shutil.rmtree(path.parent, ignore_errors=True)
        for old in [CACHE / f"demo-{cases}", *CACHE.glob(f"demo-{cases}-v*")]:  # older data of this size
            shutil.rmtree(old, ignore_errors=True)
        env = dict(os.environ, BORAPP_PASSPHRASE=PASSPHRASE)
        subprocess.run([sys.executable, "-m", "borapp", "demo", "--vault", str(path), "--cases", str(cases)],
                       check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return path


def vault_size_mb(path: Path) -> float:
    """The vault with its write-ahead log and key file (not a migration's backup beside it)."""
    names = {path.name + suffix for suffix in ("", "-wal", "-shm", ".keys")}
    return round(sum(p.stat().st_size for p in path.parent.iterdir() if p.name in names) / 1e6, 1)


# ---- the figures ----------------------------------------------------------------------------------------------

class Bench:
    def __init__(self, path: Path, runs: int):
        from borapp.services.vault import vault as vault_module
        from borapp.services.vault.vault import Vault
        from borapp.services.vault.workspace import Workspace, list_coordinators

        self.path, self.runs, self.results = path, runs, {}
        self._real_unlock_key = vault_module.unlock_key  # put back by close()
        unlock_key = getattr(self._real_unlock_key, "real", self._real_unlock_key)  # not another Bench's key
        start = time.perf_counter()
        self.key = unlock_key(path, PASSPHRASE, None)
        self.kdf = time.perf_counter() - start

        def lend_key(*_args, **_kwargs):  # the KDF is measured apart, once
            return self.key

        lend_key.real = unlock_key
        vault_module.unlock_key = lend_key
        self.vault = Vault.open(path, PASSPHRASE)
        coordinators = list_coordinators(self.vault)
        self.workspace = Workspace(self.vault, coordinators[0] if coordinators else None)
        self.Workspace, self.Vault = Workspace, Vault

    def released(self):
        """Lock every vault this process holds while a child process opens it (one process per vault), then
        open it again for the figures after."""
        from contextlib import contextmanager

        @contextmanager
        def scope():
            if hasattr(self, "window"):
                self.window.lock()
            coordinator = self.workspace.coordinator
            self.vault.lock()
            try:
                yield
            finally:
                self.vault = self.Vault.open(self.path, PASSPHRASE)
                self.workspace = self.Workspace(self.vault, coordinator)

        return scope()

    def close(self) -> None:
        from borapp.services.vault import vault as vault_module

        self.vault.lock()
        vault_module.unlock_key = self._real_unlock_key

    def some_cases(self, n: int, status: str | None = None) -> list[int]:
        from sqlalchemy import select

        from borapp.models import Case

        with self.workspace.session() as session:
            query = select(Case.id).order_by(Case.id)
            if status:
                query = query.where(Case.status == status)
            ids = list(session.scalars(query))
        return random.Random(5).sample(ids, min(n, len(ids)))

    # -- services

    def services(self) -> None:
        from borapp.services.documents.contract import render_contract
        from borapp.services.matching.ranking import rank_candidates

        match_case = (self.some_cases(1, "matching") or self.some_cases(1))[0]
        self.results["match_ms"] = measure(lambda: rank_candidates(self.workspace, match_case), self.runs)
        contract_case = self.some_cases(1, "visits")[0]
        self.results["contract_pdf_ms"] = measure(lambda: render_contract(self.workspace, contract_case), self.runs)

    def annual(self) -> None:
        """The annual report of last year: its figures (every group, one session), then as a PDF."""
        from borapp.services.reports import annual, files

        year = time.localtime().tm_year - 1
        self.results["annual_report_ms"] = measure(lambda: annual.annual_report(self.workspace, year), self.runs)
        report = annual.annual_report(self.workspace, year)
        self.results["annual_report_pdf_ms"] = measure(lambda: files.render(self.workspace, report, "pdf"),
                                                       self.runs)

    def letters(self) -> None:
        from sqlalchemy import select

        from borapp.models import Letter
        from borapp.services.outbox import export

        with self.workspace.session() as session:
            drafts = list(session.scalars(select(Letter.id).where(Letter.state.in_(("draft", "sent"))).limit(100)))
        times = []
        for _ in range(max(1, self.runs // 2)):
            self._set_state(drafts, "ready")
            with tempfile.TemporaryDirectory() as folder:
                start = time.perf_counter()
                export.export_ready(self.workspace, Path(folder))
                times.append(time.perf_counter() - start)
        self._set_state(drafts, "draft")
        self.results["letters_100_s"] = {"median": round(statistics.median(times), 2), "min": round(min(times), 2),
                                         "max": round(max(times), 2), "letters": len(drafts)}

    def _set_state(self, ids: list[int], state: str) -> None:
        from sqlalchemy import update

        from borapp.models import Letter

        with self.workspace.session() as session:
            session.execute(update(Letter).where(Letter.id.in_(ids)).values(state=state, subject="Terugkoppeling",
                                                                         body="Geachte heer, mevrouw,"))

    # -- the app

    def app(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.open_window()

        def unlock() -> None:
            self.window.lock()
            QApplication.processEvents()
            vault = self.Vault.open(self.path, PASSPHRASE)
            self.window.open_workspace(self.Workspace(vault, self.workspace.coordinator))
            self.window.grab()

        runs = measure(unlock, self.runs, scale=1.0)
        self.results["unlock_to_first_paint_s"] = {k: round(v, 3) for k, v in runs.items()}
        for key in ("dashboard_ms", "case_list_ms", "volunteers_ms"):
            self.results[key] = summary([timed(self.ready(key, i)) for i in range(-1, self.runs)][1:])  # warm-up
        self.results["search_ms_median"] = summary([timed(self.ready("search_ms_median", i)) for i in range(SEARCHES)])
        self.results["open_case_ms"] = summary([timed(self.ready("open_case_ms", i)) for i in range(-1, self.runs)][1:])
        self.show_all_cases()

    def open_window(self) -> None:
        """The main window at 1366×768, open on this vault."""
        from PySide6.QtWidgets import QApplication

        from borapp.app import build_window, make_application

        self.qt = make_application()
        self.window = build_window(self.path, "nl")
        self.window.resize(1366, 768)
        self.window.show()
        QApplication.processEvents()
        vault = self.Vault.open(self.path, PASSPHRASE)  # the window's own, as the unlock screen gives it
        self.window.open_workspace(self.Workspace(vault, self.workspace.coordinator))
        self.picks = self.some_cases(self.runs + 1)

    def ready(self, key: str, i: int):
        """Make the `i`-th sample of an app figure ready to take; returns what is timed: switching to a page (its
        data loaded and its first screen painted; the page is shown already, so no other page's refresh is
        counted), the `i`-th search in the case list (what Enter does: the debounce while typing is left out),
        or opening the `i`-th case."""
        shell = self.window.shell
        if key == "search_ms_median":
            page = shell.show_page("cases")
            page.show_list()
            panel = page.list_panel
            panel.search.setText(QUERIES[i % len(QUERIES)])
            return lambda: (panel.apply_filter(), panel.table.viewport().grab())
        if key == "open_case_ms":
            page, case_id = shell.show_page("cases"), self.picks[i % len(self.picks)]
            return lambda: (page.open_case_file(case_id), page.grab())
        page = {"dashboard_ms": "dashboard", "case_list_ms": "cases", "volunteers_ms": "volunteers"}[key]
        return lambda: self._switch_to(shell, page)

    def _switch_to(self, shell, key: str) -> None:
        page = shell.show_page(key)
        page.refresh()
        page.grab()

    def show_all_cases(self) -> None:
        page = self.window.shell.show_page("cases")
        page.show_list()
        page.list_panel.search.clear()
        page.list_panel.apply_filter()

    # -- cold processes

    def cli(self) -> None:
        env = dict(os.environ, BORAPP_PASSPHRASE=PASSPHRASE)

        def run(*args: str) -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "borapp", *args], env=env, cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return time.perf_counter() - start

        help_times = [run("--help") for _ in range(self.runs)]
        with self.released():
            check_times = [run("check", "--vault", str(self.path)) - self.kdf for _ in range(self.runs)]
        for name, values in (("cli_help_s", help_times), ("cli_check_s", check_times)):
            self.results[name] = {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
                                  "max": round(max(values), 3)}

    def rss(self) -> None:
        """Peak resident memory of a fresh process with the app unlocked and the case list shown, from the key
        derived on, as that process reports it; the peak during the key derivation apart (scrypt's 128 MiB on top of
        the locked window), reported and not budgeted, like `kdf_s`."""
        code = ("import sys; sys.path.insert(0, %r); import bench.run as b; b.show_case_list(%r)"
                % (str(ROOT), str(self.path)))
        with self.released():
            done = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True,
                                  env=dict(os.environ, BORAPP_PASSPHRASE=PASSPHRASE))
        peaks = json.loads(done.stdout.strip().splitlines()[-1])
        self.results["rss_mb"] = round(peaks["after_kdf_kib"] / 1024, 1)
        self.results["rss_kdf_mb"] = round(peaks["kdf_kib"] / 1024, 1)
        self.results["rss_locked_mb"] = round(peaks["locked_kib"] / 1024, 1)

    def encryption(self) -> None:
        """The same service workload on the encrypted vault and a plain copy, interleaved."""
        from borapp.models import db
        from borapp.services import dashboard
        from borapp.services.cases import listing

        plain_path = Path(tempfile.mkdtemp()) / "plain.db"
        with self.vault.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            raw.execute(f"ATTACH DATABASE '{plain_path}' AS plain KEY ''")
            raw.execute("SELECT sqlcipher_export('plain')")
            raw.execute("DETACH DATABASE plain")
        plain = PlainVault(plain_path, db)

        def workload(workspace) -> None:
            dashboard.today(workspace)
            for text in ("jansen", "speeltuin", "BOR-20"):
                listing.list_cases(workspace, listing.CaseFilter(text=text))
            listing.list_cases(workspace, listing.CaseFilter(sort="registered_on", descending=True))

        encrypted_ws, plain_ws = self.workspace, self.Workspace(plain, self.workspace.coordinator)
        enc, pln = [], []
        for _ in range(self.runs):
            for target, sink in ((encrypted_ws, enc), (plain_ws, pln)):
                start = time.perf_counter()
                workload(target)
                sink.append(time.perf_counter() - start)
        plain.lock()
        shutil.rmtree(plain_path.parent, ignore_errors=True)
        self.results["encrypted_vs_plain_ratio"] = round(statistics.median(enc) / statistics.median(pln), 2)


class PlainVault:
    """An unencrypted copy behind the same session API, for the encrypted/plain ratio only."""

    def __init__(self, path: Path, db):
        import sqlcipher3
        from sqlalchemy import create_engine

        def connect():
            conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
            for pragma in ("foreign_keys = ON", f"cache_size = -{db.PAGE_CACHE_KIB}", "secure_delete = ON",
                           "temp_store = MEMORY", "journal_mode = WAL"):  # as models/db.connect sets them
                conn.execute(f"PRAGMA {pragma}")
            return conn

        self.path = path
        self.engine = create_engine("sqlite://", module=sqlcipher3.dbapi2, creator=connect)
        self._sessions = db.session_factory(self.engine)
        self.is_locked = False

    def session(self):
        from contextlib import contextmanager

        @contextmanager
        def scope():
            with self._sessions.begin() as session:
                yield session

        return scope()

    reading = session  # the plain copy has one kind of session

    def lock(self) -> None:
        self.engine.dispose()
        self.is_locked = True


def show_case_list(path: str) -> None:
    """The child process of `rss`: unlock, show the case list, quit; prints the peaks (KiB) as one JSON line.
    Linux's high-water mark is reset after the key derivation (/proc/self/clear_refs), so the two are apart."""
    from PySide6.QtWidgets import QApplication

    from borapp.app import build_window, make_application
    from borapp.services.vault import vault as vault_module
    from borapp.services.vault.workspace import Workspace, list_coordinators

    make_application()
    window = build_window(Path(path), "nl")
    window.show()
    QApplication.processEvents()
    locked = _memory_kib("VmRSS")
    key = vault_module.unlock_key(Path(path), os.environ["BORAPP_PASSPHRASE"], None)
    kdf = _memory_kib("VmHWM")
    Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again from what is resident now
    vault_module.unlock_key = lambda *_a, **_k: key
    vault = vault_module.Vault.open(Path(path), os.environ["BORAPP_PASSPHRASE"])
    coordinators = list_coordinators(vault)
    window.open_workspace(Workspace(vault, coordinators[0] if coordinators else None))
    window.shell.show_page("cases").grab()
    QApplication.processEvents()
    after = _memory_kib("VmHWM")
    window.lock()
    print(json.dumps({"locked_kib": locked, "kdf_kib": kdf, "after_kdf_kib": after}))  # the parent reads it


def _memory_kib(field: str) -> int:
    """A line of /proc/self/status: VmRSS (resident now) or VmHWM (the high-water mark), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


# ---- report -------------------------------------------------------------------------------------------------

def run_once(cases: int, runs: int, parts: tuple[str, ...], path: Path | None = None) -> dict:
    path = path or demo_vault(cases)
    load_before = os.getloadavg()[0]  # the machine is shared: the figures mean little without it
    bench = Bench(path, runs)
    try:
        cases = len(bench.some_cases(10**9))
        for part in parts:
            getattr(bench, part)()
    finally:
        if hasattr(bench, "window"):
            bench.window.lock()
        bench.close()
    return {"cases": cases, "kdf_s": round(bench.kdf, 3), "vault_mb": vault_size_mb(path),
            "load": [round(load_before, 2), round(os.getloadavg()[0], 2)], **bench.results}


def print_table(result: dict) -> None:
    print(f"{result['cases']:,} cases · vault {result['vault_mb']} MB · KDF {result['kdf_s']} s · "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores · "
          f"load {result['load'][0]} at the start, {result['load'][1]} at the end")
    print(f"{'figure':<28}{'median':>10}{'min':>10}{'max':>10}{'budget':>10}")
    for key, value in result.items():
        if key in ("cases", "kdf_s", "vault_mb", "load"):
            continue
        budget = BUDGETS.get(key, "")
        if isinstance(value, dict):
            over = " !" if budget != "" and value["median"] > budget else ""
            print(f"{key:<28}{value['median']:>10}{value['min']:>10}{value['max']:>10}{budget:>10}{over}")
        else:
            over = " !" if budget != "" and value > budget else ""
            print(f"{key:<28}{value:>10}{'':>10}{'':>10}{budget:>10}{over}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--growth", action="store_true", help="list, search, open case and Today at 1k, 10k and "
                        "100k, side by side, a sample at each size in turn (bench/growth.py)")
    parser.add_argument("--annual", action="store_true", help="the annual report (figures, PDF) at 1k and 10k")
    parser.add_argument("--vault", type=Path, help="measure this vault (opened with the bench passphrase), not a "
                        "demo vault; e.g. an older, busier demo kept for comparison")
    parser.add_argument("--only", default=",".join(PARTS), help="some of the parts, comma-separated: "
                        + ", ".join(PARTS) + " (all by default)")
    args = parser.parse_args()
    parts = tuple(p.strip() for p in args.only.split(",") if p.strip())
    if any(p not in PARTS for p in parts):
        parser.error(f"--only takes some of {', '.join(PARTS)}")
    sys.path.insert(0, str(ROOT))
    if args.growth:
        from bench.growth import measure_growth

        results = measure_growth(args.runs)
        growth = {key: round(results[-1][key]["median"] / results[0][key]["median"], 2) for key in GROWTH}
        output = {"growth_1k_to_100k": growth, "runs": results}
        if args.json:
            print(json.dumps(output))
        else:
            for result in results:
                print_table(result)
                print()
            print("growth 1k → 100k (budget ≤ 1.5):", growth)
        return 0
    if args.annual:
        results = [run_once(n, args.runs, ("annual",)) for n in (1_000, 10_000)]
        if args.json:
            print(json.dumps(results))
        for result in results if not args.json else ():
            print_table(result)
            print()
        return 0
    result = run_once(args.cases, args.runs, parts, args.vault)
    print(json.dumps(result) if args.json else "", end="\n" if args.json else "")
    if not args.json:
        print_table(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
