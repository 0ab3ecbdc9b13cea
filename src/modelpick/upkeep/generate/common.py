"""What every step of the build shares: the snapshots' source keys and dates, the error, small helpers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from modelpick.errors import ModelpickError
from modelpick.upkeep.foreign import parse_date as parse_source_date
from modelpick.upkeep.foreign import plain

AA_SOURCE = "artificial-analysis-2026-07-10"
AA_DATE = dt.date(2026, 7, 10)
AA_VERSION = "AA 2026-07-10 snapshot"
LIVEBENCH_SOURCE = "livebench-2026-01-08"
LIVEBENCH_DATE = dt.date(2026, 1, 8)
LMARENA_SOURCE = "lmarena-2025-12"
LMARENA_TEXT_DATE = dt.date(2025, 12, 17)  # last change of leaderboard-text-style-control.json
LMARENA_VISION_DATE = dt.date(2025, 12, 11)  # last change of leaderboard-vision.json
# The day each aggregator said what its snapshot says (a lifecycle claim is dated by it, not by our read date).
MODELS_DEV_DATE = dt.date(2026, 7, 2)  # models.dev commit f3fc692
LITELLM_DATE = dt.date(2026, 12, 2)  # litellm 1.110.2 on PyPI
LITELLM_VERSION = "litellm 1.110.2"
GENAI_PRICES_SOURCE = "genai-prices"
GENAI_PRICES_DATE = dt.date(2026, 11, 1)  # genai-prices 0.2.3, published 2026-11 (month only: the 1st is used)
# genai-prices' prices (dated lists) are compared as in force on this day: the newest snapshot's (LiteLLM 1.110.2).
GENAI_PRICES_AS_OF = dt.date(2026, 12, 2)


class BuildError(ModelpickError):
    """An entry the selection names cannot be built from the snapshots (a key not found, a value missing)."""

    exit_code = 1


def parse_date(text: Any) -> tuple[dt.date, str | None]:
    """A source's YYYY-MM-DD or YYYY-MM date (the importers' reading: the 1st of the month, with a note)."""
    parsed = parse_source_date(text)
    if parsed is None:
        raise BuildError(f"unparseable date {str(text)!r}")
    return parsed


def dec(value: Any) -> Decimal | None:
    """A source's price as an exact Decimal (JSON float noise dropped), as the importers read it."""
    return plain(value)


def pct(fraction: float) -> float:
    return round(fraction * 100, 1)


def num(value: Any) -> Any:
    """Prices compared as exact Decimals (a hand fact's 0.10 equals a source's 0.1)."""
    if isinstance(value, dict):
        return {k: num(v) for k, v in value.items()}
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return dec(value)
    return value


def join(*parts: str | None) -> str | None:
    kept = [p for p in parts if p]
    return "; ".join(kept) if kept else None


def sourced(value: Any, source: str, note: str | None = None, others: list | None = None,
            raw: Any = None) -> dict[str, Any]:
    """A cited value; `raw` (kept only while building) is the source's own text where it was read loosely."""
    out: dict[str, Any] = {"value": value, "source": source}
    if note:
        out["note"] = note
    if others:
        out["others"] = others
    if raw is not None:
        out["_raw"] = raw
    return out


def aa_row_name(row: dict[str, Any]) -> str:
    return f"AA row '{row['name']}' (slug {row['slug']})"
