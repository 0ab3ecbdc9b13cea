"""What the registry holds, as results for `show`, `models` and `tasks`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from modelpick.registry.lifecycle import standing
from modelpick.registry.loader import Entry, Registry, Tasks
from modelpick.registry.schema import ReasoningEfforts, iter_citations
from modelpick.report import ModelInfo, ModelList, ModelShow, TaskInfo, TaskList, ValueOrigin, money_number

_CITATION_FIELDS = {"source", "read", "note", "others"}


def _jsonable(value: Any) -> Any:
    """Python-mode dump made JSON-ready; prices stay exact numbers, not strings."""
    if isinstance(value, Decimal):
        return money_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _plain(model: Any) -> dict[str, Any]:
    """A cited block's values without its citation (that goes to `sources`)."""
    return {k: _jsonable(v) for k, v in model.model_dump().items() if k not in _CITATION_FIELDS}


def _info_fields(entry: Entry, as_of: dt.date) -> dict[str, Any]:
    m = entry.model
    s = standing(entry, as_of)
    lifecycle = _plain(m.lifecycle) if m.lifecycle else {"status": "active"}
    lifecycle.update(status_as_of=s.status, as_of=as_of.isoformat(), detail=s.why, status_source=s.source,
                     disputed=s.disputed, disputes=list(s.disputes))
    pricing = _plain(m.pricing)
    if m.pricing.history:
        in_force, _ = m.pricing.in_force(as_of)
        pricing["in_force_from"] = getattr(in_force, "effective_from", None)
    benchmarks = {}
    for key, bench in sorted(m.benchmarks.items()):
        cite = entry.cite(bench)
        benchmarks[key] = {"value": bench.value, "source": cite["url"], "read": cite["read"],
                           "date": bench.date.isoformat() if bench.date else None, "version": bench.version,
                           "others": [_jsonable(o.model_dump(exclude_none=True)) for o in bench.others]}
    sources: dict[str, dict[str, Any]] = {}
    for path, cited in iter_citations(m):
        if ".others." in path or path.startswith("benchmarks."):
            continue
        sources[path or "entry"] = {**entry.cite(cited), **({"note": cited.note} if cited.note else {}),
                                    "others": [_jsonable(o.model_dump(exclude_none=True))
                                               for o in getattr(cited, "others", [])]}
    return dict(
        reasoning_efforts=_efforts(m.reasoning_efforts) if m.reasoning_efforts else None,
        id=m.id, provider=entry.provider, name=m.name, creator=m.creator, family=m.family,
        context_window=m.context_window.value, max_output_tokens=m.max_output_tokens.value,
        knowledge_cutoff=m.knowledge_cutoff.value if m.knowledge_cutoff else None,
        release_date=m.release_date.value if m.release_date else None,
        modalities={"input": list(m.modalities.input), "output": list(m.modalities.output)},
        features=sorted({*m.features.values, *(["reasoning"] if m.reasoning else [])}),
        reasoning=m.reasoning, open_weights=m.open_weights, lifecycle=lifecycle, pricing=pricing,
        performance=_plain(m.performance) if m.performance else None, benchmarks=benchmarks,
        snapshots=list(m.snapshots), aliases=list(m.aliases), sources=sources, file=entry.file,
    )


def _efforts(efforts: ReasoningEfforts) -> dict[str, Any]:
    """Efforts offered, the API default, and per effort the measured speed, hidden tokens per visible output
    token on each evaluation (reasoning / answer tokens, as the cost model divides them) and scores."""
    measured = {}
    for effort, m in efforts.measured.items():
        evals = {key: {"reasoning": c.reasoning, "answer": c.answer,
                       "per_output_token": round(c.reasoning / c.answer, 4)} for key, c in m.evals.items()}
        measured[effort] = {"output_tokens_per_s": m.output_tokens_per_s, "ttft_s": m.ttft_s, "evals": evals,
                            "benchmarks": dict(m.benchmarks)}
    return {"supported": list(efforts.supported), "default": efforts.default, "measured": measured}


def _value_at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data.get(part) if isinstance(data, dict) else None
    return data


def origins(entry: Entry) -> list[ValueOrigin]:
    """Every value the layers set, in file order, with the layer, file, line and source behind it."""
    data = _jsonable(entry.model.model_dump())
    rows = []
    for path, origin in entry.origins.items():
        cite = entry.cite_source(origin.source) if origin.source else {"url": None, "read": None}
        rows.append(ValueOrigin(path=path, value=_value_at(data, path), layer=origin.layer, file=origin.file,
                                line=origin.line, source=origin.source, url=cite["url"], read=cite["read"] or origin.read))
    return rows


def show(entry: Entry, as_of: dt.date, *, with_origins: bool = False) -> ModelShow:
    return ModelShow(**_info_fields(entry, as_of), origins=origins(entry) if with_origins else None)


def list_models(registry: Registry, as_of: dt.date, *, providers: list[str] = (), features: list[str] = (),
                modalities: list[str] = (), min_context: int = 0, creators: list[str] = ()) -> ModelList:
    chosen = []
    for entry in registry.entries:
        m = entry.model
        have = {*m.features.values, *(["reasoning"] if m.reasoning else [])}
        if providers and entry.provider not in providers:
            continue
        if creators and m.creator not in creators:
            continue
        if any(f not in have for f in features) or any(x not in m.modalities.input for x in modalities):
            continue
        if m.context_window.value < min_context:
            continue
        chosen.append(ModelInfo(**_info_fields(entry, as_of)))
    return ModelList(models=chosen)


def list_tasks(tasks: Tasks) -> TaskList:
    return TaskList(tasks=[
        TaskInfo(id=task_id, name=t.name, description=t.description, benchmarks=t.benchmarks,
                 balance=dict(t.balance), floors=t.floors, example=t.example)
        for task_id, t in tasks.profiles.items()
    ])
