"""JSON: the result itself, as the output schema describes it (`modelpick schema output`)."""

from __future__ import annotations

from modelpick.report import Output


def render(result: Output) -> str:
    return result.model_dump_json(indent=2) + "\n"
