"""One registry entry from the snapshots, as the selection names it: models.dev's entry merged with LiteLLM's and
Artificial Analysis' (or, for a `litellm_only` model newer than the models.dev snapshot, LiteLLM's with AA's),
then benchmarks, efforts, hand facts and genai-prices' alternatives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .benchmarks import collect_benchmarks
from .common import (
    AA_DATE,
    AA_SOURCE,
    LITELLM_DATE,
    LITELLM_VERSION,
    BuildError,
    aa_row_name,
    dec,
    parse_date,
    sourced,
)
from .efforts import reasoning_efforts
from .facts import apply_facts
from .inputs import Inputs
from .lifecycle import aggregator_claims, assemble_lifecycle, models_dev_claim
from .pricing import build_pricing, genai_others, inclusive_tiers, ll_pricing, md_pricing, order_pricing
from .traits import (
    LL_FEATURE_FLAGS,
    combine_features,
    combine_modalities,
    ll_features,
    ll_modalities,
    md_features,
)

# First-party provider file -> creator slug (performance is only taken for first-party entries).
FIRST_PARTY = {"openai": "openai", "anthropic": "anthropic", "google": "google", "xai": "xai",
               "deepseek": "deepseek", "mistral": "mistral", "alibaba": "alibaba", "moonshotai": "moonshotai",
               "zai": "zai", "minimax": "minimax", "cohere": "cohere"}
LITELLM_ONLY_NOTE = ("not in the models.dev snapshot (2026-07-02); every spec value is from LiteLLM "
                     f"({LITELLM_VERSION}, {LITELLM_DATE})")
PERFORMANCE_NOTE = ("; speed.output_tokens_per_second and speed.time_to_first_token_seconds (for reasoning models "
                    "AA's TTFT includes thinking time)")


def _aa_row(provider: str, msel: dict[str, Any], inp: Inputs) -> dict[str, Any] | None:
    if not msel.get("aa"):
        return None
    aa = inp.aa.get(msel["aa"])
    if aa is None:
        raise BuildError(f"{provider}/{msel['id']}: AA slug {msel['aa']!r} not found")
    return aa


def _names(entry: dict[str, Any], msel: dict[str, Any], known: Callable[[str], bool], known_by: str,
           provider: str) -> None:
    """Snapshots (each must be named by a source) and aliases."""
    snapshots = msel.get("snapshots") or []
    for snap in snapshots:
        if not known(snap):
            raise BuildError(f"{provider}/{entry['id']}: snapshot {snap!r} not named by {known_by}")
    if snapshots:
        entry["snapshots"] = list(snapshots)
    if msel.get("aliases"):
        entry["aliases"] = list(msel["aliases"])


def _release_date(md: dict[str, Any], aa: dict[str, Any] | None, msel: dict[str, Any]) -> dict[str, Any]:
    value, note = parse_date(md["release_date"])
    release = sourced(value, "models.dev", note)
    if aa and aa.get("release_date"):
        aa_date = dt.date.fromisoformat(aa["release_date"])
        if (msel.get("prefer") or {}).get("release_date") == "artificial-analysis":
            release = sourced(aa_date, AA_SOURCE, aa_row_name(aa),
                              [{"value": value, "source": "models.dev", **({"note": note} if note else {})}])
        elif aa_date != value:
            release["others"] = [{"value": aa_date, "source": AA_SOURCE, "note": aa_row_name(aa)}]
    return release


def _limits(md: dict[str, Any], ll: dict[str, Any] | None, aa: dict[str, Any] | None,
            where: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The context window and max output tokens: models.dev's, with LiteLLM's and AA's differing values and why."""
    limit = md.get("limit") or {}
    if not limit.get("context") or not limit.get("output"):
        raise BuildError(f"{where}: models.dev has no context/output limit")
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
        note = aa_row_name(aa) + "; capabilities.context_window_tokens"  # type: ignore[arg-type]
        if aa_ctx == limit.get("input"):
            note += " (the input limit: models.dev limit.input is the same)"
        ctx_others.append({"value": int(aa_ctx), "source": AA_SOURCE, "date": AA_DATE, "note": note})
    if ll and ll.get("max_output_tokens") and ll["max_output_tokens"] != limit["output"]:
        out_others.append({"value": ll["max_output_tokens"], "source": "litellm", "note": "LiteLLM max_output_tokens"})
    return (sourced(int(limit["context"]), "models.dev", ctx_note, ctx_others),
            sourced(int(limit["output"]), "models.dev", None, out_others))


def build_entry(provider: str, psel: dict[str, Any], msel: dict[str, Any], inp: Inputs) -> dict[str, Any]:
    if msel.get("litellm_only"):
        return build_litellm_entry(provider, psel, msel, inp)
    model_id = msel["id"]
    md_id = msel.get("models_dev", model_id)
    md_provider = inp.models_dev.get(provider)
    if md_provider is None or md_id not in md_provider["models"]:
        raise BuildError(f"{provider}/{md_id} not in models.dev")
    md = md_provider["models"][md_id]
    prefix = psel.get("litellm_prefix", "")
    ll_key = msel["litellm"] if "litellm" in msel else prefix + model_id
    ll = None
    if ll_key is not None:
        ll = inp.litellm.get(ll_key)
        if ll is None:
            raise BuildError(f"{provider}/{model_id}: LiteLLM key {ll_key!r} not found")
    aa = _aa_row(provider, msel, inp)

    entry: dict[str, Any] = {"id": model_id, "name": md["name"], "creator": msel["creator"]}
    if md.get("family"):
        entry["family"] = md["family"]
    _names(entry, msel, lambda snap: snap in md_provider["models"] or prefix + snap in inp.litellm,
           "models.dev or LiteLLM", provider)
    if md.get("release_date"):
        entry["release_date"] = _release_date(md, aa, msel)
    if md.get("knowledge"):
        value, note = parse_date(md["knowledge"])
        entry["knowledge_cutoff"] = sourced(value, "models.dev", note, raw=md["knowledge"] if note else None)
    entry["context_window"], entry["max_output_tokens"] = _limits(md, ll, aa, f"{provider}/{model_id}")
    entry["modalities"] = combine_modalities(md, ll, aa, msel)
    by_source = [("models.dev", md_features(md))] + ([("litellm", ll_features(ll))] if ll else [])
    entry["features"] = combine_features(by_source, ll, (msel.get("keep") or {}).get("features") or {})
    entry["reasoning"] = bool(md.get("reasoning"))
    entry["open_weights"] = bool(md.get("open_weights"))
    # lifecycle: every source's dated claim; the entry's own is a provider page's (a hand fact), else models.dev's
    entry["lifecycle"] = assemble_lifecycle(models_dev_claim(md), aggregator_claims(provider, model_id, ll, aa, inp),
                                            msel)
    entry["pricing"] = build_pricing(md_pricing(md.get("cost") or {}), ll_pricing(ll) if ll else None,
                                     msel.get("price_note"))
    return finish_entry(provider, msel, inp, aa, ll, entry)


def _performance(provider: str, msel: dict[str, Any], inp: Inputs, aa: dict[str, Any]) -> dict[str, Any] | None:
    """AA's speed of a first-party entry (of the `aa_speed` row where the `aa` row has none)."""
    speed_row = aa
    speed = aa.get("speed") or {}
    if speed.get("output_tokens_per_second") is None and msel.get("aa_speed"):
        speed_row = inp.aa[msel["aa_speed"]]
        speed = speed_row.get("speed") or {}
    tps, ttft = speed.get("output_tokens_per_second"), speed.get("time_to_first_token_seconds")
    if not (tps or ttft is not None):
        return None
    perf: dict[str, Any] = {"source": AA_SOURCE, "note": aa_row_name(speed_row) + PERFORMANCE_NOTE}
    if tps:
        perf["output_tokens_per_s"] = round(tps, 1)
    if ttft is not None:
        perf["ttft_s"] = round(ttft, 2)
    return perf


def finish_entry(provider: str, msel: dict[str, Any], inp: Inputs, aa: dict[str, Any] | None,
                 ll: dict[str, Any] | None, entry: dict[str, Any]) -> dict[str, Any]:
    """Performance, reasoning efforts, benchmarks, hand facts and notes (common to both entry kinds)."""
    if FIRST_PARTY.get(provider) == msel["creator"] and aa:
        perf = _performance(provider, msel, inp, aa)
        if perf:
            entry["performance"] = perf
    if entry["reasoning"]:
        efforts = reasoning_efforts(provider, entry["id"], inp)
        if efforts:
            entry["reasoning_efforts"] = efforts
    benchmarks = collect_benchmarks(msel, aa, inp)
    if benchmarks:
        entry["benchmarks"] = benchmarks
    tiers_inclusive = (inp.selection["providers"].get(provider) or {}).get("tiers_inclusive")
    if tiers_inclusive:  # the provider's long-context prices start AT the threshold (>= N tokens)
        inclusive_tiers(entry, tiers_inclusive)
    if msel.get("facts"):
        apply_facts(entry, msel["facts"])
    genai_others(provider, msel, entry, inp, ll)
    if msel.get("note"):
        entry["notes"] = msel["note"].strip()
    return entry


def _litellm_spec(provider: str, msel: dict[str, Any], ll_key: str, inp: Inputs) -> dict[str, Any]:
    """The LiteLLM entry of a `litellm_only` model, refused unless it gives what such an entry needs."""
    model_id = msel["id"]
    ll = inp.litellm.get(ll_key)
    if ll is None:
        raise BuildError(f"{provider}/{model_id}: LiteLLM key {ll_key!r} not found")
    if ll.get("mode") not in ("chat", "responses"):
        raise BuildError(f"{provider}/{model_id}: LiteLLM mode {ll.get('mode')!r} is not chat/responses")
    if model_id in (inp.models_dev.get(provider) or {"models": {}})["models"]:
        raise BuildError(f"{provider}/{model_id}: models.dev has this model; drop litellm_only")
    for field in ("max_input_tokens", "max_output_tokens", "input_cost_per_token", "output_cost_per_token"):
        if ll.get(field) is None:
            raise BuildError(f"{provider}/{model_id}: LiteLLM {ll_key!r} has no {field}")
    if not msel.get("name"):
        raise BuildError(f"{provider}/{model_id}: a LiteLLM-only entry needs `name` in the selection")
    return ll


def _litellm_pricing(ll: dict[str, Any], aa: dict[str, Any] | None, msel: dict[str, Any],
                     where: str) -> dict[str, Any]:
    """LiteLLM's prices, with AA's differing ones under `others`."""
    price = ll_pricing(ll)
    if price is None:
        raise BuildError(f"{where}: no usable LiteLLM price")
    pricing: dict[str, Any] = {"source": "litellm", **price}
    aa_price = (aa or {}).get("pricing") or {}
    if aa_price.get("price_1m_input_tokens") is not None and aa_price.get("price_1m_output_tokens") is not None:
        aa_val = {"input": dec(aa_price["price_1m_input_tokens"]),
                  "output": dec(aa_price["price_1m_output_tokens"])}
        if (aa_val["input"], aa_val["output"]) != (price["input"], price["output"]):
            pricing["others"] = [{"source": AA_SOURCE, "value": aa_val, "date": AA_DATE,
                                  "note": aa_row_name(aa) + "; pricing.price_1m_input_tokens / "  # type: ignore[arg-type]
                                          "price_1m_output_tokens (AA snapshot predates LiteLLM's)"}]
    notes = ["models.dev (snapshot 2026-07-02) has no entry for this model"]
    if msel.get("price_note"):
        notes.append(msel["price_note"].strip())
    return order_pricing(pricing, "; ".join(notes))


def build_litellm_entry(provider: str, psel: dict[str, Any], msel: dict[str, Any], inp: Inputs) -> dict[str, Any]:
    """An entry for a model the models.dev snapshot does not have: specs, prices, features from LiteLLM;
    release date, benchmarks, speed and reasoning-token default from the AA row named in the selection."""
    model_id = msel["id"]
    prefix = psel.get("litellm_prefix", "")
    ll = _litellm_spec(provider, msel, msel.get("litellm") or prefix + model_id, inp)
    aa = _aa_row(provider, msel, inp)
    entry: dict[str, Any] = {"id": model_id, "name": msel["name"], "creator": msel["creator"]}
    if msel.get("family"):
        entry["family"] = msel["family"]
    _names(entry, msel, lambda snap: prefix + snap in inp.litellm, "LiteLLM", provider)
    if aa and aa.get("release_date"):
        entry["release_date"] = sourced(dt.date.fromisoformat(aa["release_date"]), AA_SOURCE,
                                        aa_row_name(aa) + "; LiteLLM gives no release date")
    aa_ctx = ((aa or {}).get("capabilities") or {}).get("context_window_tokens")
    ctx_others = []
    if aa_ctx and aa_ctx != ll["max_input_tokens"]:
        ctx_others.append({"value": int(aa_ctx), "source": AA_SOURCE, "date": AA_DATE,
                           "note": aa_row_name(aa) + "; capabilities.context_window_tokens"})  # type: ignore[arg-type]
    entry["context_window"] = sourced(
        int(ll["max_input_tokens"]), "litellm",
        "LiteLLM max_input_tokens (LiteLLM gives no total context window, so the input limit is used)", ctx_others)
    entry["max_output_tokens"] = sourced(int(ll["max_output_tokens"]), "litellm", "LiteLLM max_output_tokens")
    mods, mnote = ll_modalities(ll)
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
    entry["pricing"] = _litellm_pricing(ll, aa, msel, f"{provider}/{model_id}")
    entry = finish_entry(provider, msel, inp, aa, ll, entry)
    head = LITELLM_ONLY_NOTE[0].upper() + LITELLM_ONLY_NOTE[1:] + "."
    entry["notes"] = f"{head} {entry['notes']}" if entry.get("notes") else head
    return entry
