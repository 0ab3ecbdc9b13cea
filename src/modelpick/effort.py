"""Reasoning effort: the vocabulary, in rising order, and how a wanted effort meets what a model offers.

Providers name the knob differently (OpenAI `reasoning_effort`, Anthropic extended thinking and `effort`,
Gemini thinking budgets and levels); modelpick maps each onto one scale. A model that only switches thinking
on or off offers `none` (off) and `high` (on).
"""

from __future__ import annotations

from typing import Literal

Effort = Literal["none", "minimal", "low", "medium", "high", "xhigh"]
EFFORTS: tuple[str, ...] = Effort.__args__  # type: ignore[attr-defined]


def nearest(wanted: str, offered: list[str]) -> str:
    """The offered effort closest to `wanted` on the scale; between two equally close, the higher one
    (a user who asked for more thinking should not be quoted for less)."""
    if not offered or wanted in offered:
        return wanted
    at = EFFORTS.index(wanted)
    return min(offered, key=lambda e: (abs(EFFORTS.index(e) - at), -EFFORTS.index(e)))


def lowest(offered: list[str]) -> str | None:
    return min(offered, key=EFFORTS.index) if offered else None
