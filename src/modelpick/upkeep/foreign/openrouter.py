"""OpenRouter's model list (GET /api/v1/models): {"data": [{id, name, context_length, architecture,
pricing, top_provider, supported_parameters, knowledge_cutoff, expiration_date, ...}]}.

Every entry is served by OpenRouter, so all go to provider `openrouter` under OpenRouter's own id
(`openai/gpt-4.1-nano`). Prices are USD per token as decimal strings (x 1e6 here); "-1" marks a router
whose price depends on the model it picks.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from modelpick.errors import InputError
from modelpick.upkeep.foreign import (
    Format,
    Item,
    cited,
    features_of,
    join_notes,
    modalities_of,
    parse_date,
    per_million,
    skip_malformed,
)

PROVIDER, NAME = "openrouter", "OpenRouter"
# OpenRouter's author slug -> the provider id modelpick uses for that lab's first-party entries.
VENDORS = {"x-ai": "xai", "mistralai": "mistral", "qwen": "alibaba", "meta-llama": "meta", "z-ai": "zai",
           "moonshotai": "moonshotai", "amazon": "amazon"}
# "file" is OpenRouter's name for document (PDF) input.
MODALITY_NAMES = {"file": "pdf"}
FEATURES_COVERED = ("tool_calling", "structured_outputs", "reasoning")


def our_keys(model_id: str) -> list[tuple[str, str]]:
    """PROVIDER/MODEL keys an OpenRouter id may correspond to in modelpick's first-party entries, best
    first. A variant (`:free`, `:thinking`, ...) has prices of its own and matches nothing."""
    if ":" in model_id or "/" not in model_id:
        return []
    vendor, _, model = model_id.partition("/")
    provider = VENDORS.get(vendor, vendor)
    keys = [(provider, model)]
    if vendor == "anthropic" and "." in model:  # OpenRouter writes claude-sonnet-4.5, Anthropic claude-sonnet-4-5
        keys.append((provider, model.replace(".", "-")))
    return keys


def _price_set(prices: dict[str, Any], prompt: str = "prompt", completion: str = "completion") -> dict[str, Decimal] | None:
    inp, out = per_million(prices.get(prompt)), per_million(prices.get(completion))
    if inp is None or out is None or inp < 0 or out < 0:
        return None
    price = {"input": inp, "output": out}
    for key, field in (("input_cache_read", "cached_input"), ("input_cache_write", "cache_write")):
        value = per_million(prices.get(key))
        if value:
            price[field] = value
    return price


def pricing(prices: dict[str, Any], source: str, batch: dict[str, Any] | None) -> dict[str, Any] | None:
    base = _price_set(prices)
    if base is None:
        return None
    out: dict[str, Any] = {"source": source, **base}
    reasoning = per_million(prices.get("internal_reasoning"))
    if reasoning is not None and reasoning != base["output"]:  # only a rate of its own is worth stating
        out["reasoning"] = reasoning
    if batch:
        batch_set = _price_set(batch)
        if batch_set:
            out["batch"] = batch_set
    tiers = []
    for override in prices.get("overrides") or []:
        threshold = override.get("min_prompt_tokens") if isinstance(override, dict) else None
        tier = _price_set({**prices, **override}) if isinstance(threshold, int) and threshold > 0 else None
        if tier:
            tiers.append({"above_input_tokens": threshold, **tier})
    if tiers:
        out["tiers"] = sorted(tiers, key=lambda t: t["above_input_tokens"])
        out = {"source": source, "note": "tiers from pricing.overrides (min_prompt_tokens is the threshold)", **out}
    return out


def _modalities(arch: dict[str, Any]) -> tuple[list[str], list[str]] | None:
    inp, out = arch.get("input_modalities"), arch.get("output_modalities")
    if inp is None or out is None:
        modality = str(arch.get("modality") or "")
        if "->" not in modality:
            return None
        left, _, right = modality.partition("->")
        inp, out = left.split("+"), right.split("+")
    rename = lambda values: [MODALITY_NAMES.get(v, v) for v in values]  # noqa: E731
    return modalities_of(rename(inp)), modalities_of(rename(out))


@skip_malformed
def convert(model: Any, source: str, batch: dict[str, Any] | None) -> Item:
    item = Item(PROVIDER, NAME)
    if not isinstance(model, dict) or not isinstance(model.get("id"), str):
        item.reason = "no id"
        return item
    mods = _modalities(model.get("architecture") or {})
    if mods is None:
        item.reason = "no modalities"
        return item
    if "text" not in mods[1]:
        item.reason = "no text output"
        return item
    price = pricing(model.get("pricing") or {}, source, batch)
    if price is None:
        item.reason = "no input/output price"
        return item
    if not model.get("context_length"):
        item.reason = "no context window"
        return item
    top = model.get("top_provider") or {}
    if not top.get("max_completion_tokens"):
        item.reason = "no max output tokens"
        return item

    model_id = model["id"]
    vendor = model_id.partition("/")[0] if "/" in model_id else PROVIDER
    entry: dict[str, Any] = {"id": model_id, "name": str(model.get("name") or model_id),
                             "creator": VENDORS.get(vendor, vendor)}
    knowledge = parse_date(model.get("knowledge_cutoff"))
    if knowledge:
        entry["knowledge_cutoff"] = cited(source, knowledge[0], knowledge[1])
    top_context = top.get("context_length")
    entry["context_window"] = cited(
        source, int(model["context_length"]),
        f"top_provider.context_length is {top_context}" if top_context and top_context != model["context_length"]
        else None)
    entry["max_output_tokens"] = cited(source, int(top["max_completion_tokens"]), "top_provider.max_completion_tokens")
    entry["modalities"] = {"source": source, "input": mods[0], "output": mods[1]}
    params = set(model.get("supported_parameters") or [])
    flags = [feature for param, feature in (("tools", "tool_calling"), ("structured_outputs", "structured_outputs"),
                                           ("reasoning", "reasoning")) if param in params]
    entry["features"] = {"source": source, "note": "from supported_parameters", "values": features_of(flags)}
    if "reasoning" in params:
        entry["reasoning"] = True
    if model.get("hugging_face_id"):
        entry["open_weights"] = True
    expiry = parse_date(model.get("expiration_date"))
    if expiry:
        entry["lifecycle"] = {"source": source, "rank": "aggregator", "note": "OpenRouter expiration_date",
                              "shutdown_on": expiry[0]}
    entry["pricing"] = price
    notes = join_notes(f"open_weights: OpenRouter names the weights on Hugging Face ({model['hugging_face_id']})"
                       if model.get("hugging_face_id") else None,
                       "batch prices from OpenRouter's ':batch' variant" if "batch" in price else None)
    if notes:
        entry["notes"] = notes
    item.entry = entry
    return item


def _items(models: list[Any], source: str) -> Iterator[Item]:
    # A ':batch' variant is the same model through OpenRouter's batch route: its prices become the
    # base entry's batch prices instead of an entry of their own.
    ids = {m["id"] for m in models if isinstance(m, dict) and isinstance(m.get("id"), str)}
    batch = {m["id"][: -len(":batch")]: m.get("pricing") or {} for m in models
             if isinstance(m, dict) and isinstance(m.get("id"), str) and m["id"].endswith(":batch")}
    for model in models:
        model_id = model.get("id") if isinstance(model, dict) else None
        if isinstance(model_id, str) and model_id.endswith(":batch") and model_id[: -len(":batch")] in ids:
            yield Item(PROVIDER, NAME, reason="':batch' variant (kept as the base entry's batch prices)")
            continue
        yield convert(model, source, batch.get(model_id) if isinstance(model_id, str) else None)


def parse(data: Any, source: str, display: str) -> Format:
    models = data.get("data") if isinstance(data, dict) else None
    if not isinstance(models, list):
        raise InputError("not an OpenRouter model list: expected {\"data\": [...]} as returned by /api/v1/models",
                         file=display)
    return Format(items=_items(models, source), total=len(models),
                  note="OpenRouter /api/v1/models snapshot imported by modelpick registry import; "
                       "prices per token x 1e6",
                  features_covered=FEATURES_COVERED)
