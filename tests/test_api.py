"""The Python API (`from modelpick import recommend, compare, cost, check, scan`): the same results as the
commands' JSON, keyword overrides, typed errors; importing the package stays cheap."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick import check, compare, cost, recommend, scan
from modelpick.cli import app
from modelpick.errors import InputError, ModelpickError
from modelpick.service import models

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 12, 2)


def test_recommend_is_the_commands_json() -> None:
    result = recommend(ROOT / "examples" / "ticket-triage.yaml", top=3, as_of=AS_OF)
    cli = CliRunner().invoke(app, ["recommend", str(ROOT / "examples" / "ticket-triage.yaml"), "--top", "3",
                                   "--as-of", str(AS_OF), "--format", "json"])
    assert json.loads(result.model_dump_json()) == json.loads(cli.stdout)


def test_a_mapping_and_keyword_overrides() -> None:
    estimate = cost("gpt-4.1-mini", {"task": "chat", "input_tokens": 2000, "output_tokens": 300},
                    requires={"features": ["tool_calling"]}, requests_per_day=100, as_of=AS_OF)
    # gpt-4.1-mini: 2,000 x $0.40 + 300 x $1.60 per 1M = 0.00128 a request x 100 a day x 30 days
    assert (estimate.fits, estimate.cost.per_month) == (True, Decimal("3.84"))
    assert estimate.workload["requires"]["features"] == ["tool_calling"]


def test_compare_check_and_scan(tmp_path: Path) -> None:
    assert [m.model for m in compare(["gpt-4.1-nano", "gpt-5-nano"], {"task": "classification"}, as_of=AS_OF)
            .models] == ["gpt-4.1-nano", "gpt-5-nano"]
    found = scan([ROOT / "tests" / "fixtures" / "scan" / "retired-config"], as_of=AS_OF)
    assert sorted(f.status for f in found.findings) == ["retired", "retired", "retiring", "retiring"]
    assert check(ROOT / "tests" / "fixtures" / "check" / "modelpick.yaml", as_of=AS_OF).summary["fail"] >= 1


def test_errors_are_typed_not_exits() -> None:
    with pytest.raises(ModelpickError, match="unknown model 'gpt-4.1-nanoo'"):
        cost("gpt-4.1-nanoo")


def test_importing_the_package_loads_no_evaluation() -> None:
    probe = "import sys, modelpick; print(sorted(m for m in sys.modules if m.startswith('modelpick')))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['modelpick']"


@pytest.mark.parametrize("call, path, message", [
    (lambda: recommend(requires={"providers": ["opneai"]}), "requires.providers",
     "requires.providers: unknown provider 'opneai' (did you mean 'openai'?)"),
    (lambda: recommend(task="clasification"), "task",
     "task: unknown task 'clasification' (did you mean 'classification'?); `modelpick tasks` lists them"),
    (lambda: cost("gpt-4.1-nano", input_tokens=-1), "input_tokens",
     "input_tokens: Input should be greater than or equal to 0"),
    (lambda: models(providers=["opneai"]), "providers", "providers: unknown provider 'opneai' (did you mean 'openai'?)"),
    (lambda: check(ROOT / "tests" / "fixtures" / "check" / "modelpick.yaml", baseline="-p"), "baseline",
     "baseline: not a git ref: '-p' (a ref cannot start with '-' or hold whitespace or control characters)"),
])
def test_errors_name_the_key_path_never_an_option(call, path: str, message: str) -> None:
    """The command line turns these key paths into its options; from Python they are the keyword's name."""
    with pytest.raises(InputError) as raised:
        call()
    assert (raised.value.path, raised.value.argument, str(raised.value)) == (path, True, message)


def test_every_command_has_the_same_keywords_for_registry_and_day() -> None:
    import inspect

    from modelpick import service

    for name in ("recommend", "compare", "cost", "show", "models", "check", "scan", "init", "registry_export",
                 "registry_audit"):
        params = inspect.signature(getattr(service, name)).parameters
        assert params["registry"].kind is inspect.Parameter.KEYWORD_ONLY, name
        assert params["as_of"].kind is inspect.Parameter.KEYWORD_ONLY, name
