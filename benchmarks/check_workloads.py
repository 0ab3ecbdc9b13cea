#!/usr/bin/env python3
"""Writes FOLDER/modelpick.yaml: a project config of N workloads (default 1,000) on the bundled registry, for
timing `modelpick check`. Deterministic (a fixed seed): varied tasks, token counts (2% as distributions),
volumes, efforts, batch and service tiers, requirements and policies, chosen models from the bundled registry
(a few retired, deprecated, aliased or unknown).

    python benchmarks/check_workloads.py FOLDER [--count 1000] [--seed 15] [--distributions 0.02]
    cd FOLDER && modelpick check --format json --as-of 2026-11-21
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TASKS = ["classification", "extraction", "routing", "autocomplete", "summarization", "chat", "translation",
         "coding", "agentic", "reasoning", "long-context", "vision", "creative-writing"]
# Bundled entries (PROVIDER/MODEL or MODEL), among them aliases, retired and deprecated ones, and two unknown.
MODELS = ["openai/gpt-4.1-nano", "gpt-4.1-mini", "gpt-4.1", "gpt-4o-mini", "gpt-5-nano", "gpt-5-mini", "gpt-5",
          "o3", "o4-mini", "gpt-3.5-turbo", "o3-mini", "claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-1",
          "claude-3-haiku", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro", "gemini-2.0-flash",
          "deepseek-v4-flash", "groq/openai/gpt-oss-20b", "togetherai/openai/gpt-oss-120b", "mistral-small-2603",
          "kimi-k2.5", "glm-5", "grok-4.3", "command-r-08-2024", "MiniMax-M2.5", "gpt-4.2-nano", "claude-haiku-9"]
FEATURES = ["tool_calling", "structured_outputs", "streaming", "batch", "prompt_caching"]


def _tokens(rng: random.Random, low: int, high: int, spread: float) -> int | dict[str, int]:
    n = rng.randint(low, high)
    return {"p50": n, "p95": n * rng.choice([2, 3, 5])} if rng.random() < spread else n


def workload(rng: random.Random, index: int, spread: float = 0.02) -> dict[str, object]:
    """One workload; `spread`: the share of token counts given as a distribution {p50, p95}."""
    w: dict[str, object] = {"name": f"w{index:04d}", "model": rng.choice(MODELS), "task": rng.choice(TASKS),
                            "input_tokens": _tokens(rng, 100, 60_000, spread),
                            "output_tokens": _tokens(rng, 10, 4_000, spread)}
    roll = rng.random()
    if roll < 0.2:
        w["reasoning_effort"] = rng.choice(["none", "minimal", "low", "medium", "high"])
    elif roll < 0.3:
        w["reasoning_tokens"] = rng.randint(0, 3_000)
    w["requests_per_day"] = rng.choice([100, 1_000, 5_000, 20_000, 200_000])
    if rng.random() < 0.2:
        w["cached_input_ratio"] = rng.choice([0.25, 0.5, 0.8])
    if rng.random() < 0.1:
        w["batch"] = True
    elif rng.random() < 0.05:
        w["service_tier"] = rng.choice(["flex", "priority"])
    requires: dict[str, object] = {}
    if rng.random() < 0.3:
        requires["features"] = rng.sample(FEATURES, rng.randint(1, 2))
    if rng.random() < 0.1:
        requires["input_modalities"] = ["text", "image"]
    if rng.random() < 0.1:
        requires["min_context"] = rng.choice([128_000, 200_000, 1_000_000])
    if rng.random() < 0.05:
        requires["knowledge_after"] = "2024-06-01"
    if rng.random() < 0.1:
        requires["max_monthly_cost_usd"] = rng.choice([50, 500, 5_000])
    if rng.random() < 0.05:
        requires["include_deprecated"] = True
    if requires:
        w["requires"] = requires
    if rng.random() < 0.2:
        w["prefer"] = rng.choice(["cost", "quality", "speed"])
    policy: dict[str, object] = {}
    if rng.random() < 0.3:
        policy["max_rank"] = rng.choice([3, 10, 30])
    if rng.random() < 0.1:
        policy["require_snapshot"] = True
    if rng.random() < 0.1:
        policy["max_monthly_cost_usd"] = rng.choice([100, 1_000])
    if policy:
        w["policy"] = policy
    return w


def _yaml(value: object) -> str:
    """Flow-style YAML for the plain values written here (no yaml dependency)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def config_text(count: int, seed: int, spread: float = 0.02) -> str:
    rng = random.Random(seed)
    lines = ["# written by benchmarks/check_workloads.py", "defaults:", "  requests_per_day: 1000",
             "  policy: {max_cost_ratio: 2.0, retirement_warning_days: 90}", "workloads:"]
    for index in range(count):
        items = list(workload(rng, index, spread).items())
        lines.append(f"  - {items[0][0]}: {_yaml(items[0][1])}")
        lines += [f"    {key}: {_yaml(value)}" for key, value in items[1:]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--distributions", type=float, default=0.02,
                        help="share of token counts given as {p50, p95} (default 0.02)")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    path = args.folder / "modelpick.yaml"
    path.write_text(config_text(args.count, args.seed, args.distributions), encoding="utf-8")
    print(f"{path}: {args.count} workloads")


if __name__ == "__main__":
    main()
