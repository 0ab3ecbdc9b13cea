"""The workload: what a caller wants done, how much of it, and what it requires."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from modelpick import distribution
from modelpick.effort import Effort
from modelpick.errors import InputError
from modelpick.files import WORKLOAD_FILE
from modelpick.registry.loader import Tasks
from modelpick.registry.schema import BenchmarkInfo, Feature, Modality, TaskProfile

if TYPE_CHECKING:
    from modelpick.yamlfile import LocatedYaml

PreferName = Literal["balanced", "cost", "quality", "speed"]

# Weights `prefer` stands for; `balanced` means the task profile's own balance.
PREFER_WEIGHTS: dict[str, dict[str, float]] = {
    "cost": {"quality": 0.2, "cost": 0.7, "speed": 0.1},
    "quality": {"quality": 0.7, "cost": 0.2, "speed": 0.1},
    "speed": {"quality": 0.2, "cost": 0.2, "speed": 0.6},
}
DEFAULT_TASK = "chat"
# Token counts per request where neither the workload nor its task profile's `example` gives them.
DEFAULT_TOKENS = {"input_tokens": 1000, "output_tokens": 200}
DEFAULT_REQUESTS_PER_DAY = 1000
DEFAULT_DAYS_PER_MONTH = 30


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


# Bounds far beyond any real workload, so that a typo or a hostile file is an error, not an overflow.
MAX_TOKENS = 100_000_000
MAX_USD = 1e12


class Weights(_Strict):
    quality: float = Field(default=0, ge=0, le=1000)
    cost: float = Field(default=0, ge=0, le=1000)
    speed: float = Field(default=0, ge=0, le=1000)

    @model_validator(mode="after")
    def _not_all_zero(self) -> Weights:
        if self.quality + self.cost + self.speed <= 0:
            raise ValueError("weights must not all be zero")
        return self


def _unset(value: Any) -> bool:
    return value is None


class TokenDistribution(_Strict):
    """Tokens per request as a distribution: `{p50: N, p95: N}` or `{mean: N, p95: N}`. modelpick fits a
    log-normal through the two points (distribution.py); p95 equal to p50 (or the mean) is a constant."""

    p50: int | None = Field(default=None, gt=0, le=MAX_TOKENS, exclude_if=_unset, description="the median")
    mean: int | None = Field(default=None, gt=0, le=MAX_TOKENS, exclude_if=_unset, description="the mean")
    p95: int = Field(gt=0, le=MAX_TOKENS, description="the 95th percentile")

    @model_validator(mode="after")
    def _fits(self) -> TokenDistribution:
        if (self.p50 is None) == (self.mean is None):
            raise PydanticCustomError("token_distribution", "give p50 or mean, and p95")
        try:
            self.fit()
        except ValueError as exc:
            raise PydanticCustomError("token_distribution", str(exc).replace("{", "(").replace("}", ")")) from None
        return self

    def fit(self) -> distribution.LogNormal:
        if self.p50 is not None:
            return distribution.fit_p50(self.p50, self.p95)
        return distribution.fit_mean(self.mean or 0, self.p95)

    def text(self) -> str:
        """`p50 800, p95 4,000` (or `mean ...`)."""
        center = f"p50 {self.p50:,}" if self.p50 is not None else f"mean {self.mean:,}"
        return f"{center}, p95 {self.p95:,}"


def _token_shape(value: Any) -> str:
    return _DISTRIBUTION if isinstance(value, (dict, TokenDistribution)) else _COUNT


# Union member tags: error locations drop names with a "[" (yamlfile.error_location), so an error inside a
# distribution is blamed on `input_tokens.p95`, and a bad number on `input_tokens`, as before.
_COUNT, _DISTRIBUTION = "count[int]", "distribution[p50|mean, p95]"
TokenCount = Annotated[
    Annotated[Annotated[int, Field(ge=0, le=MAX_TOKENS)], Tag(_COUNT)]
    | Annotated[TokenDistribution, Tag(_DISTRIBUTION)],
    Discriminator(_token_shape),
]
TOKEN_KEYS = ("input_tokens", "output_tokens", "reasoning_tokens")


class Requirements(_Strict):
    input_modalities: list[Modality] = []
    features: list[Feature] = []
    min_context: int = Field(default=0, ge=0, le=MAX_TOKENS)
    min_output_tokens: int = Field(default=0, ge=0, le=MAX_TOKENS)
    knowledge_after: dt.date | None = None
    open_weights: bool = False
    providers: list[str] = []
    exclude_providers: list[str] = []
    min_quality: dict[str, Annotated[float, Field(ge=-1e6, le=1e6)]] = {}
    max_monthly_cost_usd: float | None = Field(default=None, ge=0, le=MAX_USD)
    max_ttft_s: float | None = Field(default=None, ge=0, le=3600)
    min_output_tokens_per_s: float | None = Field(default=None, ge=0, le=1e6)
    include_deprecated: bool = False


class Workload(_Strict):
    name: str | None = None
    task: str = DEFAULT_TASK
    input_tokens: TokenCount | None = None
    output_tokens: TokenCount | None = None
    reasoning_tokens: TokenCount | None = None
    reasoning_effort: Effort | None = Field(
        default=None, description="default: the provider API's default, or the task profile's effort policy")
    cached_input_ratio: float = Field(default=0, ge=0, le=1)
    cache_write_ratio: float = Field(default=0, ge=0, le=1, description="share of input written to the cache")
    requests_per_day: float | None = Field(default=None, ge=0, le=1e12)
    requests_per_month: float | None = Field(default=None, ge=0, le=1e13)
    days_per_month: int = Field(default=DEFAULT_DAYS_PER_MONTH, ge=1, le=31)
    batch: bool = False
    service_tier: Literal["standard", "flex", "priority"] = Field(
        default="standard", description="the provider's service tier; its prices where the entry has them")
    requires: Requirements = Requirements()
    prefer: PreferName | Weights = "balanced"

    @model_validator(mode="after")
    def _one_volume(self) -> Workload:
        if self.requests_per_day is not None and self.requests_per_month is not None:
            raise ValueError("give requests_per_day or requests_per_month, not both")
        if self.cached_input_ratio + self.cache_write_ratio > 1:
            raise ValueError("cached_input_ratio + cache_write_ratio must not exceed 1")
        if self.batch and self.service_tier != "standard":
            raise ValueError("batch requests have their own prices: give batch or a service_tier, not both")
        return self


def load_workload(path: Path) -> tuple[dict[str, Any], LocatedYaml]:
    """The raw mapping of a workload file (options are merged into it before validation)."""
    from modelpick.yamlfile import read_yaml  # yaml only for a workload file: options and the API need none

    doc = read_yaml(path, kind=WORKLOAD_FILE)
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping of workload keys (task:, input_tokens:, ...)")
    return doc.data, doc


def merge_options(data: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """Command-line options override the file; `requires.*` options override single requirement keys."""
    if options.get("requests_per_day") is not None and options.get("requests_per_month") is not None:
        raise InputError("give one of them, not both", path="requests_per_day/requests_per_month",
                         argument=True)
    merged = {**data}
    requires = dict(merged.get("requires") or {}) if isinstance(merged.get("requires"), dict) else merged.get("requires")
    for key, value in options.items():
        if value is None:
            continue
        if key.startswith("requires."):
            if not isinstance(requires, dict):
                requires = {}
            requires[key.removeprefix("requires.")] = value
        else:
            merged[key] = value
        if key == "requests_per_day":
            merged.pop("requests_per_month", None)
        elif key == "requests_per_month":
            merged.pop("requests_per_day", None)
    if requires is not None:
        merged["requires"] = requires
    return merged


@dataclass(frozen=True)
class ResolvedWorkload:
    """A workload with everything it leaves out settled: its task profile, token counts (the profile's typical
    ones where it gives none, each noted), the quality/cost/speed weights, and the day it is judged on. What
    every evaluation, rule and check reads.

    `input_tokens` and `output_tokens` are the counts of the point estimate: a count given as a distribution
    stands there as its fitted mean, rounded (the expected cost is linear in them within a price tier);
    `fits` holds the fitted distributions by key (input_tokens, output_tokens, reasoning_tokens), empty for a
    workload of plain numbers."""

    workload: Workload
    task_id: str
    task: TaskProfile
    as_of: dt.date
    input_tokens: int
    output_tokens: int
    weights: dict[str, float]  # quality, cost, speed: summing to 1
    notes: list[str]  # what was filled in, for the output
    benchmarks: dict[str, BenchmarkInfo]  # every benchmark's scale
    fits: dict[str, distribution.LogNormal] = field(default_factory=dict)

    @property
    def requires(self) -> Requirements:
        return self.workload.requires

    def p95_tokens(self, key: str) -> int:
        """The p95 of input_tokens or output_tokens as given (the resolved count when it is a number)."""
        given = getattr(self.workload, key)
        return given.p95 if isinstance(given, TokenDistribution) else getattr(self, key)


def _distribution_notes(workload: Workload, counts: dict[str, int]) -> list[str]:
    given = {k: getattr(workload, k) for k in TOKEN_KEYS if isinstance(getattr(workload, k), TokenDistribution)}
    if not given:
        return []
    fitted = "; ".join(f"{k} {d.text()} (mean {d.fit().mean:,.0f})" for k, d in given.items())
    p95 = {k: d.p95 if isinstance(d := getattr(workload, k), TokenDistribution) else counts[k]
           for k in ("input_tokens", "output_tokens")}
    return [f"derived: token counts as log-normal distributions fitted through the given points: {fitted}; "
            "costs are expected values over them (input and output independent, reasoning moving with output)",
            f"fit judged at p95 tokens: {p95['input_tokens']:,} in + {p95['output_tokens']:,} out (and each "
            "entry's reasoning at p95); budget judged on the expected monthly cost"]


def resolve(workload: Workload, tasks: Tasks, as_of: dt.date) -> ResolvedWorkload:
    """Fill what the workload leaves out from its task profile, and settle the weights."""
    task = tasks.get(workload.task)
    notes = []
    counts: dict[str, int] = {}
    fits = {}
    for key in ("input_tokens", "output_tokens"):
        given = getattr(workload, key)
        if isinstance(given, TokenDistribution):
            fits[key] = given.fit()
            counts[key] = round(fits[key].mean)
            continue
        counts[key] = given if given is not None else task.example.get(key, DEFAULT_TOKENS[key])
        if given is None:
            notes.append(f"{key} not given: {counts[key]:,} (typical for {workload.task})")
    if isinstance(workload.reasoning_tokens, TokenDistribution):
        fits["reasoning_tokens"] = workload.reasoning_tokens.fit()
    notes += _distribution_notes(workload, counts)
    if isinstance(workload.prefer, str):
        weights = dict(task.balance) if workload.prefer == "balanced" else dict(PREFER_WEIGHTS[workload.prefer])
    else:
        weights = workload.prefer.model_dump()
    total = sum(weights.values())
    weights = {k: round(weights.get(k, 0) / total, 4) for k in ("quality", "cost", "speed")}
    return ResolvedWorkload(workload, workload.task, task, as_of, counts["input_tokens"], counts["output_tokens"],
                            weights, notes, dict(tasks.benchmarks), fits)
