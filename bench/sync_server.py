"""The office sync service under load: N laptops pushing at once to the real service (uvicorn on a local port, a
throw-away PostgreSQL 15 like the tests'), then one empty laptop pulling everything, then an incremental sync of 100
changes. Run on demand, never in CI:

    .venv/bin/python bench/sync_server.py [--devices 10] [--ops 2000] [--batch 500] [--json]

Each operation creates a case-like record of 12 fields (a first sync); figures are wall-clock on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _ops(n: int) -> list[dict]:
    return [{"op_id": str(uuid.uuid4()), "type": "case", "uuid": str(uuid.uuid4()), "kind": "upsert",
             "fields": {f"field_{i}": {"old": None, "new": f"waarde {i} " * 3} for i in range(12)}}
            for _ in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--ops", type=int, default=2000, help="operations per device")
    parser.add_argument("--batch", type=int, default=500, help="operations per push (at most 500)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import httpx
    import psycopg
    import uvicorn

    from borapp.models.schema import head
    from borapp.server import devices, schema
    from borapp.server.app import create_app
    from tests.server.conftest import Postgres, _free_port

    pg = Postgres(durable=True)
    pg.start()
    server = None
    try:
        url = pg.create_database("bench")
        schema.upgrade(url)
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(url, pool_size=max(10, args.devices)), host="127.0.0.1",
                                               port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        base = f"http://127.0.0.1:{port}"
        while not server.started:
            time.sleep(0.05)
        tokens = []
        with psycopg.connect(url, autocommit=True) as conn:
            for i in range(args.devices + 1):
                code = devices.add(conn, f"laptop-{i}")[0]
                tokens.append(httpx.post(f"{base}/v1/enrol", json={"code": code}).json()["token"])
        rev = head()
        latencies: list[float] = []

        def push_all(token: str) -> None:
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=300) as http:
                ops = _ops(args.ops)
                for start in range(0, len(ops), args.batch):
                    began = time.perf_counter()
                    answer = http.post("/v1/push", json={"schema": rev, "ops": ops[start:start + args.batch]})
                    answer.raise_for_status()
                    latencies.append(time.perf_counter() - began)

        began = time.perf_counter()
        threads = [threading.Thread(target=push_all, args=(t,)) for t in tokens[:args.devices]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        pushed_s = time.perf_counter() - began
        total = args.devices * args.ops

        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tokens[-1]}"}, timeout=300) as http:
            began, since, pulled = time.perf_counter(), 0, 0
            while True:
                page = http.get("/v1/pull", params={"since": since, "limit": 1000, "schema": rev}).json()
                pulled += len(page["changes"])
                since = page["seq"]
                if not page["more"]:
                    break
            pull_s = time.perf_counter() - began
            began = time.perf_counter()
            http.post("/v1/push", json={"schema": rev, "ops": _ops(100)}).raise_for_status()
            while True:
                page = http.get("/v1/pull", params={"since": since, "limit": 1000, "schema": rev}).json()
                since = page["seq"]
                if not page["more"]:
                    break
            incremental_s = time.perf_counter() - began

        figures = {
            "devices": args.devices, "operations": total, "push_wall_s": round(pushed_s, 2),
            "push_ops_per_s": round(total / pushed_s), "push_batch_s_median": round(statistics.median(latencies), 2),
            "push_batch_s_max": round(max(latencies), 2), "pull_all_s": round(pull_s, 2), "pulled": pulled,
            "incremental_100_s": round(incremental_s, 2),
            "cpu": f"{platform.processor() or platform.machine()} x{os.cpu_count()}",
        }
    finally:
        if server is not None:
            server.should_exit = True
        pg.stop()
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
