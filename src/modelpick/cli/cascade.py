"""`modelpick cascade`: a first model that escalates a share of requests to the next, costed and scored.

`--chain` and `--escalation-rate` take several values, as `--chain A B C` or `--chain A --chain B`, and each
also `A,B,C`: click options take one value each, so the words after them that are not a workload file land
among the positional arguments, and are given back to the option they follow here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from modelpick.cli import completion
from modelpick.cli.options import AsOfOpt, FormatOpt, RegistryOpt, TopOpt, overrides, with_workload_options
from modelpick.cli.output import emit, guarded
from modelpick.errors import InputError

EPILOG = ("Examples:\n\n"
          "  modelpick cascade examples/ticket-triage.yaml --chain gpt-4.1-nano gpt-4.1 --escalation-rate 0.2\n\n"
          "  modelpick cascade ticket-triage --primary gpt-4.1-nano --fallback gpt-4.1-mini --escalation-rate 0.1\n\n"
          "  modelpick cascade ticket-triage --chain gpt-4.1-nano gpt-4.1-mini gpt-4.1 --escalation-rate 0.2 0.5\n\n"
          "  modelpick cascade ticket-triage --depth 3 --top 5\n\n"
          "Every request goes to the first model; a share R of the requests that reach a model moves on to the "
          "next, paying for every model it went through. Expected quality assumes each request gets the quality "
          "of the model that answers it (a perfect router). Without a chain: the best pairs (--depth 3: "
          "triples) at one escalation rate for every hand-off (default 0.2).\n\n"
          "Exit codes: 0 done, 1 a search found no cascade worth listing, 2 the input is wrong.")


def _is_workload(word: str) -> bool:
    from modelpick.examples import bundled_examples

    return word.endswith((".yaml", ".yml")) or os.path.lexists(word) or word in bundled_examples()


def _is_rate(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _rates(words: list[str]) -> list[float]:
    out = []
    for word in _split(words):
        try:
            out.append(float(word))
        except ValueError:
            raise InputError(f"not a number: {word!r}", path="escalation_rates", argument=True) from None
    return out


def _arguments(words: list[str], chain: list[str], rates: list[str]) -> tuple[Path | None, list[str], list[str]]:
    """The workload file among the positional words; the rest continue --chain (names) or --escalation-rate
    (numbers)."""
    workload = None
    for word in words:
        if _is_workload(word) and workload is None:
            workload = Path(word)
        elif _is_rate(word) and rates:
            rates.append(word)
        elif chain and not _is_rate(word):
            chain.append(word)
        else:
            raise InputError(f"unexpected argument {word!r}: name one workload file, the models with --chain A B "
                             "... (or --primary and --fallback) and the rates with --escalation-rate")
    return workload, chain, rates


def register(app: typer.Typer) -> None:
    app.command(name="cascade", epilog=EPILOG)(guarded(with_workload_options(cascade)))


def cascade(
    arguments: Annotated[Optional[list[str]], typer.Argument(
        metavar="WORKLOAD", help="Workload YAML file (see examples/). Options override its keys.",
        show_default=False, autocompletion=completion.models)] = None,
    chain: Annotated[Optional[list[str]], typer.Option(
        "--chain", help="The models, first to last: --chain A B [C ...] (MODEL or PROVIDER/MODEL).",
        autocompletion=completion.models)] = None,
    primary: Annotated[Optional[str], typer.Option(
        "--primary", help="The first model of a two-model cascade.", autocompletion=completion.models)] = None,
    fallback: Annotated[Optional[str], typer.Option(
        "--fallback", help="The model the primary escalates to.", autocompletion=completion.models)] = None,
    escalation_rates: Annotated[Optional[list[str]], typer.Option(
        "--escalation-rate", help="Share of requests handed on, 0..1: one per hand-off (--escalation-rate 0.2 "
        "0.5); without a chain, one for every hand-off. Default without a chain: 0.2.")] = None,
    depth: Annotated[int, typer.Option("--depth", help="Without a chain: 2 lists pairs, 3 triples.")] = 2,
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    top: TopOpt = None,
    *,
    workload_options: dict[str, Any],
) -> None:
    """Blended cost and quality of a model that escalates a share of requests to the next."""
    from modelpick import service

    if chain and (primary or fallback):
        raise InputError("give either --chain or --primary and --fallback, not both", path="chain", argument=True)
    if bool(primary) != bool(fallback):
        raise InputError("--primary and --fallback go together", path="primary" if fallback else "fallback",
                         argument=True)
    names = _split(chain or []) or ([primary, fallback] if primary and fallback else [])
    workload, names, rate_words = _arguments(arguments or [], names, list(escalation_rates or []))
    result = service.cascade(workload, chain=names, escalation_rates=_rates(rate_words), depth=depth, top=top,
                             registry=registry or [], as_of=as_of, **overrides(workload_options))
    emit(result, format)
    if not result.cascades:
        raise typer.Exit(1)  # a search found none: a negative answer, as recommend's when no entry fits
