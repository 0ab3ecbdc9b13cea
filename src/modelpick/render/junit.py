"""JUnit XML: one testcase per workload; fail (and warn with --strict) become failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from modelpick.report import CheckResult


def render(result: CheckResult) -> str:
    failures = sum(r.status == "fail" for r in result.results)
    counts = {"tests": str(len(result.results)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "modelpick check", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": f"modelpick check {result.config}", **counts})
    for r in result.results:
        case = ET.SubElement(suite, "testcase", {"classname": "modelpick.check", "name": r.name,
                                                 "file": result.config, "line": str(r.line or 0)})
        text = "\n".join(f"{f.severity} [{f.rule}] {f.message}" for f in r.findings)
        if r.status == "fail":
            first = r.findings[0]
            failure = ET.SubElement(case, "failure", {"type": first.rule, "message": first.message})
            failure.text = text
        elif r.findings:
            ET.SubElement(case, "system-out").text = text
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
