"""pydantic's genai-prices data: [{id, name, models: [{id, match, context_window, prices, price_variants,
deprecated, price_comments, ...}]}].

Prices are USD per 1M tokens (`*_mtok`), as decimal strings. `prices` is one price list, or a list of
`{constraint: {start_date}, prices}` (the first, undated, is in force before the first start date; the
latest start date on or before a day wins). A price is a number or `{base, tiers: [{start, price}]}`, where
a tier's price applies to every token of a request whose input is above `start`: modelpick's long-context
tiers. `price_variants` override some prices when the request says `service_tier: flex|priority` or
`processing: batch`, each from its own start date; the prices a variant does not list stay the standard
ones. genai-prices gives no max output tokens, modalities or features, so its entries are price layers
over entries the registry already has (see `Format.layer`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from modelpick.errors import InputError
from modelpick.upkeep.foreign import Format, Item, cited, plain, skip_malformed

# genai-prices provider id -> the provider id modelpick's bundled data uses; others keep theirs ("_" -> "-").
PROVIDERS = {"x-ai": "xai", "aws": "amazon-bedrock", "together": "togetherai", "fireworks": "fireworks-ai"}
# genai-prices price key -> modelpick price key. Other keys (audio, image, web searches, 1-hour cache writes)
# have no place in a modelpick price list and are left out.
KEYS = {"input_mtok": "input", "output_mtok": "output", "cache_read_mtok": "cached_input",
        "cache_write_mtok": "cache_write"}
VARIANTS = {("processing", "batch"): "batch", ("service_tier", "flex"): "flex",
            ("service_tier", "priority"): "priority"}
VERIFIED = re.compile(r"[^.]*\bverified\b.*?(?:\.(?=\s|$)|$)", re.IGNORECASE)
Day = dt.date | None  # None: before the first start date (the undated list)


def provider_id(genai_provider: str) -> str:
    return PROVIDERS.get(genai_provider, genai_provider.lower().replace("_", "-"))


def _start(constraint: Any) -> tuple[str, dt.date | None]:
    """('none' | 'date' | 'other', the start date)."""
    if not constraint:
        return "none", None
    if set(constraint) == {"start_date"}:
        return "date", dt.date.fromisoformat(str(constraint["start_date"])[:10])
    return "other", None


def _price_at(value: Any, threshold: int | None) -> Decimal | None:
    """A price for requests with input above `threshold` (None: the base price)."""
    if isinstance(value, dict):
        price = plain(value["base"])
        for tier in sorted(value.get("tiers") or [], key=lambda t: int(t["start"])):
            if threshold is not None and int(tier["start"]) <= threshold:
                price = plain(tier["price"])
        return price
    return plain(value)


def _starts(prices: dict[str, Any]) -> set[int]:
    return {int(t["start"]) for key in KEYS if isinstance(prices.get(key), dict)
            for t in prices[key].get("tiers") or []}


def _price_set(prices: dict[str, Any], threshold: int | None) -> dict[str, Decimal] | None:
    found = {ours: _price_at(prices[theirs], threshold) for theirs, ours in KEYS.items() if theirs in prices}
    found = {k: v for k, v in found.items() if v is not None}
    return found if "input" in found and "output" in found else None


def _schedule(standard: dict[str, Any], variants: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """One modelpick price list: standard, batch/flex/priority and long-context tiers, from the genai-prices
    prices in force (variants already merged over the standard prices)."""
    base = _price_set(standard, None)
    if base is None:
        return None
    out: dict[str, Any] = dict(base)
    for kind, prices in variants.items():
        found = _price_set(prices, None)
        if found:
            out[kind] = found
    tiers = []
    for threshold in sorted(_starts(standard).union(*(_starts(v) for v in variants.values()))):
        tier: dict[str, Any] = {"above_input_tokens": threshold, **(_price_set(standard, threshold) or {})}
        for kind, prices in variants.items():
            found = _price_set(prices, threshold)
            if found:
                tier[kind] = found
        tiers.append(tier)
    if tiers:
        out["tiers"] = tiers
    return out


def _standard_lists(prices: Any, dropped: list[str]) -> tuple[dict[str, Any] | None, list[tuple[dt.date, dict]]]:
    if isinstance(prices, dict):
        return prices, []
    undated: dict[str, Any] | None = None
    dated: list[tuple[dt.date, dict[str, Any]]] = []
    for conditional in prices:
        kind, start = _start(conditional.get("constraint"))
        if kind == "date" and start is not None:
            dated.append((start, conditional["prices"]))
        elif kind == "none":
            undated = undated if undated is not None else conditional["prices"]
        else:
            dropped.append("time-of-day price list (the registry has no time-of-day prices)")
    return undated, sorted(dated, key=lambda pair: pair[0])


def _variants(model: dict[str, Any], dropped: list[str]) -> list[tuple[str, Day, dict[str, Any]]]:
    found = []
    for variant in model.get("price_variants") or []:
        when = variant.get("when") or {}
        kind = VARIANTS.get(next(iter(when.items()))) if len(when) == 1 else None
        start_kind, start = _start(variant.get("constraint"))
        if when == {"service_tier": "default"} and not variant.get("prices"):
            continue  # the standard prices, restated
        if kind is None:
            dropped.append("price variant "
                           f"'{', '.join(f'{k}: {v}' for k, v in when.items())}' (the registry has no such prices)")
        elif start_kind == "other":
            dropped.append("time-of-day price variant (the registry has no time-of-day prices)")
        else:
            found.append((kind, start, variant.get("prices") or {}))
    return found


def _in_force(day: Day, undated: dict[str, Any] | None, dated: list[tuple[dt.date, dict]],
              variants: list[tuple[str, Day, dict[str, Any]]]) -> tuple[dict[str, Any] | None, dict[str, dict]]:
    """genai-prices' own resolution on `day`: the latest dated list on or before it (else the undated one);
    per variant kind, per price key, the first variant in force that lists it, over the standard prices."""
    standard = undated
    for start, prices in dated:
        if day is not None and start <= day:
            standard = prices
    merged: dict[str, dict[str, Any]] = {}
    for kind, start, prices in variants:
        if start is not None and (day is None or start > day):
            continue
        own = merged.setdefault(kind, {})
        for key, value in prices.items():
            own.setdefault(key, value)
    if standard is None:
        return None, {}
    return standard, {kind: {**standard, **own} for kind, own in merged.items()}


def pricing(model: dict[str, Any], source: str, note: str, dropped: list[str]) -> dict[str, Any] | None:
    undated, dated = _standard_lists(model["prices"], dropped)
    variants = _variants(model, dropped)
    days: list[Day] = sorted({start for start, _ in dated} | {s for _, s, _ in variants if s is not None})
    lists: list[tuple[Day, dict[str, Any]]] = []
    for day in [None, *days]:
        standard, merged = _in_force(day, undated, dated, variants)
        schedule = _schedule(standard, merged) if standard is not None else None
        if schedule is not None and (not lists or lists[-1][1] != schedule):
            lists.append((day, schedule))
    if not lists:
        return None
    if lists[0][0] is None and len(lists) > 1:
        # The registry dates every list of a price history; the undated one (in force before the first start
        # date) is left out, and counted where its standard prices differ from the first dated list's.
        later, _ = _in_force(lists[1][0], undated, dated, [])
        if undated is not None and later is not None and _schedule(undated, {}) != _schedule(later, {}):
            dropped.append("price list in force before the first start date (it has no date of its own)")
        lists = lists[1:]
    day, current = lists[-1]
    out: dict[str, Any] = {"source": source, "note": note}
    if day is not None:
        out["effective_from"] = day
    out.update(current)
    if len(lists) > 1:
        out["history"] = [{"source": source, "effective_from": d, **s} for d, s in lists[:-1]]
    return out


def _names(match: Any) -> list[str]:
    """The exact API names genai-prices matches the model by (its `equals` clauses)."""
    if not isinstance(match, dict):
        return []
    if "equals" in match:
        return [str(match["equals"])]
    return [name for clause in match.get("or_") or match.get("or") or [] for name in _names(clause)]


def matches(clause: Any, name: str) -> bool:
    """Whether genai-prices' model `match` clause (equals, starts_with, ends_with, contains, regex, or_, and_)
    takes the API name `name`."""
    if not isinstance(clause, dict):
        return False
    tests = {"equals": lambda v: name == v, "starts_with": lambda v: name.startswith(v),
             "ends_with": lambda v: name.endswith(v), "contains": lambda v: v in name,
             "regex": lambda v: re.search(v, name) is not None,
             "or_": lambda v: any(matches(c, name) for c in v),
             "and_": lambda v: all(matches(c, name) for c in v)}
    return all(tests[key](value) for key, value in clause.items() if key in tests)


def _note(provider: str, model: dict[str, Any]) -> str:
    verified = " ".join(s.strip() for s in VERIFIED.findall(str(model.get("price_comments") or "")) if s.strip())
    return f"genai-prices {provider}/{model['id']}" + (f"; {verified}" if verified else "")


@skip_malformed
def convert(provider: str, provider_name: str, model: Any, source: str) -> Item:
    item = Item(provider_id(provider), provider_name)
    if not isinstance(model, dict) or not isinstance(model.get("id"), str):
        item.reason = "no id"
        return item
    dropped: list[str] = []
    price = pricing(model, source, _note(provider, model), dropped)
    if price is None:
        item.reason = "no input/output token price"
        return item
    entry: dict[str, Any] = {"id": model["id"]}
    if model.get("context_window"):
        entry["context_window"] = cited(source, int(model["context_window"]),
                                        "genai-prices context_window (its maximum input tokens)")
    if model.get("deprecated") is True:
        # The source's own flag, with no date: a claim of status only.
        entry["lifecycle"] = {"source": source, "rank": "aggregator", "status": "deprecated",
                              "note": "genai-prices deprecated flag"}
    entry["pricing"] = price
    item.entry, item.names, item.dropped = entry, tuple(_names(model.get("match"))), dropped
    return item


def _items(providers: list[dict[str, Any]], source: str):
    for block in providers:
        name = str(block.get("name") or block["id"])
        for model in block.get("models") or []:
            yield convert(str(block["id"]), name, model, source)


def parse(data: Any, source: str, display: str) -> Format:
    if not isinstance(data, list) or not data or not all(
            isinstance(p, dict) and isinstance(p.get("id"), str) and isinstance(p.get("models"), list) for p in data):
        raise InputError("not genai-prices data: expected a list of providers, each with id and models", file=display)
    return Format(
        items=_items(data, source), total=sum(len(p["models"]) for p in data),
        note="genai-prices data imported by modelpick registry import; prices per 1M tokens, price history from "
             "start dates; the date each rate was verified, where genai-prices gives it, is in the pricing note",
        features_covered=(), states_status=True, layer=True,
    )
