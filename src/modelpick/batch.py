"""What evaluations of many workloads on one registry compute once (`modelpick check` over a config of many
workloads), instead of once per entry x workload pair:

- the registry's hidden-reasoning figures (reasoning.ReasoningFigures, with its per-entry effort and ratio memo);
- the outcome of each rule that reads only the entry and the workload's requirements, task or date
  (rules.STATIC_RULES), per (rule, entry, what the rule reads of the workload);
- whatever a caller memoises with `once`: quality per (entry, task, effort), shutdown-soon per (entry, date),
  speed figures per (entry, effort), the entry (or the error) a model name resolves to.

A batch lives for one run over one registry; it is never stored. A task profile is keyed by its id and the
profile object itself (held by the batch, so the key cannot be reused by another profile).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from modelpick.cost_model import CostEstimate
from modelpick.reasoning import ReasoningFigures
from modelpick.registry.loader import Entry, Registry
from modelpick.registry.schema import TaskProfile
from modelpick.rules import RULES, STATIC_RULES, Findings, Rule
from modelpick.workload import ResolvedWorkload

T = TypeVar("T")
# The static rules, which read no cost (`excluded` runs them before there is one).
STATIC_IN_ORDER = tuple(rule for rule in RULES if rule in STATIC_RULES)
# A rule and, for a static rule, its findings by entry key (for what it reads of one workload).
RuleTable = tuple[Rule, dict[str, Findings] | None]


class Batch:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.figures = ReasoningFigures(registry)
        self._memo: dict[Hashable, Any] = {}
        # (rule, what it reads of a workload) -> entry key -> its findings
        self._rules: dict[tuple[Rule, Hashable], dict[str, Findings]] = {}
        self._profiles: dict[int, TaskProfile] = {}  # held, so that their ids in keys stay theirs
        # the last workload seen, and for it: rules -> `_tables`
        self._last: tuple[ResolvedWorkload, dict[tuple[Rule, ...], list[RuleTable]]] | None = None

    def task_key(self, ctx: ResolvedWorkload) -> tuple[str, int]:
        """The task profile of a workload: its id and the profile object (the benchmarks it weighs)."""
        self._profiles.setdefault(id(ctx.task), ctx.task)
        return ctx.task_id, id(ctx.task)

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, memoised under `key` for the life of the batch."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def _tables(self, ctx: ResolvedWorkload, rules: tuple[Rule, ...]) -> list[RuleTable]:
        """Each of `rules` with, for a static one, its findings by entry key for what it reads of this workload."""
        if self._last is None or self._last[0] is not ctx:
            self._last = ctx, {}
        tables = self._last[1].get(rules)
        if tables is None:
            tables = self._last[1][rules] = [
                (rule, None if reads is None else self._rules.setdefault((rule, reads(ctx)), {}))
                for rule, reads in ((rule, STATIC_RULES.get(rule)) for rule in rules)]
        return tables

    def excluded(self, entry: Entry, ctx: ResolvedWorkload) -> bool:
        """Whether a static rule excludes the entry from this workload, whatever its cost."""
        return bool(self.apply_rules(entry, ctx, None, STATIC_IN_ORDER).reasons)  # type: ignore[arg-type]

    def apply_rules(self, entry: Entry, ctx: ResolvedWorkload, cost: CostEstimate,
                    rules: tuple[Rule, ...] = RULES) -> Findings:
        """rules.apply_rules, the static rules' findings reused: the same reasons and warnings, in rule order."""
        key = entry.key
        out = Findings()
        for rule, table in self._tables(ctx, rules):
            if table is None:
                rule(entry, ctx, cost, out)
                continue
            found = table.get(key)
            if found is None:
                found = table[key] = Findings()
                rule(entry, ctx, cost, found)
            if found.reasons:
                out.reasons += found.reasons
            if found.warnings:
                out.warnings += found.warnings
        return out
