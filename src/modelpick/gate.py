"""`modelpick check`: does each workload's chosen model still hold? Findings per workload, by rule.

Rules (id, severity):
- unknown-model (error): the chosen MODEL does not resolve (with "did you mean"), or names several providers.
- constraint (error): one finding per hard requirement the chosen entry fails (modalities, features, context,
  knowledge, providers, quality floors, speed).
- budget (error): monthly cost over policy.max_monthly_cost_usd or requires.max_monthly_cost_usd.
- deprecated (warning), retiring (warning, shutdown within policy.retirement_warning_days), retired (error),
  all judged at --as-of from every source's lifecycle claim (registry/lifecycle.py); a source's shutdown date
  that has passed while the status in force says otherwise is a retired warning naming that source.
- best-alternative (error): an entry that meets every requirement with at least the chosen entry's quality
  costs less than the chosen cost / policy.max_cost_ratio.
- rank (error): the chosen entry ranks below policy.max_rank.
- unpinned (error): policy.require_snapshot is set and MODEL is not a dated snapshot.
- cost-increase (error): with --baseline, monthly cost rose by more than policy.max_cost_increase.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from modelpick import ranking
from modelpick.batch import Batch
from modelpick.config import Config, ConfiguredWorkload
from modelpick.errors import ModelpickError, UnknownTaskError
from modelpick.registry.lifecycle import is_pinned, replacement_hint, standing
from modelpick.registry.loader import Entry, Registry, Tasks
from modelpick.report import (
    BestAlternative,
    CheckCost,
    CheckedWorkload,
    CheckResult,
    CostChange,
    Finding,
    money_text,
)
from modelpick.rules import RULES, budget, lifecycle
from modelpick.workload import resolve

# Lifecycle and budget have rules of their own in check, with their own ids and severities.
CONSTRAINT_RULES = tuple(r for r in RULES if r not in (lifecycle.check, budget.check))


def _lifecycle_findings(entry: Entry, as_of: dt.date, warning_days: int) -> list[Finding]:
    """Retired (error) or deprecated (warning) in force; then every source's shutdown date that has passed or
    falls within `warning_days` (a warning naming the source where the status in force disagrees)."""
    s = standing(entry, as_of)
    replacement = replacement_hint(entry)
    if s.status == "retired":
        return [Finding(rule="retired", severity="error", message=f"{entry.key} is {s.why_text}{replacement}")]
    findings = []
    if s.status == "deprecated":
        findings.append(Finding(rule="deprecated", severity="warning",
                                message=f"{entry.key} is {s.why_text}{replacement}"))
    for source, day in s.shutdowns:
        per = "" if source == s.source else f" per {source}"
        if day <= as_of:
            findings.append(Finding(rule="retired", severity="warning", message=(
                f"{entry.key} shut down on {day}{per}; {s.source} says {s.status}{replacement}")))
        elif day <= as_of + dt.timedelta(days=min(warning_days, (dt.date.max - as_of).days)):  # at most date.max
            findings.append(Finding(rule="retiring", severity="warning", message=(
                f"{entry.key} shuts down on {day}{per}, in {(day - as_of).days} days{replacement}")))
    return findings


def _resolve(registry: Registry, name: str) -> Entry | ModelpickError:
    """The entry MODEL names, or why none does (its "did you mean" reads every name: once per name in a batch)."""
    try:
        return registry.get(name)
    except ModelpickError as exc:
        return exc.with_traceback(None)


def check_workload(item: ConfiguredWorkload, registry: Registry, tasks: Tasks, as_of: dt.date,
                   batch: Batch | None = None) -> CheckedWorkload:
    """One workload's findings. `batch`: shared by the workloads of one run (what does not depend on a
    workload's numbers is computed once); the result is the same with or without it."""
    w, policy = item.workload, item.workload.policy
    batch = batch or Batch(registry)
    entry = batch.once(("model", w.model), lambda: _resolve(registry, w.model))
    if isinstance(entry, ModelpickError):
        return CheckedWorkload(name=item.name, model=w.model, provider=None, status="fail", line=item.line,
                               findings=[Finding(rule="unknown-model", severity="error", message=entry.message)],
                               cost=None, best_alternative=None)
    ctx = resolve(w, tasks, as_of)
    evaluations = {ev.entry.key: ev for ev in ranking.evaluate(registry, ctx, batch=batch, explain=False,
                                                               chosen=entry)}
    chosen = evaluations[entry.key]
    estimate = chosen.estimate
    findings: list[Finding] = []

    for reason in batch.apply_rules(entry, ctx, estimate, CONSTRAINT_RULES).reasons:
        findings.append(Finding(rule="constraint", severity="error", message=reason))

    limits = [x for x in (policy.max_monthly_cost_usd, w.requires.max_monthly_cost_usd) if x is not None]
    if limits and estimate.per_month > Decimal(str(min(limits))):
        findings.append(Finding(rule="budget", severity="error", message=(
            f"costs {money_text(estimate.per_month)}/month, over the budget of {money_text(Decimal(str(min(limits))))}")))

    findings += _lifecycle_findings(entry, as_of, policy.retirement_warning_days)

    alternative = None
    if policy.max_cost_ratio is not None:
        chosen_quality = ranking.batch_quality(batch, entry, ctx, chosen.hidden.effort)
        quality = chosen_quality.value if chosen_quality else None
        limit = estimate.per_month / Decimal(str(policy.max_cost_ratio))
        cheaper = [ev for ev in evaluations.values()
                   if ev.rank and ev.entry.key != entry.key and ev.quality is not None and quality is not None
                   and ev.quality.value >= quality and ev.estimate.per_month < limit]
        if cheaper:
            best = min(cheaper, key=lambda ev: (ev.estimate.per_month, ev.entry.key))
            alternative = BestAlternative(model=best.entry.id, provider=best.entry.provider,
                                          per_month=best.estimate.per_month)
            findings.append(Finding(rule="best-alternative", severity="error", message=(
                f"{best.entry.key} meets every requirement with at least the same quality for {ctx.task_id} "
                f"({best.quality.value:.2f} vs {quality:.2f}) at {money_text(best.estimate.per_month)}/month, "
                f"against {money_text(estimate.per_month)}/month for {entry.key} "
                f"(max_cost_ratio {policy.max_cost_ratio:g})")))

    if policy.max_rank is not None and chosen.rank is not None and chosen.rank > policy.max_rank:
        findings.append(Finding(rule="rank", severity="error", message=(
            f"{entry.key} ranks {chosen.rank} for this workload, below max_rank {policy.max_rank}; "
            f"first is {_first(evaluations)}")))

    if policy.require_snapshot and not is_pinned(w.model, entry):
        pin = f"; pin a dated snapshot such as {entry.model.snapshots[-1]}" if entry.model.snapshots else ""
        findings.append(Finding(rule="unpinned", severity="error",
                                message=f"{w.model!r} is not a dated snapshot (require_snapshot){pin}"))

    return CheckedWorkload(
        name=item.name, model=entry.id, provider=entry.provider, status=_status(findings), line=item.line,
        findings=findings, rank=chosen.rank, best_alternative=alternative,
        reasoning=ranking.assumed_reasoning(chosen.hidden),
        cost=CheckCost(per_request=estimate.per_request, per_day=estimate.per_day, per_month=estimate.per_month),
    )


def _first(evaluations: dict[str, ranking.Evaluation]) -> str:
    first = [ev for ev in evaluations.values() if ev.rank == 1]
    return first[0].entry.key if first else "none"


def _status(findings: list[Finding]) -> str:
    if any(f.severity == "error" for f in findings):
        return "fail"
    return "warn" if findings else "pass"


def compare_baseline(result: CheckedWorkload, old: ConfiguredWorkload | None, registry: Registry, tasks: Tasks,
                     as_of: dt.date, max_increase: float | None, batch: Batch | None = None) -> CheckedWorkload:
    """Add the monthly cost at the baseline config (same registry) and the cost-increase finding."""
    if old is None:
        change = CostChange(baseline_model=None, baseline_per_month=None,
                            per_month=result.cost.per_month if result.cost else None)
        return result.model_copy(update={"baseline": change})
    try:
        entry = registry.get(old.workload.model)
    except ModelpickError:
        change = CostChange(baseline_model=old.workload.model, baseline_per_month=None,
                            per_month=result.cost.per_month if result.cost else None)
        return result.model_copy(update={"baseline": change})
    ctx = resolve(old.workload, tasks, as_of)
    before = ranking.estimate(registry, ctx, entry, batch=batch).per_month
    after = result.cost.per_month if result.cost else None
    ratio = float(after / before - 1) if after is not None and before else None
    change = CostChange(baseline_model=entry.key, baseline_per_month=before, per_month=after,
                        change=None if ratio is None else round(ratio, 6))
    findings = list(result.findings)
    if max_increase is not None and ratio is not None and ratio > max_increase:
        findings.append(Finding(rule="cost-increase", severity="error", message=(
            f"monthly cost rises {ratio:.1%} from {money_text(before)} ({entry.key}) to {money_text(after)}, "
            f"more than max_cost_increase {max_increase:.0%}")))
    return result.model_copy(update={"baseline": change, "findings": findings, "status": _status(findings)})


def run_check(config: Config, registry: Registry, tasks: Tasks, as_of: dt.date, *, strict: bool = False,
              baseline: Config | None = None) -> CheckResult:
    for item in config.workloads:
        if item.workload.task not in tasks.profiles:
            raise UnknownTaskError(item.workload.task, tasks.profiles, file=config.path, line=item.task_line)
    batch = Batch(registry)  # one for every workload of the run (and of the baseline: the same registry)
    results = [check_workload(item, registry, tasks, as_of, batch) for item in config.workloads]
    if baseline is not None:
        old = {item.name: item for item in baseline.workloads}
        results = [compare_baseline(r, old.get(r.name), registry, tasks, as_of,
                                    item.workload.policy.max_cost_increase, batch)
                   for r, item in zip(results, config.workloads, strict=True)]
    if strict:
        results = [r.model_copy(update={"status": "fail"}) if r.status == "warn" else r for r in results]
    summary = {status: sum(r.status == status for r in results) for status in ("pass", "warn", "fail")}
    return CheckResult(as_of=as_of, config=config.path, strict=strict, results=results, summary=summary)
