"""Deprecated and retired entries, judged at --as-of from every source's claim (registry/lifecycle.py)."""

from __future__ import annotations

from collections.abc import Hashable

from modelpick.cost_model import CostEstimate
from modelpick.registry.lifecycle import replacement_hint, standing
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def _unreleased(entry: Entry, w: ResolvedWorkload) -> list[str]:
    """An --as-of before the entry's release date: it is judged all the same (the registry knows it), said so."""
    released = entry.model.release_date.value if entry.model.release_date else None
    return [f"not released until {released} (as of {w.as_of})"] if released and w.as_of < released else []


def reads(w: ResolvedWorkload) -> Hashable:
    """Everything `check` reads of the workload (its outcome is the same for workloads equal in this)."""
    return w.as_of, w.requires.include_deprecated


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    s = standing(entry, w.as_of)
    hint, disputed = replacement_hint(entry), s.disputed_text
    if s.status == "retired":
        out.reasons.append(f"{s.why} (as of {w.as_of}){disputed}{hint}")
        return
    if s.status == "deprecated":
        if w.requires.include_deprecated:
            out.warnings.append(f"{s.why}{disputed}{hint}")
            out.warnings += _unreleased(entry, w)
        else:
            out.reasons.append(f"{s.why} (as of {w.as_of}; include_deprecated allows it){disputed}{hint}")
        return
    out.warnings += _unreleased(entry, w)
    if s.status == "preview":
        out.warnings.append("preview: may change or go away without notice")
    # An entry in force may still carry a source's shutdown date: passed (the sources disagree) or to come.
    for source, day in s.shutdowns:
        if day <= w.as_of:
            out.warnings.append(f"{source} gives a shutdown date of {day}, passed; {s.source} says "
                                f"{s.status}{hint}")
        else:
            per = "" if source == s.source else f" (per {source})"
            out.warnings.append(f"shuts down on {day}{per}{hint}")
    if s.disputes and not any(day <= w.as_of for _, day in s.shutdowns):
        out.warnings.append(f"lifecycle disputed: {s.source} says {s.status}; {'; '.join(s.disputes)}")


__all__ = ["check", "reads"]
