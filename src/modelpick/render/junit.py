"""JUnit XML: one testcase per workload; fail (and warn with --strict) become failures.

Every value is made visible (`escape.visible`) before it goes into the XML: a control character would make
the document invalid XML 1.0, and a CI log that prints the report would act on an ESC."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from modelpick.render import renderer_for
from modelpick.render.escape import visible as v

if TYPE_CHECKING:
    from modelpick.report import (
        AuditFinding,
        AuditResult,
        CheckResult,
        ScanResult,
        ValidationFinding,
        ValidationResult,
    )


def render(result: Any) -> str:
    """The JUnit XML of a result of one of the types in RENDERERS; TypeError for any other."""
    return renderer_for(RENDERERS, result, "junit")(result)


def _check(result: CheckResult) -> str:
    failures = result.failing
    counts = {"tests": str(len(result.results)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "modelpick check", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": v(f"modelpick check {result.config}"), **counts})
    for r in result.results:
        case = ET.SubElement(suite, "testcase", {"classname": "modelpick.check", "name": v(r.name),
                                                 "file": v(result.config), "line": str(r.line or 0)})
        text = "\n".join(v(f"{f.severity} [{f.rule}] {f.message}") for f in r.findings)
        if r.status == "fail":
            first = r.findings[0]
            failure = ET.SubElement(case, "failure", {"type": v(first.rule), "message": v(first.message)})
            failure.text = text
        elif r.findings:
            ET.SubElement(case, "system-out").text = text
    return _xml(suites)


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _scan(result: ScanResult) -> str:
    """One testcase per finding; failures for retired and unknown (and deprecated, retiring with --strict)."""
    failing = [f for f in result.findings if result.fails(f)]
    counts = {"tests": str(len(result.findings)), "failures": str(len(failing)), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "modelpick scan", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "modelpick scan", **counts})
    for f in result.findings:
        case = ET.SubElement(suite, "testcase", {"classname": "modelpick.scan",
                                                 "name": v(f"{f.path}:{f.line}:{f.column} {f.text}"),
                                                 "file": v(f.path), "line": str(f.line)})
        if f in failing:
            ET.SubElement(case, "failure", {"type": f.status, "message": v(f.message)}).text = v(f.message)
    return _xml(suites)


def _findings(result: ValidationResult | AuditResult) -> str:
    """Registry validate and audit: one testcase per file, failing with each of its findings."""
    by_file: dict[str, list[ValidationFinding | AuditFinding]] = {file: [] for file in result.files}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    failures = sum(1 for found in by_file.values() if found)
    counts = {"tests": str(len(by_file)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": f"modelpick {result.command}", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": f"modelpick {result.command}", **counts})
    for file, found in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": f"modelpick.{result.command.replace(' ', '.')}",
                                                 "name": v(file), "file": v(file)})
        if found:
            text = "\n".join(v(f"{f.file}:{f.line or 0}: {f.path or '-'}: [{f.rule}] {f.message}") for f in found)
            ET.SubElement(case, "failure", {"type": found[0].rule, "message": v(found[0].message)}).text = text
    return _xml(suites)


# Which result each command with --format junit prints, and how; by the type's name (render.type_name), so
# that check's findings do not import the registry tooling's models.
RENDERERS: dict[str, Callable[[Any], str]] = {
    "modelpick.report.check.CheckResult": _check,
    "modelpick.report.scan.ScanResult": _scan,
    "modelpick.report.upkeep.ValidationResult": _findings,
    "modelpick.report.upkeep.AuditResult": _findings,
}
