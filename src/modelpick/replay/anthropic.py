"""Anthropic usage: one Messages API response (or its `usage` object beside `model`) per line or row, with
the time it was made.

Anthropic reports input in three parts that add up: `input_tokens` (not read from or written to the cache),
`cache_read_input_tokens` (read from the cache: priced at the cached-input price) and
`cache_creation_input_tokens` (written to the cache: priced at the cache-write price). So modelpick's input
tokens are their sum, its cached tokens the reads and its cache-write tokens the writes. `output_tokens`
includes extended-thinking tokens (priced as output). The counts may sit at the top level or in a nested
`usage` object; the time in `timestamp`, `created_at` or `starting_at` (ISO 8601 or Unix seconds).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelpick.replay.rows import Usage, day, text, tokens, usage

NAME = "anthropic"


def detect(keys: set[str]) -> bool:
    return "cache_read_input_tokens" in keys or "cache_creation_input_tokens" in keys


def parse(row: Mapping[str, Any]) -> Usage:
    counts = row.get("usage")
    counts = counts if isinstance(counts, Mapping) else row
    uncached = tokens(counts, "input_tokens")
    read = tokens(counts, "cache_read_input_tokens", required=False)
    written = tokens(counts, "cache_creation_input_tokens", required=False)
    return usage(text(row, "model"), day(row, "timestamp", "created_at", "starting_at"), uncached + read + written,
                 read, written, tokens(counts, "output_tokens"), 0)
