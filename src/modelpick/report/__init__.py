"""The typed results every renderer reads. JSON output is these models, dumped.

Every result and every part of one is a `Result`; each whole document `--format json` prints is an
`Output`. Import a result from here, `from modelpick.report import X`: each module is imported on first use of
one of its names, so that a recommendation never pays for building the models of check, scan, the registry
tooling, cascade, frontier or replay (~17 ms of pydantic class building)."""

from __future__ import annotations

import importlib
from typing import Any

# Each module and the names it exports, in the order of the output schema's documents (`schemas.output_models`
# orders Output's subclasses by it), not sorted.
EXPORTS: dict[str, tuple[str, ...]] = {
    "base": ("SCHEMA_VERSION", "Money", "Output", "Result", "money_number", "money_text"),
    "evaluation": ("ComparedEntry", "Comparison", "CostBreakdown", "CostP95", "CostReport", "CostResult",
                   "EntryResult", "Evaluated", "Excluded", "OverflowShare", "QualityEvidence", "ReasoningAssumed",
                   "Recommendation", "Scores", "Speed", "TierShare", "TokenCounts", "TokenDistributions",
                   "TokenFit"),
    "catalog": ("ModelInfo", "ModelList", "ModelShow", "TaskInfo", "TaskList", "ValueOrigin"),
    "check": ("BestAlternative", "CheckCost", "CheckedWorkload", "CheckResult", "CostChange", "Finding"),
    "scan": ("FAILING", "STATUSES", "STRICT_FAILING", "ScanFinding", "ScanResult", "SkippedPath", "Status",
             "TruncatedFile", "fails"),
    "upkeep": ("RULES", "AuditFinding", "AuditResult", "Disagreement", "EntryChange", "FieldChange", "ImportResult",
               "RegistryDiff", "Rule", "ValidationFinding", "ValidationResult", "Value", "WorkloadChange"),
    "cascade": ("Cascade", "CascadeResult", "CascadeStage"),
    "frontier": ("BreakevenPoint", "BreakevenResult", "FrontierPoint", "FrontierResult", "PairEntry", "SideCheck",
                 "Unplotted"),
    "replay": ("BadLine", "Percentiles", "Profile", "ReplayResult", "ReplayRow", "RepricedCost", "UnknownModel"),
}
_MODULE_OF = {name: module for module, names in EXPORTS.items() for name in names}

__all__ = list(_MODULE_OF)


def __getattr__(name: str) -> Any:
    """One of EXPORTS' names, from its module (imported now if it was not yet)."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
