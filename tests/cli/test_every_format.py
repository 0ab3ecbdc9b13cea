"""Every command in every format it accepts, on an empty and a non-empty result (issue 12, item 7).

The formats come from the CLI itself (each command's --format enum), so a new format or a new command with a
--format option is run here without editing this file; a command missing from CASES fails the test."""

from __future__ import annotations

import enum
import inspect
import json
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest
import typer

from modelpick.cli import app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REG = ("--registry", str(FIXTURES / "registry"))
IMPOSSIBLE = ("--task", "chat", "--min-context", "99000000")  # no entry has a 99M-token context window
WORKLOAD = ("--task", "chat", "--input-tokens", "1000", "--output-tokens", "100")
AS_OF = ("--as-of", "2025-12-01")
LITELLM = str(FIXTURES / "foreign" / "litellm-model-prices.json")
HAS_NO_HEADER = {"json", "jsonl"}  # every other format writes a header, a title or a root element


def _format_enum(annotation: Any) -> type[enum.Enum] | None:
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, enum.Enum):
            return arg
        found = _format_enum(arg) if typing.get_args(arg) else None
        if found:
            return found
    return None


def _commands(group: typer.Typer, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Callable[..., Any]]]:
    for command in group.registered_commands:
        assert command.callback is not None
        yield (*prefix, command.name or command.callback.__name__.replace("_", "-")), command.callback
    for sub in group.registered_groups:
        assert sub.typer_instance is not None and sub.name
        yield from _commands(sub.typer_instance, (*prefix, sub.name))


def formats_by_command() -> dict[tuple[str, ...], list[str]]:
    out = {}
    for path, callback in _commands(app):
        param = inspect.signature(callback, eval_str=True).parameters.get("format")
        if param is not None:
            choices = _format_enum(param.annotation)
            assert choices is not None, path
            out[path] = [member.value for member in choices]
    return out


def _files(tmp: Path) -> dict[str, str]:
    (tmp / "empty").mkdir()
    (tmp / "code").mkdir()
    (tmp / "code" / "app.py").write_text('A = "acme-alpha"\nB = "gpt-9-turbo"\n')  # known, and unknown
    (tmp / "ok.yaml").write_text("workloads:\n  - {name: w, model: acme/acme-alpha, task: chat, input_tokens: 1000, "
                                 "output_tokens: 100, requires: {providers: [acme]}}\n")
    (tmp / "skipped.json").write_text('{"x-model": {"litellm_provider": "nobodyco", "mode": "chat", '
                                      '"input_cost_per_token": "bad"}}')
    (tmp / "usage.csv").write_text("timestamp,model,input_tokens,cached_tokens,output_tokens\n")  # no requests
    return {"tmp": str(tmp)}


# command -> (empty case: args, exit code), (non-empty case: args, exit code). {tmp} is the test's folder;
# {n} a number unique to the run (registry import writes a fresh folder each time).
CASES: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], int], tuple[tuple[str, ...], int]]] = {
    ("recommend",): (((*IMPOSSIBLE, *REG, *AS_OF), 1), (("ticket-triage", "--top", "3", *REG, *AS_OF), 0)),
    ("compare",): ((("acme/acme-alpha", "acme/acme-think", *IMPOSSIBLE, *REG, *AS_OF), 0),
                   (("acme/acme-alpha", "acme/acme-think", *WORKLOAD, *REG, *AS_OF), 0)),
    ("cost",): ((("acme/acme-alpha", *IMPOSSIBLE, *REG, *AS_OF), 0), (("acme/acme-alpha", *WORKLOAD, *REG, *AS_OF), 0)),
    ("show",): ((("acme/acme-legacy", *REG, *AS_OF), 0), (("acme/acme-alpha", "--sources", *REG, *AS_OF), 0)),
    ("models",): ((("--min-context", "999999999999", *REG), 0), (("--provider", "acme", *REG, *AS_OF), 0)),
    ("tasks",): (((), 0), ((), 0)),
    ("cascade",): (((*IMPOSSIBLE, *REG, *AS_OF), 1),
                   (("--chain", "acme/shared-open", "acme/acme-alpha", "acme/acme-think", "--escalation-rate", "0.5",
                     "0.2", *WORKLOAD, *REG, *AS_OF), 0)),
    ("check",): ((("--config", "{tmp}/ok.yaml", *REG, *AS_OF), 0),
                 (("--config", str(FIXTURES / "check" / "modelpick.yaml"), *REG, *AS_OF), 1)),
    ("scan",): ((("{tmp}/empty", *REG, *AS_OF), 0), (("{tmp}/code", *REG, *AS_OF), 1)),
    ("registry", "validate"): ((("{tmp}/empty", *AS_OF), 0), ((str(FIXTURES / "registry"), *AS_OF), 0)),
    ("registry", "diff"): ((("bundled", "bundled", *AS_OF), 0), (("bundled", str(FIXTURES / "registry"), *AS_OF), 0)),
    ("registry", "export"): ((REG, 0), ((*REG, *AS_OF), 0)),
    ("registry", "audit"): ((("--against", "{tmp}/skipped.json", "--from", "litellm"), 0),
                            (("--against", LITELLM, "--from", "litellm", "--tolerance", "1000"), 0)),
    ("registry", "import"): ((("--from", "litellm", "{tmp}/skipped.json", "-o", "{tmp}/out{n}"), 0),
                             (("--from", "litellm", LITELLM, "-o", "{tmp}/out{n}"), 0)),
    ("frontier",): (((*IMPOSSIBLE, *REG, *AS_OF), 1), ((*WORKLOAD, "--provider", "acme", *REG, *AS_OF), 0)),
    ("breakeven",): ((("--between", "acme/acme-alpha", "acme/acme-think", *IMPOSSIBLE, *REG, *AS_OF), 0),
                     (("--between", "acme/acme-alpha", "acme/acme-think", *WORKLOAD, *REG, *AS_OF), 0)),
    ("replay",): ((("{tmp}/usage.csv", *REG, *AS_OF), 0),
                  ((str(FIXTURES / "replay" / "generic.csv"), "--models", "acme/acme-alpha", "-m", "acme-think", *REG,
                    *AS_OF), 0)),
}


def test_every_command_with_a_format_has_cases():
    assert set(formats_by_command()) == set(CASES)


def test_the_choices_are_the_registered_formats():
    """Every format registered in render.FORMATS (or upkeep.export.EXPORTERS) is offered by some command, and a
    command offers nothing else: the choices are built from those dicts, never listed by hand."""
    from modelpick.render import FORMATS
    from modelpick.upkeep.export import EXPORTERS

    by_command = formats_by_command()
    offered = {fmt for formats in by_command.values() for fmt in formats}
    assert offered == set(FORMATS) | set(EXPORTERS)
    assert by_command[("registry", "export")] == list(EXPORTERS)
    for command, formats in by_command.items():
        if command != ("registry", "export"):
            assert [f for f in FORMATS if f in formats] == formats, command  # in FORMATS order


@pytest.mark.parametrize("command", sorted(CASES), ids=" ".join)
def test_every_format_on_an_empty_and_a_non_empty_result(invoke, tmp_path: Path, command: tuple[str, ...]):
    names = _files(tmp_path)
    formats = formats_by_command()[command]
    for n, (fmt, (args, exit_code)) in enumerate((f, case) for f in formats for case in CASES[command]):
        argv = [*command, *(a.format(n=n, **names) for a in args), "--format", fmt]
        result = invoke(*argv)
        where = f"{' '.join(argv)}: {result.stderr}"
        assert result.exit_code == exit_code, where
        assert result.exception is None or isinstance(result.exception, SystemExit), where
        assert "Traceback" not in result.stderr + result.stdout, where
        empty_csv = fmt == "csv" and command == ("registry", "diff") and args[:2] == ("bundled", "bundled")
        if empty_csv:
            assert result.stdout == "", where  # no table at all: no header to give
        elif fmt not in HAS_NO_HEADER:
            assert result.stdout.strip(), where
        if fmt == "json":
            assert json.loads(result.stdout)["schema_version"], where
        if fmt == "jsonl":
            assert all(json.loads(line) for line in result.stdout.splitlines()), where
        if fmt == "junit":
            import xml.etree.ElementTree as ET

            ET.fromstring(result.stdout)
