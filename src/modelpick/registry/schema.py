"""The registry file format: pydantic models that reject unknown keys.

One YAML file per provider (data/models/<provider>.yaml):

    provider: openai
    name: OpenAI
    sources:                       # named sources, referenced by key below
      openai-models: {url: https://platform.openai.com/docs/models, read: 2026-11-21}
    models:
      - id: gpt-4.1-nano
        name: GPT-4.1 nano
        context_window: {value: 1047576, source: openai-models}
        pricing: {source: openai-pricing, input: 0.10, output: 0.40, ...}

Every value that can be wrong carries `source` (a key of the file's `sources:` table, or a URL / named
data set together with `read`). A value other sources disagree with lists them under `others`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from modelpick.effort import Effort

Modality = Literal["text", "image", "audio", "video", "pdf"]
Feature = Literal[
    "tool_calling",
    "structured_outputs",
    "streaming",
    "fine_tuning",
    "batch",
    "prompt_caching",
    "predicted_outputs",
    "reasoning",
]
FEATURES: tuple[str, ...] = Feature.__args__  # type: ignore[attr-defined]
MODALITIES: tuple[str, ...] = Modality.__args__  # type: ignore[attr-defined]
LifecycleStatus = Literal["active", "preview", "deprecated", "retired"]


def _to_decimal(value: Any) -> Any:
    # YAML gives floats; str() of a float is its shortest round-trip form, so 0.1 stays 0.1.
    if isinstance(value, bool):
        raise ValueError("expected a number")
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, int):
        return Decimal(value)
    return value


# Bounds that no real entry comes near (the dearest price listed is $600 per 1M output tokens, the largest
# context window 10M tokens); a value beyond them is a typo or a hostile file, not data.
MAX_PRICE = Decimal(10_000)
MAX_TOKENS = 100_000_000
MAX_SCORE = 1_000_000


def _check_finite_nonnegative(value: Decimal | None) -> Decimal | None:
    if value is not None and (not value.is_finite() or not 0 <= value <= MAX_PRICE):
        raise ValueError(f"must be a number from 0 to {MAX_PRICE} (USD per 1M tokens)")
    return value


Price = Annotated[Decimal, BeforeValidator(_to_decimal)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Source(Strict):
    """A named source in a file's `sources:` table."""

    url: str
    read: dt.date = Field(description="the date the source was read")
    title: str | None = None
    note: str | None = None


class Cited(Strict):
    """Where a value comes from: a key of the file's `sources:` table, or a URL / data set plus `read`."""

    source: str
    read: dt.date | None = None
    note: str | None = None


class Alternative(Cited):
    """A value another source gives, kept for the record; the entry uses its own value."""

    value: Any = None
    version: str | None = None
    date: dt.date | None = None


class SourcedInt(Cited):
    value: int = Field(ge=0, le=MAX_TOKENS)
    others: list[Alternative] = []


class SourcedDate(Cited):
    value: dt.date
    others: list[Alternative] = []


class SourcedFloat(Cited):
    value: float = Field(ge=-MAX_SCORE, le=MAX_SCORE)
    others: list[Alternative] = []


class Benchmark(SourcedFloat):
    """A benchmark score. `version` matters where the benchmark's scale changed (AA index v2 vs v3)."""

    version: str | None = None
    date: dt.date | None = Field(default=None, description="when the score was published or measured")


class Modalities(Cited):
    input: list[Modality]
    output: list[Modality]
    others: list[Alternative] = []


class Features(Cited):
    values: list[Feature]
    others: list[Alternative] = []


class PriceSet(Strict):
    """USD per 1M tokens."""

    input: Price
    output: Price
    cached_input: Price | None = None
    cache_write: Price | None = None
    reasoning: Price | None = Field(default=None, description="when reasoning tokens are not billed at `output`")

    @field_validator("input", "output", "cached_input", "cache_write", "reasoning")
    @classmethod
    def _sane(cls, v: Decimal | None) -> Decimal | None:
        return _check_finite_nonnegative(v)


class TierPrices(PriceSet):
    """A price list's variants besides standard: the batch API and the service tiers."""

    batch: PriceSet | None = None
    flex: PriceSet | None = Field(default=None, description="service_tier flex: slower, cheaper")
    priority: PriceSet | None = Field(default=None, description="service_tier priority: faster, dearer")


class PriceTier(TierPrices):
    """Prices that apply to the whole request when its input is above `above_input_tokens`."""

    above_input_tokens: int = Field(gt=0, le=MAX_TOKENS)


class PriceSchedule(TierPrices):
    """A full price list: standard prices, batch and service-tier prices, and long-context tiers."""

    tiers: list[PriceTier] = []

    @field_validator("tiers")
    @classmethod
    def _rising(cls, tiers: list[PriceTier]) -> list[PriceTier]:
        thresholds = [t.above_input_tokens for t in tiers]
        if thresholds != sorted(set(thresholds)):
            raise ValueError("tiers must be listed by rising above_input_tokens, each threshold once")
        return tiers


class DatedPricing(PriceSchedule, Cited):
    """Prices in force from `effective_from` until the next dated price list (earlier or announced)."""

    effective_from: dt.date


class Pricing(PriceSchedule, Cited):
    effective_from: dt.date | None = Field(default=None, description="the day these prices took effect")
    history: list[DatedPricing] = Field(
        default=[], description="other dated price lists (earlier ones, or announced changes); --as-of picks one")
    others: list[Alternative] = []

    @model_validator(mode="after")
    def _dated(self) -> Pricing:
        dates = [h.effective_from for h in self.history]
        if dates and self.effective_from is None:
            raise ValueError("effective_from is required when history is given, to order the price lists")
        if len({self.effective_from, *dates}) != len(dates) + 1:
            raise ValueError("each effective_from date may appear once")
        return self

    def in_force(self, day: dt.date) -> tuple[PriceSchedule, str | None]:
        """The price list in force on `day` (the latest effective_from on or before it), and a warning when
        no price was in force yet, in which case the earliest is used."""
        if not self.history:
            return self, None
        dated: list[tuple[dt.date, PriceSchedule]] = sorted(
            [(self.effective_from, self), *((h.effective_from, h) for h in self.history)],  # type: ignore[list-item]
            key=lambda pair: pair[0])
        current = [prices for start, prices in dated if start <= day]
        if current:
            return current[-1], None
        first_day, first = dated[0]
        return first, f"no price known on {day}: the earliest known prices (from {first_day}) are used"


ClaimRank = Literal["provider", "aggregator"]


class LifecycleClaim(Cited):
    """One source's word on an entry's lifecycle. A provider's own word outranks an aggregator's; between
    claims of one rank, the later `said_on` wins (see registry/lifecycle.py)."""

    rank: ClaimRank = "aggregator"
    status: LifecycleStatus | None = Field(default=None, description="null: the source lists it, no flag")
    deprecated_on: dt.date | None = None
    shutdown_on: dt.date | None = None
    said_on: dt.date | None = Field(default=None, description="when the source said it; else its read date")


class Lifecycle(Cited):
    """The registry's own lifecycle claim (cited by `source`, ranked by `rank`) and every other source's."""

    status: LifecycleStatus = "active"
    deprecated_on: dt.date | None = None
    shutdown_on: dt.date | None = None
    replacement: str | None = None
    rank: ClaimRank = Field(default="provider", description="whose word the fields above are")
    said_on: dt.date | None = None
    claims: list[LifecycleClaim] = Field(default=[], description="other sources' claims, each dated")
    others: list[Alternative] = []


class Performance(Cited):
    output_tokens_per_s: float | None = Field(default=None, gt=0, le=MAX_SCORE)
    ttft_s: float | None = Field(default=None, ge=0, le=3600)
    others: list[Alternative] = []


class ReasoningDefault(Cited):
    """Hidden reasoning tokens per visible output token at an effort not stated; used only where
    `reasoning_efforts` has no measurement at the assumed effort (kept for registry layers written before
    efforts were recorded)."""

    per_output_token: float = Field(ge=0, le=1000)


class EvalTokens(Strict):
    """Tokens one evaluation's runs produced in all: hidden reasoning and visible answer."""

    reasoning: int = Field(ge=0, le=10**13)
    answer: int = Field(gt=0, le=10**13)


class EffortMeasurement(Cited):
    """What a model did at one reasoning effort, as measured by a source (Artificial Analysis runs each
    effort as its own leaderboard row): token counts per evaluation, and speed at that effort."""

    evals: dict[str, EvalTokens] = Field(default={}, description="benchmark key -> token counts")
    benchmarks: dict[str, Annotated[float, Field(ge=-MAX_SCORE, le=MAX_SCORE)]] = Field(
        default={}, description="benchmark key -> the score at this effort (on the scale of `benchmarks`)")
    version: str | None = Field(default=None, description="the version of versioned scores (AA indexes)")
    output_tokens_per_s: float | None = Field(default=None, gt=0, le=MAX_SCORE)
    ttft_s: float | None = Field(default=None, ge=0, le=3600,
                                 description="time to the first answer token, thinking included")


class ReasoningEfforts(Cited):
    """The efforts the API accepts, what it does when the caller names none, and measurements per effort.
    The citation is for `supported` and `default`; each measurement cites its own source."""

    supported: list[Effort] = []
    default: Effort | None = Field(default=None, description="the API's effort when the caller sets none")
    measured: dict[Effort, EffortMeasurement] = {}

    @model_validator(mode="after")
    def _default_offered(self) -> ReasoningEfforts:
        if self.default is not None and self.supported and self.default not in self.supported:
            raise ValueError(f"default {self.default!r} is not among supported {self.supported}")
        return self


class ModelEntry(Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:@/-]*$")
    name: str
    creator: str
    family: str | None = None
    snapshots: list[str] = []
    aliases: list[str] = []
    release_date: SourcedDate | None = None
    knowledge_cutoff: SourcedDate | None = None
    context_window: SourcedInt
    max_output_tokens: SourcedInt
    modalities: Modalities
    features: Features
    reasoning: bool = False
    open_weights: bool = False
    lifecycle: Lifecycle | None = None
    pricing: Pricing
    performance: Performance | None = None
    reasoning_tokens: ReasoningDefault | None = None
    reasoning_efforts: ReasoningEfforts | None = None
    benchmarks: dict[str, Benchmark] = {}
    notes: str | None = None

    @field_validator("benchmarks")
    @classmethod
    def _benchmark_keys(cls, v: dict[str, Benchmark]) -> dict[str, Benchmark]:
        for key in v:
            if not key.replace("_", "").isalnum() or key != key.lower():
                raise ValueError(f"benchmark key {key!r} must be lower_snake_case")
        return v


class ProviderFile(Strict):
    provider: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    name: str
    url: str | None = None
    sources: dict[str, Source] = {}
    models: list[ModelEntry]

    @model_validator(mode="after")
    def _sources_resolve(self) -> ProviderFile:
        """Every citation names a known source, or is a URL / data set with its own read date."""
        for index, entry in enumerate(self.models):
            for path, cited in iter_citations(entry):
                if cited.source in self.sources:
                    continue
                if cited.read is None:
                    raise ValueError(
                        f"models.{index}.{path}.source: {cited.source!r} is not in this file's sources: "
                        "table, so it needs its own `read` date"
                    )
        return self


class LayerFile(Strict):
    """A registry file as a layer: its entries may be partial when they override a lower layer's entry."""

    provider: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    name: str | None = None
    url: str | None = None
    sources: dict[str, Source] = {}
    models: list[Any]


def iter_citations(entry: ModelEntry) -> list[tuple[str, Cited]]:
    """Every cited value of an entry with its key path, others included."""
    found: list[tuple[str, Cited]] = []

    def visit(path: str, value: Any) -> None:
        if isinstance(value, Cited):
            found.append((path, value))
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                visit(f"{path}.{name}" if path else name, getattr(value, name))
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(f"{path}.{key}", item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit(f"{path}.{i}", item)

    visit("", entry)
    return found


class TaskReasoning(Strict):
    """How hidden reasoning is estimated for a task: which evaluations' token counts stand for it (nearest
    first; the counts of those the entry has are pooled), and the effort a competent user would choose."""

    evals: list[str] = Field(min_length=1, description="benchmark keys with token counts, nearest first")
    effort: Literal["api-default", "lowest"] | Effort = Field(
        default="api-default", description="lowest: the lowest effort the model offers; an effort name: that "
                                           "effort, or the nearest offered (a policy, documented)")
    why: str | None = None


class TaskProfile(Strict):
    name: str
    description: str
    benchmarks: dict[str, float] = Field(description="benchmark key -> weight")
    balance: dict[Literal["quality", "cost", "speed"], float]
    floors: dict[str, float] = Field(default={}, description="benchmark key -> minimum; known values below fail")
    floor_reason: str | None = None
    example: dict[str, int] = Field(default={}, description="typical input_tokens / output_tokens")
    reasoning: TaskReasoning | None = None

    @field_validator("benchmarks", "balance")
    @classmethod
    def _weights(cls, v: dict[str, float]) -> dict[str, float]:
        if not v or any(w < 0 for w in v.values()) or sum(v.values()) <= 0:
            raise ValueError("weights must be >= 0 and not all zero")
        return v


class BenchmarkInfo(Strict):
    """A benchmark and its fixed scale: `low` maps to quality 0 and `high` to 1 (values beyond are clipped),
    on `version` only where the benchmark's scale changed between versions."""

    name: str
    scale: str = Field(description="what the numbers mean, e.g. '% solved' or 'Elo rating'")
    url: str | None = None
    low: float = Field(default=0, description="the value that maps to quality 0")
    high: float = Field(default=100, description="the value that maps to quality 1")
    version: str | None = Field(default=None, description="values of other versions are not on this scale")
    points: str | None = Field(default=None, description="where low and high come from, when not 0-100 %")

    @model_validator(mode="after")
    def _rising(self) -> BenchmarkInfo:
        if not self.high > self.low:
            raise ValueError("high must be above low")
        return self


class TaskFile(Strict):
    benchmarks: dict[str, BenchmarkInfo]
    tasks: dict[str, TaskProfile]

    @model_validator(mode="after")
    def _known_benchmarks(self) -> TaskFile:
        for task_id, task in self.tasks.items():
            for key in [*task.benchmarks, *task.floors, *(task.reasoning.evals if task.reasoning else [])]:
                if key not in self.benchmarks:
                    raise ValueError(f"tasks.{task_id}: benchmark {key!r} is not described under benchmarks:")
        return self
