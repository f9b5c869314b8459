"""Start-up benchmark: from launching BOR Desk to its first screen (the unlock screen) painted, offscreen.

    python bench/startup.py [--runs 7] [--bundle dist/borapp/borapp]

Measures `python -m borapp gui` and, when built (`python installer/build.py`), the PyInstaller bundle, in one run,
interleaved, each the median of --runs launches with min and max beside it. The app prints "painted" and quits when
BORAPP_EXIT_AFTER_FIRST_PAINT is set (see borapp/app.py). Target: under 1.5 s on the project's 2-core machine.
Where the time goes: `python -X importtime -m borapp gui` with the same variables set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def launch(command: list[str], vault: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BORAPP_EXIT_AFTER_FIRST_PAINT="1")
    start = time.perf_counter()
    result = subprocess.run([*command, "gui", "--vault", str(vault)], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if "painted" not in result.stdout:
        raise SystemExit(f"{command[0]} did not paint: {result.stderr[-500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "borapp" / "borapp")
    args = parser.parse_args()
    commands = {"python -m borapp": [sys.executable, "-m", "borapp"]}
    if args.bundle.exists():
        commands["bundle"] = [str(args.bundle)]
    else:
        print(f"(no bundle at {args.bundle}: build it with python installer/build.py)")
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as folder:
        vault = Path(folder) / "none-yet.bordb"  # no vault: the first screen is the unlock/create screen
        for name, command in commands.items():
            launch(command, vault)  # warm the file cache once
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(launch(command, vault))
    print(f"{'launch to first paint':<24}{'median':>9}{'min':>9}{'max':>9}")
    for name, values in times.items():
        print(f"{name:<24}{statistics.median(values):>8.2f}s{min(values):>8.2f}s{max(values):>8.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
