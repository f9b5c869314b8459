"""`bench/run.py --growth`: list, search, open case and Today at 1,000, 10,000 and 100,000 cases, measured in turns.

The three vaults are open side by side in one process, each in its own main window, and every round takes one
sample of a figure at each size, in turn (the order reversed every other round). A slow spell of the shared machine
then weighs on every size alike. Measured one size after the other (1k, 10k, 100k, and back again), the same code
gave a search growth of 1.46 in one run and 2.0 in the next (4 December 2026): in the second, everything at 100,000
cases took twice as long, the case list too (2.35×), in both of its passes.

The figures themselves run higher than in a run of one size (three vaults and windows share the caches): compare
the ratios, not the milliseconds, with the budgets at 10,000 cases.
"""

from __future__ import annotations

import os

from bench.run import GROWTH, SEARCHES, Bench, demo_vault, summary, timed, vault_size_mb

SIZES = (1_000, 10_000, 100_000)


def measure_growth(runs: int) -> list[dict]:
    """Each size's figures (`runs` samples a figure, `SEARCHES` for the search), as `run_once` gives them."""
    load_before = os.getloadavg()[0]
    benches: list[Bench] = []
    try:
        for cases in SIZES:  # one at a time: each Bench lends its key to the vault opens that follow it
            bench = Bench(demo_vault(cases), runs)
            benches.append(bench)
            bench.open_window()
        samples: dict[str, list[list[float]]] = {key: [[] for _ in benches] for key in GROWTH}
        for key in GROWTH:
            for bench in benches:
                timed(bench.ready(key, -1))  # a warm-up at every size
            for i in range(SEARCHES if key == "search_ms_median" else runs):
                for n in (range(len(benches)) if i % 2 == 0 else reversed(range(len(benches)))):
                    samples[key][n].append(timed(benches[n].ready(key, i)))
            for bench in benches:
                bench.show_all_cases()
        load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        return [{"cases": len(bench.some_cases(10**9)), "kdf_s": round(bench.kdf, 3),
                 "vault_mb": vault_size_mb(bench.path), "load": load,
                 **{key: summary(samples[key][n]) for key in GROWTH}} for n, bench in enumerate(benches)]
    finally:
        windows = [bench.window for bench in benches if hasattr(bench, "window")]
        for window in windows:  # hidden first: a locking main window closes every other window it sees
            window.hide()
        for window in windows:
            window.lock()
        for bench in reversed(benches):  # the reverse of opening: each puts back the key lender it found
            bench.close()
