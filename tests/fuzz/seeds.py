"""Seed inputs for the fuzzer: real files of each kind from the repository (small ones, so mutations reach
deep into them quickly)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_SEED_FILES = {
    "workload": ["examples/ticket-triage.yaml", "examples/rag-chat.yaml", "examples/contract-analysis.yaml"],
    "config": ["tests/fixtures/check/modelpick.yaml"],
    "registry": ["tests/fixtures/registry/acme.yaml", "tests/fixtures/registry/hostco.yaml"],
    "litellm": ["tests/fixtures/foreign/litellm-model-prices.json"],
    "models.dev": ["tests/fixtures/foreign/models-dev-resolved.json"],
    "openrouter": ["tests/fixtures/foreign/openrouter-models.json"],
}


def seeds(kind: str) -> list[bytes]:
    return [(ROOT / name).read_bytes() for name in _SEED_FILES[kind]]


KINDS = sorted(_SEED_FILES)
