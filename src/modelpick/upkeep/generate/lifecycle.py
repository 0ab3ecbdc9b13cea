"""Lifecycle claims: every source's word on an entry, dated by the day the source said it (its snapshot), all
rank aggregator; the entry's own claim is a provider page given as a hand fact, else the main source's."""

from __future__ import annotations

from typing import Any

from modelpick.upkeep.foreign import genai_prices as genai_format
from modelpick.upkeep.foreign import litellm as litellm_format
from modelpick.upkeep.foreign import models_dev as models_dev_format

from .common import (
    AA_DATE,
    AA_SOURCE,
    GENAI_PRICES_DATE,
    GENAI_PRICES_SOURCE,
    LITELLM_DATE,
    MODELS_DEV_DATE,
    BuildError,
    aa_row_name,
)
from .inputs import Inputs

# Our provider id -> genai-prices provider id.
GENAI_PROVIDERS = {"openai": "openai", "anthropic": "anthropic", "google": "google", "xai": "x-ai",
                   "mistral": "mistral", "deepseek": "deepseek", "groq": "groq", "togetherai": "together",
                   "amazon-bedrock": "aws", "zai": "zai", "minimax": "minimax",
                   "moonshotai": "moonshotai", "cohere": "cohere"}
# models.dev's status as the importer reads it; listed without a status is a claim of status null here (the
# entry's status then defaults to active), not the importer's explicit "active".
MODELS_DEV_STATUS = {None: None, **{k: v for k, v in models_dev_format.STATUS.items() if k is not None}}
LIFECYCLE_KEYS = ("source", "rank", "said_on", "note", "status", "deprecated_on", "shutdown_on", "replacement")
CLAIM_KEYS = ("source", "rank", "status", "deprecated_on", "shutdown_on", "said_on", "note")


def models_dev_claim(md: dict[str, Any]) -> dict[str, Any]:
    """models.dev's `status` (absent: listed without a status, a claim of status null), said on its snapshot day."""
    status = md.get("status")
    if status not in MODELS_DEV_STATUS:
        raise BuildError(f"unknown models.dev status {status!r}")
    return {"source": "models.dev", "rank": "aggregator", "status": MODELS_DEV_STATUS[status],
            "said_on": MODELS_DEV_DATE,
            "note": f"models.dev lists the model with status '{status}'" if status
            else "models.dev lists the model without a status flag"}


def genai_model(provider: str, model_id: str, inp: Inputs) -> dict[str, Any] | None:
    """The genai-prices model for our id: one of that id, else the first whose match clause takes it."""
    models = inp.genai_prices.get(GENAI_PROVIDERS.get(provider, ""), [])
    return next((m for m in models if m["id"] == model_id), None) or next(
        (m for m in models if genai_format.matches(m.get("match"), model_id)), None)


def aggregator_claims(provider: str, model_id: str, ll: dict[str, Any] | None, aa: dict[str, Any] | None,
                      inp: Inputs) -> list[dict[str, Any]]:
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
