"""Every disagreement between the active registry and a foreign one (LiteLLM, models.dev, OpenRouter,
genai-prices).

An entry of theirs is matched to ours by PROVIDER/MODEL, where MODEL may be our id, a snapshot or an
alias (an exact id wins over a snapshot or alias). OpenRouter ids (`openrouter/<author>/<model>`) are
matched to our first-party `<author>/<model>` entries.

Compared: prices (input, output, cached_input, cache_write, reasoning; batch and the flex and priority
service tiers; long-context tiers by threshold, with their own batch/flex/priority prices), limits, modalities and features (as sets; features only within the vocabulary the foreign
format can state), lifecycle dates, and lifecycle status where the format states one.

A value we don't have, or they don't have, is not a disagreement: unknown is not a claim. A disagreement
is `recorded` when our entry already lists their value under `others` or, for lifecycle, among its claims
(from any source); recorded
disagreements do not fail. Numbers are within tolerance when |ours - theirs| / max(|ours|, |theirs|) is
at most `tolerance`; sets, dates and statuses have no tolerance.

Prices are those in force on `as_of` on both sides: ours by `Pricing.in_force`, theirs by the same rule on
the imported price list (the latest `effective_from` on or before the day). A foreign price list whose
earliest date is after the day states no price for that day, so nothing is compared.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from modelpick.registry.loader import Entry, Registry
from modelpick.report import AuditResult, Disagreement
from modelpick.upkeep.foreign import ForeignRegistry
from modelpick.upkeep.foreign.openrouter import our_keys as openrouter_keys

PRICE_KEYS = ("input", "output", "cached_input", "cache_write", "reasoning")
BATCH_KEYS = ("input", "output", "cached_input", "cache_write")
VARIANTS = ("batch", "flex", "priority")  # a price list's variants, each a price set of BATCH_KEYS and reasoning
# Field order in the output (within one entry); tier fields follow pricing.tiers.
FIELD_ORDER = ("context_window", "max_output_tokens", *(f"pricing.{k}" for k in PRICE_KEYS),
               *(f"pricing.{v}.{k}" for v in VARIANTS for k in BATCH_KEYS), "pricing.tiers", "modalities.input",
               "modalities.output", "features", "lifecycle.status", "lifecycle.deprecated_on",
               "lifecycle.shutdown_on")


# ---------------------------------------------------------------- flattening

def _num(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))  # YAML floats: str() is the shortest form, so 0.1 stays 0.1
    if isinstance(value, (int, str)):
        try:
            return Decimal(value)
        except ArithmeticError:
            return None
    return None


def _date(value: Any) -> str | None:
    if isinstance(value, (dt.date, str)):
        return str(value)
    return None


def _prices(out: dict[str, Any], prefix: str, prices: Any, keys: tuple[str, ...]) -> None:
    if not isinstance(prices, dict):
        return
    for key in keys:
        number = _num(prices.get(key))
        if number is not None:
            out[f"{prefix}{key}"] = number


def _flat_pricing(out: dict[str, Any], pricing: Any) -> None:
    if not isinstance(pricing, dict):
        return
    _prices(out, "pricing.", pricing, PRICE_KEYS)
    for variant in VARIANTS:
        _prices(out, f"pricing.{variant}.", pricing.get(variant), BATCH_KEYS)
    tiers = [t for t in pricing.get("tiers") or [] if isinstance(t, dict) and t.get("above_input_tokens")]
    if tiers:
        out["pricing.tiers"] = tuple(int(t["above_input_tokens"]) for t in tiers)
    for tier in tiers:
        prefix = f"pricing.tiers[{int(tier['above_input_tokens'])}]."
        _prices(out, prefix, tier, PRICE_KEYS)
        for variant in VARIANTS:
            _prices(out, f"{prefix}{variant}.", tier.get(variant), BATCH_KEYS)


def in_force(pricing: Any, day: dt.date) -> Any:
    """The price list (a provider-file pricing mapping) in force on `day`: the one with the latest
    effective_from on or before it; an undated list is in force every day; None when every list starts
    later (the source states no price for that day)."""
    if not isinstance(pricing, dict):
        return pricing
    lists = [pricing, *(h for h in pricing.get("history") or [] if isinstance(h, dict))]
    dated = [(h["effective_from"], h) for h in lists if isinstance(h.get("effective_from"), dt.date)]
    if len(dated) < len(lists):  # an undated list (no history): in force every day
        return pricing
    current = [h for start, h in sorted(dated, key=lambda pair: pair[0]) if start <= day]
    return current[-1] if current else None


def flatten(entry: dict[str, Any], features_covered: tuple[str, ...], with_status: bool) -> dict[str, Any]:
    """The comparable values of one entry (a provider-file model dict), keyed by field path.
    Absent values are absent here too."""
    out: dict[str, Any] = {}
    for key in ("context_window", "max_output_tokens"):
        cited = entry.get(key)
        value = cited.get("value") if isinstance(cited, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            out[key] = value
    _flat_pricing(out, entry.get("pricing"))
    mods = entry.get("modalities")
    if isinstance(mods, dict):
        for side in ("input", "output"):
            if isinstance(mods.get(side), list):
                out[f"modalities.{side}"] = frozenset(mods[side])
    features = entry.get("features")
    if isinstance(features, dict) and isinstance(features.get("values"), list):
        out["features"] = frozenset(features["values"]) & frozenset(features_covered)
    life = entry.get("lifecycle")
    if isinstance(life, dict):
        if with_status and life.get("status"):
            out["lifecycle.status"] = life["status"]
        for key in ("deprecated_on", "shutdown_on"):
            if _date(life.get(key)):
                out[f"lifecycle.{key}"] = _date(life[key])
    return out


def _alternatives(ours: dict[str, Any], top: str, features_covered: tuple[str, ...]) -> list[dict[str, Any]]:
    """The values our entry records under `<top>.others`, each flattened like an entry."""
    cited = ours.get(top)
    others = cited.get("others") or [] if isinstance(cited, dict) else []
    if top == "lifecycle" and isinstance(cited, dict):
        # Every source's lifecycle claim is on record; one that lists the model without a flag says active.
        others = [*others, *({"value": {**c, "status": c.get("status") or "active"}}
                             for c in cited.get("claims") or [] if isinstance(c, dict))]
    found = []
    for alt in others:
        value = alt.get("value")
        if top in ("context_window", "max_output_tokens"):
            wrapped = {"value": value}
        elif top == "features":
            wrapped = {"values": value}
        else:
            wrapped = value
        found.append(flatten({top: wrapped}, features_covered, True))
    return found


# ---------------------------------------------------------------- comparing

def _plain(value: Any) -> Any:
    """A JSON-ready form: prices as numbers (shortest exact form), sets as sorted lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _difference(ours: Any, theirs: Any) -> float | None:
    """|ours - theirs| / max(|ours|, |theirs|) for numbers (prices, limits); None for sets, dates, statuses."""
    if not all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in (ours, theirs)):
        return None
    a, b = Decimal(ours), Decimal(theirs)
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else float(abs(a - b) / scale)


def _order(field: str) -> tuple[int, str]:
    base = field
    if field.startswith("pricing.tiers["):
        base = "pricing.tiers"
    return FIELD_ORDER.index(base) if base in FIELD_ORDER else len(FIELD_ORDER), field


def _tier_order(field: str) -> tuple[Any, ...]:
    if field.startswith("pricing.tiers["):
        threshold, _, rest = field[len("pricing.tiers["):].partition("].")
        return (int(threshold), rest)
    return ()


def _index(registry: Registry) -> tuple[dict[tuple[str, str], Entry], dict[tuple[str, str], Entry]]:
    ids = {(e.provider, e.model.id): e for e in registry.entries}
    names: dict[tuple[str, str], Entry] = {}
    for e in registry.entries:
        for name in (*e.model.snapshots, *e.model.aliases):
            names.setdefault((e.provider, name), e)
    return ids, names


def _candidates(foreign: ForeignRegistry, provider: str, model: str) -> list[tuple[str, str]]:
    keys = [(provider, model)]
    if foreign.fmt == "openrouter":
        keys += openrouter_keys(model)
    return keys


def _ours_in_force(entry: Entry, day: dt.date) -> tuple[dict[str, Any], dict[str, str | None]]:
    """Our entry as a provider-file mapping with its prices in force on `day`, and the citation of those
    prices (a dated list cites its own source)."""
    ours = entry.model.model_dump(mode="python")
    schedule, _ = entry.model.pricing.in_force(day)
    # `others` (values other sources give, which make a disagreement `recorded`) is kept from the top list.
    ours["pricing"] = {**schedule.model_dump(mode="python"), "others": ours["pricing"].get("others") or []}
    cited = schedule if hasattr(schedule, "source") else entry.model.pricing
    return ours, entry.cite(cited)  # type: ignore[arg-type]


def audit(registry: Registry, foreign: ForeignRegistry, tolerance: float = 0.0,
          as_of: dt.date | None = None) -> AuditResult:
    day = as_of or dt.date.today()
    ids, names = _index(registry)
    # Pair each of their entries with ours: an exact id first, else a snapshot or alias; one of theirs
    # per entry of ours (an exact-id match beats a snapshot/alias match).
    pairs: dict[str, tuple[int, Entry, dict[str, Any]]] = {}
    only_theirs = 0
    covered: set[str] = set()
    for provider in sorted(foreign.providers):
        for theirs in foreign.providers[provider]["models"]:
            match, rank = None, 0
            for key in _candidates(foreign, provider, theirs["id"]):
                covered.add(key[0])
                if key in ids:
                    match, rank = ids[key], 0
                    break
                if key in names and match is None:
                    match, rank = names[key], 1
            if match is None:
                only_theirs += 1
                continue
            if match.key not in pairs or rank < pairs[match.key][0]:
                pairs[match.key] = (rank, match, theirs)

    their_source = {"source": foreign.source_key, "url": foreign.file, "read": foreign.read.isoformat()}
    found: list[Disagreement] = []
    for key in sorted(pairs):
        _, entry, theirs = pairs[key]
        ours_dict, our_prices_cited = _ours_in_force(entry, day)
        ours_flat = flatten(ours_dict, foreign.features_covered, True)
        theirs_flat = flatten({**theirs, "pricing": in_force(theirs.get("pricing"), day)}, foreign.features_covered,
                              foreign.states_status)
        for field in sorted(set(ours_flat) & set(theirs_flat), key=lambda f: (_order(f)[0], _tier_order(f), f)):
            a, b = ours_flat[field], theirs_flat[field]
            if a == b:
                continue
            top = field.split(".")[0]
            recorded = any(alt.get(field) == b for alt in _alternatives(ours_dict, top, foreign.features_covered))
            difference = _difference(a, b)
            beyond = difference is None or difference > tolerance
            origin = entry.origin(field) or entry.origin(top)
            found.append(Disagreement(
                provider=entry.provider, model=entry.model.id, field=field, ours=_plain(a), theirs=_plain(b),
                our_source=our_prices_cited if top == "pricing" else entry.cite(getattr(entry.model, top)),
                their_source=their_source,
                difference=difference, beyond_tolerance=beyond, recorded=recorded,
                file=origin.file if origin else entry.file, line=origin.line if origin else None))

    only_ours = [e.key for e in registry.entries if e.provider in covered and e.key not in pairs]
    result = AuditResult(against=foreign.file, format=foreign.fmt, tolerance=tolerance, matched=len(pairs),
                         only_ours=only_ours, only_theirs=only_theirs, disagreements=found, summary={})
    summary = {"matched": len(pairs), "disagreements": len(found),
               "beyond_tolerance": sum(d.beyond_tolerance for d in found),
               "recorded": sum(d.recorded for d in found), "failing": result.failing}
    return result.model_copy(update={"summary": summary})


def run_audit(fmt: str, path: Any, registry_paths: list[Any], tolerance: float, as_of: dt.date, *,
              progress: Any = None) -> AuditResult:
    """`registry audit`: the active registry (with `registry_paths` as layers) against a foreign file, with
    the prices in force on `as_of` on both sides."""
    from modelpick.registry.loader import load_registry
    from modelpick.upkeep.foreign import read_foreign

    registry = load_registry(registry_paths)
    return audit(registry, read_foreign(fmt, path, progress=progress, registry=registry), tolerance, as_of)

