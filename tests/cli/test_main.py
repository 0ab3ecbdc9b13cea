"""cli.main(), the console script: what it sets up for the process before any command runs."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import pytest
import typer.main

from modelpick.cli import app, main


@pytest.mark.parametrize(("chosen", "expected"), [(None, "__all__"), ("logfire", "logfire")])
def test_pydantic_plugins_are_off_unless_the_user_chose(monkeypatch: pytest.MonkeyPatch, chosen: str | None,
                                                        expected: str) -> None:
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "recorded")  # so that monkeypatch restores it afterwards
    if chosen is None:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS")
    else:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", chosen)
    monkeypatch.setattr(sys, "argv", ["modelpick", "--version"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code in (0, None)
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == expected


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the commands typer builds, in order."""
    names: list[str] = []
    build = typer.main.get_command_from_info

    def recording(command_info: Any, **kwargs: Any) -> Any:
        command = build(command_info, **kwargs)
        names.append(command.name)
        return command

    monkeypatch.setattr(typer.main, "get_command_from_info", recording)
    return names


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    monkeypatch.setattr(sys, "argv", ["modelpick", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code in (0, None)


def test_a_run_builds_only_the_command_it_invokes(monkeypatch: pytest.MonkeyPatch, built: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _run(monkeypatch, "tasks", "--format", "json")
    assert built == ["tasks"]
    assert json.loads(capsys.readouterr().out)["tasks"]
    assert len(app.registered_commands) > 1  # app itself keeps every command


@pytest.mark.parametrize("args", [("--help",), ("--debug", "tasks", "--format", "json"), ("registry", "--help")],
                         ids=" ".join)
def test_a_run_that_does_not_start_with_a_command_builds_them_all(monkeypatch: pytest.MonkeyPatch,
                                                                   built: list[str], args: tuple[str, ...]) -> None:
    _run(monkeypatch, *args)
    assert len(built) > len(app.registered_commands)  # every command, and the registry group's
