"""LiteLLM spend logs: rows of the proxy's LiteLLM_SpendLogs table (a CSV export of the table, or JSON Lines
of GET /spend/logs), one request each.

`model`, `prompt_tokens` (every input token, cached ones included: LiteLLM reports usage in OpenAI's shape),
`completion_tokens` (reasoning included) and `startTime`. Cached, cache-write and reasoning tokens are read
from the usage LiteLLM keeps in `metadata.usage_object` when it is there
(`prompt_tokens_details.cached_tokens` or `cache_read_input_tokens`; `cache_creation_input_tokens`;
`completion_tokens_details.reasoning_tokens`, taken out of the completion tokens), else 0. The model is looked
up by its name alone (`custom_llm_provider` names a route, not always a registry provider).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelpick.replay.rows import BadValue, Usage, day, nested, text, tokens, usage

NAME = "litellm"


def detect(keys: set[str]) -> bool:
    return "startTime" in keys and "prompt_tokens" in keys


def parse(row: Mapping[str, Any]) -> Usage:
    completion = tokens(row, "completion_tokens")
    counts = nested(nested(row, "metadata"), "usage_object") if row.get("metadata") else {}
    cached = written = reasoning = 0
    if counts:
        cached = (tokens(nested(counts, "prompt_tokens_details"), "cached_tokens", required=False)
                  or tokens(counts, "cache_read_input_tokens", required=False))
        written = tokens(counts, "cache_creation_input_tokens", required=False)
        reasoning = tokens(nested(counts, "completion_tokens_details"), "reasoning_tokens", required=False)
        if reasoning > completion:
            raise BadValue(f"reasoning tokens ({reasoning}) exceed the completion tokens ({completion}) that "
                           "include them")
    return usage(text(row, "model"), day(row, "startTime"), tokens(row, "prompt_tokens"), cached, written,
                 completion - reasoning, reasoning)
