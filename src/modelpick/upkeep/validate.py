"""`modelpick registry validate`: every problem in registry files, each at file:line with its key path.

Unlike loading, which stops at the first error, validation reports them all. Files named on the command
line are checked as layers on top of the active registry (bundled data, user config folder,
MODELPICK_REGISTRY), so an override that only sets `pricing.input` is valid where a lower layer has the
entry. Without paths, every file of the active registry is checked.

Rules: yaml (syntax, duplicate keys), schema, duplicate (ids in one file or one layer; a snapshot or alias
naming two entries of one provider), price (cached <= input, batch <= list, tiers rising with their
thresholds), source (a value without a resolvable source), age (read more than --max-age days ago),
control (a key or value holding a control, format or separator character: ESC, BEL, a C1 control, a bidi
override, a zero-width joiner, a newline; every human format shows them escaped, but a terminal that is
shown the file itself would act on them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from modelpick.errors import InputError
from modelpick.files import REGISTRY_FILE
from modelpick.registry.layers import (
    OPTION,
    EntryLocations,
    LayerPath,
    MergedEntry,
    entry_problems,
    file_problems,
    layer_paths,
    merge_layers,
    yaml_files,
)
from modelpick.registry.loader import Entry, bundled_data
from modelpick.registry.schema import PriceSchedule, iter_citations
from modelpick.render.escape import controls, visible
from modelpick.report import RULES, Rule, ValidationFinding, ValidationResult
from modelpick.yamlfile import KeyPath, LocatedYaml, format_path, read_yaml


def _finding(rule: Rule, error: InputError, model: str | None = None) -> ValidationFinding:
    return ValidationFinding(rule=rule, file=error.file or "", line=error.line, path=error.path, model=model,
                             message=error.detail)


class _Check:
    def __init__(self, today: dt.date, max_age: int | None) -> None:
        self.today, self.max_age = today, max_age
        self.findings: list[ValidationFinding] = []
        self.locations: dict[str, LocatedYaml] = {}

    def add(self, rule: Rule, error: InputError, model: str | None = None) -> None:
        self.findings.append(_finding(rule, error, model))

    def read(self, file: LayerPath) -> LocatedYaml | None:
        """The parsed file when its shape allows merging it; every problem found on the way is recorded."""
        def duplicate(message: str, name: str, path: KeyPath, line: int) -> None:
            self.add("yaml", InputError(message, file=name, path=format_path(path), line=line))

        try:
            doc = read_yaml(file.path, file.display, on_duplicate=duplicate, kind=REGISTRY_FILE)
        except InputError as exc:
            self.add("yaml", exc)
            return None
        for path, problem in control_problems(doc.data):
            self.add("control", doc.error(problem, path))
        header, problems = file_problems(doc)
        for problem in problems:
            self.add(problem.rule, problem.error)  # type: ignore[arg-type]
        return None if header is None else doc

    def layers(self, docs: list[tuple[LayerPath, LocatedYaml]]) -> None:
        """The same PROVIDER/MODEL defined by two files of one layer: neither overrides the other."""
        defined: dict[tuple[str, str], tuple[str, int | None]] = {}
        for layer, doc in docs:
            for index, item in enumerate(doc.data["models"]):
                key = (layer.layer, f"{doc.data['provider']}/{item['id']}")
                here = doc.line_of(("models", index, "id"))
                if key in defined and defined[key][0] != doc.file:
                    file, line = defined[key]
                    self.add("duplicate", doc.error(f"{key[1]} is also defined in {file}:{line} (same layer: "
                                                    "one would silently override the other)",
                                                    ("models", index, "id")), key[1])
                defined.setdefault(key, (doc.file, here))

    def entry(self, merged: MergedEntry) -> Entry | None:
        key = f"{merged.provider}/{merged.raw.get('id')}"
        model, problems = entry_problems(merged)
        for problem in problems:
            self.add(problem.rule, problem.error, key)  # type: ignore[arg-type]
        if model is None:
            return None
        entry = Entry(merged.provider, merged.provider_name or merged.provider, model, merged.sources,
                      merged.file, merged.origins)
        locations = self.locations[key] = EntryLocations(merged)
        self.prices(entry, locations)
        if self.max_age is not None:
            self.ages(entry, locations, self.max_age)
        return entry

    def prices(self, entry: Entry, locations: LocatedYaml) -> None:
        pricing = entry.model.pricing
        lists: list[tuple[KeyPath, PriceSchedule]] = [(("pricing",), pricing)]
        lists += [(("pricing", "history", i), h) for i, h in enumerate(pricing.history)]
        for at, prices in lists:
            for field, problem in price_problems(prices):
                self.add("price", locations.error(problem, (*at, *field)), entry.key)

    def ages(self, entry: Entry, locations: LocatedYaml, max_age: int) -> None:
        """Values in use (not the alternatives under `others`) whose source was read too long ago."""
        for path, cited in iter_citations(entry.model):
            named = entry.sources.get(cited.source)
            read = named.read if named is not None else cited.read
            if ".others." in f".{path}." or read is None or (self.today - read).days <= max_age:
                continue
            where = tuple(int(p) if p.isdigit() else p for p in path.split("."))
            self.add("age", locations.error(f"read {read} ({(self.today - read).days} days ago, more than "
                                            f"--max-age {max_age}); source {cited.source}", where), entry.key)

    def names(self, entries: list[Entry]) -> None:
        """A snapshot or alias naming two entries of one provider cannot be resolved. An entry's own id
        beats another entry's snapshot or alias, which an upper layer may rely on; within one layer it is a
        mistake."""
        owners: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries:
            m = entry.model
            for name in {m.id, *m.snapshots, *m.aliases}:
                owners.setdefault((entry.provider, name), []).append(entry)
        for (_, name), named in sorted(owners.items()):
            by_id = [e for e in named if e.id == name]
            for entry in named if len(named) > 1 else ():
                field = "snapshots" if name in entry.model.snapshots else "aliases"
                if entry.id == name or (by_id and self._layer(by_id[0], "id") != self._layer(entry, field)):
                    continue
                others = ", ".join(e.key for e in named if e is not entry)
                self.add("duplicate", self.locations[entry.key].error(f"{name!r} also names {others}", (field,)),
                         entry.key)

    @staticmethod
    def _layer(entry: Entry, field: str) -> str | None:
        origin = entry.origin(field) or entry.origin("id")
        return origin.layer if origin else None


def control_problems(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every key and string value, anywhere in the file, that holds characters the renderers escape."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and (found := controls(key)):
                yield (*path, key), f"the key holds {_listed(found)}"
            yield from control_problems(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from control_problems(value, (*path, index))
    elif isinstance(data, str) and (found := controls(data)):
        yield path, f"holds {_listed(found)}"


def _listed(found: list[str]) -> str:
    return (f"control character{'s' if len(found) > 1 else ''} {', '.join(map(visible, found))}, which a terminal "
            "or a log viewer acts on (modelpick prints them escaped)")


def price_problems(p: PriceSchedule) -> Iterator[tuple[KeyPath, str]]:
    def above(field: KeyPath, value: Decimal | None, limit: Decimal | None, what: str) -> Iterator[tuple[KeyPath, str]]:
        if value is not None and limit is not None and value > limit:
            yield field, f"{value} is above {what} ({limit})"

    yield from above(("cached_input",), p.cached_input, p.input, "the input price")
    if p.batch is not None:
        yield from above(("batch", "input"), p.batch.input, p.input, "the list input price")
        yield from above(("batch", "output"), p.batch.output, p.output, "the list output price")
        yield from above(("batch", "cached_input"), p.batch.cached_input, p.cached_input,
                         "the list cached-input price")
    previous: Any = p
    for i, tier in enumerate(p.tiers):
        yield from above(("tiers", i, "cached_input"), tier.cached_input, tier.input, "the tier's input price")
        for name in ("input", "output"):
            if getattr(tier, name) < getattr(previous, name):
                yield (("tiers", i, name), f"{getattr(tier, name)} is below the price under the threshold "
                       f"({getattr(previous, name)}): tiers must rise with their thresholds")
        previous = tier


def validate(paths: list[Path], *, today: dt.date, max_age: int | None = None) -> ValidationResult:
    lower = layer_paths(bundled_data() / "models")
    checked = [LayerPath(OPTION, p, str(p)) for path in paths for p in yaml_files(path)]
    files = lower + checked
    reported = {f.display for f in (checked if paths else files)}
    check = _Check(today, max_age)
    docs = [(f, doc) for f in files if (doc := check.read(f)) is not None]
    check.layers(docs)
    merged = merge_layers(docs)
    entries = [e for m in merged if (e := check.entry(m)) is not None]
    check.names(entries)
    findings = sorted({f for f in check.findings if f.file in reported},
                      key=lambda f: (f.file, f.line or 0, f.path or "", f.rule, f.message))
    counted = [m for m in merged if any(o.file in reported for o in m.origins.values())]
    summary = {"files": len(reported), "entries": len(counted), "findings": len(findings),
               **{rule: sum(f.rule == rule for f in findings) for rule in RULES}}
    return ValidationResult(as_of=today, max_age_days=max_age, files=sorted(reported), entries=len(counted),
                            findings=findings, summary=summary)

