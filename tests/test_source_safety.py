"""No code in src/ can run text as code: no eval/exec/compile/__import__, no unsafe YAML loading, no
pickle/marshal/shelve, no shell. Registry files, workloads and foreign JSON come from other people, so a
loader that constructs arbitrary objects would be a remote-code hole. Ruff's flake8-bandit rules (see
pyproject.toml) catch most of these while editing; this test is the complete list, with file:line."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

BUILTINS = {"eval", "exec", "compile", "__import__"}
YAML_UNSAFE = {
    "load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all",
    "Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader", "CFullLoader",
    "Constructor", "UnsafeConstructor", "FullConstructor",
}
SERIALISERS = {"pickle", "_pickle", "cPickle", "dill", "cloudpickle", "marshal", "shelve"}
SHELL_FUNCTIONS = {("os", "system"), ("os", "popen"), ("subprocess", "getoutput"),
                   ("subprocess", "getstatusoutput")}


def _root(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node


class _Checker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self.modules: dict[str, str] = {}  # local name -> module it is bound to (import yaml as y: y -> yaml)

    def flag(self, node: ast.AST, what: str) -> None:
        self.found.append((node.lineno, what))  # type: ignore[attr-defined]

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            root = alias.name.split(".")[0]
            if root in SERIALISERS:
                self.flag(node, f"import {alias.name}")
            self.modules[alias.asname or root] = alias.name if alias.asname else root

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        root = module.split(".")[0]
        for alias in node.names:
            if root in SERIALISERS:
                self.flag(node, f"from {module} import {alias.name}")
            elif root == "yaml" and alias.name in YAML_UNSAFE:
                self.flag(node, f"from {module} import {alias.name}")
            elif (root, alias.name) in SHELL_FUNCTIONS or (module == "builtins" and alias.name in BUILTINS):
                self.flag(node, f"from {module} import {alias.name}")
            elif alias.name != "*":
                self.modules[alias.asname or alias.name] = f"{module}.{alias.name}"

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in BUILTINS and isinstance(node.ctx, ast.Load):
            self.flag(node, f"{node.id}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        root = _root(node)
        module = self.modules.get(root.id, "") if isinstance(root, ast.Name) else ""
        top = module.split(".")[0]
        if top == "yaml" and node.attr in YAML_UNSAFE:
            self.flag(node, f"yaml {node.attr}")
        elif (top, node.attr) in SHELL_FUNCTIONS:
            self.flag(node, f"{top}.{node.attr}")
        elif top == "builtins" and node.attr in BUILTINS:
            self.flag(node, f"builtins.{node.attr}")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        for keyword in node.keywords:
            off = isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            if keyword.arg == "shell" and not off:
                self.flag(node, "shell=" + ast.unparse(keyword.value))
        # getattr(yaml, "load"), importlib.import_module("pickle"): the name hidden in a string
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        text = [a.value for a in node.args[1:2] if name == "getattr" and isinstance(a, ast.Constant)]
        text += [a.value for a in node.args[:1] if name == "import_module" and isinstance(a, ast.Constant)]
        for value in text:
            if value in BUILTINS | YAML_UNSAFE or str(value).split(".")[0] in SERIALISERS:
                self.flag(node, f"{name}(..., {value!r})")
        self.generic_visit(node)


def find_unsafe(source: str, filename: str = "<snippet>") -> list[str]:
    """Every banned form in one module's source, as "file:line: what"."""
    checker = _Checker()
    checker.visit(ast.parse(source, filename))
    return [f"{filename}:{line}: {what}" for line, what in sorted(checker.found)]


def source_files() -> Iterator[Path]:
    return iter(sorted(SRC.rglob("*.py")))


# Known and accepted: nothing today. (`subprocess.run(["git", "show", ...])` in service.py, for
# `check --baseline`, is an argument list without a shell, so it is not a banned form.)
ALLOWED: set[str] = set()


def test_src_has_no_unsafe_calls() -> None:
    """eval/exec/compile/__import__, unsafe YAML loaders, pickle/marshal/shelve, os.system and shell=True:
    none anywhere in src/."""
    files = list(source_files())
    assert len(files) > 20, f"found only {len(files)} files under {SRC}"
    found = [hit for path in files
             for hit in find_unsafe(path.read_text(encoding="utf-8"), str(path.relative_to(SRC.parent)))]
    assert [hit for hit in found if hit not in ALLOWED] == []


BAD = [
    "eval('1 + 1')",
    "exec('x = 1')",
    "code = compile('1', 'f', 'eval')",
    "os = __import__('os')",
    "import builtins\nbuiltins.eval('1')",
    "from builtins import exec",
    "run = eval",
    "import yaml\nyaml.load(text)",
    "import yaml\nyaml.load(text, Loader=yaml.SafeLoader)",
    "import yaml\nyaml.unsafe_load(text)",
    "import yaml\nyaml.full_load(text)",
    "import yaml\nyaml.load_all(text)",
    "import yaml\nyaml.unsafe_load_all(text)",
    "import yaml\nyaml.full_load_all(text)",
    "import yaml\nyaml.safe_load(text, Loader=yaml.Loader)",
    "import yaml\nloader = yaml.UnsafeLoader",
    "import yaml\nloader = yaml.FullLoader",
    "import yaml\nloader = yaml.CLoader",
    "import yaml\nloader = yaml.CUnsafeLoader",
    "import yaml\nloader = yaml.CFullLoader",
    "import yaml\nyaml.loader.Loader(text)",
    "import yaml as y\ny.load(text)",
    "import yaml\nloader = getattr(yaml, 'CLoader', None)",
    "from yaml import load",
    "from yaml import Loader",
    "from yaml.cyaml import CUnsafeLoader",
    "import pickle",
    "import pickle as p",
    "from pickle import loads",
    "import marshal",
    "import shelve",
    "import importlib\nimportlib.import_module('pickle')",
    "import os\nos.system('ls')",
    "import os\nos.popen('ls')",
    "from os import system",
    "import subprocess\nsubprocess.run('ls', shell=True)",
    "import subprocess\nsubprocess.Popen(cmd, shell=use_shell)",
    "import subprocess\nsubprocess.getoutput('ls')",
]


@pytest.mark.parametrize("snippet", BAD)
def test_the_checker_catches(snippet: str) -> None:
    """The check is not vacuous: each banned form is reported at its line."""
    found = find_unsafe(snippet)
    assert len(found) == 1, found
    assert found[0].startswith(f"<snippet>:{snippet.count(chr(10)) + 1}: ")


@pytest.mark.parametrize("snippet", [
    "import yaml\nyaml.safe_load(text)",
    "import yaml\nloader = yaml.SafeLoader(text)",
    "import yaml\nLOADER = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)",
    "import yaml\nyaml.dump(data, Dumper=yaml.SafeDumper)",
    "import re\nPATTERN = re.compile('x')",
    "import json\njson.loads(text)",
    "import subprocess\nsubprocess.run(['git', 'show', ref], shell=False)",
    "import subprocess\nsubprocess.run(['git', 'show', ref], capture_output=True)",
    "def f(text):\n    return text.load",
    "x = {'eval': 1, 'load': 2}",
])
def test_the_checker_lets_safe_code_through(snippet: str) -> None:
    """The safe counterparts src/ does use are not reported."""
    assert find_unsafe(snippet) == []
