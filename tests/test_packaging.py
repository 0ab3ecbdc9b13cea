"""The wheel's package list in pyproject.toml names every package under src/modelpick: a package left out
installs without its modules (the slow wheel test would find it; this finds it in a moment)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_in_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {".".join(init.parent.relative_to(src).parts) for init in src.glob("modelpick/**/__init__.py")}
    assert found - listed == set()
    assert {"modelpick.data", "modelpick.data.examples"} <= listed
