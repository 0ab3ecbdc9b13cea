"""What every result is made of: the base classes, and money as JSON and as text."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer

SCHEMA_VERSION = "1"

# quantize() may not produce more digits than the context's precision: the default 28 fails from $1e18, which
# the largest workload the schema allows reaches. One context, passed to each call: entering a localcontext
# per number cost more than the rounding (17,000 numbers in a recommend over LiteLLM's map).
_MONEY = Context(prec=60, rounding=ROUND_HALF_EVEN)
_TEN_PLACES = Decimal("1e-10")


def money_number(value: Decimal) -> float | int:
    """A JSON number without binary-float noise: round to 10 decimal places and at most 15 significant
    digits, which a float's shortest repr reproduces exactly."""
    value = value.quantize(_TEN_PLACES, context=_MONEY)
    digits = value.adjusted() + 1
    if digits > 5:
        value = value.quantize(Decimal(1).scaleb(digits - 15, context=_MONEY), context=_MONEY)
    value = value.normalize(context=_MONEY)
    return int(value) if value == value.to_integral_value(context=_MONEY) else float(value)


def money_text(value: Decimal | float | None) -> str:
    """Money for people: whole dollars from $100, cents from $1, else three significant digits."""
    if value is None:
        return "-"
    value = Decimal(str(value))
    if value >= 100:
        return f"${value:,.0f}"
    if value >= 1:
        return f"${value:,.2f}"
    if value == 0:
        return "$0"
    places = max(2, -value.adjusted() + 2)
    whole, _, decimals = f"{value:.{places}f}".partition(".")
    return f"${whole}.{decimals.rstrip('0').ljust(2, '0')}"


Money = Annotated[Decimal, PlainSerializer(money_number, return_type=float, when_used="json")]


class Result(BaseModel):
    """A typed result, or a part of one: frozen, and dumped as it is for `--format json`."""

    # Each model's validator and serializer are built on its first use, not when its class is defined: a command
    # builds those it makes (a recommendation never builds Comparison's or CostResult's, nor the bases').
    model_config = ConfigDict(frozen=True, defer_build=True)


class Output(Result):
    """A whole document that `--format json` prints. Every subclass is one: the output schema lists them all
    (`schemas.output_models`), in the order they are defined.

    pydantic orders fields from the last base to the first, so a document that extends a part names Output
    first to keep `schema_version` after the part's fields (`CostResult(Output, ComparedEntry)`), and last to
    put it before them (`Recommendation(Evaluated, Output)`)."""

    schema_version: str = SCHEMA_VERSION
