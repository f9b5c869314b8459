"""Team sync from the laptops' side, with real encrypted vaults: the first sync of a demo vault of N cases to an
empty office server, the first sync of an empty laptop from it, and an incremental sync of 100 changes (targets at
10,000 cases: 60 s, 60 s, 2 s). The real service on uvicorn on a local port, a throw-away PostgreSQL 15 with fsync
on (as an office server runs). Run on demand, never in CI:

    .venv/bin/python bench/sync_laptops.py [--cases 10000] [--server process|thread] [--json]

The service runs as its own process (`borapp server run`), as on the office server: it does not share the laptop's
interpreter (and its lock) as it does with `--server thread`, which the figures before 4 December 2026 used.

The demo vault comes from bench/run.py's cache (built with `borapp demo` when missing) and is copied first: the
cached one is never joined to a team.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.pop("BORAPP_TEST_FAST_KDF", None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--server", choices=("process", "thread"), default="process",
                        help="the service in its own process (as on the office server) or in a thread of this one")
    args = parser.parse_args()

    import psycopg
    import uvicorn
    from sqlalchemy import func, select

    from bench.run import PASSPHRASE, demo_vault
    from borapp.models import Case, SyncOp
    from borapp.server import devices, schema
    from borapp.server.app import create_app
    from borapp.services.sync.join import join
    from borapp.services.sync.run import sync_now
    from borapp.services.vault.vault import Vault, vault_files
    from borapp.services.vault.workspace import Workspace, add_coordinator, list_coordinators
    from tests.server.conftest import Postgres, _free_port

    source = demo_vault(args.cases)
    folder = Path(tempfile.mkdtemp(prefix="borapp-bench-sync-"))
    pg = Postgres(durable=True)
    pg.start()
    server = process = None
    figures: dict = {"cases": args.cases, "server": args.server, "load": [round(os.getloadavg()[0], 2)]}
    try:
        url = pg.create_database("bench")
        schema.upgrade(url)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        if args.server == "thread":
            server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port,
                                                   log_level="warning"))
            threading.Thread(target=server.run, daemon=True).start()
            while not server.started:
                time.sleep(0.05)
        else:
            process = subprocess.Popen([sys.executable, "-m", "borapp", "server", "run", "--database", url,
                                        "--listen", f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            wait_until_up(base, process)

        def code(name: str) -> str:
            with psycopg.connect(url, autocommit=True) as conn:
                return devices.add(conn, name)[0]

        anna_path = folder / "anna" / "vault.bordb"
        anna_path.parent.mkdir()
        for file in vault_files(source):
            if file.exists():
                shutil.copy2(file, anna_path.parent / file.name.replace(source.name, anna_path.name))
        vault = Vault.open(anna_path, PASSPHRASE)
        anna = Workspace(vault, list_coordinators(vault)[0])
        start = time.perf_counter()
        join(anna, base, code("anna"), "anna")
        figures["join_snapshot_s"] = round(time.perf_counter() - start, 1)
        with anna.session() as session:
            figures["operations"] = session.scalar(select(func.count()).select_from(SyncOp))
        start = time.perf_counter()
        sync_now(anna)
        figures["first_sync_up_s"] = round(time.perf_counter() - start, 1)

        bram_path = folder / "bram" / "vault.bordb"
        bram_path.parent.mkdir()
        empty = Vault.create(bram_path, PASSPHRASE)[0]
        bram = Workspace(empty, add_coordinator(empty, "Coördinator Bram"))
        join(bram, base, code("bram"), "bram")
        start = time.perf_counter()
        pulled = sync_now(bram).pulled
        figures["first_sync_down_s"] = round(time.perf_counter() - start, 1)
        figures["pulled"] = pulled
        with bram.session() as session:
            figures["cases_on_the_new_laptop"] = session.scalar(select(func.count()).select_from(Case))

        with anna.session() as session:
            for case in session.scalars(select(Case).order_by(Case.id).limit(100)):
                case.notes = (case.notes or "") + " (bijgewerkt)"
        start = time.perf_counter()
        sync_now(anna)
        sync_now(bram)
        figures["incremental_100_s"] = round(time.perf_counter() - start, 2)
        figures["load"].append(round(os.getloadavg()[0], 2))
        anna.lock()
        bram.lock()
    finally:
        if server is not None:
            server.should_exit = True
        if process is not None:
            process.terminate()
            process.wait(30)
        pg.stop()
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:<26}{value}")
    return 0


def wait_until_up(base: str, process) -> None:
    import httpx

    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit("the sync service did not start")
        try:
            httpx.get(base + "/healthz", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit("the sync service did not answer")


if __name__ == "__main__":
    raise SystemExit(main())
