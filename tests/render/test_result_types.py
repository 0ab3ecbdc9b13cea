"""Every result type in every format its command offers, rendered from the result itself: the emptiest
result of each type (no findings, no changes, no entries), where the table-less and finding-less cases live.
The renderers that take only some types (github, junit) pick their layout from an explicit type -> function
mapping, which must be exactly the types whose commands offer that format."""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import typing
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.render import github, junit, layout_registry, render, type_name
from modelpick.report import (
    AuditResult,
    BreakevenResult,
    CascadeResult,
    CheckResult,
    Comparison,
    CostResult,
    FrontierResult,
    ImportResult,
    ModelList,
    ModelShow,
    Output,
    Recommendation,
    RegistryDiff,
    ReplayResult,
    ReplayRow,
    ScanResult,
    TaskList,
    ValidationResult,
)
from modelpick.schemas import output_models

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
AS_OF = dt.date(2025, 12, 1)

# The command that prints each result type.
COMMAND_OF: dict[type[Output], tuple[str, ...]] = {
    Recommendation: ("recommend",),
    Comparison: ("compare",),
    CostResult: ("cost",),
    ModelShow: ("show",),
    ModelList: ("models",),
    TaskList: ("tasks",),
    CheckResult: ("check",),
    ScanResult: ("scan",),
    ValidationResult: ("registry", "validate"),
    RegistryDiff: ("registry", "diff"),
    ImportResult: ("registry", "import"),
    AuditResult: ("registry", "audit"),
    FrontierResult: ("frontier",),
    BreakevenResult: ("breakeven",),
    ReplayResult: ("replay",),
    CascadeResult: ("cascade",),
}


def _command(path: tuple[str, ...]) -> Any:
    group: typer.Typer = app
    for name in path[:-1]:
        group = next(g.typer_instance for g in group.registered_groups if g.name == name)  # type: ignore[misc]
    return next(c.callback for c in group.registered_commands
                if (c.name or c.callback.__name__.replace("_", "-").rstrip("-")) == path[-1])  # type: ignore[union-attr]


def _choices(annotation: Any) -> list[str]:
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, enum.Enum):
            return [member.value for member in arg]
        if typing.get_args(arg) and (found := _choices(arg)):
            return found
    return []


def formats_of(result_type: type[Output]) -> list[str]:
    """The --format choices of the command that prints result_type, as the CLI declares them."""
    param = inspect.signature(_command(COMMAND_OF[result_type]), eval_str=True).parameters["format"]
    choices = _choices(param.annotation)
    assert choices, COMMAND_OF[result_type]
    return choices


def _from_cli(result_type: type[Output], *args: str) -> Output:
    """A result only the registry can fill (an entry's cost, an entry shown), from the command's JSON."""
    result = CliRunner().invoke(app, [*args, "--registry", str(FIXTURES / "registry"), "--as-of", str(AS_OF),
                                      "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return result_type.model_validate(json.loads(result.stdout))


WORKLOAD = {"name": "w", "input_tokens": 1000, "output_tokens": 100}


def emptiest(result_type: type[Output]) -> Output:
    """The result with nothing in it: no entries, no findings, no changes."""
    if result_type is CostResult:
        return _from_cli(CostResult, "cost", "acme/acme-alpha", "--task", "chat", "--input-tokens", "1000",
                         "--output-tokens", "100")
    if result_type is ModelShow:
        return _from_cli(ModelShow, "show", "acme/acme-legacy")
    if result_type is BreakevenResult:
        return _from_cli(BreakevenResult, "breakeven", "--between", "acme/acme-alpha", "acme/acme-think", "--task",
                         "chat", "--input-tokens", "1000", "--output-tokens", "100")
    empty: dict[type[Output], Any] = {
        Recommendation: lambda: Recommendation(as_of=AS_OF, workload=WORKLOAD, task="chat", weights={},
                                               ranking=[], excluded=[]),
        Comparison: lambda: Comparison(as_of=AS_OF, workload=WORKLOAD, task="chat", weights={}, models=[]),
        ModelList: lambda: ModelList(models=[]),
        FrontierResult: lambda: FrontierResult(as_of=AS_OF, workload=WORKLOAD, task="chat", weights={}, points=[],
                                               frontier=[], speed_frontier=[], unplotted=[]),
        TaskList: lambda: TaskList(tasks=[]),
        CascadeResult: lambda: CascadeResult(as_of=AS_OF, workload=WORKLOAD, task="chat", weights={}, mode="search",
                                             depth=2, definition="d", assumption="a", cascades=[]),
        ReplayResult: lambda: ReplayResult(
            as_of=AS_OF, log="usage.csv", format="generic", rows=0, requests=0, first_day=None, last_day=None,
            bad_lines=0, first_bad_lines=[], unknown_models=[], candidates=[], notes=[], warnings=[], by_day=[],
            by_model=[], total=ReplayRow(key="total", requests=0, input_tokens=0, cached_tokens=0,
                                         cache_write_tokens=0, output_tokens=0, reasoning_tokens=0, served=0,
                                         candidates=[])),
        CheckResult: lambda: CheckResult(as_of=AS_OF, config="modelpick.yaml", results=[],
                                         summary={"pass": 0, "warn": 0, "fail": 0}),
        ScanResult: lambda: ScanResult(as_of=AS_OF, findings=[], summary={
            "ok": 0, "unknown": 0, "deprecated": 0, "retiring": 0, "retired": 0, "unpinned": 0, "files": 0,
            "skipped": 0, "truncated_files": 0, "findings_cut": 0, "failing": 0}),
        ValidationResult: lambda: ValidationResult(as_of=AS_OF, max_age_days=None, files=[], entries=0, findings=[],
                                                   summary={"files": 0, "entries": 0, "findings": 0}),
        RegistryDiff: lambda: RegistryDiff(old="bundled", new="bundled", as_of=AS_OF, added=[], removed=[],
                                           changed=[], workloads=[], summary={
                                               "added": 0, "removed": 0, "changed": 0, "unchanged": 0,
                                               "workloads": 0, "top_changed": 0, "cost_changed": 0}),
        ImportResult: lambda: ImportResult(format="litellm", file="x.json", read=AS_OF, total=0, imported=0,
                                           skipped={}, filtered=0, providers={}, written=[]),
        AuditResult: lambda: AuditResult(against="x.json", format="litellm", tolerance=0.0, matched=0, only_ours=[],
                                         only_theirs=0, disagreements=[], summary={
                                             "matched": 0, "disagreements": 0, "beyond_tolerance": 0,
                                             "recorded": 0, "failing": 0}),
    }
    return empty[result_type]()


def test_every_document_has_its_command() -> None:
    assert set(COMMAND_OF) == set(output_models())


PAIRS = [(t, fmt) for t in COMMAND_OF for fmt in formats_of(t)]


@pytest.mark.parametrize(("result_type", "fmt"), PAIRS, ids=[f"{t.__name__}-{fmt}" for t, fmt in PAIRS])
def test_the_emptiest_result_renders(result_type: type[Output], fmt: str) -> None:
    result = emptiest(result_type)
    text = render(result, fmt, width=100)
    if fmt == "json":
        assert json.loads(text) == json.loads(result.model_dump_json())
    elif fmt == "junit":
        root = ET.fromstring(text)
        assert root.tag == "testsuites" and root.get("failures") == "0"
    elif fmt == "github":
        assert text.endswith("\n") and not any(line.startswith("::error") for line in text.splitlines())
    elif fmt == "csv" and result_type is RegistryDiff:
        assert text == ""  # no table at all: no header to give
    else:
        assert text.strip(), f"{result_type.__name__} in {fmt}"


@pytest.mark.parametrize("module", [github, junit], ids=lambda m: m.__name__.rpartition(".")[2])
def test_a_renderer_takes_exactly_the_types_whose_commands_offer_it(module: Any) -> None:
    fmt = module.__name__.rpartition(".")[2]
    assert set(module.RENDERERS) == {type_name(t) for t in COMMAND_OF if fmt in formats_of(t)}


@pytest.mark.parametrize("module", [github, junit], ids=lambda m: m.__name__.rpartition(".")[2])
def test_a_type_a_renderer_does_not_take_is_a_type_error(module: Any) -> None:
    with pytest.raises(TypeError, match=r"does not render ModelList; it renders CheckResult, ScanResult, "):
        module.render(ModelList(models=[]))


def test_registry_layouts_are_found_by_type() -> None:
    from modelpick.render.layout import layout

    registry_types = [ValidationResult, RegistryDiff, ImportResult, AuditResult]
    assert set(layout_registry.LAYOUTS) == {type_name(t) for t in registry_types}
    for result_type in registry_types:
        result = emptiest(result_type)
        assert layout(result) == layout_registry.LAYOUTS[type_name(result_type)](result)


def test_a_result_without_a_layout_is_a_type_error() -> None:
    from modelpick.render.layout import layout

    class Unknown(Output):
        pass

    with pytest.raises(TypeError, match="no layout for Unknown"):
        layout(Unknown())


def test_failing_counts_are_the_results_own() -> None:
    assert [emptiest(t).failing for t in (CheckResult, ScanResult, ValidationResult, AuditResult)] == [0, 0, 0, 0]
