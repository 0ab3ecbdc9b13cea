"""Results of show, models and tasks: registry entries and task profiles as they are printed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from modelpick.report.base import Output, Result


class ModelInfo(Result):
    id: str
    provider: str
    name: str
    creator: str
    family: str | None
    context_window: int
    max_output_tokens: int
    knowledge_cutoff: dt.date | None
    release_date: dt.date | None
    modalities: dict[str, list[str]]
    features: list[str]
    reasoning: bool
    reasoning_efforts: dict[str, Any] | None = Field(
        default=None, description="efforts offered, the API default, and measurements per effort")
    open_weights: bool
    lifecycle: dict[str, Any]
    pricing: dict[str, Any]
    performance: dict[str, Any] | None
    benchmarks: dict[str, dict[str, Any]]
    snapshots: list[str]
    aliases: list[str]
    sources: dict[str, dict[str, Any]]
    file: str


class ValueOrigin(Result):
    """Where one value of an entry was set: its registry layer, file and line, and the source it cites."""

    path: str
    value: Any
    layer: str
    file: str
    line: int | None
    source: str | None
    url: str | None
    read: str | None


class ModelShow(Output, ModelInfo):
    origins: list[ValueOrigin] | None = Field(default=None, description="with --sources: every value's origin")


class ModelList(Output):
    models: list[ModelInfo]


class TaskInfo(Result):
    id: str
    name: str
    description: str
    benchmarks: dict[str, float]
    balance: dict[str, float]
    floors: dict[str, float]
    example: dict[str, int]


class TaskList(Output):
    tasks: list[TaskInfo]
