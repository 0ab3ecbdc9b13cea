"""Deprecated and retired entries, judged at --as-of."""

from __future__ import annotations

import datetime as dt

from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, RuleContext


def status_on(entry: Entry, as_of: dt.date) -> tuple[str, str]:
    """The lifecycle status on a date and a phrase saying why."""
    life = entry.model.lifecycle
    if life is None:
        return "active", "no lifecycle data"
    if life.shutdown_on and life.shutdown_on <= as_of:
        return "retired", f"retired on {life.shutdown_on}"
    if life.status == "retired" and not life.shutdown_on:
        return "retired", "retired"
    if life.deprecated_on and life.deprecated_on <= as_of:
        shutdown = f", shuts down {life.shutdown_on}" if life.shutdown_on else ""
        return "deprecated", f"deprecated since {life.deprecated_on}{shutdown}"
    if life.status == "deprecated" and not life.deprecated_on:
        shutdown = f", shuts down {life.shutdown_on}" if life.shutdown_on else ""
        return "deprecated", f"deprecated{shutdown}"
    if life.status in ("deprecated", "retired"):
        # Dated in the future relative to --as-of: it was still active then.
        return "active", f"active on {as_of}"
    return life.status, life.status


def check(entry: Entry, ctx: RuleContext, out: Findings) -> None:
    status, why = status_on(entry, ctx.as_of)
    replacement = entry.model.lifecycle.replacement if entry.model.lifecycle else None
    hint = f"; replacement: {replacement}" if replacement else ""
    if status == "retired":
        out.reasons.append(f"{why} (as of {ctx.as_of}){hint}")
    elif status == "deprecated":
        if ctx.workload.requires.include_deprecated:
            out.warnings.append(f"{why}{hint}")
        else:
            out.reasons.append(f"{why} (as of {ctx.as_of}; include_deprecated allows it){hint}")
    elif status == "preview":
        out.warnings.append("preview: may change or go away without notice")
    life = entry.model.lifecycle
    if status == "active" and life and life.shutdown_on and life.shutdown_on > ctx.as_of:
        out.warnings.append(f"shuts down on {life.shutdown_on}{hint}")
