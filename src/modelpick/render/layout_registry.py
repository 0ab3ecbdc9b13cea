"""Layouts of the registry tooling results (validate, diff, import, audit): LAYOUTS, keyed by the result type's
name (render.type_name), which `layout` reads on first need."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from modelpick.render import type_name
from modelpick.render.layout import Document, Section, money
from modelpick.report import AuditResult, ImportResult, RegistryDiff, ValidationResult


def _where(file: str, line: int | None) -> str:
    return f"{file}:{line}" if line else file


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def _validation(result: ValidationResult, *, show_excluded: bool = False) -> Document:
    rows = [[_where(f.file, f.line), f.path or "-", f.rule, f.message] for f in result.findings]
    s = result.summary
    note = (f"{s['findings']} finding{'' if s['findings'] == 1 else 's'} in {s['files']} file"
            f"{'' if s['files'] == 1 else 's'} ({s['entries']} entries, as of {result.as_of}"
            f"{f', --max-age {result.max_age_days}' if result.max_age_days is not None else ''})")
    return Document(sections=[Section(None, ["where", "key", "rule", "finding"], rows)] if rows else [],
                    notes=[note])


def _diff(result: RegistryDiff, *, show_excluded: bool = False) -> Document:
    sections = []
    entries = [["added", key, "", "", ""] for key in result.added]
    entries += [["removed", key, "", "", ""] for key in result.removed]
    for change in result.changed:
        for i, field in enumerate(change.changes):
            entries.append(["changed" if i == 0 else "", change.key if i == 0 else "", field.field,
                            _value(field.old), _value(field.new)])
    if entries:
        sections.append(Section("entries", ["", "entry", "field", "old", "new"], entries))
    if result.workloads:
        rows = []
        for w in result.workloads:
            change = "-" if w.cost_change is None else f"{w.cost_change:+.1%}"
            rows.append([w.name, w.old_top or "none fits", w.new_top or "none fits",
                         money(w.old_per_month) if w.old_per_month is not None else "-",
                         money(w.new_per_month) if w.new_per_month is not None else "-", change])
        sections.append(Section("workloads", ["workload", "old top pick", "new top pick", "old $/month",
                                              "new $/month", "change"], rows))
    s = result.summary
    return Document(title=f"{result.old} -> {result.new}", sections=sections, notes=[
        f"{s['added']} added, {s['removed']} removed, {s['changed']} changed, {s['unchanged']} unchanged; "
        f"{s['top_changed']} of {s['workloads']} workloads change top pick (as of {result.as_of})"])


def _import(result: ImportResult, *, show_excluded: bool = False) -> Document:
    sections = [Section("written", ["provider", "entries", "file"],
                        [[p, str(n), path] for (p, n), path in zip(result.providers.items(), result.written, strict=True)])]
    if result.skipped:
        sections.append(Section("skipped", ["reason", "entries"], [[r, str(n)] for r, n in result.skipped.items()]))
    filtered = f", {result.filtered} of other providers left out" if result.filtered else ""
    return Document(title=f"{result.file} ({result.format}, read {result.read})", sections=sections, notes=[
        f"{result.imported} of {result.total} entries imported into {len(result.providers)} provider files, "
        f"{sum(result.skipped.values())} skipped{filtered}; check them with `modelpick registry validate`"])


def _audit(result: AuditResult, *, show_excluded: bool = False) -> Document:
    rows = []
    for d in result.disagreements:
        status = "recorded" if d.recorded else "DIFFERS" if d.beyond_tolerance else "within tolerance"
        rows.append([status, f"{d.provider}/{d.model}", d.field, f"{_value(d.ours)} ({d.our_source.get('source')})",
                     _value(d.theirs), _where(d.file, d.line)])
    s = result.summary
    return Document(title=f"registry vs {result.against} ({result.format})",
                    sections=[Section(None, ["status", "entry", "field", "ours (source)", "theirs", "where"], rows)]
                    if rows else [],
                    notes=[f"{s['matched']} entries matched, {s['disagreements']} disagreements: {s['recorded']} "
                           f"recorded under others, {s['failing']} failing (tolerance {result.tolerance:g}); "
                           f"{len(result.only_ours)} only in ours, {result.only_theirs} only in theirs"])


LAYOUTS: dict[str, Callable[..., Document]] = {
    type_name(ValidationResult): _validation,
    type_name(RegistryDiff): _diff,
    type_name(ImportResult): _import,
    type_name(AuditResult): _audit,
}
