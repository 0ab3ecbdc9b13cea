"""Importers of foreign registries (LiteLLM, models.dev, OpenRouter), checked against trimmed copies of
real snapshots in tests/fixtures/foreign (origins in its README.md). Expected values were read off the
fixture JSON by hand: LiteLLM and OpenRouter prices are per token there, per 1M tokens here."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelpick.errors import InputError
from modelpick.registry.loader import load_provider_file, load_registry
from modelpick.registry.schema import ProviderFile
from modelpick.upkeep.foreign import SCHEMA_COMMENT, read_foreign, write_provider_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "foreign"
LITELLM = FIXTURES / "litellm-model-prices.json"
MODELS_DEV = FIXTURES / "models-dev-resolved.json"
OPENROUTER = FIXTURES / "openrouter-models.json"
READ = dt.date(2026, 11, 21)


def model(foreign: Any, provider: str, model_id: str) -> dict[str, Any]:
    return next(m for m in foreign.providers[provider]["models"] if m["id"] == model_id)


@pytest.fixture(scope="module")
def litellm() -> Any:
    return read_foreign("litellm", LITELLM, read=READ)


@pytest.fixture(scope="module")
def models_dev() -> Any:
    return read_foreign("models.dev", MODELS_DEV)


@pytest.fixture(scope="module")
def openrouter() -> Any:
    return read_foreign("openrouter", OPENROUTER, read=dt.date(2026, 8, 14))


# ---------------------------------------------------------------- LiteLLM

def test_litellm_counts_every_entry_once(litellm: Any) -> None:
    assert (litellm.total, litellm.imported, litellm.filtered) == (31, 21, 0)  # sample_spec is no entry
    assert litellm.skipped == {
        "duplicate id": 1,  # deepseek/deepseek-chat after the bare deepseek-chat key
        "fine-tuned model price template (ft:)": 1,
        "mode embedding": 1,
        "mode image_generation": 1,
        "model id not accepted by the registry format": 1,  # cloudflare's @cf/openai/gpt-oss-120b
        "no context window": 1,  # baseten/zai-org/GLM-5
        "no input/output price": 1,  # twelvelabs.pegasus-1-2-v1:0 (priced per video second)
        "no max output tokens": 1,  # together_ai/Qwen/Qwen2.5-7B-Instruct-Turbo
        "no text output": 1,  # gemini-2.5-pro-preview-tts
        "region, data-zone or commitment price variant": 1,  # bedrock/us-east-1/...
    }
    assert sorted(litellm.providers) == ["alibaba", "amazon-bedrock", "anthropic", "deepinfra", "deepseek", "google",
                                         "groq", "mistral", "openai", "togetherai", "xai"]
    assert [m["id"] for m in litellm.providers["openai"]["models"]] == [
        "babbage-002", "gpt-4.1", "gpt-4.1-nano", "gpt-4.1-nano-2025-04-14", "gpt-5-codex", "o3"]


def test_litellm_chat_model_with_cache_batch_and_deprecation(litellm: Any) -> None:
    nano = model(litellm, "openai", "gpt-4.1-nano")
    assert nano["creator"] == "openai" and nano["name"] == "gpt-4.1-nano"
    assert nano["context_window"]["value"] == 1047576 and nano["max_output_tokens"]["value"] == 32768
    assert nano["pricing"] == {"source": "litellm-model-prices.json", "input": Decimal("0.1"),
                               "output": Decimal("0.4"), "cached_input": Decimal("0.025"),
                               "batch": {"input": Decimal("0.05"), "output": Decimal("0.2")},
                               "priority": {"input": Decimal("0.2"), "output": Decimal("0.8"),
                                            "cached_input": Decimal("0.05")}}
    assert nano["modalities"]["input"] == ["text", "image", "pdf"] and nano["modalities"]["output"] == ["text"]
    assert nano["features"]["values"] == ["streaming", "tool_calling", "structured_outputs", "batch", "prompt_caching"]
    # LiteLLM's deprecation_date is the provider's shutdown date (OpenAI shuts gpt-4.1-nano down on 2026-10-23).
    assert nano["lifecycle"]["shutdown_on"] == dt.date(2026, 10, 23) and "status" not in nano["lifecycle"]
    assert "deprecated_on" not in nano["lifecycle"] and nano["lifecycle"]["rank"] == "aggregator"
    assert "shutdown date" in nano["lifecycle"]["note"]
    assert "reasoning" not in nano and "release_date" not in nano and "knowledge_cutoff" not in nano


def test_litellm_cache_write_and_batch_cache_prices(litellm: Any) -> None:
    sonnet = model(litellm, "anthropic", "claude-sonnet-4-5")
    pricing = sonnet["pricing"]
    assert (pricing["input"], pricing["output"], pricing["cached_input"], pricing["cache_write"]) == (
        Decimal(3), Decimal(15), Decimal("0.3"), Decimal("3.75"))
    assert pricing["batch"] == {"input": Decimal("1.5"), "output": Decimal("7.5"), "cached_input": Decimal("0.15"),
                                "cache_write": Decimal("1.875")}
    assert sonnet["reasoning"] is True and sonnet["lifecycle"]["shutdown_on"] == dt.date(2026, 11, 30)


def test_litellm_flex_and_priority_prices(litellm: Any) -> None:
    o3 = model(litellm, "openai", "o3")["pricing"]
    assert o3["flex"] == {"input": Decimal(1), "output": Decimal(4), "cached_input": Decimal("0.25")}
    assert o3["priority"] == {"input": Decimal("3.5"), "output": Decimal(14), "cached_input": Decimal("0.875")}
    assert o3["batch"] == {"input": Decimal(1), "output": Decimal(4)}


def test_litellm_long_context_tier_with_batch_prices(litellm: Any) -> None:
    pro = model(litellm, "google", "gemini-2.5-pro")  # key gemini/gemini-2.5-pro
    assert pro["pricing"]["tiers"] == [{
        "above_input_tokens": 200000, "input": Decimal("2.5"), "output": Decimal(15), "cached_input": Decimal("0.25"),
        "batch": {"input": Decimal("1.25"), "output": Decimal("7.5"), "cached_input": Decimal("0.25")},
        "priority": {"input": Decimal("4.5"), "output": Decimal(27), "cached_input": Decimal("0.45")}}]
    assert pro["pricing"]["batch"] == {"input": Decimal("0.625"), "output": Decimal(5), "cached_input": Decimal("0.125")}
    assert pro["modalities"]["input"] == ["text", "image", "audio", "video", "pdf"]
    assert pro["notes"] == "LiteLLM key 'gemini/gemini-2.5-pro'"


def test_litellm_reasoning_rate_and_tiered_pricing_ranges(litellm: Any) -> None:
    plus = model(litellm, "alibaba", "qwen-plus-2025-07-14")  # dashscope/qwen-plus-2025-07-14
    assert (plus["pricing"]["input"], plus["pricing"]["output"], plus["pricing"]["reasoning"]) == (
        Decimal("0.4"), Decimal("1.2"), Decimal(4))
    flash = model(litellm, "alibaba", "qwen-flash")  # tiered_pricing ranges [0, 256000], [256000, 1000000]
    assert (flash["pricing"]["input"], flash["pricing"]["output"]) == (Decimal("0.05"), Decimal("0.4"))
    assert flash["pricing"]["tiers"] == [{"above_input_tokens": 256000, "input": Decimal("0.25"), "output": Decimal(2)}]


def test_litellm_provider_prefixes_and_creators(litellm: Any) -> None:
    bedrock = model(litellm, "amazon-bedrock", "meta.llama4-maverick-17b-instruct-v1:0")
    assert bedrock["creator"] == "meta" and bedrock["modalities"]["output"] == ["text"]  # "code" is no modality
    assert bedrock["features"]["values"] == ["tool_calling", "batch"]
    assert model(litellm, "togetherai", "openai/gpt-oss-120b")["creator"] == "openai"
    assert model(litellm, "xai", "grok-4.3")["creator"] == "xai"
    babbage = model(litellm, "openai", "babbage-002")  # mode completion; no known family in its id
    assert babbage["creator"] == "openai"
    assert babbage["notes"] == "creator not stated by the source; the provider id is used"


def test_litellm_json_float_noise_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text(json.dumps({"m": {"litellm_provider": "openai", "mode": "chat", "max_input_tokens": 10,
                                      "max_output_tokens": 5, "input_cost_per_token": 1.0000000000000001e-07,
                                      "output_cost_per_token": 1.4850000000000002e-06}}))
    entry = read_foreign("litellm", path, read=READ).providers["openai"]["models"][0]
    assert (entry["pricing"]["input"], entry["pricing"]["output"]) == (Decimal("0.1"), Decimal("1.485"))


# ---------------------------------------------------------------- models.dev

def test_models_dev_counts_and_source_date(models_dev: Any) -> None:
    assert (models_dev.total, models_dev.imported) == (28, 21)
    assert models_dev.skipped == {"no text output": 3, "embedding model": 2, "no input/output price": 2}
    assert models_dev.read == dt.date(2026, 7, 2)  # from _source.commit_date, not the file's mtime
    source = models_dev.providers["openai"]["sources"]["models-dev-resolved.json"]
    assert source == {"url": str(MODELS_DEV), "read": dt.date(2026, 7, 2),
                      "note": "models.dev snapshot (commit f3fc692299671838c7c65fd8126bf84d81a2e817) "
                              "imported by modelpick registry import"}


def test_models_dev_entry(models_dev: Any) -> None:
    nano = model(models_dev, "openai", "gpt-4.1-nano")
    assert (nano["name"], nano["family"], nano["creator"]) == ("GPT-4.1 nano", "gpt-nano", "openai")
    assert nano["release_date"]["value"] == dt.date(2025, 4, 14)
    assert nano["knowledge_cutoff"] == {"value": dt.date(2024, 4, 1), "source": "models-dev-resolved.json",
                                        "note": "source gives '2024-04' (month precision); the 1st is used"}
    assert nano["pricing"] == {"source": "models-dev-resolved.json", "input": Decimal("0.1"), "output": Decimal("0.4"),
                               "cached_input": Decimal("0.025")}
    assert nano["features"]["values"] == ["tool_calling", "structured_outputs"]
    assert nano["lifecycle"]["status"] == "active" and nano["open_weights"] is False
    # cache_read: 0 is left out (models.dev writes 0 where no cache price is offered)
    assert "cached_input" not in model(models_dev, "openai", "gpt-3.5-turbo")["pricing"]


def test_models_dev_tiers_reasoning_rate_and_status(models_dev: Any) -> None:
    qwen = model(models_dev, "alibaba", "qwen3.7-plus")
    assert qwen["pricing"]["tiers"] == [{"above_input_tokens": 256000, "input": Decimal(2), "output": Decimal(6),
                                         "cached_input": Decimal("0.2"), "cache_write": Decimal("2.5")}]
    assert qwen["creator"] == "alibaba" and qwen["modalities"]["input"] == ["text", "image", "video"]
    assert model(models_dev, "alibaba", "qwen-plus")["pricing"]["reasoning"] == Decimal(4)
    opus = model(models_dev, "anthropic", "claude-3-opus-20240229")
    assert opus["lifecycle"]["status"] == "deprecated" and opus["knowledge_cutoff"]["value"] == dt.date(2023, 8, 31)
    assert opus["pricing"]["cache_write"] == Decimal("18.75")


# ---------------------------------------------------------------- OpenRouter

def test_openrouter_counts_and_batch_variant(openrouter: Any) -> None:
    assert (openrouter.total, openrouter.imported) == (9, 7)
    assert openrouter.skipped == {"':batch' variant (kept as the base entry's batch prices)": 1,
                                  "no max output tokens": 1}  # x-ai/grok-4.6: max_completion_tokens null
    flash = model(openrouter, "openrouter", "google/gemini-3.7-flash")
    assert flash["pricing"]["batch"] == {"input": Decimal("0.1875"), "output": Decimal("0.9375"),
                                         "cached_input": Decimal("0.01875"), "cache_write": Decimal("0.0208333333333333")}
    assert (flash["pricing"]["input"], flash["pricing"]["output"], flash["pricing"]["cached_input"]) == (
        Decimal("0.375"), Decimal("1.875"), Decimal("0.0375"))
    assert "reasoning" not in flash["pricing"]  # internal_reasoning equals completion: no rate of its own
    assert flash["modalities"]["input"] == ["text", "image", "audio", "video", "pdf"]  # "file" is pdf


def test_openrouter_tiers_features_open_weights(openrouter: Any) -> None:
    seed = model(openrouter, "openrouter", "bytedance-seed/seed-2.0-code")
    assert seed["pricing"]["tiers"] == [{"above_input_tokens": 128000, "input": Decimal(1), "output": Decimal(6)}]
    assert seed["features"]["values"] == ["tool_calling", "structured_outputs", "reasoning"]
    assert seed["creator"] == "bytedance-seed" and "open_weights" not in seed
    deepseek = model(openrouter, "openrouter", "deepseek/deepseek-v4-pro-0813")
    assert "tiers" not in deepseek["pricing"]  # its overrides are by time of day, not by prompt size
    assert deepseek["open_weights"] is True and deepseek["max_output_tokens"]["value"] == 384000
    qwen = model(openrouter, "openrouter", "qwen/qwen3.8-27b")
    assert (qwen["creator"], qwen["pricing"]["input"], qwen["pricing"]["output"]) == ("alibaba", Decimal("0.45"),
                                                                                       Decimal("3.2"))


def test_openrouter_router_price_and_expiration(tmp_path: Path) -> None:
    # Fictitious ids; the shape follows OpenRouter's documented fields.
    base = {"context_length": 1000, "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
            "top_provider": {"max_completion_tokens": 100}}
    path = tmp_path / "models.json"
    path.write_text(json.dumps({"data": [
        {**base, "id": "example/router", "pricing": {"prompt": "-1", "completion": "-1"}},
        {**base, "id": "example/painter", "pricing": {"prompt": "0.000001", "completion": "0.000002"},
         "architecture": {"input_modalities": ["text"], "output_modalities": ["image"]}},
        {**base, "id": "example/old", "pricing": {"prompt": "0.000001", "completion": "0.000002"},
         "expiration_date": "2026-09-30", "knowledge_cutoff": "2025-01-31"}]}))
    foreign = read_foreign("openrouter", path, read=READ)
    assert foreign.skipped == {"no input/output price": 1, "no text output": 1}
    old = model(foreign, "openrouter", "example/old")
    assert old["lifecycle"]["shutdown_on"] == dt.date(2026, 9, 30)
    assert old["knowledge_cutoff"]["value"] == dt.date(2025, 1, 31)


# ---------------------------------------------------------------- shared behaviour

def test_provider_filter_is_not_counted_as_skipped() -> None:
    foreign = read_foreign("litellm", LITELLM, ["openai", "google"], read=READ)
    assert sorted(foreign.providers) == ["google", "openai"]
    assert (foreign.imported, foreign.filtered) == (8, 19)  # 12 of the 31 keys are openai/gemini
    # the embedding and image model are openai's; the tts model is google's
    assert foreign.skipped == {"fine-tuned model price template (ft:)": 1, "mode embedding": 1,
                               "mode image_generation": 1, "no text output": 1}
    assert foreign.imported + foreign.filtered + sum(foreign.skipped.values()) == foreign.total


def test_every_provider_file_validates(litellm: Any, models_dev: Any, openrouter: Any) -> None:
    for foreign in (litellm, models_dev, openrouter):
        for data in foreign.providers.values():
            ProviderFile.model_validate(data)


@pytest.mark.parametrize("fmt, path", [("litellm", LITELLM), ("models.dev", MODELS_DEV), ("openrouter", OPENROUTER)])
def test_written_files_load(fmt: str, path: Path, tmp_path: Path) -> None:
    foreign = read_foreign(fmt, path, read=READ)
    written = write_provider_files(foreign, tmp_path / "out")
    assert [p.name for p in written] == [f"{p}.yaml" for p in sorted(foreign.providers)]
    for file in written:
        text = file.read_text(encoding="utf-8")
        assert text.splitlines()[0] == SCHEMA_COMMENT
        assert "&id" not in text and "E-" not in text
        load_provider_file(file)
    registry = load_registry([tmp_path / "out"])
    provider, data = next(iter(foreign.providers.items()))
    entry = registry.get(f"{provider}/{data['models'][0]['id']}")
    assert entry.model.pricing.input == data["models"][0]["pricing"]["input"]


def test_written_prices_read_back_exactly(tmp_path: Path) -> None:
    write_provider_files(read_foreign("litellm", LITELLM, ["anthropic"], read=READ), tmp_path)
    pricing = load_provider_file(tmp_path / "anthropic.yaml").models[0].pricing
    assert (pricing.cache_write, pricing.batch.cache_write) == (Decimal("3.75"), Decimal("1.875"))  # type: ignore[union-attr]


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    for run in ("a", "b"):
        write_provider_files(read_foreign("models.dev", MODELS_DEV), tmp_path / run)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["alibaba.yaml", "anthropic.yaml", "google.yaml", "openai.yaml"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_read_defaults_to_the_file_date(tmp_path: Path) -> None:
    path = tmp_path / "litellm.json"
    path.write_bytes(LITELLM.read_bytes())
    stamp = dt.datetime(2026, 3, 4, 12, tzinfo=dt.UTC).timestamp()
    os.utime(path, (stamp, stamp))
    foreign = read_foreign("litellm", path)
    assert foreign.read == dt.date(2026, 3, 4)
    assert foreign.providers["openai"]["sources"]["litellm.json"]["read"] == dt.date(2026, 3, 4)


def test_progress_is_reported() -> None:
    calls: list[tuple[int, int]] = []
    read_foreign("models.dev", MODELS_DEV, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (28, 28)


@pytest.mark.parametrize("fmt, content, message", [
    ("litellm", "{not json", "{path}:1: not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
    ("litellm", '{"a": {"input_cost_per_token": NaN}}', "{path}: not valid JSON: NaN is not a JSON number"),
    ("litellm", "[" * 100_000, "{path}: not valid JSON: nested too deeply"),
    ("litellm", "[1, 2]", "{path}: not a LiteLLM price map: expected an object of model keys with litellm_provider"),
    ("models.dev", '{"openai": {"name": "OpenAI"}}',
     "{path}: not a models.dev export: expected an object of providers, each with models:"),
    ("openrouter", '{"models": []}',
     '{path}: not an OpenRouter model list: expected {{"data": [...]}} as returned by /api/v1/models'),
])
def test_bad_input_is_one_line_error(fmt: str, content: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        read_foreign(fmt, path)
    assert str(caught.value) == message.format(path=path)


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_foreign("helm", LITELLM)
    assert str(caught.value) == "unknown format 'helm'; expected one of: litellm, models.dev, openrouter, genai-prices"
    with pytest.raises(InputError) as caught:
        read_foreign("litellm", tmp_path / "nope.json")
    assert str(caught.value) == f"{tmp_path / 'nope.json'}: no such file"


def test_an_entry_whose_own_prices_contradict_each_other_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text(json.dumps({"example/odd": {
        "litellm_provider": "openai", "mode": "chat", "max_input_tokens": 1000, "max_output_tokens": 100,
        "input_cost_per_token": 1e-07, "output_cost_per_token": 2e-07, "cache_read_input_token_cost": 3e-07}}))
    foreign = read_foreign("litellm", path)
    assert (foreign.imported, foreign.skipped) == (0, {"prices fail the sanity checks of registry validate": 1})


# ---------------------------------------------------------------- writing as a whole (issue 12)

from typer.testing import CliRunner  # noqa: E402

from modelpick.cli import app  # noqa: E402

TEMP_PREFIX = ".modelpick-import-"


def run_import(out: Path, *extra: str) -> Any:
    return CliRunner().invoke(app, ["registry", "import", "--from", "litellm", str(LITELLM), "-o", str(out),
                                    "--format", "json", *extra])


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_folder_in_the_way_leaves_no_partial_output_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "openai.yaml").mkdir(parents=True)
    result = run_import(out, "--force")
    assert result.exit_code == 2, result.stderr
    assert result.stderr == (f"modelpick: error: --output: {out}/openai.yaml is a folder, where a provider file "
                             "would go; move it out of the way\n")
    assert sorted(p.name for p in out.iterdir()) == ["openai.yaml"]
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("existing", [False, True])
def test_a_full_disk_half_way_leaves_the_old_state_and_no_temporary(tmp_path: Path, existing: bool,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    if existing:
        run_import(out)
        (out / "notes.txt").write_text("mine\n")
    before = snapshot(out) if existing else None
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = run_import(out, "--force")
    assert result.exit_code == 2
    assert result.stderr == f"modelpick: error: {out}: cannot write: No space left on device\n"
    assert (snapshot(out) if existing else out.exists()) == (before if existing else False)
    assert temporaries(tmp_path) == []


def test_a_new_import_replaces_the_old_files_and_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "openai.yaml").write_text("old\n")
    (out / "openai.yaml").chmod(0o640)
    (out / "notes.txt").write_text("mine\n")
    (out / "sub").mkdir()
    (out / "sub" / "x.yaml").write_text("kept\n")
    result = run_import(out, "--force")
    assert result.exit_code == 0, result.stderr
    assert (out / "openai.yaml").read_text().startswith(SCHEMA_COMMENT)
    assert (out / "openai.yaml").stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode
    assert (out / "notes.txt").read_text() == "mine\n"
    assert (out / "sub" / "x.yaml").read_text() == "kept\n"
    assert temporaries(tmp_path) == []


KILL_ON_THIRD_FILE = """
import os, signal, sys
from modelpick import files
from modelpick.cli import app
real, calls = os.fsync, []
def fsync(fd):
    calls.append(fd)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    real(fd)
files.os.fsync = fsync
sys.argv = ["modelpick", *sys.argv[1:]]
app()
"""


@pytest.mark.skipif(not hasattr(os, "kill") or os.name == "nt", reason="needs SIGKILL")
@pytest.mark.parametrize("existing", [False, True])
def test_a_kill_between_files_leaves_the_old_state_and_the_next_run_cleans_up(tmp_path: Path,
                                                                             existing: bool) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    if existing:
        assert run_import(out).exit_code == 0
        (out / "openai.yaml").write_text("old\n")
    before = snapshot(out) if existing else None
    env = {**os.environ, "MODELPICK_NO_CACHE": "1"}
    killed = subprocess.run([sys.executable, "-c", KILL_ON_THIRD_FILE, "registry", "import", "--from", "litellm",
                             str(LITELLM), "-o", str(out), "--force"], env=env, capture_output=True, check=False)
    assert killed.returncode == -9, killed.stderr
    assert (snapshot(out) if existing else out.exists()) == (before if existing else False)
    assert len(temporaries(tmp_path)) == 1  # what the kill left: a part, but only in the temporary folder
    # The next import into the same parent removes it.
    other = tmp_path / "other"
    assert run_import(other).exit_code == 0
    assert temporaries(tmp_path) == []
    assert (snapshot(out) if existing else out.exists()) == (before if existing else False)


def test_an_old_folder_set_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    """A kill between the swap's two renames leaves the old folder aside and its place empty."""
    aside = tmp_path / f"{TEMP_PREFIX}4194304999-abc.old.out"  # no such process
    aside.mkdir()
    (aside / "openai.yaml").write_text("old\n")
    (tmp_path / f"{TEMP_PREFIX}4194304999-abc").mkdir()  # the new folder, complete or not
    assert run_import(tmp_path / "other").exit_code == 0
    assert (tmp_path / "out" / "openai.yaml").read_text() == "old\n"
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("case", ["read-only", "dev-full", "a-file", "symlink-loop"])
def test_write_failures_are_one_line_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    out = tmp_path / "out"
    expected = {"read-only": f"{out}: cannot write: Permission denied",
                "dev-full": "/dev/full/out: cannot write: /dev/full is not a folder",
                "a-file": f"{out}: --output: is not a folder",
                "symlink-loop": f"{out}: cannot write: {out} is a symlink loop (it leads back to itself)"}[case]
    if case == "read-only":
        def denied(*args: Any, **kwargs: Any) -> str:
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr("tempfile.mkdtemp", denied)  # as a read-only folder would, even for root
    elif case == "dev-full":
        if not Path("/dev/full").exists():
            pytest.skip("needs /dev/full")
        out = Path("/dev/full/out")
    elif case == "a-file":
        out.write_text("x\n")
    else:
        os.symlink("out2", out)
        os.symlink("out", tmp_path / "out2")
    result = run_import(out)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"modelpick: error: {expected}\n")


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions (simulated above)")
def test_a_read_only_folder(tmp_path: Path) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = run_import(parent / "out")
    finally:
        parent.chmod(0o755)
    assert (result.exit_code, result.stderr) == (2, f"modelpick: error: {parent}/out: cannot write: "
                                                   "Permission denied\n")
    assert list(parent.iterdir()) == []


def test_formats_is_the_one_registry_of_foreign_formats() -> None:
    """Adding a format is its module plus its line in FORMATS: every entry names a module with parse(), and no
    other module of the package is a format."""
    import importlib
    import pkgutil

    from modelpick.upkeep import foreign

    for name, module_name in foreign.FORMATS.items():
        module = importlib.import_module(f"modelpick.upkeep.foreign.{module_name}")
        assert callable(module.parse), name
    modules = {m.name for m in pkgutil.iter_modules(foreign.__path__)}
    assert modules == set(foreign.FORMATS.values())
