"""Import a foreign model registry (LiteLLM, models.dev, OpenRouter, genai-prices) as modelpick provider files.

Each format module turns one input entry into an `Item`: the provider it belongs to and either a
provider-file model entry (a plain dict, YAML-ready) or the reason it is skipped. This module does
the bookkeeping every format shares: the provider filter, duplicate ids, counts, progress, and writing.

Unknown stays unknown: a value the input does not give is left out, never filled in.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Context, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from modelpick.errors import InputError
from modelpick.files import REGISTRY_FILE, FileKind, decode_utf8, read_limited, write_folder
from modelpick.registry.schema import FEATURES, MODALITIES, LayerFile, ProviderFile
from modelpick.upkeep.formats import FOREIGN_FORMATS

if TYPE_CHECKING:
    from modelpick.registry.loader import Registry

# Every foreign format: its name on the command line -> its module in this package. Registered in
# upkeep.formats, which the CLI's --from choices are built from without importing this package.
FORMATS = FOREIGN_FORMATS
SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=https://github.com/modelpick/modelpick/raw/main/schemas/registry.schema.json"
)
PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MODEL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@/-]*$")
PROGRESS_EVERY = 200

# The lab behind a model, from the first segment of its id that starts with a known family name.
# Segments are split on "/" and "." so that "meta-llama/Llama-3", "us.anthropic.claude-3" and
# "accounts/fireworks/models/qwen3" all resolve.
FAMILIES: tuple[tuple[str, str], ...] = (
    ("gpt", "openai"), ("chatgpt", "openai"), ("claude", "anthropic"), ("gemini", "google"),
    ("gemma", "google"), ("llama", "meta"), ("mistral", "mistral"), ("mixtral", "mistral"),
    ("codestral", "mistral"), ("qwen", "alibaba"), ("qwq", "alibaba"), ("deepseek", "deepseek"),
    ("grok", "xai"), ("kimi", "moonshotai"), ("moonshot", "moonshotai"), ("glm", "zai"),
    ("minimax", "minimax"), ("command", "cohere"), ("cohere", "cohere"),
)
O_SERIES = re.compile(r"^o\d(?:$|-)")


@dataclass
class ForeignRegistry:
    fmt: str
    file: str
    source_key: str
    read: dt.date
    providers: dict[str, dict[str, Any]]
    total: int
    imported: int
    skipped: dict[str, int]
    filtered: int = 0  # entries of providers left out by the `providers` filter (not counted as skipped)
    # Prices left out of entries that were imported (a price variant the registry has no place for), by reason.
    dropped: dict[str, int] = field(default_factory=dict)
    # Features the format can state at all; the audit compares only these (see audit.py).
    features_covered: tuple[str, ...] = FEATURES
    # Whether the format states a lifecycle status (else only its dates are compared).
    states_status: bool = False
    # Whether the entries are price layers over entries of the registry (see Format.layer).
    layer: bool = False


@dataclass
class Item:
    """One input entry: where it belongs and what became of it."""

    provider: str
    provider_name: str
    entry: dict[str, Any] | None = None
    reason: str | None = None  # why it was skipped, when entry is None
    names: tuple[str, ...] = ()  # other API names of the entry, to find it in the registry (layer formats)
    dropped: list[str] = field(default_factory=list)  # why some of its prices were left out


@dataclass
class Format:
    """What a format module hands back: its entries plus the facts about the file as a whole."""

    items: Iterable[Item]
    total: int
    note: str
    read: dt.date | None = None  # a date the file itself states (models.dev's export), else None
    features_covered: tuple[str, ...] = FEATURES
    states_status: bool = False
    extra_skips: dict[str, int] = field(default_factory=dict)
    # True when the format cannot give a complete entry (genai-prices has no max output tokens, modalities or
    # features): each entry is a layer over the registry's entry of that name, written under its id, and an
    # entry the registry lacks is skipped, so that every file written passes `registry validate`.
    layer: bool = False


# ---------------------------------------------------------------- helpers shared by the formats


def skip_malformed(convert: Callable[..., Item]) -> Callable[..., Item]:
    """A format's `convert(...)`, with an entry whose fields have unexpected types (a list where a number
    belongs, "1e400" as a token count) skipped and counted instead of stopping the import: foreign files are
    other people's data, often edited by hand, and one bad entry must not cost the thousands of good ones."""
    @functools.wraps(convert)
    def guarded(*args: Any) -> Item:
        try:
            return convert(*args)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, ArithmeticError):
            return Item("", "", reason="a field of an unexpected type")
    return guarded

_NOISE = Context(prec=15)


def decimal(value: Any) -> Decimal | None:
    """A JSON number or numeric string as an exact Decimal. JSON floats carry binary noise past the
    15th significant digit (1.0000000000000001e-07); that is dropped, so 1e-07 x 1e6 is 0.1."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = _NOISE.create_decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def tidy(number: Decimal) -> Decimal:
    """The shortest exact form: 0.100000 -> 0.1, 1.5E+1 -> 15."""
    number = number.normalize()
    # quantize() cannot write more digits than the context's precision (1E+30 would raise); leave those as
    # they are, for the range check to reject.
    if number == number.to_integral_value() and number.adjusted() < 28:
        return number.quantize(Decimal(1))
    return number


def per_million(per_token: Any) -> Decimal | None:
    number = decimal(per_token)
    return None if number is None else tidy(number * 1_000_000)


def plain(value: Any) -> Decimal | None:
    number = decimal(value)
    return None if number is None else tidy(number)


def parse_date(text: Any) -> tuple[dt.date, str | None] | None:
    """YYYY-MM-DD, or YYYY-MM (the 1st is used, with a note saying so); anything else is unknown."""
    text = str(text or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text), None
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text + "-01"), f"source gives '{text}' (month precision); the 1st is used"
        except ValueError:
            return None
    return None


def creator_of(model_id: str, provider: str) -> tuple[str, str | None]:
    """The lab that made a model, from its id's family name; else the provider, with a note."""
    for segment in re.split(r"[/.]", model_id.lower()):
        if O_SERIES.match(segment):
            return "openai", None
        for prefix, lab in FAMILIES:
            if segment.startswith(prefix):
                return lab, None
    return provider, "creator not stated by the source; the provider id is used"


def ordered(values: Iterable[str], vocabulary: tuple[str, ...]) -> list[str]:
    return sorted({v for v in values if v in vocabulary}, key=vocabulary.index)


def modalities_of(values: Iterable[str]) -> list[str]:
    return ordered(values, MODALITIES)


FEATURE_ORDER = ("streaming", "tool_calling", "structured_outputs", "fine_tuning", "predicted_outputs",
                 "batch", "prompt_caching", "reasoning")


def features_of(values: Iterable[str]) -> list[str]:
    return ordered(values, FEATURE_ORDER)


def cited(source: str, value: Any, note: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "source": source}
    if note:
        out["note"] = note
    return out


def join_notes(*notes: str | None) -> str | None:
    kept = [n for n in notes if n]
    return "; ".join(kept) if kept else None


# ---------------------------------------------------------------- reading

FOREIGN_FILE = FileKind("a JSON registry file", REGISTRY_FILE.max_bytes)


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _load_json(path: Path, display: str) -> Any:
    text = decode_utf8(read_limited(path, display, FOREIGN_FILE), display)
    try:
        return json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", file=display,
                         line=exc.lineno) from None
    except ValueError as exc:  # NaN or Infinity, which Python's json would otherwise accept
        raise InputError(f"not valid JSON: {exc}", file=display) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", file=display) from None


def _file_date(path: Path) -> dt.date:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()


def _rejection(entry: dict[str, Any]) -> str | None:
    """Why an entry cannot be written as it is, or None: a value out of range or of the wrong type (a negative
    price, a context window of 10^12), or a contradiction in the source's own prices (a cached price above the
    input price). Skipped and counted, so one bad entry does not stop an import of thousands, and everything
    written passes `registry validate`."""
    from modelpick.registry.schema import ModelEntry
    from modelpick.upkeep.validate import price_problems
    from modelpick.yamlfile import error_location, format_path, ordered_errors

    try:
        model = ModelEntry.model_validate(entry)
    except ValidationError as exc:
        return f"a value out of range or of the wrong type ({format_path(error_location(ordered_errors(exc)[0]))})"
    if next(iter(price_problems(model.pricing)), None) is not None:
        return "prices fail the sanity checks of registry validate"
    return None


def _layer_rejection(entry: dict[str, Any]) -> str | None:
    """`_rejection` for a layer entry: each block it has must be valid on its own."""
    from modelpick.registry.schema import Lifecycle, Pricing, SourcedInt
    from modelpick.upkeep.validate import price_problems

    try:
        for key, model in (("context_window", SourcedInt), ("lifecycle", Lifecycle)):
            if key in entry:
                model.model_validate(entry[key])
        pricing = Pricing.model_validate(entry["pricing"])
    except ValidationError:
        return "a value out of range or of the wrong type"
    if next(iter(price_problems(pricing)), None) is not None:
        return "prices fail the sanity checks of registry validate"
    return None


NOT_IN_REGISTRY = "not in the active registry (a price layer needs an entry to extend)"


def _registry_names(registry: Registry) -> dict[tuple[str, str], str]:
    """(provider, id, snapshot or alias) -> the entry's id; an id beats another entry's snapshot or alias."""
    names: dict[tuple[str, str], str] = {}
    for entry in registry.entries:
        for name in (*entry.model.snapshots, *entry.model.aliases):
            names.setdefault((entry.provider, name), entry.model.id)
    names.update({(e.provider, e.model.id): e.model.id for e in registry.entries})
    return names


@dataclass
class _Collected:
    """What the bookkeeping over one file's items found: the entries kept per provider, and the counts."""

    skipped: Counter[str]
    models: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)
    filtered: int = 0
    inexact: dict[tuple[str, str], bool] = field(default_factory=dict)  # kept entries that reached our id
    # through another name

    def keep(self, item: Item, exact: bool) -> None:
        """Keep the item's entry; of two entries of one id the first stays, except that a layer entry of our
        very id beats one that reached it through another name (an alias of ours that the foreign file gives
        to another model, e.g. genai-prices' Mistral Large 2 matching mistral-large-latest)."""
        assert item.entry is not None
        key = (item.provider, item.entry["id"])
        served = self.models.setdefault(item.provider, {})
        if key[1] in served:
            self.skipped["duplicate id"] += 1
            if not (exact and self.inexact.get(key, False)):
                return
        self.inexact[key] = not exact
        served[key[1]] = item.entry
        self.names.setdefault(item.provider, item.provider_name)
        self.dropped.update(item.dropped)  # the entry is kept; these prices of it are not


def _skip_reason(item: Item, layer: bool, ours: dict[tuple[str, str], str]) -> tuple[str | None, bool]:
    """Why the item cannot be written (None: it can), and whether it kept its own id. A layer item is
    renamed to the id of our entry it matches."""
    if item.entry is None:
        return item.reason or "skipped", True
    if not PROVIDER_ID.match(item.provider):
        return "provider id not accepted by the registry format", True
    exact = True
    if layer:
        own_id = item.entry["id"]
        our_id = next((ours[(item.provider, n)] for n in (own_id, *item.names) if (item.provider, n) in ours), None)
        if our_id is None:
            return NOT_IN_REGISTRY, True
        exact = own_id == our_id
        item.entry = {**item.entry, "id": our_id}
    if not MODEL_ID.match(item.entry["id"]):
        return "model id not accepted by the registry format", exact
    return (_layer_rejection if layer else _rejection)(item.entry), exact


def _collect(parsed: Format, providers: Sequence[str], ours: dict[tuple[str, str], str],
             progress: Callable[[int, int], None] | None) -> _Collected:
    wanted = set(providers)
    found = _Collected(skipped=Counter(parsed.extra_skips))
    for done, item in enumerate(parsed.items, 1):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, parsed.total)
        if wanted and item.provider not in wanted:
            found.filtered += 1
            continue
        reason, exact = _skip_reason(item, parsed.layer, ours)
        if reason:
            found.skipped[reason] += 1
        else:
            found.keep(item, exact)
    if progress:
        progress(parsed.total, parsed.total)
    return found


def _provider_files(found: _Collected, source: dict[str, Any], source_key: str, layer: bool,
                    display: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for provider in sorted(found.models):
        models = found.models[provider]
        data = {"provider": provider, "name": found.names[provider], "sources": {source_key: dict(source)},
                "models": [models[i] for i in sorted(models)]}
        try:
            (LayerFile if layer else ProviderFile).model_validate(data)
        except ValidationError as exc:  # a mapping bug, not the user's input: say which entry
            raise InputError(f"cannot convert provider {provider!r}: {exc.errors()[0]}", file=display) from None
        out[provider] = data
    return out


def _by_count(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def read_foreign(fmt: str, path: Path, providers: Sequence[str] = (), *, read: dt.date | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 registry: Registry | None = None) -> ForeignRegistry:
    """Convert a foreign registry file into provider-file data, one provider file per provider. For a layer
    format, entries are matched to `registry` (default: the active registry) and written under its ids."""
    display = str(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    data = _load_json(path, display)
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    source_key = path.name
    parsed: Format = module.parse(data, source_key, display)
    read_date = read or parsed.read or _file_date(path)
    ours: dict[tuple[str, str], str] = {}
    if parsed.layer:
        if registry is None:
            from modelpick.registry.loader import load_registry

            registry = load_registry()
        ours = _registry_names(registry)
    found = _collect(parsed, providers, ours, progress)
    source = {"url": display, "read": read_date, "note": parsed.note}
    out = _provider_files(found, source, source_key, parsed.layer, display)
    return ForeignRegistry(
        fmt=fmt, file=display, source_key=source_key, read=read_date, providers=out, total=parsed.total,
        imported=sum(len(m["models"]) for m in out.values()), skipped=_by_count(found.skipped),
        filtered=found.filtered, dropped=_by_count(found.dropped),
        features_covered=parsed.features_covered, states_status=parsed.states_status, layer=parsed.layer,
    )


# ---------------------------------------------------------------- writing

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when present: 5x faster
    def ignore_aliases(self, data: Any) -> bool:  # every value written out, no &id001 anchors
        return True


class FlowDict(dict):  # type: ignore[type-arg]
    """A small mapping written on one line ({reasoning: 10, answer: 2})."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    # Written as a plain YAML number in its exact decimal form (never 1E-7, never float noise).
    if value == value.to_integral_value():
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(x, (str, int, float, Decimal)) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_flow_dict(dumper: yaml.SafeDumper, data: FlowDict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(FlowDict, _represent_flow_dict)


def dump_yaml(data: Any) -> str:
    """A registry file's body as YAML: keys in the order given, exact Decimals, short lists on one line. The one
    dumper of provider files, imported (`registry import`) and generated (upkeep/generate)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def render_provider_file(foreign: ForeignRegistry, provider: str) -> str:
    header = [SCHEMA_COMMENT,
              f"# {provider}: imported by `modelpick registry import --from {foreign.fmt}` from {foreign.file} "
              f"({foreign.read.isoformat()}). Prices are USD per 1M tokens."]
    return "\n".join(header) + "\n" + dump_yaml(foreign.providers[provider])


def write_provider_files(foreign: ForeignRegistry, outdir: Path) -> list[Path]:
    """One <provider>.yaml per provider, written as a whole (see `write_folder`): a failure or a kill leaves the
    folder as it was, never a part of the import. Returns the paths in provider order."""
    texts = {f"{provider}.yaml": render_provider_file(foreign, provider) for provider in sorted(foreign.providers)}
    return write_folder(outdir, texts)
