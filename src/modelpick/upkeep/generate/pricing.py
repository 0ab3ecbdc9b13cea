"""Prices: each source read through its importer's mapping (foreign/models_dev.py, foreign/litellm.py,
foreign/genai_prices.py: exact Decimals); this module holds the merge policy. When LiteLLM and models.dev agree
on the base prices LiteLLM is cited (it also carries batch, flex, priority and long-context prices); when they
disagree models.dev is used and LiteLLM's list goes to `others`; genai-prices' differing list in force on
GENAI_PRICES_AS_OF is kept under `others` too."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from modelpick.upkeep.foreign import genai_prices as genai_format
from modelpick.upkeep.foreign import litellm as litellm_format
from modelpick.upkeep.foreign import models_dev as models_dev_format

from .common import GENAI_PRICES_AS_OF, GENAI_PRICES_SOURCE, BuildError, join, num
from .inputs import Inputs
from .lifecycle import genai_model

PRICE_ORDER = ("effective_from", "input", "cached_input", "cache_write", "output", "reasoning", "batch", "flex",
               "priority", "tiers", "history", "others")
LIST_KEYS = ("input", "cached_input", "cache_write", "output", "reasoning", "batch", "flex", "priority", "tiers")
BASE_KEYS = ("input", "output", "cached_input", "cache_write")


def md_pricing(cost: dict[str, Any]) -> dict[str, Any] | None:
    """models.dev's prices as the importer reads them, without its reasoning price (never cited by the build)."""
    price = models_dev_format.pricing(cost, "models.dev")
    if price is None:
        return None
    return {k: v for k, v in price.items() if k not in ("source", "reasoning")}


def ll_pricing(entry: dict[str, Any]) -> dict[str, Any] | None:
    """LiteLLM's prices as `modelpick registry import` reads them (foreign/litellm.py): exact Decimals, with
    reasoning, batch, flex and priority prices and long-context tiers."""
    price = litellm_format.pricing(entry, "litellm")
    if price is None:
        return None
    price.pop("source")
    return price


def prices_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if any(key in a and key in b and a[key] != b[key] for key in BASE_KEYS):
        return False
    if a["input"] != b["input"] or a["output"] != b["output"]:
        return False
    ta = {t["above_input_tokens"]: (t["input"], t["output"]) for t in a.get("tiers", [])}
    tb = {t["above_input_tokens"]: (t["input"], t["output"]) for t in b.get("tiers", [])}
    return not (ta and tb and ta != tb)


def order_pricing(pricing: dict[str, Any], note: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"source": pricing["source"]}
    if note:
        out["note"] = note
    for key in PRICE_ORDER:
        if key in pricing and pricing[key] not in (None, []):
            out[key] = pricing[key]
    return out


def _agreed(md_price: dict[str, Any], ll_price: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """LiteLLM's list, with the cache prices and tiers only models.dev gives."""
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
    return pricing


def build_pricing(md_price: dict[str, Any] | None, ll_price: dict[str, Any] | None,
                  price_note: str | None) -> dict[str, Any]:
    notes: list[str] = []
    if md_price is None and ll_price is None:
        raise BuildError("no price in models.dev or LiteLLM")
    if ll_price is None:
        pricing = {"source": "models.dev", **md_price}  # type: ignore[dict-item]
        notes.append("LiteLLM has no price for this model")
    elif md_price is None:
        pricing = {"source": "litellm", **ll_price}
        notes.append("models.dev has no price for this model")
    elif prices_agree(md_price, ll_price):
        pricing = _agreed(md_price, ll_price, notes)
    else:
        pricing = {"source": "models.dev", **md_price, "others": [{"source": "litellm", "value": ll_price}]}
        notes.append("models.dev and LiteLLM disagree; models.dev is used (no provider page read), "
                     "LiteLLM's prices are under others")
    if price_note:
        notes.append(price_note.strip())
    return order_pricing(pricing, "; ".join(notes))


def inclusive_tiers(entry: dict[str, Any], reason: str) -> None:
    """LiteLLM's `*_above_<N>k_tokens` prices apply when input > N; where the provider bills input >= N at the
    higher rate, the tier is `above_input_tokens: N - 1`. LiteLLM's reading is kept under `others`."""
    pricing = entry["pricing"]
    if pricing["source"] != "litellm" or not pricing.get("tiers"):
        return
    original = {k: copy.deepcopy(pricing[k]) for k in LIST_KEYS if k in pricing}
    for tier in pricing["tiers"]:
        tier["above_input_tokens"] = int(tier["above_input_tokens"]) - 1
    pricing["note"] = join(pricing.get("note"), "long-context thresholds: " + reason.strip())
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

    return {k: v for k, v in flatten({"pricing": num(schedule)}, (), False).items() if k.startswith("pricing.")}


def _ctx_reason(theirs: int, ours: dict[str, Any], ll: dict[str, Any]) -> str | None:
    """Why genai-prices' context_window is not used, where the numbers show it."""
    max_in, max_out = ll.get("max_input_tokens"), ll.get("max_output_tokens")
    if max_in and max_out and theirs == max_in + max_out and ours["value"] == max_in:
        return (f"it is LiteLLM's max_input_tokens + max_output_tokens ({max_in:,} + {max_out:,}), the whole window; "
                f"ours is LiteLLM's max_input_tokens, the input limit (LiteLLM-only entries)")
    if theirs == 1_000_000 and ours["value"] in (1_048_576, 1_047_576, 1_050_000):
        return f"1,000,000 is the rounded '1M'; ours ({ours['value']:,}, {ours['source']}) is the exact figure"
    return None


def _genai_context(genai: dict[str, Any], label: str, entry: dict[str, Any], keep: dict[str, Any],
                   ll: dict[str, Any]) -> None:
    ctx = genai.get("context_window")
    if ctx and "context_window" in entry and int(ctx) != entry["context_window"]["value"]:
        note = f"{label} context_window (genai-prices documents it as the maximum input tokens)"
        reason = (keep.get("context_window") or {}).get(GENAI_PRICES_SOURCE) or _ctx_reason(
            int(ctx), entry["context_window"], ll)
        entry["context_window"].setdefault("others", []).append(
            {"source": GENAI_PRICES_SOURCE, "value": int(ctx), "note": join(note, reason and reason.strip())})


def _genai_prices(genai: dict[str, Any], label: str, entry: dict[str, Any], keep: dict[str, Any]) -> None:
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
    value = {k: theirs_now[k] for k in LIST_KEYS if k in theirs_now}
    note = f"{label}, the price list in force on {GENAI_PRICES_AS_OF} (read as `modelpick registry import` reads it)"
    reason = (keep.get("pricing") or {}).get(GENAI_PRICES_SOURCE)
    alt: dict[str, Any] = {"source": GENAI_PRICES_SOURCE, "value": value}
    if theirs_now.get("effective_from"):
        alt["date"] = theirs_now["effective_from"]
    alt["note"] = join(note, reason and reason.strip())
    entry["pricing"].setdefault("others", []).append(alt)


def genai_others(provider: str, msel: dict[str, Any], entry: dict[str, Any], inp: Inputs,
                 ll: dict[str, Any] | None) -> None:
    """genai-prices' differing price list (the one in force on GENAI_PRICES_AS_OF, read through the importer's
    mapping, foreign/genai_prices.py) and context_window, kept under `others` with the selection's `keep` reason."""
    genai = genai_model(provider, entry["id"], inp)
    if not genai:
        return
    keep = msel.get("keep") or {}
    label = f"genai-prices 0.2.3 model '{genai['id']}'"
    _genai_context(genai, label, entry, keep, ll or {})
    _genai_prices(genai, label, entry, keep)
