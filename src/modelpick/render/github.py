"""GitHub Actions workflow commands: each finding becomes an annotation on the workload's line."""

from __future__ import annotations

from modelpick.report import CheckResult


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult) -> str:
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
