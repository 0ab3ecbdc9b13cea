"""`registry diff OLD NEW`: which entries were added, removed or changed, and what that does to workloads.

Entries are matched by PROVIDER/MODEL. An entry changed when one of its values did; citations are not
values, so `source`, `read`, `note` and `others` (and a benchmark's measurement `date`) are ignored: a
re-read of the same value is not a change. Each value has a key path with the sourced wrapper left out
(`context_window`, not `context_window.value`; `features`, not `features.values`), e.g. `pricing.input`,
`pricing.batch.output`, `pricing.tiers.200000.input` (tiers are keyed by threshold, so reordering is not a
change), `benchmarks.aider_polyglot`, `benchmarks.aider_polyglot.version`. Lists whose order means nothing
(modalities, features, snapshots, aliases) compare as sets and are reported sorted. An unknown value is
None on its side. `lifecycle.status` is the status on `as_of` (what ranking uses), not the declared one,
so an entry without lifecycle data and one declared active do not differ.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from modelpick import ranking
from modelpick.registry.lifecycle import status_on
from modelpick.registry.loader import Entry, Registry, Tasks
from modelpick.registry.schema import Benchmark, Cited
from modelpick.report import EntryChange, FieldChange, RegistryDiff, WorkloadChange
from modelpick.workload import Workload, resolve

CITATION_FIELDS = frozenset({"source", "read", "note", "others"})
SET_PATHS = frozenset({"snapshots", "aliases", "modalities.input", "modalities.output", "features"})
# A list of sub-records is keyed by the field that names each one, so a change is reported on the tier
# (or dated price list) it belongs to rather than on a list position.
LIST_KEYS = ("above_input_tokens", "effective_from")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _list_key(item: BaseModel, index: int) -> tuple[str, str | None]:
    for field in LIST_KEYS:
        value = getattr(item, field, None)
        if value is not None:
            return str(value), field
    return str(index), None


def _visit(out: dict[str, Any], path: str, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, BaseModel):
        skip = {field for field in CITATION_FIELDS if isinstance(value, Cited)}
        if isinstance(value, Benchmark):
            skip.add("date")
        for name in type(value).model_fields:
            if name not in skip:
                # A sourced value sits at its field's own path: context_window, not context_window.value.
                _visit(out, path if name in ("value", "values") else _join(path, name), getattr(value, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            _visit(out, _join(path, str(key)), item)
    elif isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
        for index, item in enumerate(value):
            key, key_field = _list_key(item, index)
            sub: dict[str, Any] = {}
            _visit(sub, "", item)
            sub.pop(key_field or "", None)  # already in the path
            out.update({_join(_join(path, key), k): v for k, v in sub.items()})
    elif path in SET_PATHS:
        out[path] = sorted(set(value))
    elif value != []:  # an empty list of records is no record; absent on the other side too
        out[path] = value


def entry_values(entry: Entry, as_of: dt.date) -> dict[str, Any]:
    """An entry's comparable values by key path; unknown values are absent."""
    out: dict[str, Any] = {}
    _visit(out, "", entry.model)
    out["lifecycle.status"] = status_on(entry, as_of)[0]
    return out


def compare_entries(old: Entry, new: Entry, as_of: dt.date) -> list[FieldChange]:
    before, after = entry_values(old, as_of), entry_values(new, as_of)
    return [FieldChange(field=path, old=before.get(path), new=after.get(path))
            for path in sorted(before.keys() | after.keys()) if before.get(path) != after.get(path)]


def _top(evaluations: list[ranking.Evaluation]) -> ranking.Evaluation | None:
    return next((ev for ev in evaluations if ev.rank == 1), None)


def compare_workload(name: str, workload: Workload, old: Registry, new: Registry, tasks: Tasks,
                     as_of: dt.date) -> WorkloadChange:
    ctx = resolve(workload, tasks, as_of)
    # evaluate() is what recommend() ranks with; it also keeps the cost of entries that no longer fit.
    old_top = _top(ranking.evaluate(old, ctx))
    new_evaluations = ranking.evaluate(new, ctx)
    new_top = _top(new_evaluations)
    old_key = old_top.entry.key if old_top else None
    new_key = new_top.entry.key if new_top else None
    old_cost = old_top.estimate.per_month if old_top else None
    new_cost = new_top.estimate.per_month if new_top else None
    change = (round(float(new_cost / old_cost - 1), 4)
              if old_cost is not None and new_cost is not None and old_cost != 0 else None)
    old_on_new = next((ev for ev in new_evaluations if ev.entry.key == old_key), None)
    return WorkloadChange(
        name=name, old_top=old_key, new_top=new_key, top_changed=old_key != new_key,
        old_per_month=old_cost, new_per_month=new_cost, cost_change=change,
        old_top_new_per_month=old_on_new.estimate.per_month if old_on_new else None,
        old_top_new_rank=old_on_new.rank if old_on_new else None,
    )


def diff(old: Registry, new: Registry, workloads: list[tuple[str, Workload]], tasks: Tasks, as_of: dt.date,
         *, old_label: str = "old", new_label: str = "new") -> RegistryDiff:
    """Entries added, removed and changed from `old` to `new`, and each (name, workload)'s top pick and
    its monthly cost on both. The labels name the two registries in the result (e.g. their paths)."""
    before = {e.key: e for e in old.entries}
    after = {e.key: e for e in new.entries}
    changed = []
    for key in sorted(before.keys() & after.keys()):
        changes = compare_entries(before[key], after[key], as_of)
        if changes:
            entry = after[key]
            changed.append(EntryChange(key=key, provider=entry.provider, model=entry.id, changes=changes))
    results = [compare_workload(name, w, old, new, tasks, as_of) for name, w in workloads]
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    summary = {
        "added": len(added),
        "removed": len(removed),
        "changed": len(changed),
        "unchanged": len(before.keys() & after.keys()) - len(changed),
        "workloads": len(results),
        "top_changed": sum(w.top_changed for w in results),
        "cost_changed": sum(w.old_per_month != w.new_per_month for w in results),
    }
    return RegistryDiff(old=old_label, new=new_label, as_of=as_of, added=added, removed=removed,
                        changed=changed, workloads=results, summary=summary)
