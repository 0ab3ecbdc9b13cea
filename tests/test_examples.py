"""The bundled example workloads: `examples/NAME.yaml` or a bare `NAME` reads the bundled copy when no file is
there, so the README's first command works from any folder; a real file always wins."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.errors import InputError
from modelpick.examples import bundled_examples, workload_path

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples"
AS_OF = "2026-11-21"

runner = CliRunner()


@pytest.fixture(autouse=True)
def in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a folder that is not the repository, so examples/ is not there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: Any) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def test_every_example_is_bundled() -> None:
    bundled = bundled_examples()
    assert set(bundled) == {p.stem for p in EXAMPLES.glob("*.yaml")}
    for name, path in bundled.items():
        assert path.read_bytes() == (EXAMPLES / f"{name}.yaml").read_bytes()


@pytest.mark.parametrize("given", ["examples/ticket-triage.yaml", "ticket-triage"])
def test_bundled_copy_when_no_file_is_there(given: str) -> None:
    assert workload_path(Path(given)) == bundled_examples()["ticket-triage"]


@pytest.mark.parametrize("given", ["examples/ticket-triage.yaml", "ticket-triage"])
def test_a_real_file_wins(given: str) -> None:
    mine = Path(given)
    mine.parent.mkdir(exist_ok=True)
    mine.write_text("name: mine\ntask: classification\n", encoding="utf-8")
    assert workload_path(mine) == mine
    result = run("recommend", given, "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["workload"]["name"] == "mine"


def test_a_broken_symlink_wins_and_says_so() -> None:
    Path("examples").mkdir()
    Path("examples/ticket-triage.yaml").symlink_to("nowhere.yaml")
    result = run("recommend", "examples/ticket-triage.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "modelpick: error: examples/ticket-triage.yaml: a broken symlink (it leads nowhere)\n"


@pytest.mark.parametrize("given", ["examples/ticket-triage.yaml", "ticket-triage"])
def test_recommend_reads_the_bundled_copy_quietly(given: str) -> None:
    result = run("recommend", given, "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["workload"]["name"] == "ticket-triage"


@pytest.mark.parametrize(("args", "message"), [
    (["recommend", "examples/tiket-triage.yaml"],
     "examples/tiket-triage.yaml: no such file (did you mean 'ticket-triage'?)"),
    (["recommend", "tiket-triage"], "tiket-triage: no such file (did you mean 'ticket-triage'?)"),
    (["cost", "gpt-4.1-nano", "examples/rag.yaml"], "examples/rag.yaml: no such file (did you mean 'rag-chat' or 'long-tail-rag'?)"),
    (["recommend", "examples/nothing-like-it.yaml"], "examples/nothing-like-it.yaml: no such file"),
    # Not the shape of an example: the usual error, no look-up.
    (["recommend", "elsewhere/ticket-triage.yaml"], "elsewhere/ticket-triage.yaml: no such file"),
    (["recommend", "examples/ticket-triage.yml"], "examples/ticket-triage.yml: no such file"),
    (["recommend", "ticket-triage.yaml"], "ticket-triage.yaml: no such file"),
    # A modelpick.yaml config is not a workload.
    (["check", "--config", "examples/ticket-triage.yaml"], "examples/ticket-triage.yaml: no such file"),
])
def test_unknown_example_is_no_such_file(args: list[str], message: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"modelpick: error: {message}\n"


def test_workload_path_raises_input_error_naming_the_path() -> None:
    with pytest.raises(InputError) as err:
        workload_path(Path("examples/tiket-triage.yaml"))
    assert err.value.file == "examples/tiket-triage.yaml"
    assert err.value.detail == "no such file (did you mean 'ticket-triage'?)"


def test_importing_the_look_up_stays_cheap() -> None:
    probe = ("import sys, modelpick.examples; "
             "print(sorted(m for m in ('rich', 'tabulate', 'pydantic', 'yaml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_readme_opens_with_the_two_commands() -> None:
    """The first command runs an example that is bundled; the second is what .ci/run runs."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    first, second = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)[:2]
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && python -m pip install . && ")
    example = re.fullmatch(r".* modelpick recommend examples/([\w-]+)\.yaml", first)
    assert example and example.group(1) in bundled_examples()
    assert second in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
