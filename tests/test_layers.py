"""The layer contracts in pyproject.toml hold (ui → services → models, ui never touches the database, demo data
only for the CLI, the screenshot tool and tests), and no module of borapp takes part in an import circle."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "borapp" / "services"


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Contracts: 5 kept, 0 broken" in result.stdout


def test_the_demo_contract_names_every_other_part_of_services():
    """A new package under services/ must not slip past the demo contract by not being listed in it."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    demo = next(c for c in contracts if c.get("forbidden_modules") == ["borapp.services.demo"])
    parts = {f"borapp.services.{p.stem if p.is_file() else p.name}" for p in SERVICES.iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    assert parts - {"borapp.services.demo"} == set(demo["source_modules"]) & parts


def test_services_is_a_package_per_capability():
    modules = [p for p in SERVICES.glob("*.py") if p.stem != "__init__"]
    assert len(modules) <= 12, sorted(p.name for p in modules)
    for package in (p for p in SERVICES.iterdir() if (p / "__init__.py").exists()):
        assert (package / "__init__.py").read_text().startswith('"""'), f"{package.name} says what it owns"


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circle_in_borapp():
    assert _cycles(grimp.build_graph("borapp")) == []


def test_the_circle_finder_finds_a_circle():
    class Graph:
        modules = {"a", "b", "c"}
        edges = {"a": {"b"}, "b": {"a"}, "c": {"a"}}

        def find_modules_directly_imported_by(self, module):
            return self.edges[module]

    assert _cycles(Graph()) == [["a", "b"]]
