"""The wheel as users get it: built from this repository, installed into a fresh virtual environment
(dependencies from the package index), run from an unrelated folder. Takes about a minute."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[1]
TICKET_TRIAGE = REPO_ROOT / "examples" / "ticket-triage.yaml"
AS_OF = "2026-11-21"
# Build from a copy of the repository so that the build's own scratch files (build/, *.egg-info) never land in
# the working tree other people use, and a stale build/ there cannot leak into the wheel.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", ".ci-venv", "build", "dist", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".benchmarks", "*.pyc")


@dataclass
class Installed:
    wheel: Path
    venv: Path
    elsewhere: Path  # an unrelated working folder

    @property
    def bin(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_NO_INPUT"] = "1"
    return env


def _run(args: list[str | Path], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, (
        f"{args} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(REPO_ROOT, source, ignore=NOT_COPIED)
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", wheels, source], cwd=base)
    built = sorted(wheels.glob("modelpick-*.whl"))
    assert len(built) == 1, built
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=base)
    result = Installed(built[0], venv, base / "elsewhere")
    result.elsewhere.mkdir()
    _run([result.bin / "python", "-m", "pip", "install", built[0]], cwd=base)
    return result


def test_wheel_ships_the_registry(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    assert "modelpick/data/models/openai.yaml" in names
    assert "modelpick/data/tasks.yaml" in names
    assert "modelpick/cli/__init__.py" in names
    assert {"modelpick/data/snapshots/registry.json", "modelpick/data/snapshots/tasks.json"} <= names
    prefix = "modelpick/data/models/"
    shipped = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
    assert shipped == {p.name for p in (REPO_ROOT / "data" / "models").glob("*.yaml")}
    assert not any(n.startswith(("tests/", "examples/", "data/")) for n in names)
    prefix = "modelpick/data/examples/"
    shipped = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
    assert shipped == {p.name for p in (REPO_ROOT / "examples").glob("*.yaml")}


def test_installed_package_has_its_data(installed: Installed) -> None:
    proc = _run([installed.bin / "python", "-c", "import modelpick, pathlib; "
                 "print(pathlib.Path(modelpick.__file__).resolve().parent)"], cwd=installed.elsewhere)
    package = Path(proc.stdout.strip())
    assert package.is_relative_to(installed.venv.resolve()), package  # not the working tree
    assert (package / "data" / "models" / "openai.yaml").is_file()
    assert (package / "data" / "tasks.yaml").is_file()


def test_an_installed_modelpick_reads_the_shipped_snapshot(installed: Installed, tmp_path: Path) -> None:
    """Its key does not depend on where modelpick is installed: with an empty cache, nothing is built."""
    cache = tmp_path / "cache"
    proc = subprocess.run([str(installed.bin / "modelpick"), "recommend", str(TICKET_TRIAGE), "--format", "json",
                           "--as-of", AS_OF], cwd=installed.elsewhere, capture_output=True, text=True, timeout=120,
                          env={**_env(), "XDG_CACHE_HOME": str(cache)})
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name.split("-")[0] for p in (cache / "modelpick").iterdir()) == ["yaml"]  # the workload only


def test_installed_console_script_recommends(installed: Installed) -> None:
    proc = _run([installed.bin / "modelpick", "recommend", TICKET_TRIAGE, "--format", "json",
                 "--as-of", AS_OF], cwd=installed.elsewhere, timeout=120)
    assert proc.stderr == ""
    doc = json.loads(proc.stdout)
    assert doc["schema_version"] == "1"
    assert doc["workload"]["name"] == "ticket-triage"
    assert len(doc["ranking"]) > 0
    assert doc["ranking"][0]["rank"] == 1


def test_readme_first_command_works_from_any_folder(installed: Installed) -> None:
    """`modelpick recommend examples/ticket-triage.yaml` where there is no examples/ folder reads the bundled
    copy."""
    assert not (installed.elsewhere / "examples").exists()
    proc = _run([installed.bin / "modelpick", "recommend", "examples/ticket-triage.yaml", "--format", "json",
                 "--as-of", AS_OF], cwd=installed.elsewhere, timeout=120)
    assert proc.stderr == ""
    doc = json.loads(proc.stdout)
    assert doc["workload"]["name"] == "ticket-triage"
    assert len(doc["ranking"]) > 0


def test_installed_python_dash_m(installed: Installed) -> None:
    proc = _run([installed.bin / "python", "-m", "modelpick", "--version"], cwd=installed.elsewhere,
                timeout=120)
    version = _run([installed.bin / "python", "-c", "import modelpick; print(modelpick.__version__)"],
                   cwd=installed.elsewhere).stdout.strip()
    assert proc.stdout == f"modelpick {version}\n"
