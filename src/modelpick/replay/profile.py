"""`modelpick profile LOG`: the workload a usage log implies.

- input, output and reasoning tokens per request: the 50th and 95th percentiles, nearest rank (the smallest
  count that at least p% of requests do not exceed), written as `{p50: N, p95: N}`, or as one number when the
  two are equal (every request alike). An aggregated OpenAI bucket counts as its requests, each at the
  bucket's mean (the only size it keeps). Reasoning tokens are written only when the log has some: a log
  without them leaves each candidate's reasoning to its effort, rather than saying 0.
- cached_input_ratio = cached tokens / input tokens; cache_write_ratio likewise (when there are writes).
- requests_per_day = requests / the days the log spans, first day to last, both counted.
- the model that served the most requests, as a comment.
Memory stays flat: counts are kept per distinct token count (a histogram), not per request.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from pathlib import Path

from modelpick.errors import AmbiguousModelError, InputError, UnknownModelError
from modelpick.registry.loader import Registry
from modelpick.replay.logs import read_usage
from modelpick.replay.rows import Progress
from modelpick.report.replay import BadLine, Percentiles, Profile


def percentile(histogram: Counter[int], p: int) -> int:
    """Nearest rank: the smallest value v with at least p% of the counted requests at or below v."""
    total = sum(histogram.values())
    rank = max(1, math.ceil(total * p / 100))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise ValueError("empty histogram")


def _spread(histogram: Counter[int]) -> Percentiles:
    return Percentiles(p50=percentile(histogram, 50), p95=percentile(histogram, 95))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def profile(registry: Registry, path: Path, fmt: str | None, progress: Progress | None = None) -> Profile:
    fmt, stream, stats = read_usage(path, fmt, progress)
    inputs: Counter[int] = Counter()
    outputs: Counter[int] = Counter()
    reasonings: Counter[int] = Counter()
    models: Counter[str] = Counter()
    days: set[str] = set()
    totals = [0, 0, 0, 0, 0, 0]  # requests, input, cached, cache writes, output, reasoning
    for model, day, inp, cached, written, out, reasoning, n in stream:
        inputs[inp // n] += n
        outputs[out // n] += n
        reasonings[reasoning // n] += n
        models[model] += n
        days.add(day)
        totals[0] += n
        totals[1] += inp
        totals[2] += cached
        totals[3] += written
        totals[4] += out
        totals[5] += reasoning
    if not totals[0]:
        raise InputError("no requests in the log: nothing to profile", file=str(path))
    first, last = dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))
    span = (last - first).days + 1
    per_day = round(totals[0] / span, 2)
    # Rounded down, so that the two ratios never add up past 1.
    cached_ratio = math.floor(totals[2] / totals[1] * 10_000) / 10_000 if totals[1] else 0.0
    write_ratio = math.floor(totals[3] / totals[1] * 10_000) / 10_000 if totals[1] else 0.0
    top, top_requests = _most_used(registry, models)
    reasoning = _spread(reasonings) if any(v for v in reasonings if v) else None
    result = dict(log=str(path), format=fmt, requests=totals[0], days=span, first_day=first, last_day=last,
                  input_tokens=_spread(inputs), output_tokens=_spread(outputs), reasoning_tokens=reasoning,
                  cached_input_ratio=cached_ratio, cache_write_ratio=write_ratio, requests_per_day=per_day,
                  most_used_model=top, most_used_requests=top_requests, bad_lines=stats.bad,
                  first_bad_lines=[BadLine(line=n, reason=r) for n, r in stats.first_bad])
    means = {"input_tokens": totals[1] / totals[0], "output_tokens": totals[4] / totals[0],
             "reasoning_tokens": totals[5] / totals[0]}
    return Profile(**result, text=workload_text(Profile(**result, text=""), means))


def _most_used(registry: Registry, models: Counter[str]) -> tuple[str | None, int]:
    """The entry that served the most requests (logged names of one entry counted together)."""
    by_entry: Counter[str] = Counter()
    for name, n in models.items():
        try:
            by_entry[registry.get(name).key] += n
        except (UnknownModelError, AmbiguousModelError):
            by_entry[name] += n
    if not by_entry:
        return None, 0
    (key, n), = by_entry.most_common(1)
    return key, n


def _tokens(key: str, value: Percentiles, mean: float) -> list[str]:
    """The key's line: `{p50, p95}`; where a log-normal cannot pass through them (a median of 0, as when most
    requests have no reasoning tokens), `{mean, p95}`; where it cannot pass through those either, the mean,
    said so. One number when every request is alike."""
    from pydantic import ValidationError

    from modelpick.workload import TokenDistribution

    if value.p50 == value.p95:
        return [f"{key}: {value.p50}"]
    rounded = max(1, round(mean))
    for shape in ({"p50": value.p50, "p95": value.p95}, {"mean": rounded, "p95": value.p95}):
        try:
            TokenDistribution.model_validate(shape)
        except ValidationError:
            continue
        head = "" if "p50" in shape else f"# {key}: the median is {value.p50}, so the mean is given\n"
        return [head + f"{key}: {{{', '.join(f'{k}: {v}' for k, v in shape.items())}}}"]
    return [f"# {key}: p50 {value.p50}, p95 {value.p95}: no log-normal passes through them; the mean is given",
            f"{key}: {rounded}"]


def workload_text(p: Profile, means: dict[str, float]) -> str:
    """The workload file: the figures and, in comments, what they rest on."""
    lines = [
        f"# Derived by `modelpick profile` from {Path(p.log).name} ({p.format}): {p.requests:,} requests over "
        f"{p.days} day{'s' if p.days != 1 else ''}, {p.first_day} to {p.last_day}.",
        "# Token counts per request: 50th and 95th percentiles (nearest rank); ratios: share of input tokens.",
    ]
    if p.bad_lines:
        lines.append(f"# {p.bad_lines:,} bad line{'s' if p.bad_lines != 1 else ''} of the log left out.")
    lines += [
        f"# Most used model: {p.most_used_model} ({p.most_used_requests:,} of {p.requests:,} requests, "
        f"{p.most_used_requests / p.requests:.0%}).",
        f"name: {Path(p.log).stem}",
        "# task: chat                  # set the task profile (`modelpick tasks` lists them)",
        *_tokens("input_tokens", p.input_tokens, means["input_tokens"]),
        *_tokens("output_tokens", p.output_tokens, means["output_tokens"]),
    ]
    if p.reasoning_tokens is not None:
        lines += _tokens("reasoning_tokens", p.reasoning_tokens, means["reasoning_tokens"])
    else:
        lines.append("# reasoning_tokens: none in the log; left to each candidate's reasoning effort")
    lines.append(f"cached_input_ratio: {_number(p.cached_input_ratio)}")
    if p.cache_write_ratio:
        lines.append(f"cache_write_ratio: {_number(p.cache_write_ratio)}")
    lines.append(f"requests_per_day: {_number(p.requests_per_day)}")
    return "\n".join(lines) + "\n"
