"""GitHub Actions workflow commands: each finding becomes an annotation on the workload's line.

Every value is made visible (`escape.visible`: no ESC, newline or other control character reaches the log)
and then escaped as the runner reads it, so that a workload name, a path or a message can neither end the
command nor start another (`::` and `,` in a property are escaped too)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from modelpick.render import renderer_for
from modelpick.render.escape import visible

if TYPE_CHECKING:
    from modelpick.report import AuditResult, CheckResult, ScanResult, ValidationResult


def _escape_data(text: str) -> str:
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: Any) -> str:
    """The annotations of a result of one of the types in RENDERERS; TypeError for any other."""
    return renderer_for(RENDERERS, result, "github")(result)


def _check(result: CheckResult) -> str:
    lines = []
    for r in result.results:
        for finding in r.findings:
            level = "error" if finding.severity == "error" or result.strict else "warning"
            props = f"file={_escape_property(result.config)}"
            if r.line:
                props += f",line={r.line}"
            props += f",title={_escape_property(f'modelpick {finding.rule}: {r.name}')}"
            lines.append(f"::{level} {props}::{_escape_data(finding.message)}")
    s = result.summary
    lines.append(f"modelpick check: {s['pass']} pass, {s['warn']} warn, {s['fail']} fail")
    return "\n".join(lines) + "\n"


def _scan(result: ScanResult) -> str:
    lines = []
    for f in result.findings:
        if f.status == "ok":
            continue
        level = "error" if result.fails(f) else "warning"
        props = f"file={_escape_property(f.path)},line={f.line},col={f.column}"
        props += f",title={_escape_property(f'modelpick scan: {f.status}')}"
        lines.append(f"::{level} {props}::{_escape_data(f.message)}")
    s = result.summary
    lines.append(f"modelpick scan: {s['files']} files, " + ", ".join(
        f"{s[k]} {k}" for k in ("ok", "unpinned", "retiring", "deprecated", "retired", "unknown")))
    return "\n".join(lines) + "\n"


def _findings(result: ValidationResult | AuditResult) -> str:
    """Registry validate and audit: one annotation per finding, on its file and line where known."""
    lines = []
    for f in result.findings:
        props = f"file={_escape_property(f.file)}" + (f",line={f.line}" if f.line else "")
        props += f",title={_escape_property(f'modelpick {result.command}: {f.rule}')}"
        where = f"{f.path}: " if f.path else ""
        lines.append(f"::{f.severity} {props}::{_escape_data(where + f.message)}")
    lines.append(f"modelpick {result.command}: {len(result.findings)} findings")
    return "\n".join(lines) + "\n"


# Which result each command with --format github prints, and how; by the type's name (render.type_name), so
# that check's findings do not import the registry tooling's models.
RENDERERS: dict[str, Callable[[Any], str]] = {
    "modelpick.report.check.CheckResult": _check,
    "modelpick.report.scan.ScanResult": _scan,
    "modelpick.report.upkeep.ValidationResult": _findings,
    "modelpick.report.upkeep.AuditResult": _findings,
}
