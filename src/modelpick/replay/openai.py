"""OpenAI usage: the completions results of the Usage API (GET /v1/organization/usage/completions,
`group_by=model`), one result per line (JSON Lines) or row (CSV), each with its bucket's start time.

Each row is a bucket's aggregate: `num_model_requests` requests of one `model`, with `input_tokens` (every
input token, cached ones included), `input_cached_tokens` (part of input_tokens) and `output_tokens`
(reasoning tokens included: the Usage API does not report them apart, so they are priced as output).
`start_time` (Unix seconds) or `start_time_iso` gives the day. The long-context tier is chosen on each
bucket's mean input per request, the only size the aggregate keeps. The API's pages nest results in buckets;
`jq -c '.data[] | .start_time as $t | .results[] | . + {start_time: $t}'` flattens a page into these lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelpick.replay.rows import BadValue, Usage, day, text, tokens, usage

NAME = "openai"


def detect(keys: set[str]) -> bool:
    return "num_model_requests" in keys or "input_cached_tokens" in keys


def parse(row: Mapping[str, Any]) -> Usage:
    requests = tokens(row, "num_model_requests")
    if requests == 0:
        raise BadValue("num_model_requests: 0 (a bucket without requests)")
    return usage(text(row, "model"), day(row, "start_time_iso", "start_time"), tokens(row, "input_tokens"),
                 tokens(row, "input_cached_tokens", required=False), 0, tokens(row, "output_tokens"), 0, requests)
