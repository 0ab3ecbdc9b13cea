"""The result of `modelpick scan`: model ids found in files, each judged against the registry."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from modelpick.report.base import Output, Result

Status = Literal["ok", "unknown", "deprecated", "retiring", "retired", "unpinned"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]

FAILING = frozenset({"retired", "unknown"})
STRICT_FAILING = FAILING | {"deprecated", "retiring"}


def fails(status: str, strict: bool) -> bool:
    """Whether a finding of this status fails the scan: retired or unknown; with strict, deprecated or
    retiring too."""
    return status in (STRICT_FAILING if strict else FAILING)


class ScanFinding(Result):
    path: str
    line: int
    column: int
    text: str
    model: str | None
    provider: str | None
    status: Status
    message: str


class SkippedPath(Result):
    """A file or folder the scan could not read: unreadable, a path too long, not a regular file."""

    path: str
    reason: str


class TruncatedFile(Result):
    """A file with more findings than the bounds let through: `shown` are in `findings`, `not_shown` are
    only counted (in the summary's status counts)."""

    path: str
    shown: int
    not_shown: int


class ScanResult(Output):
    as_of: dt.date
    strict: bool = False
    findings: list[ScanFinding]
    summary: dict[str, int]
    skipped: list[SkippedPath] = []
    truncated: list[TruncatedFile] = []

    @property
    def failing(self) -> int:
        """How many findings fail the scan (counted in the summary, so findings cut by the bounds count too;
        from the findings when the summary has no status counts), plus, with strict, the paths skipped. The
        scanner records it as `summary["failing"]`; the CLI exits 1 when it is not 0."""
        statuses = STRICT_FAILING if self.strict else FAILING
        if all(status in self.summary for status in statuses):
            count = sum(self.summary[status] for status in statuses)
        else:
            count = sum(fails(f.status, self.strict) for f in self.findings)
        return count + (self.summary.get("skipped", len(self.skipped)) if self.strict else 0)

    def fails(self, finding: ScanFinding) -> bool:
        """Whether this finding fails the scan, under the result's own strictness."""
        return fails(finding.status, self.strict)
