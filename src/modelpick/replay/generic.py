"""The generic log: one request per line (JSON Lines) or row (CSV), in modelpick's own column names.

| column | means | accepted names |
|---|---|---|
| model | the model that served the request (id, snapshot, alias or PROVIDER/MODEL) | `model` |
| provider | optional: who served it; makes `PROVIDER/MODEL` | `provider` |
| input tokens | every input token, the cached and cache-write ones included (as OpenAI reports them) | `input_tokens`, `prompt_tokens` |
| cached tokens | input tokens read from the prompt cache (part of input tokens) | `cached_tokens`, `cached_input_tokens` |
| cache-write tokens | optional: input tokens written to the cache (part of input tokens) | `cache_write_tokens` |
| output tokens | visible output tokens (reasoning not included) | `output_tokens` |
| reasoning tokens | optional: hidden reasoning tokens, billed as output | `reasoning_tokens` |
| timestamp | when: ISO 8601 text or Unix seconds | `timestamp`, `time`, `created_at`, `date` |

Absent or empty optional counts are 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelpick.replay.rows import Usage, day, text, tokens, usage

NAME = "generic"
TIMESTAMP = ("timestamp", "time", "created_at", "date")


def detect(keys: set[str]) -> bool:
    return "model" in keys and bool(keys & {"input_tokens", "prompt_tokens"}) and "output_tokens" in keys


def parse(row: Mapping[str, Any]) -> Usage:
    model = text(row, "model")
    provider = row.get("provider")
    if isinstance(provider, str) and provider.strip() and "/" not in model:
        model = f"{provider.strip()}/{model}"
    return usage(model, day(row, *TIMESTAMP), tokens(row, "input_tokens", "prompt_tokens"),
                 tokens(row, "cached_tokens", "cached_input_tokens", required=False),
                 tokens(row, "cache_write_tokens", required=False), tokens(row, "output_tokens"),
                 tokens(row, "reasoning_tokens", required=False))
