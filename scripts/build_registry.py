#!/usr/bin/env python3
"""Generate the bundled model registry (data/models/<provider>.yaml) from dated source snapshots.

Every input is a command-line argument; nothing is fetched. The curated selection (which models, which
benchmark rows, hand facts with their sources) lives in scripts/registry_selection.yaml.

    python3 scripts/build_registry.py \
        --models-dev models-dev-resolved.json --litellm litellm-model-prices.json \
        --artificial-analysis artificial-analysis-leaderboards-llms.json \
        --aider aider-polyglot_leaderboard.yml \
        --livebench-table livebench.github.io-table_2026_01_08.csv \
        --livebench-categories livebench.github.io-categories_2026_01_08.json \
        --lmarena arena-catalog-leaderboard-text-style-control.json \
        --lmarena-vision arena-catalog-leaderboard-vision.json \
        --simple-evals simple-evals-README-benchmark-results.csv --genai-prices genai-prices.json \
        --selection scripts/registry_selection.yaml --selection scripts/registry_selection_more.yaml \
        --efforts scripts/reasoning_efforts.yaml -o data/models

(docs/data.md has the command with the snapshot paths.)

Policy (see the selection file's header for the per-model keys):
- Limits, modalities, dates, open_weights, reasoning: models.dev; LiteLLM's and AA's values that differ go to
  `others` (context window: LiteLLM max_input_tokens, also where it is models.dev's limit.input, and AA
  capabilities.context_window_tokens; modalities: LiteLLM supported_modalities plus its supports_* input flags,
  the same reading as `modelpick registry import`). Each such alternative's note says why it is not used
  (evidence the script can compute, e.g. AA's input_modality_* flags, plus the selection's `keep` reasons).
- LiteLLM is read through the importer's mapping (src/modelpick/upkeep/foreign/litellm.py): one mapping per
  source format, exact Decimal prices incl. reasoning, batch, flex and priority (also per long-context tier).
- Lifecycle: each source's word is a claim dated by the day the source said it (models.dev status 2026-07-02,
  LiteLLM deprecation_date read as shutdown_on 2026-12-02, AA's deprecated flag 2026-07-10, genai-prices'
  deprecated flag 2026-11), all rank aggregator, under lifecycle.claims; the entry's own claim is a provider page
  given as a `lifecycle` hand fact (rank provider), else models.dev's (LiteLLM's for LiteLLM-only entries).
- Prices: when LiteLLM and models.dev agree on the base prices, LiteLLM is cited (it also carries batch
  and long-context prices); when they disagree, models.dev is used and LiteLLM's prices go to `others`.
- Features: union of models.dev (tool_call, structured_output, reasoning) and LiteLLM
  (supports_function_calling, supports_response_schema, supports_prompt_caching, supports_native_streaming,
  supports_reasoning, *_batches prices). Nothing else is inferred. The value cites the source whose own list is
  the union; where neither is, it cites the larger and its note says it is a union and what the other adds.
  Every source whose own list differs is kept under `others`.
- Benchmarks: Artificial Analysis snapshot, aider polyglot, LiveBench 2026-01-08, LMArena (style control),
  simple-evals; only rows named in the selection. Hand facts from the selection override generated values,
  and the generated value is then kept under `others`.
- LiteLLM-only entries (`litellm_only: true` in the selection; models newer than the models.dev snapshot):
  limits (context_window = max_input_tokens), modalities, features, reasoning, lifecycle and prices from
  LiteLLM; release date, speed, reasoning-token default and benchmarks only from the AA row named in the
  selection (AA's differing prices / context window go to `others`). No knowledge cutoff (no source gives one).
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import json
import math
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from modelpick.upkeep.foreign import genai_prices as genai_format  # noqa: E402  (the importer's mapping)
from modelpick.upkeep.foreign import litellm as litellm_format  # noqa: E402  (the importer's mapping)
from modelpick.upkeep.foreign import plain  # noqa: E402

AA_SOURCE = "artificial-analysis-2026-07-10"
AA_DATE = dt.date(2026, 7, 10)
AA_VERSION = "AA 2026-07-10 snapshot"
LIVEBENCH_SOURCE = "livebench-2026-01-08"
LIVEBENCH_DATE = dt.date(2026, 1, 8)
LMARENA_SOURCE = "lmarena-2025-12"
LMARENA_TEXT_DATE = dt.date(2025, 12, 17)  # last change of leaderboard-text-style-control.json
LMARENA_VISION_DATE = dt.date(2025, 12, 11)  # last change of leaderboard-vision.json
MODALITIES = ("text", "image", "audio", "video", "pdf")
# The day each aggregator said what its snapshot says (a lifecycle claim is dated by it, not by our read date).
MODELS_DEV_DATE = dt.date(2026, 7, 2)  # models.dev commit f3fc692
LITELLM_DATE = dt.date(2026, 12, 2)  # litellm 1.110.2 on PyPI
LITELLM_VERSION = "litellm 1.110.2"
GENAI_PRICES_SOURCE = "genai-prices"
GENAI_PRICES_DATE = dt.date(2026, 11, 1)  # genai-prices 0.2.3, published 2026-11 (month only: the 1st is used)
# genai-prices' prices (dated lists) are compared as in force on this day: the newest snapshot's (LiteLLM 1.110.2).
GENAI_PRICES_AS_OF = dt.date(2026, 12, 2)
# Our provider id -> genai-prices provider id.
GENAI_PROVIDERS = {"openai": "openai", "anthropic": "anthropic", "google": "google", "xai": "x-ai",
                   "mistral": "mistral", "deepseek": "deepseek", "groq": "groq", "togetherai": "together",
                   "amazon-bedrock": "aws", "zai": "zai", "minimax": "minimax",
                   "moonshotai": "moonshotai", "cohere": "cohere"}

# AA evaluation key -> (registry key, is_index)
AA_BENCHMARKS = [
    ("artificial_analysis_intelligence_index", "aa_intelligence_index", True),
    ("artificial_analysis_coding_index", "aa_coding_index", True),
    ("artificial_analysis_agentic_index", "aa_agentic_index", True),
    ("gpqa", "gpqa_diamond", False),
    ("hle", "hle", False),
    ("scicode", "scicode", False),
    ("ifbench", "ifbench", False),
    ("aa_lcr", "aa_lcr", False),
    ("tau2_bench", "tau2_bench", False),
    ("terminal_bench_hard", "terminal_bench_hard", False),
    ("mmmu_pro", "mmmu_pro", False),
]
LIVEBENCH_KEYS = {
    "Reasoning": "livebench_reasoning",
    "Coding": "livebench_coding",
    "Agentic Coding": "livebench_agentic_coding",
    "Mathematics": "livebench_mathematics",
    "Data Analysis": "livebench_data_analysis",
    "Language": "livebench_language",
    "IF": "livebench_if",
}
LMARENA_TEXT_KEYS = {"full": "lmarena_text", "coding": "lmarena_coding",
                     "creative_writing": "lmarena_creative_writing", "if": "lmarena_if"}
# First-party provider file -> creator slug (performance is only taken for first-party entries).
FIRST_PARTY = {"openai": "openai", "anthropic": "anthropic", "google": "google", "xai": "xai",
               "deepseek": "deepseek", "mistral": "mistral", "alibaba": "alibaba", "moonshotai": "moonshotai",
               "zai": "zai", "minimax": "minimax", "cohere": "cohere"}


class BuildError(Exception):
    pass


# ---------------------------------------------------------------- number helpers

def dec(value: Any) -> Decimal | None:
    """A source's price as an exact Decimal (JSON float noise dropped), as the importers read it."""
    return plain(value)


def pct(fraction: float) -> float:
    return round(fraction * 100, 1)


def parse_date(text: str) -> tuple[dt.date, str | None]:
    """models.dev dates are YYYY-MM-DD or YYYY-MM; the latter becomes the 1st with a note."""
    text = str(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text), None
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return dt.date.fromisoformat(text + "-01"), f"source gives '{text}' (month precision); the 1st is used"
    raise BuildError(f"unparseable date {text!r}")


# ---------------------------------------------------------------- input loading

def merge_selections(paths: list[str]) -> dict[str, Any]:
    """The selection files as one: later files add sources, providers and models (a provider named twice
    has its models lists joined; its other keys come from the first file that names it)."""
    merged: dict[str, Any] = {"sources": {}, "providers": {}}
    for path in paths:
        with open(path) as f:
            part = yaml.safe_load(f)
        for key, source in (part.get("sources") or {}).items():
            if key in merged["sources"] and merged["sources"][key] != source:
                raise BuildError(f"{path}: source {key!r} differs from an earlier selection file's")
            merged["sources"][key] = source
        for provider, psel in (part.get("providers") or {}).items():
            if provider in merged["providers"]:
                merged["providers"][provider]["models"] += psel.get("models") or []
            else:
                merged["providers"][provider] = psel
        merged.setdefault("read_date", part.get("read_date"))
    return merged


def load_inputs(args: argparse.Namespace) -> dict[str, Any]:
    with open(args.models_dev) as f:
        models_dev = json.load(f)
    with open(args.litellm) as f:
        litellm = json.load(f)
    with open(args.artificial_analysis) as f:
        aa_rows = {row["slug"]: row for row in json.load(f)["models"]}
    with open(args.aider) as f:
        aider_runs = yaml.safe_load(f)
    with open(args.livebench_categories) as f:
        livebench_categories = json.load(f)
    with open(args.livebench_table, newline="") as f:
        livebench = {row["model"]: row for row in csv.DictReader(f)}
    with open(args.lmarena) as f:
        lmarena = json.load(f)
    with open(args.lmarena_vision) as f:
        lmarena_vision = json.load(f)
    with open(args.simple_evals, newline="") as f:
        simple_evals = {row["model"]: row for row in csv.DictReader(f)}
    with open(args.genai_prices) as f:
        genai_prices = {p["id"]: p["models"] for p in json.load(f)}
    selection = merge_selections(args.selection)
    with open(args.efforts) as f:
        efforts = yaml.safe_load(f)
    selection["sources"] = {**efforts.get("sources", {}), **selection["sources"]}  # the selection's own win
    return {
        "efforts": efforts["models"],
        "models_dev": models_dev, "litellm": litellm, "aa": aa_rows, "aider": aider_runs,
        "livebench": livebench, "livebench_categories": livebench_categories,
        "lmarena": lmarena, "lmarena_vision": lmarena_vision, "simple_evals": simple_evals,
        "genai_prices": genai_prices, "selection": selection,
    }


# ---------------------------------------------------------------- pricing

def md_pricing(cost: dict[str, Any]) -> dict[str, Any] | None:
    if cost.get("input") is None or cost.get("output") is None:
        return None
    price: dict[str, Any] = {"input": dec(cost["input"]), "output": dec(cost["output"])}
    if cost.get("cache_read"):
        price["cached_input"] = dec(cost["cache_read"])
    if cost.get("cache_write"):
        price["cache_write"] = dec(cost["cache_write"])
    tiers = []
    for tier in cost.get("tiers") or []:
        spec = tier.get("tier", {})
        if spec.get("type", "context") != "context" or not spec.get("size"):
            continue
        item: dict[str, Any] = {"above_input_tokens": int(spec["size"]),
                                "input": dec(tier["input"]), "output": dec(tier["output"])}
        if tier.get("cache_read"):
            item["cached_input"] = dec(tier["cache_read"])
        if tier.get("cache_write"):
            item["cache_write"] = dec(tier["cache_write"])
        tiers.append(item)
    if tiers:
        price["tiers"] = sorted(tiers, key=lambda t: t["above_input_tokens"])
    return price


def ll_pricing(entry: dict[str, Any]) -> dict[str, Any] | None:
    """LiteLLM's prices as `modelpick registry import` reads them (foreign/litellm.py): exact Decimals, with
    reasoning, batch, flex and priority prices and long-context tiers."""
    price = litellm_format.pricing(entry, "litellm")
    if price is None:
        return None
    price.pop("source")
    return price


def _base(price: dict[str, Any]) -> dict[str, Any]:
    return {k: price[k] for k in ("input", "output", "cached_input", "cache_write") if k in price}


def prices_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    for key in ("input", "output", "cached_input", "cache_write"):
        if key in a and key in b and a[key] != b[key]:
            return False
    if a["input"] != b["input"] or a["output"] != b["output"]:
        return False
    ta = {t["above_input_tokens"]: (t["input"], t["output"]) for t in a.get("tiers", [])}
    tb = {t["above_input_tokens"]: (t["input"], t["output"]) for t in b.get("tiers", [])}
    if ta and tb and ta != tb:
        return False
    return True


def build_pricing(md_price: dict[str, Any] | None, ll_price: dict[str, Any] | None,
                  price_note: str | None) -> dict[str, Any]:
    notes: list[str] = []
    if md_price is None and ll_price is None:
        raise BuildError("no price in models.dev or LiteLLM")
    if ll_price is None:
        pricing = {"source": "models.dev", **md_price}
        notes.append("LiteLLM has no price for this model")
    elif md_price is None:
        pricing = {"source": "litellm", **ll_price}
        notes.append("models.dev has no price for this model")
    elif prices_agree(md_price, ll_price):
        pricing = {"source": "litellm", **ll_price}
        filled = []
        for key in ("cached_input", "cache_write"):
            if key in md_price and key not in ll_price:
                pricing[key] = md_price[key]
                filled.append(key)
        if "tiers" in md_price and "tiers" not in ll_price:
            pricing["tiers"] = md_price["tiers"]
            filled.append("tiers")
        notes.append("models.dev gives the same base prices")
        if filled:
            notes.append(f"{', '.join(filled)} from models.dev (LiteLLM has none)")
    else:
        pricing = {"source": "models.dev", **md_price}
        pricing["others"] = [{"source": "litellm", "value": ll_price}]
        notes.append("models.dev and LiteLLM disagree; models.dev is used (no provider page read), "
                     "LiteLLM's prices are under others")
    if price_note:
        notes.append(price_note.strip())
    return order_pricing(pricing, "; ".join(notes))


def order_pricing(pricing: dict[str, Any], note: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"source": pricing["source"]}
    if note:
        out["note"] = note
    for key in ("effective_from", "input", "cached_input", "cache_write", "output", "reasoning", "batch", "flex",
                "priority", "tiers", "history", "others"):
        if key in pricing and pricing[key] not in (None, []):
            out[key] = pricing[key]
    return out


# ---------------------------------------------------------------- features / modalities

def md_features(md: dict[str, Any]) -> list[str]:
    feats = []
    if md.get("tool_call"):
        feats.append("tool_calling")
    if md.get("structured_output"):
        feats.append("structured_outputs")
    if md.get("reasoning"):
        feats.append("reasoning")
    return feats


def ll_features(ll: dict[str, Any]) -> list[str]:
    """LiteLLM's feature flags as the importer reads them (foreign/litellm.py)."""
    return sort_features(litellm_format.features(ll))


MD_FEATURE_FLAGS = "models.dev tool_call, structured_output and reasoning flags"
LL_FEATURE_FLAGS = ("LiteLLM supports_function_calling, supports_response_schema, supports_prompt_caching, "
                    "supports_native_streaming, supports_reasoning flags and *_batches prices")


def combine_features(by_source: list[tuple[str, list[str]]], ll: dict[str, Any] | None,
                     keep: dict[str, str]) -> dict[str, Any]:
    """The union of every source's feature flags (a flag one source sets is taken), citing the source whose
    own list is the union; when none is, the one that gives most of it, with a note naming what the other
    adds. Every source whose own list differs from the value is kept under others."""
    names = {"models.dev": MD_FEATURE_FLAGS, "litellm": LL_FEATURE_FLAGS}
    labels = {"models.dev": "models.dev", "litellm": "LiteLLM"}
    union = sort_features([f for _, values in by_source for f in values])
    exact = [src for src, values in by_source if values == union]
    if exact:
        source = exact[0]
        note = names[source]
        rest = [labels[src] for src, values in by_source if src != source]
        if rest and len(exact) == len(by_source):
            note += f"; {' and '.join(rest)} gives the same features"
        elif rest:
            note += f"; {' and '.join(rest)} states fewer (under others)"
    else:
        source = max(by_source, key=lambda sv: len(sv[1]))[0]
        own = dict(by_source)[source]
        added = {src: [f for f in values if f not in own] for src, values in by_source if src != source}
        note = (f"union of {' and '.join(names[src] for src, _ in by_source)} (a flag one source sets is taken); "
                + "; ".join(f"{', '.join(fs)} from {labels[src]} only" for src, fs in added.items() if fs)
                + "; each source's own list is under others")
    others = []
    for src, values in by_source:
        if values == union:
            continue
        missing = [f for f in union if f not in values]
        alt_note = f"{names[src]}; not used alone: lacks {', '.join(missing)}, which " + \
            " / ".join(labels[s] for s, v in by_source if s != src and set(missing) & set(v)) + " states"
        if src == "litellm" and ll is not None:
            explicit = [f for flag, f in (("supports_function_calling", "tool_calling"),
                                          ("supports_response_schema", "structured_outputs"),
                                          ("supports_reasoning", "reasoning"))
                        if f in missing and ll.get(flag) is False]
            if explicit:
                alt_note += f" (LiteLLM states {', '.join(explicit)} as false)"
        if keep.get(src):
            alt_note += "; " + keep[src].strip()
        others.append({"source": src, "value": values, "note": alt_note})
    return {"source": source, "note": note, "values": union, **({"others": others} if others else {}),
            "_by_source": by_source}


FEATURE_ORDER = ["streaming", "tool_calling", "structured_outputs", "fine_tuning", "predicted_outputs",
                 "batch", "prompt_caching", "reasoning"]


def sort_features(feats: list[str]) -> list[str]:
    return sorted(set(feats), key=FEATURE_ORDER.index)


def aa_input_modalities(aa: dict[str, Any] | None) -> list[str] | None:
    """AA's capabilities.input_modality_* flags (text, image, video, speech -> audio); AA states no pdf."""
    caps = (aa or {}).get("capabilities") or {}
    if caps.get("input_modality_text") is None:
        return None
    found = [m for key, m in (("input_modality_text", "text"), ("input_modality_image", "image"),
                              ("input_modality_speech", "audio"), ("input_modality_video", "video")) if caps.get(key)]
    return sorted(found, key=MODALITIES.index)


# ---------------------------------------------------------------- benchmarks

def aa_row_name(row: dict[str, Any]) -> str:
    return f"AA row '{row['name']}' (slug {row['slug']})"


def aa_benchmarks(row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    ev = row.get("evaluations") or {}
    for aa_key, key, is_index in AA_BENCHMARKS:
        val = ev.get(aa_key)
        if val is None:
            continue
        note = aa_row_name(row)
        if is_index:
            if aa_key == "artificial_analysis_intelligence_index" and ev.get(
                    "artificial_analysis_intelligence_index_is_estimated"):
                note += "; AA marks this index as estimated"
            out[key] = {"value": round(float(val), 1), "source": AA_SOURCE, "note": note,
                        "version": AA_VERSION, "date": AA_DATE}
        else:
            out[key] = {"value": pct(val), "source": AA_SOURCE, "note": note + "; fraction x 100",
                        "date": AA_DATE}
    return out


def aider_benchmark(runs: list[dict[str, Any]], labels: list[str]) -> dict[str, Any] | None:
    matches = [r for r in runs if r["model"] in labels]
    missing = set(labels) - {r["model"] for r in matches}
    if missing:
        raise BuildError(f"aider labels not found: {sorted(missing)}")
    if not matches:
        return None
    best = max(matches, key=lambda r: (r["pass_rate_2"], str(r.get("date"))))
    date = best.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    note = f"best of aider runs {labels}: '{best['model']}' ({best.get('edit_format')} edit format), pass_rate_2"
    return {"value": float(best["pass_rate_2"]), "source": "aider-polyglot", "note": note, "date": date}


def livebench_benchmarks(row: dict[str, str], categories: dict[str, list[str]], name: str) -> dict[str, Any]:
    out = {}
    for category, tasks in categories.items():
        key = LIVEBENCH_KEYS[category]
        values = [row.get(t) for t in tasks]
        if any(v in (None, "") for v in values):
            continue
        mean = sum(float(v) for v in values) / len(values)
        out[key] = {"value": round(mean, 1), "source": LIVEBENCH_SOURCE,
                    "note": f"LiveBench row '{name}'; mean of {', '.join(tasks)}", "date": LIVEBENCH_DATE}
    return out


def lmarena_benchmarks(text: dict[str, Any], vision: dict[str, Any], name: str | None,
                       vision_name: str | None) -> dict[str, Any]:
    out = {}
    if name:
        if name not in text["full"]:
            raise BuildError(f"LMArena text model {name!r} not found")
        for category, key in LMARENA_TEXT_KEYS.items():
            rating = (text.get(category) or {}).get(name)
            if rating is None:
                continue
            out[key] = {"value": round(rating["rating"], 1), "source": LMARENA_SOURCE,
                        "note": f"LMArena text, style control, category '{category}', model '{name}'; Elo rating",
                        "date": LMARENA_TEXT_DATE}
    if vision_name:
        rating = vision["full"].get(vision_name)
        if rating is None:
            raise BuildError(f"LMArena vision model {vision_name!r} not found")
        out["lmarena_vision"] = {"value": round(rating["rating"], 1), "source": LMARENA_SOURCE,
                                 "note": f"LMArena vision, category 'full', model '{vision_name}'; Elo rating",
                                 "date": LMARENA_VISION_DATE}
    return out


def simple_evals_benchmarks(row: dict[str, str], name: str) -> dict[str, Any]:
    out = {}
    for column, key in (("MMLU", "mmlu"), ("GPQA", "gpqa_diamond")):
        if row.get(column):
            out[key] = {"value": float(row[column]), "source": "simple-evals",
                        "note": f"simple-evals row '{name}', column {column}"}
    return out


def add_benchmark(benchmarks: dict[str, Any], key: str, new: dict[str, Any]) -> None:
    """Keep the first value of a key; a later different value goes to its others."""
    if key not in benchmarks:
        benchmarks[key] = new
        return
    alt = {k: v for k, v in new.items() if k != "others"}
    if alt["value"] != benchmarks[key]["value"]:
        benchmarks[key].setdefault("others", []).append(alt)


# ---------------------------------------------------------------- entry assembly

def sourced(value: Any, source: str, note: str | None = None, others: list | None = None,
            raw: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "source": source}
    if note:
        out["note"] = note
    if others:
        out["others"] = others
    if raw is not None:
        out["_raw"] = raw
    return out


def build_entry(provider: str, psel: dict[str, Any], msel: dict[str, Any], inp: dict[str, Any]) -> dict[str, Any]:
    if msel.get("litellm_only"):
        return build_litellm_entry(provider, psel, msel, inp)
    model_id = msel["id"]
    md_id = msel.get("models_dev", model_id)
    md_provider = inp["models_dev"].get(provider)
    if md_provider is None or md_id not in md_provider["models"]:
        raise BuildError(f"{provider}/{md_id} not in models.dev")
    md = md_provider["models"][md_id]
    ll_key = msel["litellm"] if "litellm" in msel else psel.get("litellm_prefix", "") + model_id
    ll = None
    if ll_key is not None:
        ll = inp["litellm"].get(ll_key)
        if ll is None:
            raise BuildError(f"{provider}/{model_id}: LiteLLM key {ll_key!r} not found")
    aa = None
    if msel.get("aa"):
        aa = inp["aa"].get(msel["aa"])
        if aa is None:
            raise BuildError(f"{provider}/{model_id}: AA slug {msel['aa']!r} not found")

    entry: dict[str, Any] = {"id": model_id, "name": md["name"], "creator": msel["creator"]}
    if md.get("family"):
        entry["family"] = md["family"]

    snapshots = msel.get("snapshots") or []
    for snap in snapshots:
        prefix = psel.get("litellm_prefix", "")
        if snap not in md_provider["models"] and prefix + snap not in inp["litellm"]:
            raise BuildError(f"{provider}/{model_id}: snapshot {snap!r} not named by models.dev or LiteLLM")
    if snapshots:
        entry["snapshots"] = list(snapshots)
    if msel.get("aliases"):
        entry["aliases"] = list(msel["aliases"])

    # release date
    if md.get("release_date"):
        value, note = parse_date(md["release_date"])
        release = sourced(value, "models.dev", note)
        if aa and aa.get("release_date"):
            aa_date = dt.date.fromisoformat(aa["release_date"])
            aa_alt = {"value": aa_date, "source": AA_SOURCE, "note": aa_row_name(aa)}
            if (msel.get("prefer") or {}).get("release_date") == "artificial-analysis":
                release = sourced(aa_date, AA_SOURCE, aa_row_name(aa),
                                  [{"value": value, "source": "models.dev", **({"note": note} if note else {})}])
            elif aa_date != value:
                release["others"] = [aa_alt]
        entry["release_date"] = release
    if md.get("knowledge"):
        value, note = parse_date(md["knowledge"])
        entry["knowledge_cutoff"] = sourced(value, "models.dev", note, raw=md["knowledge"] if note else None)

    # limits
    limit = md.get("limit") or {}
    if not limit.get("context") or not limit.get("output"):
        raise BuildError(f"{provider}/{model_id}: models.dev has no context/output limit")
    ctx_others, out_others = [], []
    ctx_note = None
    if limit.get("input"):
        ctx_note = f"models.dev limit.context; models.dev limit.input (max input tokens) is {limit['input']}"
    if ll and ll.get("max_input_tokens") and ll["max_input_tokens"] != limit["context"]:
        note = "LiteLLM max_input_tokens"
        if ll["max_input_tokens"] == limit.get("input"):
            note += (" (LiteLLM gives no total context window); not used: it is the input limit (models.dev "
                     "limit.input is the same), the context window (input + output) is limit.context")
        ctx_others.append({"value": ll["max_input_tokens"], "source": "litellm", "note": note})
    aa_ctx = ((aa or {}).get("capabilities") or {}).get("context_window_tokens")
    if aa_ctx and aa_ctx != limit["context"]:
        note = aa_row_name(aa) + "; capabilities.context_window_tokens"
        if aa_ctx == limit.get("input"):
            note += " (the input limit: models.dev limit.input is the same)"
        ctx_others.append({"value": int(aa_ctx), "source": AA_SOURCE, "date": AA_DATE, "note": note})
    if ll and ll.get("max_output_tokens") and ll["max_output_tokens"] != limit["output"]:
        out_others.append({"value": ll["max_output_tokens"], "source": "litellm", "note": "LiteLLM max_output_tokens"})
    entry["context_window"] = sourced(int(limit["context"]), "models.dev", ctx_note, ctx_others)
    entry["max_output_tokens"] = sourced(int(limit["output"]), "models.dev", None, out_others)

    # modalities
    mods = md.get("modalities") or {}
    md_in = sorted([m for m in mods.get("input", []) if m in MODALITIES], key=MODALITIES.index)
    md_out = sorted([m for m in mods.get("output", []) if m in MODALITIES], key=MODALITIES.index)
    modalities: dict[str, Any] = {"source": "models.dev"}
    aa_in = aa_input_modalities(aa)
    if aa_in is not None:
        agree = aa_in == [m for m in md_in if m != "pdf"]
        modalities["note"] = (f"models.dev modalities; {aa_row_name(aa)} capabilities.input_modality_* "
                              + ("agree" if agree else f"give input {aa_in}") + " (AA states no pdf)")
    modalities.update({"input": md_in, "output": md_out})
    if ll:
        llm, llnote = ll_only_modalities(ll)
        if llm["input"] != md_in or llm["output"] != md_out:
            alt_note = llnote + "; not used: modalities are models.dev's"
            if aa_in is not None:
                non_pdf = [m for m in llm["input"] if m != "pdf"]
                md_non_pdf = [m for m in md_in if m != "pdf"]
                if non_pdf != md_non_pdf and aa_in == md_non_pdf:
                    alt_note += f", and AA's input modalities {aa_in} agree with them, not with LiteLLM's"
            if ll.get("supported_modalities") is None and set(md_in) - set(llm["input"]):
                alt_note += "; LiteLLM gives no supported_modalities here, so a modality without a supports_* " \
                            "flag is unknown to it, not denied"
            keep = ((msel.get("keep") or {}).get("modalities") or {}).get("litellm")
            if keep:
                alt_note += "; " + keep.strip()
            modalities["others"] = [{"source": "litellm", "value": llm, "note": alt_note}]
    entry["modalities"] = modalities

    # features
    by_source = [("models.dev", sort_features(md_features(md)))] + ([("litellm", ll_features(ll))] if ll else [])
    entry["features"] = combine_features(by_source, ll, (msel.get("keep") or {}).get("features") or {})
    entry["reasoning"] = bool(md.get("reasoning"))
    entry["open_weights"] = bool(md.get("open_weights"))

    # lifecycle: every source's dated claim; the entry's own is a provider page's (a hand fact), else models.dev's
    md_claim = models_dev_claim(md)
    entry["lifecycle"] = assemble_lifecycle(md_claim, aggregator_claims(provider, model_id, ll, aa, inp), msel)

    # pricing
    entry["pricing"] = build_pricing(md_pricing(md.get("cost") or {}), ll_pricing(ll) if ll else None,
                                     msel.get("price_note"))
    return finish_entry(provider, msel, inp, aa, entry)


def finish_entry(provider: str, msel: dict[str, Any], inp: dict[str, Any], aa: dict[str, Any] | None,
                 entry: dict[str, Any]) -> dict[str, Any]:
    """Performance, reasoning-token default, benchmarks, hand facts and notes (common to both entry kinds)."""
    # performance (first-party only)
    if FIRST_PARTY.get(provider) == msel["creator"] and aa:
        speed_row = aa
        speed = aa.get("speed") or {}
        if speed.get("output_tokens_per_second") is None and msel.get("aa_speed"):
            speed_row = inp["aa"][msel["aa_speed"]]
            speed = speed_row.get("speed") or {}
        tps, ttft = speed.get("output_tokens_per_second"), speed.get("time_to_first_token_seconds")
        if tps or ttft is not None:
            perf: dict[str, Any] = {"source": AA_SOURCE, "note": aa_row_name(speed_row) + "; speed.output_tokens_per_second and speed.time_to_first_token_seconds (for reasoning models AA's TTFT includes thinking time)"}
            if tps:
                perf["output_tokens_per_s"] = round(tps, 1)
            if ttft is not None:
                perf["ttft_s"] = round(ttft, 2)
            entry["performance"] = perf

    if entry["reasoning"]:
        efforts = reasoning_efforts(provider, entry["id"], inp)
        if efforts:
            entry["reasoning_efforts"] = efforts

    # benchmarks
    benchmarks: dict[str, Any] = {}
    if msel.get("simple_evals"):
        row = inp["simple_evals"].get(msel["simple_evals"])
        if row is None:
            raise BuildError(f"simple-evals row {msel['simple_evals']!r} not found")
        for key, val in simple_evals_benchmarks(row, msel["simple_evals"]).items():
            add_benchmark(benchmarks, key, val)
    if aa:
        for key, val in aa_benchmarks(aa).items():
            add_benchmark(benchmarks, key, val)
    if msel.get("aider"):
        val = aider_benchmark(inp["aider"], msel["aider"])
        if val:
            add_benchmark(benchmarks, "aider_polyglot", val)
    if msel.get("livebench"):
        row = inp["livebench"].get(msel["livebench"])
        if row is None:
            raise BuildError(f"LiveBench row {msel['livebench']!r} not found")
        for key, val in livebench_benchmarks(row, inp["livebench_categories"], msel["livebench"]).items():
            add_benchmark(benchmarks, key, val)
    for key, val in lmarena_benchmarks(inp["lmarena"], inp["lmarena_vision"], msel.get("lmarena"),
                                       msel.get("lmarena_vision")).items():
        add_benchmark(benchmarks, key, val)
    if benchmarks:
        entry["benchmarks"] = benchmarks

    if psel_tiers_inclusive(provider, inp):
        inclusive_tiers(entry, psel_tiers_inclusive(provider, inp))
    if msel.get("facts"):
        apply_facts(entry, msel["facts"])
    genai_others(provider, msel, entry, inp)
    if msel.get("note"):
        entry["notes"] = msel["note"].strip()
    return entry


def psel_tiers_inclusive(provider: str, inp: dict[str, Any]) -> str | None:
    """The provider's `tiers_inclusive` reason: its long-context prices start AT the threshold (>= N tokens)."""
    return (inp["selection"]["providers"].get(provider) or {}).get("tiers_inclusive")


def inclusive_tiers(entry: dict[str, Any], reason: str) -> None:
    """LiteLLM's `*_above_<N>k_tokens` prices apply when input > N; where the provider bills input >= N at the
    higher rate, the tier is `above_input_tokens: N - 1`. LiteLLM's reading is kept under `others`."""
    pricing = entry["pricing"]
    if pricing["source"] != "litellm" or not pricing.get("tiers"):
        return
    original = {k: copy.deepcopy(pricing[k]) for k in ("input", "cached_input", "cache_write", "output", "reasoning",
                                                       "batch", "flex", "priority", "tiers") if k in pricing}
    for tier in pricing["tiers"]:
        tier["above_input_tokens"] = int(tier["above_input_tokens"]) - 1
    pricing["note"] = _join(pricing.get("note"), "long-context thresholds: " + reason.strip())
    pricing.setdefault("others", []).insert(0, {
        "source": "litellm", "value": original,
        "note": "LiteLLM's *_above_<N>k_tokens prices as LiteLLM applies them (input > N: "
                + ", ".join(str(t["above_input_tokens"]) for t in original["tiers"])
                + "); the provider bills a request of exactly N input tokens at the higher rate"})
    entry["pricing"] = order_pricing(pricing, pricing["note"])


def _schedule_on(pricing: dict[str, Any], day: dt.date) -> dict[str, Any] | None:
    """A pricing mapping's list in force on `day` (the latest effective_from on or before it; an undated
    list is in force every day); None when every list starts later."""
    lists = [pricing, *(pricing.get("history") or [])]
    if any(h.get("effective_from") is None for h in lists):
        return pricing
    current = sorted((h for h in lists if h["effective_from"] <= day), key=lambda h: h["effective_from"])
    return current[-1] if current else None


def _flat_prices(schedule: dict[str, Any]) -> dict[str, Any]:
    from modelpick.upkeep.audit import flatten  # the audit's own reading of a price list

    return {k: v for k, v in flatten({"pricing": _num(schedule)}, (), False).items() if k.startswith("pricing.")}


def _ctx_reason(theirs: int, ours: dict[str, Any], provider: str, msel: dict[str, Any],
                inp: dict[str, Any]) -> str | None:
    """Why genai-prices' context_window is not used, where the numbers show it."""
    psel = inp["selection"]["providers"][provider]
    ll_key = msel["litellm"] if "litellm" in msel else psel.get("litellm_prefix", "") + msel["id"]
    ll = inp["litellm"].get(ll_key) or {} if ll_key else {}
    max_in, max_out = ll.get("max_input_tokens"), ll.get("max_output_tokens")
    if max_in and max_out and theirs == max_in + max_out and ours["value"] == max_in:
        return (f"it is LiteLLM's max_input_tokens + max_output_tokens ({max_in:,} + {max_out:,}), the whole window; "
                f"ours is LiteLLM's max_input_tokens, the input limit (LiteLLM-only entries)")
    if theirs == 1_000_000 and ours["value"] in (1_048_576, 1_047_576, 1_050_000):
        return f"1,000,000 is the rounded '1M'; ours ({ours['value']:,}, {ours['source']}) is the exact figure"
    return None


def genai_others(provider: str, msel: dict[str, Any], entry: dict[str, Any], inp: dict[str, Any]) -> None:
    """genai-prices' differing price list (the one in force on GENAI_PRICES_AS_OF, read through the importer's
    mapping, foreign/genai_prices.py) and context_window, kept under `others` with the selection's `keep` reason."""
    genai = genai_model(provider, entry["id"], inp)
    if not genai:
        return
    keep = msel.get("keep") or {}
    label = f"genai-prices 0.2.3 model '{genai['id']}'"
    ctx = genai.get("context_window")
    if ctx and "context_window" in entry and int(ctx) != entry["context_window"]["value"]:
        note = f"{label} context_window (genai-prices documents it as the maximum input tokens)"
        reason = (keep.get("context_window") or {}).get(GENAI_PRICES_SOURCE) or _ctx_reason(
            int(ctx), entry["context_window"], provider, msel, inp)
        entry["context_window"].setdefault("others", []).append(
            {"source": GENAI_PRICES_SOURCE, "value": int(ctx), "note": _join(note, reason and reason.strip())})
    dropped: list[str] = []
    theirs = genai_format.pricing(genai, GENAI_PRICES_SOURCE, "", dropped)
    if theirs is None:
        return
    theirs_now = _schedule_on(theirs, GENAI_PRICES_AS_OF)
    ours_now = _schedule_on(entry["pricing"], GENAI_PRICES_AS_OF)
    if theirs_now is None or ours_now is None:
        return
    a, b = _flat_prices(ours_now), _flat_prices(theirs_now)
    if all(a[k] == b[k] for k in set(a) & set(b)):
        return
    value = {k: theirs_now[k] for k in ("input", "cached_input", "cache_write", "output", "reasoning", "batch",
                                          "flex", "priority", "tiers") if k in theirs_now}
    note = f"{label}, the price list in force on {GENAI_PRICES_AS_OF} (read as `modelpick registry import` reads it)"
    reason = (keep.get("pricing") or {}).get(GENAI_PRICES_SOURCE)
    alt: dict[str, Any] = {"source": GENAI_PRICES_SOURCE, "value": value}
    if theirs_now.get("effective_from"):
        alt["date"] = theirs_now["effective_from"]
    alt["note"] = _join(note, reason and reason.strip())
    entry["pricing"].setdefault("others", []).append(alt)


# ---------------------------------------------------------------- reasoning efforts

# Artificial Analysis' eval_token_counts keys -> modelpick benchmark keys (the evaluations a task can name).
AA_EVAL_KEYS = {"ifbench": "ifbench", "gpqa": "gpqa_diamond", "hle": "hle", "tau2": "tau2_bench",
                "terminalbenchHard": "terminal_bench_hard", "scicode": "scicode", "lcr": "aa_lcr",
                "mmmuPro": "mmmu_pro"}


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


def reasoning_efforts(provider: str, model_id: str, inp: dict[str, Any]) -> dict[str, Any] | None:
    """Supported efforts, API default and per-effort measurements, from scripts/reasoning_efforts.yaml."""
    sel = inp["efforts"].get(f"{provider}/{model_id}") or inp["efforts"].get(f"*/{model_id}")
    if sel is None:
        return None
    out: dict[str, Any] = {}
    if sel.get("supported") or sel.get("default"):
        if not sel.get("source"):
            raise BuildError(f"reasoning_efforts: {provider}/{model_id} states efforts without a source")
        out["source"] = sel["source"]
        if sel.get("note"):
            out["note"] = sel["note"]
        if sel.get("supported"):
            out["supported"] = sel["supported"]
        if sel.get("default"):
            out["default"] = sel["default"]
    measured = {}
    for effort, slug in (sel.get("aa") or {}).items():
        row = inp["aa"].get(slug)
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


EFFORT_ORDER = ["none", "minimal", "low", "medium", "high", "xhigh"]


# ---------------------------------------------------------------- LiteLLM-only entries

LITELLM_ONLY_NOTE = ("not in the models.dev snapshot (2026-07-02); every spec value is from LiteLLM "
                     f"({LITELLM_VERSION}, {LITELLM_DATE})")


def ll_only_modalities(ll: dict[str, Any]) -> tuple[dict[str, list[str]], str]:
    """LiteLLM's modalities as the importer reads them (foreign/litellm.py): supported_modalities, else text,
    plus every supports_* input flag."""
    mods = litellm_format.modalities(ll, "litellm")
    return {"input": mods["input"], "output": mods["output"]}, mods["note"]


def build_litellm_entry(provider: str, psel: dict[str, Any], msel: dict[str, Any],
                        inp: dict[str, Any]) -> dict[str, Any]:
    """An entry for a model the models.dev snapshot does not have: specs, prices, features from LiteLLM;
    release date, benchmarks, speed and reasoning-token default from the AA row named in the selection."""
    model_id = msel["id"]
    prefix = psel.get("litellm_prefix", "")
    ll_key = msel.get("litellm") or prefix + model_id
    ll = inp["litellm"].get(ll_key)
    if ll is None:
        raise BuildError(f"{provider}/{model_id}: LiteLLM key {ll_key!r} not found")
    if ll.get("mode") not in ("chat", "responses"):
        raise BuildError(f"{provider}/{model_id}: LiteLLM mode {ll.get('mode')!r} is not chat/responses")
    md_provider = inp["models_dev"].get(provider) or {"models": {}}
    if model_id in md_provider["models"]:
        raise BuildError(f"{provider}/{model_id}: models.dev has this model; drop litellm_only")
    for field in ("max_input_tokens", "max_output_tokens", "input_cost_per_token", "output_cost_per_token"):
        if ll.get(field) is None:
            raise BuildError(f"{provider}/{model_id}: LiteLLM {ll_key!r} has no {field}")
    if not msel.get("name"):
        raise BuildError(f"{provider}/{model_id}: a LiteLLM-only entry needs `name` in the selection")
    aa = None
    if msel.get("aa"):
        aa = inp["aa"].get(msel["aa"])
        if aa is None:
            raise BuildError(f"{provider}/{model_id}: AA slug {msel['aa']!r} not found")

    entry: dict[str, Any] = {"id": model_id, "name": msel["name"], "creator": msel["creator"]}
    if msel.get("family"):
        entry["family"] = msel["family"]
    snapshots = msel.get("snapshots") or []
    for snap in snapshots:
        if prefix + snap not in inp["litellm"]:
            raise BuildError(f"{provider}/{model_id}: snapshot {snap!r} not named by LiteLLM")
    if snapshots:
        entry["snapshots"] = list(snapshots)
    if msel.get("aliases"):
        entry["aliases"] = list(msel["aliases"])

    if aa and aa.get("release_date"):
        entry["release_date"] = sourced(dt.date.fromisoformat(aa["release_date"]), AA_SOURCE,
                                        aa_row_name(aa) + "; LiteLLM gives no release date")

    aa_ctx = ((aa or {}).get("capabilities") or {}).get("context_window_tokens")
    ctx_others = []
    if aa_ctx and aa_ctx != ll["max_input_tokens"]:
        ctx_others.append({"value": int(aa_ctx), "source": AA_SOURCE, "date": AA_DATE,
                           "note": aa_row_name(aa) + "; capabilities.context_window_tokens"})
    entry["context_window"] = sourced(
        int(ll["max_input_tokens"]), "litellm",
        "LiteLLM max_input_tokens (LiteLLM gives no total context window, so the input limit is used)",
        ctx_others)
    entry["max_output_tokens"] = sourced(int(ll["max_output_tokens"]), "litellm", "LiteLLM max_output_tokens")

    mods, mnote = ll_only_modalities(ll)
    entry["modalities"] = {"source": "litellm", "note": mnote, **mods}

    feats = ll_features(ll)
    entry["features"] = {"source": "litellm", "note": LL_FEATURE_FLAGS, "values": feats,
                         "_by_source": [("litellm", feats)]}
    entry["reasoning"] = bool(ll.get("supports_reasoning"))
    entry["open_weights"] = bool(msel.get("open_weights", False))

    claims = aggregator_claims(provider, model_id, ll, aa, inp)
    own = claims.pop(0) if claims and claims[0]["source"] == "litellm" else {
        "source": "litellm", "rank": "aggregator", "status": None, "said_on": LITELLM_DATE,
        "note": f"LiteLLM lists the model (mode: {ll['mode']}) without a deprecation_date"}
    entry["lifecycle"] = assemble_lifecycle(own, claims, msel)

    price = ll_pricing(ll)
    if price is None:
        raise BuildError(f"{provider}/{model_id}: no usable LiteLLM price")
    pricing: dict[str, Any] = {"source": "litellm", **price}
    aa_price = (aa or {}).get("pricing") or {}
    if aa_price.get("price_1m_input_tokens") is not None and aa_price.get("price_1m_output_tokens") is not None:
        aa_val = {"input": dec(aa_price["price_1m_input_tokens"]),
                  "output": dec(aa_price["price_1m_output_tokens"])}
        if (aa_val["input"], aa_val["output"]) != (price["input"], price["output"]):
            pricing["others"] = [{"source": AA_SOURCE, "value": aa_val, "date": AA_DATE,
                                  "note": aa_row_name(aa) + "; pricing.price_1m_input_tokens / "
                                          "price_1m_output_tokens (AA snapshot predates LiteLLM's)"}]
    notes = ["models.dev (snapshot 2026-07-02) has no entry for this model"]
    if msel.get("price_note"):
        notes.append(msel["price_note"].strip())
    entry["pricing"] = order_pricing(pricing, "; ".join(notes))

    entry = finish_entry(provider, msel, inp, aa, entry)
    head = LITELLM_ONLY_NOTE[0].upper() + LITELLM_ONLY_NOTE[1:] + "."
    entry["notes"] = f"{head} {entry['notes']}" if entry.get("notes") else head
    return entry


# ---------------------------------------------------------------- lifecycle claims

MODELS_DEV_STATUS = {None: None, "beta": "preview", "alpha": "preview", "deprecated": "deprecated"}


def models_dev_claim(md: dict[str, Any]) -> dict[str, Any]:
    """models.dev's `status` (absent: listed without a status, a claim of status null), said on its snapshot day."""
    status = md.get("status")
    if status not in MODELS_DEV_STATUS:
        raise BuildError(f"unknown models.dev status {status!r}")
    return {"source": "models.dev", "rank": "aggregator", "status": MODELS_DEV_STATUS[status],
            "said_on": MODELS_DEV_DATE,
            "note": f"models.dev lists the model with status '{status}'" if status
            else "models.dev lists the model without a status flag"}


def genai_match(clause: Any, name: str) -> bool:
    """genai-prices' model `match` clause (equals, starts_with, ends_with, contains, regex, or_, and_)."""
    if not isinstance(clause, dict):
        return False
    tests = {"equals": lambda v: name == v, "starts_with": lambda v: name.startswith(v),
             "ends_with": lambda v: name.endswith(v), "contains": lambda v: v in name,
             "regex": lambda v: re.search(v, name) is not None,
             "or_": lambda v: any(genai_match(c, name) for c in v),
             "and_": lambda v: all(genai_match(c, name) for c in v)}
    return all(tests[key](value) for key, value in clause.items() if key in tests)


def genai_model(provider: str, model_id: str, inp: dict[str, Any]) -> dict[str, Any] | None:
    """The genai-prices model for our id: one of that id, else the first whose match clause takes it."""
    models = inp["genai_prices"].get(GENAI_PROVIDERS.get(provider, ""), [])
    return next((m for m in models if m["id"] == model_id), None) or next(
        (m for m in models if genai_match(m.get("match"), model_id)), None)


def aggregator_claims(provider: str, model_id: str, ll: dict[str, Any] | None, aa: dict[str, Any] | None,
                      inp: dict[str, Any]) -> list[dict[str, Any]]:
    """The lifecycle word of LiteLLM, Artificial Analysis and genai-prices, each dated by its snapshot."""
    claims = []
    ll_claim = litellm_format.lifecycle(ll, "litellm") if ll else None
    if ll_claim:
        claims.append({**ll_claim, "said_on": LITELLM_DATE})
    if aa and aa.get("deprecated"):
        claims.append({"source": AA_SOURCE, "rank": "aggregator", "status": "deprecated", "said_on": AA_DATE,
                       "note": f"AA marks the model deprecated on its leaderboard ({aa_row_name(aa)}); no date"})
    genai = genai_model(provider, model_id, inp)
    if genai and genai.get("deprecated"):
        claims.append({"source": GENAI_PRICES_SOURCE, "rank": "aggregator", "status": "deprecated",
                       "said_on": GENAI_PRICES_DATE,
                       "note": f"genai-prices 0.2.3 model '{genai['id']}' has deprecated: true (no date); said_on is "
                               "the 1st of its release month (2026-11)"})
    return claims


LIFECYCLE_KEYS = ("source", "rank", "said_on", "note", "status", "deprecated_on", "shutdown_on", "replacement")
CLAIM_KEYS = ("source", "rank", "status", "deprecated_on", "shutdown_on", "said_on", "note")


def assemble_lifecycle(own: dict[str, Any], claims: list[dict[str, Any]], msel: dict[str, Any]) -> dict[str, Any]:
    """The entry's own lifecycle claim (a provider page given as a hand fact, rank provider; else `own`, the
    aggregator's), and every other source's claim under `claims`."""
    fact = (msel.get("facts") or {}).get("lifecycle")
    if fact:
        for key in fact:
            if key not in LIFECYCLE_KEYS:
                raise BuildError(f"lifecycle fact: unknown key {key!r}")
        claims = [own, *claims]
        own = {"rank": "provider", **fact}
    lifecycle = {k: own[k] for k in LIFECYCLE_KEYS if own.get(k) is not None}
    lifecycle["status"] = own.get("status") or "active"  # a claim of no status: the source lists it as available
    ordered = {k: lifecycle[k] for k in LIFECYCLE_KEYS if k in lifecycle}
    if claims:
        ordered["claims"] = [{k: c[k] for k in CLAIM_KEYS if k in c and (c[k] is not None or k == "status")}
                             for c in claims]
    return ordered


# ---------------------------------------------------------------- hand facts

def _alt_from(gen: dict[str, Any], value_keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    alt: dict[str, Any] = {"source": gen["source"]}
    if value_keys is None:
        alt["value"] = gen.get("_raw", gen["value"])
    else:
        alt["value"] = {k: gen[k] for k in value_keys if k in gen}
    for key in ("version", "date", "note"):
        if gen.get(key) is not None:
            alt[key] = gen[key]
    return alt


def apply_facts(entry: dict[str, Any], facts: dict[str, Any]) -> None:
    for field in ("release_date", "knowledge_cutoff", "context_window", "max_output_tokens"):
        if field not in facts:
            continue
        fact = dict(facts[field])
        gen = entry.get(field)
        others = list(fact.pop("others", []))
        if gen:
            if gen.get("_raw", gen["value"]) != fact["value"] or "_raw" in gen:
                others.append(_alt_from(gen))
            else:
                fact["note"] = _join(fact.get("note"), f"{gen['source']} gives the same value")
            others.extend(gen.get("others", []))
        entry[field] = {**fact, **({"others": others} if others else {})}

    if "modalities" in facts:
        fact = dict(facts["modalities"])
        gen = entry["modalities"]
        others = list(fact.pop("others", []))
        if (gen["input"], gen["output"]) != (fact["input"], fact["output"]):
            others.append({"source": gen["source"], "value": {"input": gen["input"], "output": gen["output"]}})
        else:
            fact["note"] = _join(fact.get("note"), f"{gen['source']} gives the same modalities")
        for alt in gen.get("others", []):
            others.append({**alt, "note": alt["note"].replace(
                f"modalities are {gen['source']}'s", f"modalities are {fact['source']}'s")} if alt.get("note") else alt)
        entry["modalities"] = {"source": fact["source"], **({"note": fact["note"]} if fact.get("note") else {}),
                               "input": fact["input"], "output": fact["output"],
                               **({"others": others} if others else {})}

    if "features" in facts:
        fact = dict(facts["features"])
        gen = entry["features"]
        others = list(fact.pop("others", []))
        for source, values in gen["_by_source"]:
            if values != sort_features(fact["values"]):
                others.append({"source": source, "value": values})
        entry["features"] = {"source": fact["source"], **({"note": fact["note"]} if fact.get("note") else {}),
                             "values": sort_features(fact["values"]), **({"others": others} if others else {})}

    if "pricing" in facts:
        fact = copy.deepcopy(facts["pricing"])
        gen = entry["pricing"]
        others = list(fact.pop("others", []))
        gen_cmp = {k: gen[k] for k in ("input", "output", "cached_input", "cache_write", "batch") if k in gen}
        fact_cmp = {k: fact[k] for k in ("input", "output", "cached_input", "cache_write", "batch") if k in fact}
        if _num(gen_cmp) != _num(fact_cmp):
            others.append({"source": gen["source"], "value": gen_cmp})
            note = None
        else:
            note = f"{gen['source']} gives the same prices ({gen.get('note', '')})".replace(" ()", "")
        others.extend(gen.get("others", []))
        if others:
            fact["others"] = others
        entry["pricing"] = order_pricing(fact, _join(fact.get("note"), note))

    if "performance" in facts:
        fact = dict(facts["performance"])
        gen = entry.get("performance")
        others = list(fact.pop("others", []))
        if gen:
            alt = _alt_from(gen, ("output_tokens_per_s", "ttft_s"))
            if gen["source"] == AA_SOURCE:
                alt["date"] = AA_DATE
            others.append(alt)
        perf = {"source": fact["source"]}
        if fact.get("note"):
            perf["note"] = fact["note"]
        for key in ("output_tokens_per_s", "ttft_s"):
            if key in fact:
                perf[key] = fact[key]
        if others:
            perf["others"] = others
        entry["performance"] = perf

    for key, fact in (facts.get("benchmarks") or {}).items():
        fact = dict(fact)
        gen = entry.setdefault("benchmarks", {}).get(key)
        others = list(fact.pop("others", []))
        if gen:
            if gen["value"] != fact["value"]:
                others.append(_alt_from(gen))
            others.extend(gen.get("others", []))
        bench = {k: fact[k] for k in ("value", "source", "note", "version", "date") if fact.get(k) is not None}
        if others:
            bench["others"] = others
        entry["benchmarks"][key] = bench


def _num(value: Any) -> Any:
    """Prices compared as exact Decimals (a hand fact's 0.10 equals a source's 0.1)."""
    if isinstance(value, dict):
        return {k: _num(v) for k, v in value.items()}
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return dec(value)
    return value


def _join(*parts: str | None) -> str | None:
    kept = [p for p in parts if p]
    return "; ".join(kept) if kept else None


# ---------------------------------------------------------------- output

def strip_private(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: strip_private(v) for k, v in value.items() if not k.startswith("_")}
        return FlowDict(kept) if isinstance(value, FlowDict) else kept
    if isinstance(value, list):
        return [strip_private(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        raise BuildError("non-finite number")
    return value


def cited_sources(value: Any, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        if isinstance(value.get("source"), str):
            found.add(value["source"])
        for v in value.values():
            cited_sources(v, found)
    elif isinstance(value, list):
        for v in value:
            cited_sources(v, found)
    return found


class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # no &id001 anchors: every value is written out
        return True


def _repr_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(x, (str, int, float)) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


class FlowDict(dict):
    """A small mapping written on one line."""


def _repr_flow_dict(dumper: yaml.SafeDumper, data: FlowDict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _repr_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


def _repr_decimal(dumper: yaml.SafeDumper, data: Decimal) -> yaml.Node:
    """An exact price as a plain YAML number: 15, 0.075, 0.0000001 (never 1E-7, which YAML reads as text)."""
    if data == data.to_integral_value():
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(data)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(data, "f"))


Dumper.add_representer(Decimal, _repr_decimal)
Dumper.add_representer(list, _repr_list)
Dumper.add_representer(str, _repr_str)
Dumper.add_representer(FlowDict, _repr_flow_dict)


def render(provider: str, psel: dict[str, Any], entries: list[dict[str, Any]], sources: dict[str, Any],
           inputs: list[str]) -> str:
    entries = sorted(entries, key=lambda e: e["id"])
    used = cited_sources(entries, set())
    unknown = used - set(sources)
    if unknown:
        raise BuildError(f"{provider}: cited sources not defined in the selection: {sorted(unknown)}")
    doc = {
        "provider": provider,
        "name": psel["name"],
        **({"url": psel["url"]} if psel.get("url") else {}),
        "sources": {name: sources[name] for name in sorted(used)},
        "models": entries,
    }
    header = [
        f"# {provider} — generated by scripts/build_registry.py; edit scripts/registry_selection.yaml, not this file.",
        # Editors with a YAML language server check and complete the file against the committed schema.
        "# yaml-language-server: $schema=../../schemas/registry.schema.json",
        "# Inputs (dated snapshots): " + ", ".join(inputs) + ".",
        "# Prices are USD per 1M tokens. Every value cites a key of `sources:`; disagreeing values are under `others`.",
    ]
    body = yaml.dump(strip_private(doc), Dumper=Dumper, sort_keys=False, allow_unicode=True, width=110)
    return "\n".join(header) + "\n" + body


def validate(path: Path) -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    if not (src / "modelpick" / "registry" / "schema.py").exists():
        return
    sys.path.insert(0, str(src))
    try:
        from modelpick.registry.schema import ProviderFile  # type: ignore
    finally:
        sys.path.pop(0)
    with open(path) as f:
        ProviderFile.model_validate(yaml.safe_load(f))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models-dev", required=True, help="models-dev-resolved.json")
    ap.add_argument("--litellm", required=True, help="LiteLLM model_prices_and_context_window JSON")
    ap.add_argument("--artificial-analysis", required=True, help="artificial-analysis-leaderboards-llms.json")
    ap.add_argument("--aider", required=True, help="aider polyglot_leaderboard.yml")
    ap.add_argument("--livebench-table", required=True, help="LiveBench table_2026_01_08.csv")
    ap.add_argument("--livebench-categories", required=True, help="LiveBench categories_2026_01_08.json")
    ap.add_argument("--lmarena", required=True, help="arena-catalog leaderboard-text-style-control.json")
    ap.add_argument("--lmarena-vision", required=True, help="arena-catalog leaderboard-vision.json")
    ap.add_argument("--simple-evals", required=True, help="simple-evals README benchmark results CSV")
    ap.add_argument("--genai-prices", required=True, help="genai-prices.json (genai-prices 0.2.3 providers as JSON)")
    ap.add_argument("--selection", required=True, action="append",
                    help="scripts/registry_selection.yaml (repeatable: later files add providers and models)")
    ap.add_argument("--efforts", required=True, help="scripts/reasoning_efforts.yaml")
    ap.add_argument("-o", "--output", required=True, help="output directory (data/models)")
    ap.add_argument("--no-validate", action="store_true", help="skip schema validation of the written files")
    args = ap.parse_args(argv)

    inp = load_inputs(args)
    selection = inp["selection"]
    sources = selection["sources"]
    inputs = [Path(p).name for p in (args.models_dev, args.litellm, args.artificial_analysis, args.aider,
                                     args.livebench_table, args.livebench_categories, args.lmarena,
                                     args.lmarena_vision, args.simple_evals, args.genai_prices)]
    out_dir = Path(args.output)
    out_dir.mkdir(parents=True, exist_ok=True)
    errors = []
    written = []
    for provider, psel in sorted(selection["providers"].items()):
        entries = []
        for msel in psel["models"]:
            try:
                entries.append(build_entry(provider, psel, msel, inp))
            except BuildError as exc:
                errors.append(f"{provider}/{msel.get('id')}: {exc}")
        if errors:
            continue
        path = out_dir / f"{provider}.yaml"
        path.write_text(render(provider, psel, entries, sources, inputs))
        written.append(path)
    if errors:
        for err in errors:
            print(f"error: {err}", file=sys.stderr)
        return 1
    if not args.no_validate:
        for path in written:
            validate(path)
    total = sum(len(yaml.safe_load(p.read_text())["models"]) for p in written)
    print(f"wrote {len(written)} files, {total} entries to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
