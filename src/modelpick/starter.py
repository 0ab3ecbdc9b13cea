"""The starter modelpick.yaml that `modelpick init` writes: commented, with the policy keys `check` reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from modelpick.errors import InputError
from modelpick.registry import Registry
from modelpick.registry.loader import Tasks

STARTER_HEAD = """\
# modelpick.yaml: the models this project uses, and the policy `modelpick check` holds them to.
# Workload keys are those of a workload file (see `modelpick recommend --help`); `defaults` apply to every
# workload that does not set its own. Run `modelpick check` locally or in CI (exit 1 when a workload fails).
# No policy is chosen yet: until you uncomment one, `check` fails only when a model is unknown, retired or
# cannot serve its workload, and warns when it is deprecated or shuts down within 90 days.
defaults:
  requests_per_day: {requests_per_day}
  # policy:                        # every rule `check` can hold a workload to; a workload may set its own
  #   max_cost_ratio: 2.0          # fail when an entry as good costs less than half as much
  #   max_rank: 10                 # fail when the chosen model falls below 10th for its workload
  #   require_snapshot: true       # fail unless `model` is a dated snapshot
  #   max_monthly_cost_usd: 500    # fail when a workload costs more than this a month
  #   max_cost_increase: 0.1       # with --baseline: fail when the monthly cost rises by more than 10%
  #   retirement_warning_days: 90  # warn this long before the chosen model shuts down (default 90)
workloads:
"""


def number(value: float) -> str:
    """A YAML number as written by hand: 1000, not 1000.0 or 1e+03."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's): no name or id can break the file."""
    import json

    return json.dumps(value)


def workload_block(name: str, model: str, found: str | None, task: str | None, input_tokens: int | None,
                    output_tokens: int | None, tasks: Tasks) -> str:
    """One workload of the starter. A task or token count the user did not give is left commented out, with
    what `check` assumes meanwhile: a guessed task would fail `check` on a model that is fine for its real one."""
    import textwrap

    from modelpick.workload import DEFAULT_TASK

    where = f"  # found at {_quoted(found)[1:-1]}" if found else ""  # escaped: a file name may hold a line break
    lines = [f"  - name: {_quoted(name)}", f"    model: {_quoted(model)}{where}"]
    if task is not None:
        lines.append(f"    task: {_quoted(task)}  # `modelpick tasks` lists them")
    else:
        lines += textwrap.wrap(f"# task: {_quoted(DEFAULT_TASK)}  # {DEFAULT_TASK} until you choose; one of: "
                               f"{', '.join(tasks.profiles)}", width=110, initial_indent="    ",
                               subsequent_indent="    #   ", break_on_hyphens=False)
    for key, value, note in (("input_tokens", input_tokens, "per request; default: the task's typical count"),
                             ("output_tokens", output_tokens, "visible, per request; default: the same")):
        lines.append(f"    {key}: {value}" if value is not None else f"    # {key}: N  # {note}")
    return "\n".join(lines) + "\n"


def scanned_models(paths: list[Path], registry: Registry, as_of: dt.date) -> list[tuple[str, str]]:
    """(model as written, where first found) for each distinct registry entry the scan finds."""
    from modelpick.scanner import scan as run_scan

    seen: dict[str, tuple[str, str]] = {}
    for finding in run_scan(paths, registry, as_of).findings:
        if finding.model is None or finding.status == "unknown":
            continue
        key = f"{finding.provider}/{finding.model}" if finding.provider else finding.text
        written = finding.text
        if finding.provider and not written.startswith(f"{finding.provider}/"):
            written = f"{finding.provider}/{written}"  # as written, with the provider that serves it
        seen.setdefault(key, (written, f"{finding.path}:{finding.line}"))
    if not seen:
        raise InputError(f"found no model id the registry knows in {', '.join(str(p) for p in paths)}; name a "
                         "model instead", path="from_scan", argument=True)
    return list(seen.values())
