"""Fuzzing of every loader (workloads, configs, registry files, foreign registries) from real seed files,
bounded in the suite by an example count. The oracle: success, or a one-line ModelpickError; anything else
(a traceback, a hang, a crash) fails. Run longer with `python fuzz/fuzz_loaders.py --seconds 600`."""

from __future__ import annotations

import pytest
from fuzz_targets import run_target
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seeds import KINDS, seeds
from strategies import YAML_SOUP, byte_mutations, structural_mutations

YAML_KINDS = ["config", "registry", "workload"]
# Derandomized in the suite so CI is reproducible; fuzz/fuzz_loaders.py explores with fresh randomness.
SUITE = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("kind", KINDS)
@SUITE
@given(data=st.data())
def test_byte_mutations_of_real_files(kind: str, data: st.DataObject) -> None:
    run_target(kind, data.draw(byte_mutations(seeds(kind))))


@pytest.mark.parametrize("kind", KINDS)
@SUITE
@given(data=st.data())
def test_structural_mutations_of_real_files(kind: str, data: st.DataObject) -> None:
    run_target(kind, data.draw(structural_mutations(seeds(kind), as_json=kind not in YAML_KINDS)))


@pytest.mark.parametrize("kind", YAML_KINDS)
@SUITE
@given(text=YAML_SOUP)
def test_yaml_token_soup(kind: str, text: bytes) -> None:
    run_target(kind, text)
