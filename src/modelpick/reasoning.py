"""Hidden reasoning tokens per request: at which effort, how many, and on what evidence.

For a reasoning entry, in this order:

1. The effort: the workload's `reasoning_effort`; else the task's policy (`lowest`: the lowest effort the
   model offers, or a named effort); else the provider API's default; else, with no default on record, `medium`. An effort
   the model does not offer becomes the nearest one it does (see effort.nearest).
2. The tokens: the workload's `reasoning_tokens` when given. Else, at effort `none`, 0. Else the entry's
   own measurement at that effort:

       hidden tokens = output tokens x sum(reasoning tokens) / sum(answer tokens)

   summed over the task's evaluations the measurement has (all of its evaluations when it has none of
   them). Else the entry's effort-less `reasoning_tokens.per_output_token`. Else a derived estimate: the
   median ratio of the other entries measured at the same effort on the task's nearest evaluation that
   any of them has. Else unknown: counted as 0, and said so.

Budget, context and max-output rules read the same figure as the cost (it is in the estimate's tokens).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, TypeVar

from modelpick import distribution
from modelpick.effort import EFFORTS, lowest, nearest
from modelpick.registry.loader import Entry, Registry
from modelpick.registry.schema import EffortMeasurement, EvalTokens, TaskProfile
from modelpick.workload import TokenDistribution, Workload

Kind = Literal["none", "workload", "measured", "derived", "unknown"]
UNKNOWN_DEFAULT = "medium"
NO_THINKING = ("none", "minimal")
T = TypeVar("T")


@dataclass(frozen=True)
class HiddenTokens:
    """The hidden reasoning assumed for one entry on one workload."""

    effort: str | None  # None: the entry does not reason
    effort_basis: str
    tokens: Decimal  # per request
    per_output_token: Decimal | None
    kind: Kind
    basis: str

    @property
    def warning(self) -> str | None:
        if self.kind == "derived":
            return (f"hidden reasoning tokens derived, not measured: {self.tokens:,} per request at "
                    f"{self.effort} ({self.basis}); set reasoning_tokens for an exact figure")
        if self.kind == "unknown":
            return (f"hidden reasoning tokens unknown at {self.effort} ({self.basis}): not counted; set "
                    "reasoning_tokens")
        return None


# What every entry that does not reason assumes (frozen: one object serves them all).
NOT_REASONING = HiddenTokens(None, "the model does not reason", Decimal(0), None, "none", "no hidden reasoning")


def _usable(effort: str, measurement: EffortMeasurement) -> dict[str, EvalTokens]:
    """The evaluations whose counts can be used. Above minimal effort, a count of 0 reasoning tokens means
    the source booked the thinking as answer tokens (Artificial Analysis' long-context runs of OpenAI's
    models: 0 reasoning and 30x the answer tokens of the minimal run), not that the model did not think."""
    if effort in NO_THINKING:
        return dict(measurement.evals)
    return {k: v for k, v in measurement.evals.items() if v.reasoning > 0}


def _ratio(effort: str, measurement: EffortMeasurement, keys: list[str]) -> tuple[Decimal, str] | None:
    evals = _usable(effort, measurement)
    used = [k for k in keys if k in evals] or sorted(evals)
    if not used:
        return None
    reasoning = sum(evals[k].reasoning for k in used)
    answer = sum(evals[k].answer for k in used)
    scope = "" if any(k in evals for k in keys) else " (none of the task's evaluations; all of its own)"
    basis = (f"{measurement.source} at this effort, {' + '.join(used)}{scope}: {reasoning:,} reasoning / "
             f"{answer:,} answer tokens")
    return Decimal(reasoning) / Decimal(answer), basis


class ReasoningFigures:
    """Every entry's measured ratio per effort and evaluation: the basis of derived estimates. A model
    served by several providers counts once."""

    def __init__(self, registry: Registry) -> None:
        self.ratios: dict[tuple[str, str], dict[tuple[str, str], Decimal]] = {}
        for entry in registry.entries:
            efforts = entry.model.reasoning_efforts
            if not entry.model.reasoning or efforts is None:
                continue
            for effort, measurement in efforts.measured.items():
                for key, counts in _usable(effort, measurement).items():
                    ratio = Decimal(counts.reasoning) / Decimal(counts.answer)
                    self.ratios.setdefault((effort, key), {})[(entry.model.creator, entry.model.name)] = ratio
        # What `assume` settles per entry, not per workload: the effort per (entry, the workload's
        # reasoning_effort, task), the ratio per (entry, effort, task). Keyed by the ids of the entry and the task
        # profile, which the values hold, so that no other object can take those ids while the memo lives.
        self._memo: dict[tuple[Any, ...], tuple[Entry, TaskProfile, Any]] = {}

    def _once(self, key: tuple[Any, ...], entry: Entry, task: TaskProfile, compute: Callable[[], T]) -> T:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = (entry, task, compute())
        return found[2]  # type: ignore[no-any-return]

    def effort(self, entry: Entry, wanted: str | None, task_id: str, task: TaskProfile) -> tuple[str, str]:
        """`_effort`, once per (entry, the workload's reasoning_effort, task)."""
        return self._once(("effort", id(entry), wanted, task_id, id(task)), entry, task,
                          lambda: _effort(entry, wanted, task_id, task))

    def ratio(self, entry: Entry, effort: str, task: TaskProfile) -> tuple[Decimal, Kind, str] | None:
        """`_per_output_token`, once per (entry, effort, task)."""
        return self._once(("ratio", id(entry), effort, id(task)), entry, task,
                          lambda: _per_output_token(entry, effort, task, self))

    def median(self, effort: str, keys: list[str]) -> tuple[Decimal, str] | None:
        """The median ratio at `effort` on the first of `keys` measured for any entry."""
        for key in keys:
            found = self.ratios.get((effort, key))
            if found:
                value = Decimal(str(statistics.median(found.values())))
                entries = f"{len(found)} entries" if len(found) > 1 else "the 1 entry"
                return value, f"median of {entries} measured at {effort} on {key}"
        return None


def _effort(entry: Entry, reasoning_effort: str | None, task_id: str, task: TaskProfile) -> tuple[str, str]:
    efforts = entry.model.reasoning_efforts
    offered = list(efforts.supported) if efforts else []
    policy = task.reasoning.effort if task.reasoning else "api-default"
    if reasoning_effort is not None:
        wanted, basis = reasoning_effort, "the workload's reasoning_effort"
    elif policy == "lowest" and offered:
        wanted, basis = lowest(offered) or UNKNOWN_DEFAULT, f"{task_id} policy: the lowest effort offered"
    elif policy in EFFORTS:
        wanted, basis = policy, f"{task_id} policy: {policy} effort"
    elif efforts is not None and efforts.default is not None:
        wanted, basis = efforts.default, "the API default"
    else:
        wanted, basis = UNKNOWN_DEFAULT, f"API default not on record: {UNKNOWN_DEFAULT} assumed"
    effort = nearest(wanted, offered)
    if effort != wanted:
        basis += f"; {wanted} is not offered, {effort} is the nearest"
    return effort, basis


def assume(entry: Entry, workload: Workload, task_id: str, task: TaskProfile, output_tokens: int,
           figures: ReasoningFigures) -> HiddenTokens:
    """The effort and hidden reasoning tokens per request for `entry` on this workload (see the module)."""
    if not entry.model.reasoning:
        return NOT_REASONING
    effort, effort_basis = figures.effort(entry, workload.reasoning_effort, task_id, task)
    given = workload.reasoning_tokens
    if isinstance(given, TokenDistribution):
        return HiddenTokens(effort, effort_basis, Decimal(round(given.fit().mean)), None, "workload",
                            f"the workload's reasoning_tokens, the mean of {given.text()}")
    if given is not None:
        return HiddenTokens(effort, effort_basis, Decimal(given), None, "workload", "the workload's reasoning_tokens")
    if effort == "none":
        return HiddenTokens(effort, effort_basis, Decimal(0), Decimal(0), "none", "reasoning off")
    found = figures.ratio(entry, effort, task)
    if found is None:
        return HiddenTokens(effort, effort_basis, Decimal(0), None, "unknown",
                            f"no measurement at {effort} for this or any other entry")
    ratio, kind, basis = found
    return HiddenTokens(effort, effort_basis, (ratio * output_tokens).to_integral_value(), ratio, kind, basis)


def _per_output_token(entry: Entry, effort: str, task: TaskProfile, figures: ReasoningFigures
                      ) -> tuple[Decimal, Kind, str] | None:
    """Hidden tokens per output token at `effort`: (ratio, kind, basis), from the entry's measurement, its
    effort-less figure or the other entries' median; None when there is none."""
    keys = list(task.reasoning.evals) if task.reasoning else []
    efforts = entry.model.reasoning_efforts
    measurement = efforts.measured.get(effort) if efforts else None  # type: ignore[call-overload]
    found = _ratio(effort, measurement, keys) if measurement else None
    kind: Kind = "measured"
    if found is None and entry.model.reasoning_tokens is not None:
        legacy = entry.model.reasoning_tokens
        found = Decimal(str(legacy.per_output_token)), f"{legacy.source}, effort not stated"
    if found is None:
        kind = "derived"
        found = figures.median(effort, keys) or figures.median(effort, sorted({k for e, k in figures.ratios
                                                                              if e == effort}))
    if found is None:
        return None
    ratio, basis = found
    return ratio, kind, f"{basis}; {ratio:.3g} per output token"


def fitted(hidden: HiddenTokens, output: distribution.LogNormal | None,
           given: distribution.LogNormal | None) -> distribution.LogNormal | None:
    """The distribution of the hidden tokens: the workload's own (`given`) where it gives one; else, where
    they are a ratio of the output, the output's distribution scaled by it (reasoning moves with the output);
    else the constant count; None for none."""
    if hidden.kind == "workload" and given is not None:
        return given
    if hidden.per_output_token and output is not None:
        return distribution.LogNormal(output.mu + math.log(hidden.per_output_token), output.sigma)
    return distribution.constant(float(hidden.tokens))


__all__ = ["EFFORTS", "HiddenTokens", "ReasoningFigures", "assume"]
