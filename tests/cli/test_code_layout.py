"""The code stays in pieces one person holds in mind (issue 13): no module over 500 lines, no function over
80, and no cycle among the imports modules make when they load (imports inside functions and under
TYPE_CHECKING are not load-time imports). Measured over the whole package, so the command line's split into
cli/ cannot quietly grow back into one file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import modelpick

SRC = Path(modelpick.__file__).resolve().parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = ["modelpick", *path.relative_to(SRC).with_suffix("").parts]
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _load_time_imports(name: str, path: Path) -> set[str]:
    """The modelpick modules `name` imports when it loads; `from pkg import sub` imports pkg.sub."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, *([node.module] if node.module else [])])
                subs = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
                found.update(subs or {base})
            elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return {module for module in found if module in MODULES and module != name}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_fits_in_500_lines(name: str) -> None:
    assert len(MODULES[name].read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def test_a_function_fits_in_80_lines() -> None:
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {length} lines")
    assert long == []


def test_no_module_level_import_cycle() -> None:
    graph = {name: _load_time_imports(name, path) for name, path in MODULES.items()}
    cycles = []
    done: set[str] = set()

    def walk(name: str, trail: list[str]) -> None:
        if name in trail:
            cycles.append(" -> ".join([*trail[trail.index(name):], name]))
            return
        if name in done:
            return
        for imported in sorted(graph[name]):
            walk(imported, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    assert cycles == []


def test_the_cli_package_imports_one_way() -> None:
    """main -> registry -> output -> options -> completion: registry never reaches back into main."""
    cli = {name.rpartition(".")[2]: _load_time_imports(name, path) for name, path in MODULES.items()
           if name.startswith("modelpick.cli.")}
    assert "modelpick.cli.main" not in set().union(*(imported for module, imported in cli.items() if module != "main"))
    assert cli["completion"] & MODULES.keys() == set()
    assert not {m for m in cli["options"] if m.startswith("modelpick.cli.")} - {"modelpick.cli.completion"}
