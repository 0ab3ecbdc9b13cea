"""cli.main(), the console script: what it sets up for the process before any command runs."""

from __future__ import annotations

import os
import sys

import pytest

from modelpick.cli import main


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
