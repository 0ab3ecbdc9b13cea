"""Hand facts: a value the selection gives with its source overrides the generated one, which is then kept
under `others` (with the generated value's own alternatives), or, where it agrees, named in the note."""

from __future__ import annotations

import copy
from typing import Any

from modelpick.upkeep.foreign import FEATURE_ORDER

from .common import AA_DATE, AA_SOURCE, BuildError, join, num
from .pricing import order_pricing

CITED_FIELDS = ("release_date", "knowledge_cutoff", "context_window", "max_output_tokens")
COMPARED_PRICES = ("input", "output", "cached_input", "cache_write", "batch")


def sort_features(feats: list[str]) -> list[str]:
    unknown = sorted(set(feats) - set(FEATURE_ORDER))
    if unknown:
        raise BuildError(f"features fact: unknown feature(s) {unknown}; known: {', '.join(FEATURE_ORDER)}")
    return sorted(set(feats), key=FEATURE_ORDER.index)


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


def _cited_value(entry: dict[str, Any], field: str, fact: dict[str, Any]) -> None:
    fact = dict(fact)
    gen = entry.get(field)
    others = list(fact.pop("others", []))
    if gen:
        if gen.get("_raw", gen["value"]) != fact["value"] or "_raw" in gen:
            others.append(_alt_from(gen))
        else:
            fact["note"] = join(fact.get("note"), f"{gen['source']} gives the same value")
        others.extend(gen.get("others", []))
    entry[field] = {**fact, **({"others": others} if others else {})}


def _modalities(entry: dict[str, Any], fact: dict[str, Any]) -> None:
    fact = dict(fact)
    gen = entry["modalities"]
    others = list(fact.pop("others", []))
    if (gen["input"], gen["output"]) != (fact["input"], fact["output"]):
        others.append({"source": gen["source"], "value": {"input": gen["input"], "output": gen["output"]}})
    else:
        fact["note"] = join(fact.get("note"), f"{gen['source']} gives the same modalities")
    for alt in gen.get("others", []):
        others.append({**alt, "note": alt["note"].replace(
            f"modalities are {gen['source']}'s", f"modalities are {fact['source']}'s")} if alt.get("note") else alt)
    entry["modalities"] = {"source": fact["source"], **({"note": fact["note"]} if fact.get("note") else {}),
                           "input": fact["input"], "output": fact["output"],
                           **({"others": others} if others else {})}


def _features(entry: dict[str, Any], fact: dict[str, Any]) -> None:
    fact = dict(fact)
    gen = entry["features"]
    others = list(fact.pop("others", []))
    values = sort_features(fact["values"])
    for source, own in gen["_by_source"]:
        if own != values:
            others.append({"source": source, "value": own})
    entry["features"] = {"source": fact["source"], **({"note": fact["note"]} if fact.get("note") else {}),
                         "values": values, **({"others": others} if others else {})}


def _pricing(entry: dict[str, Any], fact: dict[str, Any]) -> None:
    fact = copy.deepcopy(fact)
    gen = entry["pricing"]
    others = list(fact.pop("others", []))
    gen_cmp = {k: gen[k] for k in COMPARED_PRICES if k in gen}
    fact_cmp = {k: fact[k] for k in COMPARED_PRICES if k in fact}
    if num(gen_cmp) != num(fact_cmp):
        others.append({"source": gen["source"], "value": gen_cmp})
        note = None
    else:
        note = f"{gen['source']} gives the same prices ({gen.get('note', '')})".replace(" ()", "")
    others.extend(gen.get("others", []))
    if others:
        fact["others"] = others
    entry["pricing"] = order_pricing(fact, join(fact.get("note"), note))


def _performance(entry: dict[str, Any], fact: dict[str, Any]) -> None:
    fact = dict(fact)
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


def _benchmark(entry: dict[str, Any], key: str, fact: dict[str, Any]) -> None:
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


def apply_facts(entry: dict[str, Any], facts: dict[str, Any]) -> None:
    """Every hand fact of one entry (the lifecycle fact is read by lifecycle.assemble_lifecycle)."""
    for field in CITED_FIELDS:
        if field in facts:
            _cited_value(entry, field, facts[field])
    for field, apply in (("modalities", _modalities), ("features", _features), ("pricing", _pricing),
                         ("performance", _performance)):
        if field in facts:
            apply(entry, facts[field])
    for key, fact in (facts.get("benchmarks") or {}).items():
        _benchmark(entry, key, fact)
