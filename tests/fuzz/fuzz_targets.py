"""What the fuzzer feeds: raw bytes read as each kind of file, through the same functions the commands use.
The oracle: a ModelpickError (exit 2, one line) or success; any other exception is a crash, a bug."""

from __future__ import annotations

import datetime as dt
import tempfile
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from modelpick import ranking
from modelpick.config import parse_config
from modelpick.errors import ModelpickError
from modelpick.files import decode_utf8
from modelpick.registry.layers import OPTION, LayerPath
from modelpick.registry.loader import Registry, load_tasks, merged_entries
from modelpick.upkeep.foreign import read_foreign
from modelpick.workload import Workload, resolve
from modelpick.yamlfile import parse_yaml, validation_error

AS_OF = dt.date(2026, 11, 21)
NAME = "fuzz.yaml"


@cache
def _tasks():  # type: ignore[no-untyped-def]
    return load_tasks()


def _text(data: bytes) -> str:
    return decode_utf8(data, NAME)


def as_workload(data: bytes) -> None:
    doc = parse_yaml(_text(data), NAME)
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping")
    try:
        Workload.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc, model=Workload) from None


def as_config(data: bytes) -> None:
    parse_config(parse_yaml(_text(data), NAME))


def as_registry(data: bytes) -> None:
    """A registry file on its own; one that loads is then ranked for a default workload, so a value that
    passes validation but breaks the cost model or the ranking is found too."""
    doc = parse_yaml(_text(data), NAME)
    layer = LayerPath(OPTION, Path(NAME), NAME)
    registry = Registry(merged_entries([(layer, doc)]))
    tasks = _tasks()
    ctx = resolve(Workload(task="chat", input_tokens=1000, output_tokens=100), tasks, AS_OF)
    ranking.recommend(registry, ctx)


def as_foreign(fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "foreign.json"
        path.write_bytes(data)
        read_foreign(fmt, path, read=AS_OF)


TARGETS = {
    "workload": as_workload,
    "config": as_config,
    "registry": as_registry,
    "litellm": lambda data: as_foreign("litellm", data),
    "models.dev": lambda data: as_foreign("models.dev", data),
    "openrouter": lambda data: as_foreign("openrouter", data),
}


def run_target(kind: str, data: bytes) -> None:
    """Raises only on a crash: a ModelpickError is the expected answer to bad input, and must be one line."""
    try:
        TARGETS[kind](data)
    except ModelpickError as exc:
        assert "\n" not in exc.message, exc.message
