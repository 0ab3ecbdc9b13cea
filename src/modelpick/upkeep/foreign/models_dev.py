"""models.dev's export: {provider_id: {name, models: {model_id: {name, cost, limit, modalities, ...}}}}.

Works on models.dev's api.json and on the repository export with base_model inheritance resolved
(which adds a `_source` block naming the commit and its date). Costs are already USD per 1M tokens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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
    plain,
    skip_malformed,
)

STATUS = {None: "active", "beta": "preview", "alpha": "preview", "deprecated": "deprecated"}
FEATURES_COVERED = ("tool_calling", "structured_outputs", "reasoning")


def _prices(cost: dict[str, Any]) -> dict[str, Any] | None:
    inp, out = plain(cost.get("input")), plain(cost.get("output"))
    if inp is None or out is None:
        return None
    price: dict[str, Any] = {"input": inp, "output": out}
    # A zero cache price stands for "no caching" in models.dev as often as for "free"; left out.
    if plain(cost.get("cache_read")):
        price["cached_input"] = plain(cost["cache_read"])
    if plain(cost.get("cache_write")):
        price["cache_write"] = plain(cost["cache_write"])
    return price


def pricing(cost: dict[str, Any], source: str) -> dict[str, Any] | None:
    base = _prices(cost)
    if base is None:
        return None
    out: dict[str, Any] = {"source": source, **base}
    reasoning = plain(cost.get("reasoning"))
    if reasoning is not None:
        out["reasoning"] = reasoning
    tiers = []
    # `context_over_200k` mirrors a single >=200k tier of `tiers`; only `tiers` is read.
    for tier in cost.get("tiers") or []:
        spec = tier.get("tier") or {}
        if spec.get("type", "context") != "context" or not spec.get("size"):
            continue
        prices = _prices(tier)
        if prices:
            tiers.append({"above_input_tokens": int(spec["size"]), **prices})
    if tiers:
        out["tiers"] = sorted(tiers, key=lambda t: t["above_input_tokens"])
    return out


def features(md: dict[str, Any]) -> list[str]:
    """models.dev's tool_call, structured_output and reasoning flags."""
    return features_of(feature for key, feature in (("tool_call", "tool_calling"),
                                                    ("structured_output", "structured_outputs"),
                                                    ("reasoning", "reasoning")) if md.get(key))


@skip_malformed
def convert(provider: str, provider_name: str, model_id: str, md: Any, source: str) -> Item:
    item = Item(provider, provider_name)
    if not isinstance(md, dict):
        item.reason = "not an object"
        return item
    mods = md.get("modalities") or {}
    if "text" not in (mods.get("output") or []):
        item.reason = "no text output"
        return item
    # models.dev lists embedding models with text "output" (the vector); they are no chat models.
    if "embedding" in model_id.lower() or "embedding" in str(md.get("family") or "").lower():
        item.reason = "embedding model"
        return item
    price = pricing(md.get("cost") or {}, source)
    if price is None:
        item.reason = "no input/output price"
        return item
    limit = md.get("limit") or {}
    if not limit.get("context"):
        item.reason = "no context window"
        return item
    if not limit.get("output"):
        item.reason = "no max output tokens"
        return item

    creator, creator_note = creator_of(f"{model_id}/{md.get('family') or ''}", provider)
    entry: dict[str, Any] = {"id": model_id, "name": str(md.get("name") or model_id), "creator": creator}
    if md.get("family"):
        entry["family"] = str(md["family"])
    for key, field in (("release_date", "release_date"), ("knowledge", "knowledge_cutoff")):
        parsed = parse_date(md.get(key))
        if parsed:
            entry[field] = cited(source, parsed[0], parsed[1])
    context_note = f"models.dev limit.context; limit.input (max input tokens) is {limit['input']}" \
        if limit.get("input") else None
    entry["context_window"] = cited(source, int(limit["context"]), context_note)
    entry["max_output_tokens"] = cited(source, int(limit["output"]))
    entry["modalities"] = {"source": source, "input": modalities_of(mods.get("input") or []),
                           "output": modalities_of(mods.get("output") or [])}
    entry["features"] = {"source": source, "values": features(md)}
    entry["reasoning"] = bool(md.get("reasoning"))
    entry["open_weights"] = bool(md.get("open_weights"))
    status = md.get("status")
    if status in STATUS:
        entry["lifecycle"] = {"source": source, "rank": "aggregator", "status": STATUS[status],
                              "note": f"models.dev status '{status}'" if status else "models.dev gives no status flag"}
    entry["pricing"] = price
    notes = join_notes(creator_note)
    if notes:
        entry["notes"] = notes
    item.entry = entry
    return item


def _items(data: dict[str, Any], providers: list[str], source: str):
    for provider in providers:
        block = data[provider]
        name = str(block.get("name") or provider)
        for model_id, md in (block.get("models") or {}).items():
            yield convert(provider, name, str(model_id), md, source)


def parse(data: Any, source: str, display: str) -> Format:
    providers = sorted(k for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)) \
        if isinstance(data, dict) else []
    if not providers or not all(isinstance(data[p].get("models"), dict) for p in providers):
        raise InputError("not a models.dev export: expected an object of providers, each with models:",
                         file=display)
    meta = data.get("_source") if isinstance(data.get("_source"), dict) else {}
    read = None
    note = "models.dev snapshot imported by modelpick registry import"
    if isinstance(meta.get("commit_date"), str):
        with contextlib.suppress(ValueError):  # not a date: the file's own date is used instead
            read = dt.datetime.fromisoformat(meta["commit_date"]).date()
            note = f"models.dev snapshot (commit {meta.get('commit', '?')}) imported by modelpick registry import"
    total = sum(len(data[p]["models"]) for p in providers)
    return Format(items=_items(data, providers, source), total=total, note=note, read=read,
                  features_covered=FEATURES_COVERED, states_status=True)
