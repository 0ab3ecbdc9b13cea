"""Where registry layers come from: the layer of each file, in order, and where each merged value was set.
Kept apart from layers.py (the merge), which needs the YAML reader: a run that finds its snapshot reads only
this."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from modelpick.errors import InputError
from modelpick.files import files_under, unreadable_reason, xdg_base

BUNDLED = "bundled"
USER_CONFIG = "user config"
ENVIRONMENT = "MODELPICK_REGISTRY"
OPTION = "--registry"


@dataclass(frozen=True)
class LayerPath:
    layer: str
    path: Path
    display: str


@dataclass(frozen=True)
class Origin:
    """Where one value of a merged entry was set."""

    layer: str
    file: str
    line: int | None
    source: str | None  # the citation in force for the value (a key of the entry's sources, or a URL)
    read: str | None = None  # the citation's own read date, where it gives one


def user_registry_dir() -> Path:
    return xdg_base("XDG_CONFIG_HOME", ".config") / "modelpick" / "registry"


def yaml_files(path: Path, named_by: str | None = None) -> list[Path]:
    if path.is_dir():
        return files_under(path, (".yaml", ".yml"))
    try:
        path.stat()
    except OSError as exc:
        problem = unreadable_reason(path, exc, missing="no such file or folder")
        raise InputError(f"{problem}{f' (named by {named_by})' if named_by else ''}", file=str(path)) from None
    return [path]


def bundled_layer(bundled: Path) -> list[LayerPath]:
    return [LayerPath(BUNDLED, p, f"data/models/{p.name}") for p in sorted(bundled.glob("*.yaml"))]


def layer_paths(bundled: Path, extra: Sequence[Path] = ()) -> list[LayerPath]:
    """Every registry file in layer order."""
    files = bundled_layer(bundled)
    user = user_registry_dir()
    if user.is_dir():
        files += [LayerPath(USER_CONFIG, p, str(p)) for p in yaml_files(user)]
    for item in os.environ.get(ENVIRONMENT, "").split(os.pathsep):
        if item:
            files += [LayerPath(ENVIRONMENT, p, str(p)) for p in yaml_files(Path(item), ENVIRONMENT)]
    for path in extra:
        files += [LayerPath(OPTION, p, str(p)) for p in yaml_files(path)]
    return files
