"""`modelpick scan` in config files: values count quoted or not; keys and comments do not.

The tree is tests/fixtures/scan/config-values/tree/ and the registry tests/fixtures/scan/config-values/registry/
(real ids, every entry active), so no status here moves when the bundled registry's lifecycle data does."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.config_values import EXTRACTORS, config_kind
from modelpick.registry.loader import Entry, Registry, load_provider_file
from modelpick.scanner import scan

HERE = Path(__file__).resolve().parent / "fixtures" / "scan" / "config-values"
TREE, REGISTRY = HERE / "tree", HERE / "registry"
AS_OF = dt.date(2026, 3, 1)

# (path, line, column, text, status) of every finding in the tree, in order.
EXPECTED = [
    (".env", 2, 14, "gpt-4.1-nano-2025-04-14", "ok"),
    (".env", 3, 25, "claude-haiku-4-5", "unpinned"),
    (".env", 4, 17, "gpt-5-nano", "unpinned"),
    (".env", 4, 28, "gpt-9-turbo", "unknown"),
    (".env", 7, 7, "gpt-5", "unpinned"),
    (".env.example", 1, 7, "gpt-5-nano-2025-08-07", "ok"),
    ("NOTES.md", 1, 58, "gpt-5-nano", "unpinned"),
    ("main.py", 2, 10, "gpt-5", "unpinned"),
    ("models.json", 2, 13, "gpt-5-nano", "unpinned"),
    ("models.json", 3, 33, "claude-haiku-4-5", "unpinned"),
    ("models.json", 4, 15, "gpt-5", "unpinned"),
    ("models.json", 4, 24, "gpt-9-turbo", "unknown"),
    ("pyproject.toml", 3, 10, "gpt-5", "unpinned"),
    ("pyproject.toml", 4, 12, "gpt-5-nano", "unpinned"),
    ("pyproject.toml", 5, 12, "gpt-4.1-nano-2025-04-14", "ok"),
    ("pyproject.toml", 5, 39, "claude-haiku-4-5", "unpinned"),
    ("pyproject.toml", 9, 41, "gpt-9-turbo", "unknown"),
    ("pyproject.toml", 11, 4, "gpt-5", "unpinned"),
    ("pyproject.toml", 12, 4, "claude-haiku-4-5-20251001", "ok"),
    ("settings.yaml", 2, 8, "gpt-4.1-nano", "unpinned"),
    ("settings.yaml", 3, 10, "gpt-5-nano", "unpinned"),
    ("settings.yaml", 3, 22, "claude-haiku-4-5", "unpinned"),
    ("settings.yaml", 5, 5, "gpt-5-nano-2025-08-07", "ok"),
    ("settings.yaml", 6, 6, "gpt-9-turbo", "unknown"),
    ("settings.yaml", 8, 16, "gpt-5", "unpinned"),
    ("settings.yaml", 12, 3, "gpt-4.1-nano-2025-04-14", "ok"),
    ("settings.yaml", 13, 3, "claude-haiku-4-5", "unpinned"),
    ("settings.yaml", 15, 14, "gpt-5", "unpinned"),
    ("settings.yaml", 16, 21, "gpt-5-nano", "unpinned"),
    ("setup.cfg", 3, 11, "gpt-5", "unpinned"),
    ("setup.cfg", 5, 5, "gpt-5-nano", "unpinned"),
    ("setup.cfg", 6, 5, "claude-haiku-4-5", "unpinned"),
    ("setup.cfg", 6, 23, "gpt-9-turbo", "unknown"),
    ("setup.cfg", 9, 8, "gpt-4.1-nano-2025-04-14", "ok"),
    ("worker.env", 1, 8, "gpt-5", "unpinned"),
]


def fixture_registry() -> Registry:
    """The fixture files alone: --registry would layer them over the bundled data."""
    entries = []
    for path in sorted(REGISTRY.glob("*.yaml")):
        parsed = load_provider_file(path)
        entries += [Entry(parsed.provider, parsed.name, m, parsed.sources, path.name) for m in parsed.models]
    return Registry(entries)


def test_config_values_tree() -> None:
    result = scan([TREE], fixture_registry(), AS_OF)
    assert [(f.path, f.line, f.column, f.text, f.status) for f in result.findings] == EXPECTED
    assert result.summary == {"ok": 7, "unknown": 5, "deprecated": 0, "retiring": 0, "retired": 0,
                              "unpinned": 23, "files": 9,
                              "skipped": 0, "truncated_files": 0, "findings_cut": 0, "failing": 5}
    by_place = {(f.path, f.line, f.column): f for f in result.findings}
    assert by_place["settings.yaml", 2, 8].message == (
        "openai/gpt-4.1-nano: 'gpt-4.1-nano' is not pinned and may change; pin a dated snapshot: "
        "gpt-4.1-nano-2025-04-14")
    assert by_place["settings.yaml", 6, 6].message == "unknown model 'gpt-9-turbo'"


def test_cli_json_and_exit_code() -> None:
    """On the bundled registry: the same places; statuses are the bundled data's, so only unknown is asserted."""
    result = CliRunner().invoke(app, ["scan", str(TREE), "--as-of", "2026-03-01", "--format", "json"])
    assert result.exit_code == 1, result.stderr  # gpt-9-turbo is unknown
    doc = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["column"], f["text"]) for f in doc["findings"]] == [e[:4] for e in EXPECTED]
    assert [f["text"] for f in doc["findings"] if f["status"] == "unknown"] == ["gpt-9-turbo"] * 5


@pytest.mark.parametrize(("name", "kind"), [
    ("a.yaml", "yaml"), ("a.YML", "yaml"), ("pyproject.toml", "toml"), ("package.json", "json"),
    (".env", "env"), (".env.local", "env"), ("prod.env", "env"), ("tox.ini", "ini"), ("setup.cfg", "ini"),
    ("app.py", None), ("README.md", None), (".envrc", None), ("environment.txt", None), ("a.jsonl", None),
])
def test_config_kind(name: str, kind: str | None) -> None:
    assert config_kind(name) == kind


@pytest.mark.parametrize(("kind", "text", "expected"), [
    # YAML: list markers, nested lists, quoted keys holding a colon, tags, anchors, block scalars, CRLF.
    ("yaml", "- - gpt-5\n", [(1, 5, "gpt-5")]),
    ("yaml", '"a: b": gpt-5\n', [(1, 9, "gpt-5")]),
    ("yaml", "k: &x gpt-5\nj: *x\n", [(1, 7, "gpt-5")]),
    ("yaml", "k: |\n  gpt-5\n  model: gpt-5-nano\n", [(2, 3, "gpt-5"), (3, 10, "gpt-5-nano")]),
    ("yaml", "k: gpt-5\r\nj: gpt-5-nano\r\n", [(1, 4, "gpt-5"), (2, 4, "gpt-5-nano")]),
    ("yaml", "k: 'x # y' # 'gpt-5'\nj: \"gpt-5-nano\"#x\n", [(2, 5, "gpt-5-nano")]),
    ("yaml", "k: [a, [gpt-5, {m: gpt-5-nano}]]\nj: gpt-5\n",
     [(1, 5, "a"), (1, 9, "gpt-5"), (1, 20, "gpt-5-nano"), (2, 4, "gpt-5")]),
    ("yaml", "k: \"it's\" gpt-5\n", []),
    ("yaml", "llama3.1:8b\n- ollama/llama3.1:8b\n", [(1, 1, "llama3.1:8b"), (2, 3, "ollama/llama3.1:8b")]),
    # TOML: a comment mark inside a string, dotted and quoted keys.
    ("toml", 'a.b = "gpt-5" # "gpt-5-nano"\n"x#y" = "gpt-5"\n', [(1, 8, "gpt-5"), (2, 10, "gpt-5")]),
    ("toml", '[[runs]]\nmodel = "gpt-5"\n', [(2, 10, "gpt-5")]),
    # .env: spaces around =, a value quoted with a comment mark, keys without a value.
    ("env", 'A = gpt-5\nB="x #y"\nC\n  # D=gpt-5\n', [(1, 5, "gpt-5")]),
    # INI: a blank line inside a value, ; and # comments, a key without a value.
    ("ini", "[s]\nk =\n  gpt-5\n\n  gpt-5-nano\nflag\n; k = gpt-5\n", [(3, 3, "gpt-5"), (5, 3, "gpt-5-nano")]),
    # JSON: escapes, a key on its own line, minified.
    ("json", '{"a": "x\\"y", "gpt-5"\n: 1, "b":["gpt-5"]}', [(2, 12, "gpt-5")]),
    # Code: quoted strings only, comments included.
    (None, "x = gpt-5  # 'gpt-5-nano'\n", [(1, 15, "gpt-5-nano")]),
])
def test_extractors(kind: str | None, text: str, expected: list[tuple[int, int, str]]) -> None:
    assert list(EXTRACTORS[kind](text)) == expected


@pytest.mark.parametrize("kind", ["yaml", "toml", "env", "ini", "json"])
@pytest.mark.parametrize("line", ["[" * 100_000, "a," * 100_000, "'" * 100_000, '"#' * 100_000,
                                  "k: " * 100_000, "- " * 100_000, "=" * 100_000, ": " + " " * 100_000])
def test_hostile_lines_stay_linear(kind: str, line: str) -> None:
    """A long line of one structural character is read in linear time: 1 MiB in well under a second each."""
    text = (line + "\n") * 5
    start = time.perf_counter()
    for _ in EXTRACTORS[kind](text):
        pass
    assert time.perf_counter() - start < 2.0
