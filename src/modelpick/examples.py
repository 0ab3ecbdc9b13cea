"""The example workloads bundled with modelpick, so that `modelpick recommend examples/ticket-triage.yaml` (the
README's first command) works from any folder, not only from a checkout of the repository."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from modelpick.errors import InputError, did_you_mean


def bundled_examples() -> dict[str, Path]:
    """Name (`ticket-triage`) -> file of every bundled example workload."""
    data = Path(str(resources.files("modelpick.data")))
    # An installed wheel carries them in modelpick/data/examples (see pyproject.toml); a source checkout, which
    # an editable install reads, has them in examples/ beside data/.
    for folder in (data / "examples", data.parent / "examples"):
        if folder.is_dir():
            return {path.stem: path for path in sorted(folder.glob("*.yaml"))}
    return {}


def _example_name(path: Path) -> str | None:
    """`ticket-triage` for `examples/ticket-triage.yaml` or a bare `ticket-triage`; None for any other path."""
    parts = path.parts
    if len(parts) == 2 and parts[0] == "examples" and path.suffix == ".yaml":
        return path.stem
    if len(parts) == 1 and not path.suffix:
        return parts[0]
    return None


def workload_path(path: Path) -> Path:
    """The file to read for a workload file named on the command line. Anything at `path` wins, even a broken
    symlink (so its own error is told); otherwise `examples/<name>.yaml` or a bare `<name>` is the bundled
    example of that name. An unknown example name is "no such file" with a "did you mean"."""
    if os.path.lexists(path):
        return path
    name = _example_name(path)
    if name is None:
        return path
    examples = bundled_examples()
    if name in examples:
        return examples[name]
    raise InputError(f"no such file{did_you_mean(name, examples)}", file=str(path))
