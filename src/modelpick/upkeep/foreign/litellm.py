"""LiteLLM's model_prices_and_context_window.json: {key: {litellm_provider, mode, *_cost_per_token, ...}}.

Prices are USD per token (x 1e6 here). There is no display name, creator, release date, knowledge cutoff
or open-weights flag; the context window is LiteLLM's max_input_tokens (it gives no total window).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from modelpick.errors import InputError
from modelpick.upkeep.foreign import (
    Format,
    Item,
    cited,
    creator_of,
    features_of,
    join_notes,
    modalities_of,
    parse_date,
    per_million,
    skip_malformed,
)

CHAT_MODES = ("chat", "completion", "responses")
# LiteLLM provider -> the provider id modelpick's bundled data uses (models.dev's ids). Others keep
# LiteLLM's name with "_" made "-".
PROVIDERS = {
    "gemini": "google", "vertex_ai-language-models": "google-vertex", "vertex_ai": "google-vertex",
    "vertex_ai-anthropic_models": "google-vertex-anthropic", "together_ai": "togetherai",
    "bedrock": "amazon-bedrock", "bedrock_converse": "amazon-bedrock", "bedrock_mantle": "amazon-bedrock",
    "dashscope": "alibaba", "fireworks_ai": "fireworks-ai", "novita": "novita-ai",
    "text-completion-openai": "openai", "chatgpt": "openai-chatgpt", "codestral": "mistral",
    "text-completion-codestral": "mistral", "cohere_chat": "cohere", "moonshot": "moonshotai",
    "github_copilot": "github-copilot", "vercel_ai_gateway": "vercel", "friendliai": "friendli",
    "snowflake": "snowflake-cortex", "cloudflare": "cloudflare-workers-ai", "meta_llama": "llama",
    "gmi": "gmicloud", "xiaomi_mimo": "xiaomi", "azure_text": "azure", "text-completion-inception": "inception",
}
NAMES = {"google": "Google", "openai": "OpenAI", "anthropic": "Anthropic", "amazon-bedrock": "Amazon Bedrock",
         "togetherai": "Together AI", "alibaba": "Alibaba", "xai": "xAI", "mistral": "Mistral",
         "deepseek": "DeepSeek", "groq": "Groq", "deepinfra": "DeepInfra", "azure": "Azure"}
# Key prefixes that name the provider (stripped to get the provider's own model id).
PREFIXES = ("vertex_ai", "bedrock", "azure", "amazon-nova")
# A first id segment that selects a region, data zone or commitment term: a price variant of a model,
# not a model of its own.
REGIONAL = re.compile(r"^(\*|us|eu|apac|jp|au|global|[a-z]{2}(-gov)?-[a-z]+-\d+|\d+-month-commitment)$")
REGIONAL_PROVIDERS = ("bedrock", "bedrock_converse", "bedrock_mantle", "azure", "azure_ai")
FEATURES_COVERED = ("streaming", "tool_calling", "structured_outputs", "batch", "prompt_caching", "reasoning")
INPUT_FLAGS = (("supports_vision", "image"), ("supports_audio_input", "audio"),
               ("supports_video_input", "video"), ("supports_pdf_input", "pdf"))


def provider_id(litellm_provider: str) -> str:
    if litellm_provider.startswith("vertex_ai") and litellm_provider not in PROVIDERS:
        return "google-vertex"  # vertex_ai-mistral_models, vertex_ai-llama_models, ...: all Vertex AI
    return PROVIDERS.get(litellm_provider, litellm_provider.lower().replace("_", "-"))


def model_id(key: str, litellm_provider: str) -> str:
    for prefix in (litellm_provider, *PREFIXES):
        if key.startswith(prefix + "/"):
            return key[len(prefix) + 1:]
    return key


def _price_set(spec: dict[str, Any], tail: str = "") -> dict[str, Decimal] | None:
    inp, out = per_million(spec.get(f"input_cost_per_token{tail}")), per_million(spec.get(f"output_cost_per_token{tail}"))
    if inp is None or out is None:
        return None
    price = {"input": inp, "output": out}
    # A zero cache price is how LiteLLM says "none listed" as often as "free"; it is left out.
    cached = per_million(spec.get(f"cache_read_input_token_cost{tail}"))
    if cached:
        price["cached_input"] = cached
    write = per_million(spec.get(f"cache_creation_input_token_cost{tail}"))
    if write:
        price["cache_write"] = write
    return price


# LiteLLM key suffix -> the price list's variant: the batch API, and the flex and priority service tiers.
VARIANTS = (("_batches", "batch"), ("_flex", "flex"), ("_priority", "priority"))


def _variants(spec: dict[str, Any], tail: str = "") -> dict[str, Any]:
    """The batch, flex and priority prices of the standard list (tail "") or of a long-context tier."""
    found = {}
    for suffix, name in VARIANTS:
        prices = _price_set(spec, tail + suffix)
        if prices:
            found[name] = prices
    return found


def lifecycle(spec: dict[str, Any], source: str) -> dict[str, Any] | None:
    """LiteLLM's `deprecation_date`, as a claim. In LiteLLM that field usually holds the day the provider
    shuts the model down (e.g. gpt-4.1-nano's 2026-10-23 is OpenAI's shutdown date), not the day it was
    deprecated, so it is read as `shutdown_on`. LiteLLM states no status."""
    day = parse_date(spec.get("deprecation_date"))
    if day is None:
        return None
    return {"source": source, "rank": "aggregator",
            "note": "LiteLLM deprecation_date, read as the shutdown date (the date LiteLLM records there is "
                    "usually the provider's shutdown date)", "shutdown_on": day[0]}


def pricing(spec: dict[str, Any], source: str) -> dict[str, Any] | None:
    """Base, reasoning, batch, flex and priority prices, and long-context tiers (each with its own batch, flex and
    priority prices); None when input or output price is missing."""
    price = _price_set(spec)
    tiers: list[dict[str, Any]] = []
    if price is None and spec.get("tiered_pricing"):
        # Some providers list ranges instead: [{range: [0, 32000], input_cost_per_token, ...}, ...]
        ranges = sorted(spec["tiered_pricing"], key=lambda r: r["range"][0])
        if ranges[0]["range"][0] == 0:
            price = _price_set(ranges[0])
            for item in ranges[1:]:
                tier = _price_set(item)
                if tier and int(item["range"][0]) > 0:
                    tiers.append({"above_input_tokens": int(item["range"][0]), **tier})
    if price is None:
        return None
    out: dict[str, Any] = {"source": source, **price}
    reasoning = per_million(spec.get("output_cost_per_reasoning_token"))
    if reasoning is not None:
        out["reasoning"] = reasoning
    out.update(_variants(spec))
    for key in sorted(spec):
        match = re.fullmatch(r"input_cost_per_token_above_(\d+)k_tokens", key)
        if not match:
            continue
        tail = f"_above_{match.group(1)}k_tokens"
        tier = _price_set(spec, tail)
        if tier is None:
            continue
        tiers.append({"above_input_tokens": int(match.group(1)) * 1000, **tier, **_variants(spec, tail)})
    if tiers:
        out["tiers"] = sorted(tiers, key=lambda t: t["above_input_tokens"])
    return out


def modalities(spec: dict[str, Any], source: str) -> dict[str, Any]:
    if spec.get("supported_modalities"):
        inp = list(spec["supported_modalities"])
        note = "LiteLLM supported_modalities"
    else:
        inp = ["text"]
        note = "LiteLLM gives no supported_modalities; text plus the supports_* input flags"
    inp += [modality for flag, modality in INPUT_FLAGS if spec.get(flag)]
    out = spec.get("supported_output_modalities") or ["text"]
    return {"source": source, "note": note, "input": modalities_of(inp), "output": modalities_of(out)}


def features(spec: dict[str, Any]) -> list[str]:
    found = []
    for flag, feature in (("supports_function_calling", "tool_calling"),
                          ("supports_response_schema", "structured_outputs"),
                          ("supports_prompt_caching", "prompt_caching"),
                          ("supports_native_streaming", "streaming"), ("supports_reasoning", "reasoning")):
        if spec.get(flag):
            found.append(feature)
    if spec.get("input_cost_per_token_batches") is not None and spec.get("output_cost_per_token_batches") is not None:
        found.append("batch")
    return features_of(found)


@skip_malformed
def convert(key: str, spec: Any, source: str) -> Item:
    if not isinstance(spec, dict):
        return Item("", "", reason="not an object")
    raw_provider = spec.get("litellm_provider")
    if not isinstance(raw_provider, str) or not raw_provider:
        return Item("", "", reason="no litellm_provider")
    provider = provider_id(raw_provider)
    item = Item(provider, NAMES.get(provider, raw_provider))
    mode = spec.get("mode")
    if mode not in CHAT_MODES:
        item.reason = f"mode {mode}" if mode else "no mode"
        return item
    mid = model_id(key, raw_provider)
    if key.startswith("ft:"):
        item.reason = "fine-tuned model price template (ft:)"
        return item
    if raw_provider in REGIONAL_PROVIDERS and "/" in mid and REGIONAL.match(mid.split("/")[0]):
        item.reason = "region, data-zone or commitment price variant"
        return item
    if "text" not in (spec.get("supported_output_modalities") or ["text"]):
        item.reason = "no text output"
        return item
    price = pricing(spec, source)
    if price is None:
        item.reason = "no input/output price"
        return item
    if not spec.get("max_input_tokens"):
        item.reason = "no context window"
        return item
    if not spec.get("max_output_tokens"):
        item.reason = "no max output tokens"
        return item

    creator, creator_note = creator_of(mid, provider)
    entry: dict[str, Any] = {"id": mid, "name": mid, "creator": creator}
    entry["context_window"] = cited(source, int(spec["max_input_tokens"]),
                                    "LiteLLM max_input_tokens (LiteLLM gives no total context window)")
    entry["max_output_tokens"] = cited(source, int(spec["max_output_tokens"]))
    entry["modalities"] = modalities(spec, source)
    entry["features"] = {"source": source, "values": features(spec)}
    if spec.get("supports_reasoning"):
        entry["reasoning"] = True
    claim = lifecycle(spec, source)
    if claim:
        entry["lifecycle"] = claim
    entry["pricing"] = price
    notes = join_notes(f"LiteLLM key {key!r}" if key != mid else None, creator_note)
    if notes:
        entry["notes"] = notes
    item.entry = entry
    return item


def parse(data: Any, source: str, display: str) -> Format:
    if not isinstance(data, dict) or not any(isinstance(v, dict) and "litellm_provider" in v for v in data.values()):
        raise InputError("not a LiteLLM price map: expected an object of model keys with litellm_provider",
                         file=display)
    keys = [k for k in data if k != "sample_spec"]  # sample_spec documents the fields; it is no model
    return Format(
        items=(convert(k, data[k], source) for k in keys), total=len(keys),
        note="LiteLLM model_prices_and_context_window snapshot imported by modelpick registry import; "
             "prices per token x 1e6",
        features_covered=FEATURES_COVERED,
    )

