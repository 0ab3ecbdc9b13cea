"""Results of `replay` (a usage log repriced on the models that served it and on candidates) and `profile`
(a workload derived from a log)."""

from __future__ import annotations

import datetime as dt

from modelpick.report.base import Money, Output, Result


class RepricedCost(Result):
    """The same requests priced on one candidate; difference = cost - what the served models cost."""

    model: str
    cost: Money
    difference: Money


class ReplayRow(Result):
    """Requests grouped by `key` (`total`, a day, or the PROVIDER/MODEL that served them), their tokens, the
    cost on the models that served them, and on each candidate."""

    key: str
    requests: int
    input_tokens: int
    cached_tokens: int
    cache_write_tokens: int
    output_tokens: int
    reasoning_tokens: int
    served: Money
    candidates: list[RepricedCost]


class BadLine(Result):
    line: int
    reason: str


class UnknownModel(Result):
    """A model name in the log the registry cannot resolve; its requests are left out of every total."""

    name: str
    requests: int
    message: str


class ReplayResult(Output):
    """`modelpick replay`: a usage log repriced, in total, per day and per model that served it."""

    as_of: dt.date
    log: str
    format: str
    rows: int
    requests: int
    first_day: dt.date | None
    last_day: dt.date | None
    bad_lines: int
    first_bad_lines: list[BadLine]
    unknown_models: list[UnknownModel]
    candidates: list[str]
    total: ReplayRow
    by_day: list[ReplayRow]
    by_model: list[ReplayRow]
    notes: list[str]
    warnings: list[str]


class Percentiles(Result):
    p50: int
    p95: int


class Profile(Result):
    """`modelpick profile`: the workload a log implies (`text` is the workload file written)."""

    log: str
    format: str
    requests: int
    days: int
    first_day: dt.date | None
    last_day: dt.date | None
    input_tokens: Percentiles
    output_tokens: Percentiles
    reasoning_tokens: Percentiles | None
    cached_input_ratio: float
    cache_write_ratio: float
    requests_per_day: float
    most_used_model: str | None
    most_used_requests: int
    bad_lines: int
    first_bad_lines: list[BadLine]
    text: str
    written: str | None = None
