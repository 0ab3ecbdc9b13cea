"""Fixtures for the command-line tests: a CliRunner wrapper, paths, and a tiny registry layered over the
bundled data with `--registry` (so exact money values do not depend on data/models, which is regenerated)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from modelpick import cli
from modelpick.cli.output import STATE

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"
TICKET_TRIAGE = EXAMPLES / "ticket-triage.yaml"
AS_OF = "2026-11-21"

# Providers that do not exist in the bundled data.
#  - testco/acme-1: first-party (creator testco); also served by otherco, so `acme-1` must resolve to testco.
#  - testco/acme-open: an open model id served by otherco and thirdco only (no first party): ambiguous.
#  - oldco/old-1: deprecated on 2026-06-01, shut down on 2026-09-01.
MINI_REGISTRY = {
    "testco.yaml": """\
provider: testco
name: Test Co
sources:
  docs: {url: https://example.com/testco, read: 2026-01-01}
models:
  - id: acme-1
    name: Acme One
    creator: testco
    snapshots: [acme-1-2026-01-01]
    aliases: [acme]
    release_date: {value: 2026-01-01, source: docs}
    knowledge_cutoff: {value: 2025-06-01, source: docs}
    context_window: {value: 1000000, source: docs}
    max_output_tokens: {value: 50000, source: docs}
    modalities: {source: docs, input: [text], output: [text]}
    features: {source: docs, values: [tool_calling, structured_outputs, batch, prompt_caching]}
    pricing:
      source: docs
      input: 0.15
      cached_input: 0.075
      output: 0.6
      batch: {input: 0.075, output: 0.3}
      tiers:
        - {above_input_tokens: 200000, input: 0.3, output: 1.2}
    performance: {source: docs, output_tokens_per_s: 100, ttft_s: 0.5}
""",
    "otherco.yaml": """\
provider: otherco
name: Other Co
sources:
  docs: {url: https://example.com/otherco, read: 2026-01-01}
models:
  - id: acme-1
    name: Acme One (hosted)
    creator: testco
    context_window: {value: 128000, source: docs}
    max_output_tokens: {value: 8000, source: docs}
    modalities: {source: docs, input: [text], output: [text]}
    features: {source: docs, values: [tool_calling]}
    pricing: {source: docs, input: 0.2, output: 0.8}
  - id: testco/acme-open
    name: Acme Open (otherco)
    creator: testco
    aliases: [acme-open]
    open_weights: true
    context_window: {value: 128000, source: docs}
    max_output_tokens: {value: 8000, source: docs}
    modalities: {source: docs, input: [text], output: [text]}
    features: {source: docs, values: [tool_calling]}
    pricing: {source: docs, input: 0.1, output: 0.4}
""",
    "thirdco.yaml": """\
provider: thirdco
name: Third Co
sources:
  docs: {url: https://example.com/thirdco, read: 2026-01-01}
models:
  - id: testco/acme-open
    name: Acme Open (thirdco)
    creator: testco
    aliases: [acme-open]
    open_weights: true
    context_window: {value: 128000, source: docs}
    max_output_tokens: {value: 8000, source: docs}
    modalities: {source: docs, input: [text], output: [text]}
    features: {source: docs, values: [tool_calling]}
    pricing: {source: docs, input: 0.12, output: 0.5}
""",
    "oldco.yaml": """\
provider: oldco
name: Old Co
sources:
  docs: {url: https://example.com/oldco, read: 2026-01-01}
models:
  - id: old-1
    name: Old One
    creator: oldco
    context_window: {value: 128000, source: docs}
    max_output_tokens: {value: 8000, source: docs}
    modalities: {source: docs, input: [text], output: [text]}
    features: {source: docs, values: [tool_calling]}
    lifecycle: {source: docs, status: deprecated, deprecated_on: 2026-06-01, shutdown_on: 2026-09-01,
                replacement: acme-1}
    pricing: {source: docs, input: 1, output: 2}
""",
}


@pytest.fixture(autouse=True)
def _reset_debug() -> Iterator[None]:
    """`--debug` is kept in a module-level dict; never let one test leak it into the next."""
    STATE["debug"] = False
    yield
    STATE["debug"] = False


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """invoke("recommend", "--format", "json", env={...}) -> the CliRunner result (stdout/stderr apart)."""
    runner = CliRunner()

    def run(*args: Any, env: dict[str, str | None] | None = None) -> Result:
        return runner.invoke(cli.app, [str(a) for a in args], env=env)

    return run


@pytest.fixture
def mini_registry(tmp_path: Path) -> Path:
    """A folder with the provider files above, for `--registry`."""
    folder = tmp_path / "mini-registry"
    folder.mkdir()
    for name, text in MINI_REGISTRY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty temporary folder, so file names in messages are short relative paths."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work
