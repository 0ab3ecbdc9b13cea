"""Shell completion of values, read from the registry: model names (ids, snapshots, aliases and their
PROVIDER/MODEL forms), task ids, providers, creators, features, modalities and benchmark keys (`KEY=`).

Each function is a typer `autocompletion` callback: (ctx, incomplete) -> the candidates that start with
`incomplete`, each with a short description (zsh and fish show it). They read the registry through its
loader, whose on-disk cache makes that a JSON read, honour the `--registry` layers already typed, and import
nothing that renders (no rich, no tabulate): every TAB is one short process (benchmarks/completion.py
measures it). An error while completing (an unreadable registry, a bad --registry path) offers nothing: a
traceback must never land in the user's prompt."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from typer import _click as click

if TYPE_CHECKING:
    from modelpick.registry import Registry
    from modelpick.registry.loader import Tasks

Candidate = tuple[str, str]  # (value, description)
Completer = Callable[[click.Context, str], list[Candidate]]


def _quiet(func: Callable[[click.Context, str], Iterable[Candidate]]) -> Completer:
    """The candidates that start with `incomplete`, in the order given, each once; none on any error."""

    @functools.wraps(func)
    def complete(ctx: click.Context, incomplete: str) -> list[Candidate]:
        try:
            found = {value: text for value, text in func(ctx, incomplete) if value.startswith(incomplete)}
        except Exception:  # noqa: BLE001 - whatever went wrong, the prompt gets no traceback
            return []
        return list(found.items())

    return complete


def _registry(ctx: click.Context) -> Registry:
    from modelpick.registry import load_registry

    return load_registry([Path(p) for p in ctx.params.get("registry") or []])


def _tasks() -> Tasks:
    from modelpick.registry import load_tasks

    return load_tasks()


@_quiet
def models(ctx: click.Context, incomplete: str) -> Iterable[Candidate]:
    """MODEL: every id, snapshot and alias; PROVIDER/MODEL: the same names under each provider serving them."""
    registry = _registry(ctx)
    for entry in registry.entries:
        for name in (entry.id, *entry.model.snapshots, *entry.model.aliases):
            yield name, entry.model.name
    for entry in registry.entries:
        for name in (entry.id, *entry.model.snapshots, *entry.model.aliases):
            yield f"{entry.provider}/{name}", f"{entry.model.name} ({entry.provider_name})"


@_quiet
def tasks(ctx: click.Context, incomplete: str) -> Iterable[Candidate]:
    return ((task_id, profile.name) for task_id, profile in _tasks().profiles.items())


@_quiet
def benchmark_keys(ctx: click.Context, incomplete: str) -> Iterable[Candidate]:
    """KEY= for --min-quality KEY=VALUE; nothing once the key is typed (the value is a number)."""
    if "=" in incomplete:
        return []
    return ((f"{key}=", info.name) for key, info in _tasks().benchmarks.items())


@_quiet
def providers(ctx: click.Context, incomplete: str) -> Iterable[Candidate]:
    registry = _registry(ctx)
    names = {entry.provider: entry.provider_name for entry in registry.entries}
    return ((provider, names[provider]) for provider in registry.providers)


@_quiet
def creators(ctx: click.Context, incomplete: str) -> Iterable[Candidate]:
    return ((creator, "creator") for creator in sorted({e.model.creator for e in _registry(ctx).entries}))


@_quiet
def features(ctx: click.Context, incomplete: str) -> Iterable[Candidate]:
    from modelpick.registry.schema import FEATURES

    return ((feature, "feature") for feature in FEATURES)


@_quiet
def modalities(ctx: click.Context, incomplete: str) -> Iterable[Candidate]:
    from modelpick.registry.schema import MODALITIES

    return ((modality, "input modality") for modality in MODALITIES)
