"""Results of the registry tooling: validate, diff, import and audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, PlainSerializer

from modelpick.report.base import Money, Output, Result, money_number

# --- registry validate ----------------------------------------------------------------------------------

Rule = Literal["yaml", "schema", "duplicate", "price", "source", "age", "control"]
RULES: tuple[str, ...] = Rule.__args__  # type: ignore[attr-defined]


class ValidationFinding(Result):
    rule: Rule
    severity: Literal["error"] = "error"
    file: str
    line: int | None
    path: str | None
    model: str | None  # PROVIDER/MODEL where the finding is about one entry
    message: str


class ValidationResult(Output):
    command: Literal["registry validate"] = "registry validate"
    as_of: dt.date
    max_age_days: int | None
    files: list[str]
    entries: int
    findings: list[ValidationFinding]
    summary: dict[str, int]

    @property
    def failing(self) -> int:
        """Every finding is an error: the CLI exits 1 when there is one."""
        return len(self.findings)


# --- registry diff --------------------------------------------------------------------------------------

def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return money_number(value)
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# Money as a JSON number (like Money), dates as ISO text, lists item by item.
Value = Annotated[Any, PlainSerializer(_json_value, when_used="json")]


class FieldChange(Result):
    field: str
    old: Value
    new: Value


class EntryChange(Result):
    key: str
    provider: str
    model: str
    changes: list[FieldChange]


class WorkloadChange(Result):
    """One workload ranked on both registries.

    old_per_month / new_per_month: the monthly cost of each side's own top pick (None when nothing fits).
    cost_change: new_per_month / old_per_month - 1, rounded to 4 places (0.25 = 25% dearer); it compares
    the two top picks, which may be different models. None when either side has no top pick or the old
    cost is 0. old_top_new_per_month: the monthly cost on the NEW registry of the OLD top pick, whether or
    not it still fits there ("did my current model get more expensive"); None when it was removed.
    old_top_new_rank: its rank on the NEW registry; None when it was removed or no longer fits.
    """

    name: str
    old_top: str | None
    new_top: str | None
    top_changed: bool
    old_per_month: Money | None
    new_per_month: Money | None
    cost_change: float | None
    old_top_new_per_month: Money | None
    old_top_new_rank: int | None


class RegistryDiff(Output):
    old: str
    new: str
    as_of: dt.date
    added: list[str]
    removed: list[str]
    changed: list[EntryChange]
    workloads: list[WorkloadChange]
    summary: dict[str, int]


# --- registry import ------------------------------------------------------------------------------------

class ImportResult(Output):
    """What `registry import` read and wrote."""

    format: str
    file: str
    read: dt.date = Field(description="the date every imported value cites as read")
    total: int
    imported: int
    skipped: dict[str, int] = Field(description="reason -> entries skipped for it")
    filtered: int = Field(description="entries of providers left out by --provider")
    providers: dict[str, int] = Field(description="provider -> entries written")
    written: list[str]


# --- registry audit -------------------------------------------------------------------------------------

class Disagreement(Result):
    provider: str
    model: str
    field: str
    ours: Any
    theirs: Any
    our_source: dict[str, str | None]
    their_source: dict[str, str | None]
    difference: float | None
    beyond_tolerance: bool
    recorded: bool
    file: str
    line: int | None = None  # where our value is set (the layer file that set it last)

    @property
    def fails(self) -> bool:
        return self.beyond_tolerance and not self.recorded


class AuditFinding(Result):
    """A failing disagreement in the shape of a validation finding, as the github and junit renderers show
    it (not part of the JSON)."""

    rule: str
    severity: str
    file: str
    line: int | None
    path: str
    message: str


class AuditResult(Output):
    command: Literal["registry audit"] = "registry audit"
    against: str
    format: str
    tolerance: float
    matched: int
    only_ours: list[str]
    only_theirs: int
    disagreements: list[Disagreement]
    summary: dict[str, int]

    @property
    def failing(self) -> int:
        """Disagreements beyond tolerance and not recorded (`summary["failing"]`): the CLI exits 1 when there
        is one."""
        return sum(d.fails for d in self.disagreements)

    @property
    def files(self) -> list[str]:
        return sorted({d.file for d in self.disagreements})

    @property
    def findings(self) -> list[AuditFinding]:
        return [AuditFinding(rule="disagreement", severity="error", file=d.file, line=d.line,
                             path=f"{d.provider}/{d.model} {d.field}",
                             message=f"ours {d.ours} ({d.our_source.get('source')}), theirs {d.theirs} "
                                     f"({d.their_source.get('source')} {d.their_source.get('read')})")
                for d in self.disagreements if d.fails]
