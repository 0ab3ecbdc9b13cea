"""`--help` at 80 columns shows every option name whole (rich's option table used to print
`--cached-input-rat…`), for every command, with no line wider than the terminal."""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from modelpick.cli import app

runner = CliRunner()
WIDTH = 80


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command and group under `command`, as (words after `modelpick`, click command)."""
    found = [(path, command)]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(get_command(app))


def _option_names(command: Any) -> list[str]:
    ctx = command.context_class(command, info_name="modelpick")
    return [name for param in command.get_params(ctx) if param.param_type_name == "option"
            and not param.hidden for name in (*param.opts, *param.secondary_opts)]


def test_every_command_is_covered() -> None:
    paths = {" ".join(path) for path, _ in COMMANDS}
    assert {"", "recommend", "compare", "cost", "show", "models", "tasks", "check", "scan", "init", "schema",
            "registry", "registry validate", "registry import", "registry audit", "registry diff",
            "registry export"} <= paths


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "modelpick" for p, _ in COMMANDS])
def test_help_shows_every_option_name_whole(path: tuple[str, ...], command: Any) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": str(WIDTH)})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    names = _option_names(command)
    assert "--help" in names
    for name in names:
        # whole: not the start of a longer name, nor cut short of its end
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", result.stdout), (name, result.stdout)
    assert "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= WIDTH, result.stdout
