"""Registry layers: bundled, user config folder, MODELPICK_REGISTRY, --registry; merged field by field."""

from __future__ import annotations

import os
from decimal import Decimal as D
from pathlib import Path

import pytest

from modelpick.errors import InputError
from modelpick.registry.loader import load_registry

NEGOTIATED = """\
provider: openai
models:
  - id: gpt-4.1-nano
    pricing: {input: 0.08}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_an_override_of_one_price_keeps_every_other_value(tmp_path: Path) -> None:
    bundled = load_registry().get("openai/gpt-4.1-nano")
    override = write(tmp_path / "negotiated.yaml", NEGOTIATED)
    entry = load_registry([override]).get("openai/gpt-4.1-nano")
    assert entry.model.pricing.input == D("0.08")
    assert entry.model.pricing.output == D("0.4")
    assert entry.model.pricing.batch == bundled.model.pricing.batch
    assert entry.model.context_window == bundled.model.context_window
    assert entry.model.benchmarks == bundled.model.benchmarks
    assert entry.file == "data/models/openai.yaml"


def test_origins_say_which_layer_file_line_and_source_each_value_came_from(tmp_path: Path) -> None:
    override = write(tmp_path / "negotiated.yaml", NEGOTIATED)
    entry = load_registry([override]).get("openai/gpt-4.1-nano")
    price = entry.origins["pricing.input"]
    assert (price.layer, price.file, price.line, price.source) == ("--registry", str(override), 4, str(override))
    output = entry.origins["pricing.output"]
    assert (output.layer, output.file, output.source) == ("bundled", "data/models/openai.yaml", "openai-pricing")
    # The block now names the override file: its old citation no longer covers every value in it.
    assert entry.model.pricing.source == str(override)
    assert entry.model.pricing.note is None


def test_an_override_with_its_own_source_cites_it(tmp_path: Path) -> None:
    override = write(tmp_path / "contract.yaml", """\
provider: openai
sources:
  contract: {url: https://example.com/our-contract-2026, read: 2026-10-01}
models:
  - id: gpt-4.1-nano
    pricing: {source: contract, input: 0.08, output: 0.3}
""")
    entry = load_registry([override]).get("gpt-4.1-nano")
    assert entry.cite(entry.model.pricing) == {"source": "contract", "url": "https://example.com/our-contract-2026",
                                               "read": "2026-10-01"}
    assert entry.origins["pricing.output"].source == "contract"
    assert entry.model.pricing.cached_input == D("0.025")


def test_a_source_name_that_means_something_else_in_the_override_is_kept_apart(tmp_path: Path) -> None:
    override = write(tmp_path / "mine.yaml", """\
provider: openai
sources:
  openai-pricing: {url: https://example.com/our-rates, read: 2026-10-01}
models:
  - id: gpt-4.1-nano
    context_window: {value: 500000, source: openai-pricing}
""")
    entry = load_registry([override]).get("gpt-4.1-nano")
    renamed = f"openai-pricing ({override})"
    assert entry.model.context_window.source == renamed
    assert entry.cite(entry.model.context_window)["url"] == "https://example.com/our-rates"
    assert entry.cite(entry.model.pricing)["url"] == "https://platform.openai.com/docs/pricing"


def test_a_new_entry_must_be_complete(tmp_path: Path) -> None:
    override = write(tmp_path / "new.yaml", """\
provider: openai
models:
  - id: gpt-9
    name: GPT-9
""")
    with pytest.raises(InputError) as caught:
        load_registry([override])
    assert caught.value.message == f"{override}:3: models[0].creator: required key is missing (and 5 more errors)"


def test_an_invalid_override_value_names_the_override_line(tmp_path: Path) -> None:
    override = write(tmp_path / "bad.yaml", NEGOTIATED.replace("0.08", "-1"))
    with pytest.raises(InputError) as caught:
        load_registry([override])
    assert caught.value.message == (f"{override}:4: models[0].pricing.input: Value error, must be a number "
                                    "from 0 to 10000 (USD per 1M tokens)")


def test_the_same_id_twice_in_one_file_is_an_error(tmp_path: Path) -> None:
    override = write(tmp_path / "twice.yaml", NEGOTIATED + "  - id: gpt-4.1-nano\n    name: again\n")
    with pytest.raises(InputError) as caught:
        load_registry([override])
    assert caught.value.message == (f"{override}:5: models[1].id: 'gpt-4.1-nano' is listed twice in this file "
                                    "(first at line 3)")


def test_a_provider_name_may_come_from_a_lower_layer(tmp_path: Path) -> None:
    entry = load_registry([write(tmp_path / "n.yaml", NEGOTIATED)]).get("gpt-4.1-nano")
    assert entry.provider_name == "OpenAI"


def layer_price(tmp_path: Path, name: str, price: str) -> Path:
    return write(tmp_path / name / "openai.yaml", NEGOTIATED.replace("0.08", price))


def test_layers_apply_in_order_config_then_environment_then_option(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    write(tmp_path / "config" / "modelpick" / "registry" / "openai.yaml", NEGOTIATED.replace("0.08", "0.07"))
    assert load_registry().get("gpt-4.1-nano").origins["pricing.input"].layer == "user config"
    assert load_registry().get("gpt-4.1-nano").model.pricing.input == D("0.07")

    env_a, env_b = layer_price(tmp_path, "a", "0.06"), layer_price(tmp_path, "b", "0.05")
    monkeypatch.setenv("MODELPICK_REGISTRY", os.pathsep.join([str(env_a.parent), "", str(env_b)]))
    entry = load_registry().get("gpt-4.1-nano")
    assert (entry.model.pricing.input, entry.origins["pricing.input"].layer) == (D("0.05"), "MODELPICK_REGISTRY")

    option = layer_price(tmp_path, "c", "0.04")
    entry = load_registry([option]).get("gpt-4.1-nano")
    assert (entry.model.pricing.input, entry.origins["pricing.input"].file) == (D("0.04"), str(option))


def test_a_missing_path_in_the_environment_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELPICK_REGISTRY", str(tmp_path / "nowhere"))
    with pytest.raises(InputError) as caught:
        load_registry()
    assert caught.value.message == f"{tmp_path / 'nowhere'}: no such file or folder (named by MODELPICK_REGISTRY)"


def test_the_cache_keeps_origins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MODELPICK_NO_CACHE", raising=False)
    override = write(tmp_path / "negotiated.yaml", NEGOTIATED)
    first = load_registry([override]).get("gpt-4.1-nano")
    assert list((tmp_path / "cache" / "modelpick").glob("registry-*.json"))
    second = load_registry([override]).get("gpt-4.1-nano")
    assert second.origins == first.origins
    assert second.model.model_dump_json() == first.model.model_dump_json()


def test_an_upper_layer_entry_named_like_a_lower_snapshot_wins_that_name(tmp_path: Path) -> None:
    bundled = load_registry().get("openai/gpt-4.1-nano")
    layer = write(tmp_path / "snap.yaml", """\
provider: openai
sources:
  s: {url: https://example.com/s, read: 2026-10-01}
models:
  - id: gpt-4.1-nano-2025-04-14
    name: GPT-4.1 nano (2025-04-14)
    creator: openai
    context_window: {value: 1047576, source: s}
    max_output_tokens: {value: 32768, source: s}
    modalities: {source: s, input: [text], output: [text]}
    features: {source: s, values: []}
    pricing: {source: s, input: 0.1, output: 0.4}
""")
    registry = load_registry([layer])
    assert registry.get("gpt-4.1-nano-2025-04-14").id == "gpt-4.1-nano-2025-04-14"
    assert registry.get("openai/gpt-4.1-nano-2025-04-14").id == "gpt-4.1-nano-2025-04-14"
    assert registry.get("gpt-4.1-nano").model.snapshots == bundled.model.snapshots
