"""Per reasoning entry: the efforts its API accepts and its default (scripts/reasoning_efforts.yaml, each
cited), and Artificial Analysis' measurement at each effort (tokens per evaluation, speed, scores)."""

from __future__ import annotations

from typing import Any

from modelpick.upkeep.foreign import FlowDict

from .benchmarks import aa_benchmarks
from .common import AA_SOURCE, AA_VERSION, BuildError, aa_row_name
from .inputs import Inputs

# Artificial Analysis' eval_token_counts keys -> modelpick benchmark keys (the evaluations a task can name).
AA_EVAL_KEYS = {"ifbench": "ifbench", "gpqa": "gpqa_diamond", "hle": "hle", "tau2": "tau2_bench",
                "terminalbenchHard": "terminal_bench_hard", "scicode": "scicode", "lcr": "aa_lcr",
                "mmmuPro": "mmmu_pro"}
EFFORT_ORDER = ["none", "minimal", "low", "medium", "high", "xhigh"]


def aa_measurement(row: dict[str, Any]) -> dict[str, Any] | None:
    """Token counts per evaluation and speed of one AA row (one effort)."""
    counts = (row.get("breakdowns") or {}).get("eval_token_counts") or {}
    evals = {}
    for aa_key, key in AA_EVAL_KEYS.items():
        c = counts.get(aa_key)
        if isinstance(c, dict) and c.get("answerTokens") and c.get("reasoningTokens") is not None:
            evals[key] = FlowDict(reasoning=int(c["reasoningTokens"]), answer=int(c["answerTokens"]))
    if not evals:
        return None
    out: dict[str, Any] = {"source": AA_SOURCE,
                           "note": f"{aa_row_name(row)}: breakdowns.eval_token_counts (reasoningTokens, answerTokens)"}
    speed = row.get("speed") or {}
    if speed.get("output_tokens_per_second"):
        out["output_tokens_per_s"] = round(speed["output_tokens_per_second"], 1)
    ttfa = speed.get("time_to_first_answer_token_seconds")
    if ttfa is not None:
        out["ttft_s"] = round(ttfa, 2)
        out["note"] += "; speed.output_tokens_per_second, speed.time_to_first_answer_token_seconds"
    out["evals"] = evals
    scores = {key: b["value"] for key, b in aa_benchmarks(row).items()}
    if scores:
        out["benchmarks"] = FlowDict(scores)
        out["version"] = AA_VERSION
        out["note"] += "; evaluations (scores at this effort)"
    return out


def _offered(sel: dict[str, Any], name: str) -> dict[str, Any]:
    """The efforts offered and the API default, as the efforts file cites them."""
    out: dict[str, Any] = {}
    if sel.get("supported") or sel.get("default"):
        if not sel.get("source"):
            raise BuildError(f"reasoning_efforts: {name} states efforts without a source")
        out["source"] = sel["source"]
        if sel.get("note"):
            out["note"] = sel["note"]
        if sel.get("supported"):
            out["supported"] = sel["supported"]
        if sel.get("default"):
            out["default"] = sel["default"]
    return out


def reasoning_efforts(provider: str, model_id: str, inp: Inputs) -> dict[str, Any] | None:
    """Supported efforts, API default and per-effort measurements, from scripts/reasoning_efforts.yaml."""
    sel = inp.efforts.get(f"{provider}/{model_id}") or inp.efforts.get(f"*/{model_id}")
    if sel is None:
        return None
    out = _offered(sel, f"{provider}/{model_id}")
    measured = {}
    for effort, slug in (sel.get("aa") or {}).items():
        row = inp.aa.get(slug)
        if row is None:
            raise BuildError(f"reasoning_efforts: AA slug {slug!r} not found")
        m = aa_measurement(row)
        if m:
            measured[effort] = m
    if not measured and "source" not in out:
        return None  # nothing on record: no block (unknown stays absent)
    if "source" not in out:  # measurements only: the block cites what measured them
        out["source"] = AA_SOURCE
        out["note"] = "efforts offered and API default not found: " + (sel.get("note") or "no source")
    if measured:
        out["measured"] = dict(sorted(measured.items(), key=lambda kv: EFFORT_ORDER.index(kv[0])))
    return out
