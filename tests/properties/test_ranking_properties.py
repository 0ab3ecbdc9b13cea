"""Properties of ranking (modelpick.ranking) for random workloads on the bundled and fixture entries together:
the report does not depend on the order of entries or registry files, every entry is either ranked or
excluded with a reason, and the JSON output validates against the published schema."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from workload_strategies import (
    BUNDLED_PROVIDERS,
    FIXTURE_PROVIDERS,
    TASKS,
    dates,
    property_settings,
    workloads,
)

from modelpick import ranking
from modelpick.registry.layers import OPTION, LayerPath
from modelpick.registry.loader import Entry, Registry, bundled_data, load_entries
from modelpick.registry.schema import Benchmark
from modelpick.render import render
from modelpick.workload import ResolvedWorkload, Workload, resolve

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_FILES = sorted((ROOT / "tests" / "fixtures" / "registry").glob("*.yaml"))
PROVIDERS = BUNDLED_PROVIDERS + FIXTURE_PROVIDERS
shuffles = st.randoms(use_true_random=False)


def context(data: dict[str, Any], as_of: dt.date) -> ResolvedWorkload:
    return resolve(Workload.model_validate(data), TASKS, as_of)


def recommend_json(registry: Registry, ctx: ResolvedWorkload) -> str:
    """The recommend report as `--format json` prints it."""
    return render(ranking.recommend(registry, ctx), "json")


# --- order ------------------------------------------------------------------------------------------------


@property_settings(20, slow=True)
@given(data=workloads(PROVIDERS), as_of=dates, shuffle=shuffles)
def test_ranking_is_the_same_whatever_the_order_of_entries(every_entry, combined_registry, data, as_of, shuffle):
    """A Registry built from the entries in any order gives the same recommend report, byte for byte."""
    ctx = context(data, as_of)
    entries = list(every_entry)
    shuffle.shuffle(entries)
    assert recommend_json(Registry(entries), ctx) == recommend_json(combined_registry, ctx)


BUNDLED_FILES = sorted((bundled_data() / "models").glob("*.yaml"))  # one per provider, named after it


def write_layers(folder: Path, providers: set[str], shuffle: random.Random) -> list[LayerPath]:
    """The registry files of `providers` written to `folder` in a random order and returned as --registry
    layers in that order. Fixture files are split in two at a random model, so that two files of one provider
    with no model in common are permuted too; bundled files are copied as they are."""
    parts: list[tuple[str, str]] = []
    for path in [*BUNDLED_FILES, *FIXTURE_FILES]:
        if path.stem not in providers:
            continue
        if path not in FIXTURE_FILES:
            parts.append((path.stem, path.read_text(encoding="utf-8")))
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        cut = shuffle.randint(1, len(doc["models"]) - 1)
        parts += [(path.stem, yaml.safe_dump({**doc, "models": models}, sort_keys=False))
                  for models in (doc["models"][:cut], doc["models"][cut:])]
    parts.reverse()  # so that even hypothesis's simplest shuffle (none) changes the order
    shuffle.shuffle(parts)
    folder.mkdir()
    layers = []
    for index, (provider, text) in enumerate(parts):
        path = folder / f"{index:02d}-{provider}.yaml"
        path.write_text(text, encoding="utf-8")
        layers.append(LayerPath(OPTION, path, path.name))
    return layers


@property_settings(4, slow=True)
@example(data={"task": "chat"}, as_of=dt.date(2026, 1, 1), providers=set(PROVIDERS), shuffle=random.Random(0))
@given(data=workloads(PROVIDERS), as_of=dates, providers=st.sets(st.sampled_from(PROVIDERS), min_size=2),
       shuffle=shuffles)
def test_ranking_is_the_same_whatever_the_order_of_registry_files(every_entry, tmp_path_factory, data, as_of,
                                                                   providers, shuffle):
    """Registry files written to a folder and loaded as layers in a random order give the same recommend
    report as their entries loaded file by file. (Only files with no entry in common are permuted: a later
    layer overrides an earlier one field by field, so their order matters by design.)"""
    layers = write_layers(tmp_path_factory.mktemp("layers") / "registry", providers, shuffle)
    with mock.patch.dict(os.environ, {"MODELPICK_NO_CACHE": "1"}):  # merge the layers, never read a cache
        layered = Registry(load_entries(layers))
    expected = Registry([e for e in every_entry if e.provider in providers])
    ctx = context(data, as_of)
    assert recommend_json(layered, ctx) == recommend_json(expected, ctx)


# --- ranked or excluded -----------------------------------------------------------------------------------


def key(result: Any) -> str:
    return f"{result.provider}/{result.model}"


@property_settings(50, slow=True)
@given(data=workloads(PROVIDERS), as_of=dates)
def test_every_entry_is_ranked_or_excluded_with_a_reason(combined_registry, data, as_of):
    """Each entry appears exactly once: ranked (ranks 1..n, each with its explanation), or excluded with at
    least one non-empty reason. Ranked entries meet the requirements that are simple to check here."""
    ctx = context(data, as_of)
    rec = ranking.recommend(combined_registry, ctx)
    ranked, excluded = [key(r) for r in rec.ranking], [key(x) for x in rec.excluded]
    assert sorted(ranked + excluded) == sorted(e.key for e in combined_registry.entries)
    assert [r.rank for r in rec.ranking] == list(range(1, len(ranked) + 1))
    for item in rec.excluded:
        assert item.reasons and all(reason.strip() for reason in item.reasons), key(item)
    requires = ctx.workload.requires
    for result in rec.ranking:
        entry = combined_registry.get(key(result))
        assert len(result.reasons) == 3 and all(result.reasons), key(result)  # quality, cost and speed
        assert not requires.providers or entry.provider in requires.providers
        assert entry.provider not in requires.exclude_providers
        assert entry.model.context_window.value >= max(requires.min_context, ctx.input_tokens + ctx.output_tokens)
        if requires.max_monthly_cost_usd is not None:
            assert result.cost.per_month <= Decimal(str(requires.max_monthly_cost_usd))


# --- JSON output ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def output_validators() -> dict[str, Any]:
    """Validators for the published schemas/output.schema.json (what `modelpick schema output` prints), one
    per result: the document must match that result's definition, not merely one of the schema's anyOf."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "output.schema.json").read_text(encoding="utf-8"))
    return {kind: jsonschema.Draft202012Validator({**schema, "anyOf": [{"$ref": f"#/$defs/{kind}"}]})
            for kind in ("Recommendation", "Comparison", "CostResult")}


def schema_errors(validator: Any, text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.loads(text))]


@property_settings(15, slow=True)
@given(data=workloads(PROVIDERS), as_of=dates, picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=3))
def test_json_output_validates_against_the_published_schema(combined_registry, output_validators, data, as_of,
                                                            picks):
    """The JSON of recommend, compare (of 1 to 3 entries) and cost validates against the output schema."""
    ctx = context(data, as_of)
    entries: list[Entry] = [combined_registry.entries[i % len(combined_registry.entries)] for i in picks]
    outputs = {
        "Recommendation": ranking.recommend(combined_registry, ctx),
        "Comparison": ranking.compare(combined_registry, ctx, entries),
        "CostResult": ranking.cost(combined_registry, ctx, entries[0]),
    }
    for kind, result in outputs.items():
        assert schema_errors(output_validators[kind], render(result, "json")) == [], kind


# The largest workload the model accepts: 200M tokens a request, 1e12 requests a day over 31-day months.
LARGEST = {"task": "chat", "input_tokens": 100_000_000, "output_tokens": 100_000_000, "requests_per_day": 1e12,
           "days_per_month": 31}


def test_json_output_of_the_largest_workload_validates(combined_registry, output_validators):
    """At the workload's upper bounds, the JSON comparing every entry still renders and validates."""
    ctx = context(LARGEST, dt.date(2026, 1, 1))
    text = render(ranking.compare(combined_registry, ctx, combined_registry.entries), "json")
    assert schema_errors(output_validators["Comparison"], text) == []


# --- quality on a fixed scale -----------------------------------------------------------------------------


def qualities(registry: Registry, ctx: ResolvedWorkload) -> dict[str, Any]:
    """Every entry's quality and its evidence, as compare reports them (fitting or not)."""
    result = ranking.compare(registry, ctx, registry.entries)
    return {key(m): (m.scores.quality, m.quality_evidence) for m in result.models if m.fits}


@property_settings(25, slow=True)
@given(data=workloads(PROVIDERS), as_of=dates, pick=st.integers(0, 10_000),
       scores=st.dictionaries(st.sampled_from(sorted(TASKS.benchmarks)), st.floats(0, 2000), min_size=1),
       remove=st.booleans())
def test_changing_or_adding_one_entry_never_changes_another_entrys_quality(every_entry, data, as_of, pick, scores,
                                                                          remove):
    """Quality is on fixed scales: replacing one entry's benchmarks, removing it, or adding a new entry leaves
    every other entry's quality and evidence exactly as they were."""
    ctx = context({**data, "requires": {}}, as_of)  # no budget: the same entries fit on both sides
    entries = list(every_entry)
    changed = entries[pick % len(entries)]
    rebuilt = changed.model.model_copy(update={"benchmarks": {
        k: Benchmark(value=v, source="property", read=dt.date(2026, 1, 1)) for k, v in scores.items()}})
    newcomer = Entry("propertyco", "Property Co", rebuilt.model_copy(update={"id": "newcomer"}), {}, "<property>")
    before = qualities(Registry(entries), ctx)
    others = [e for e in entries if e is not changed]
    after = qualities(Registry(others + ([] if remove else [Entry(changed.provider, changed.provider_name,
                                                                    rebuilt, changed.sources, changed.file)])
                               + [newcomer]), ctx)
    for name, value in before.items():
        if name != changed.key:
            assert after[name] == value, name
