"""The typed results every renderer reads. JSON output is these models, dumped.

Every result and every part of one is a `Result`; each whole document `--format json` prints is an
`Output`. The modules are imported here in a fixed order, which is the order of the output schema's
documents (`schemas.output_models`): import a result from here, `from modelpick.report import X`."""

# isort: off
# In the order of the output schema's documents (Output's subclasses, in definition order), not sorted.
from modelpick.report.base import SCHEMA_VERSION, Money, Output, Result, money_number, money_text
from modelpick.report.evaluation import (
    ComparedEntry,
    Comparison,
    CostBreakdown,
    CostReport,
    CostResult,
    EntryResult,
    Evaluated,
    Excluded,
    QualityEvidence,
    ReasoningAssumed,
    Recommendation,
    Scores,
    Speed,
    TokenCounts,
)
from modelpick.report.catalog import ModelInfo, ModelList, ModelShow, TaskInfo, TaskList, ValueOrigin
from modelpick.report.check import BestAlternative, CheckCost, CheckedWorkload, CheckResult, CostChange, Finding
from modelpick.report.scan import (
    FAILING,
    STATUSES,
    STRICT_FAILING,
    ScanFinding,
    ScanResult,
    SkippedPath,
    Status,
    TruncatedFile,
    fails,
)
from modelpick.report.upkeep import (
    RULES,
    AuditFinding,
    AuditResult,
    Disagreement,
    EntryChange,
    FieldChange,
    ImportResult,
    RegistryDiff,
    Rule,
    ValidationFinding,
    ValidationResult,
    Value,
    WorkloadChange,
)
from modelpick.report.cascade import Cascade, CascadeResult, CascadeStage
from modelpick.report.frontier import (
    BreakevenPoint,
    BreakevenResult,
    FrontierPoint,
    FrontierResult,
    PairEntry,
    SideCheck,
    Unplotted,
)
from modelpick.report.replay import BadLine, Percentiles, Profile, ReplayResult, ReplayRow, RepricedCost, UnknownModel
# isort: on

__all__ = [
    "FAILING", "RULES", "SCHEMA_VERSION", "STATUSES", "STRICT_FAILING",
    "AuditFinding", "AuditResult", "BestAlternative", "CheckCost", "CheckResult", "CheckedWorkload",
    "ComparedEntry", "Comparison", "CostBreakdown", "CostChange", "CostReport", "CostResult", "Disagreement",
    "EntryChange", "EntryResult", "Evaluated", "Excluded", "FieldChange", "Finding", "ImportResult", "ModelInfo",
    "ModelList", "ModelShow", "Money", "Output", "QualityEvidence", "ReasoningAssumed", "Recommendation",
    "RegistryDiff", "Result", "Rule", "ScanFinding", "ScanResult", "Scores", "SkippedPath", "Speed", "Status",
    "TaskInfo", "TaskList", "TokenCounts", "TruncatedFile", "ValidationFinding", "ValidationResult", "Value",
    "ValueOrigin", "WorkloadChange", "fails", "money_number", "money_text",
    "Cascade", "CascadeResult", "CascadeStage",
    "BreakevenPoint", "BreakevenResult", "FrontierPoint", "FrontierResult", "PairEntry", "SideCheck", "Unplotted",
    "BadLine", "Percentiles", "Profile", "ReplayResult", "ReplayRow", "RepricedCost", "UnknownModel",
]
