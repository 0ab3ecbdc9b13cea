"""The benchmark rows the selection names, read from each leaderboard snapshot: Artificial Analysis, aider
polyglot, LiveBench 2026-01-08, LMArena (style control, and vision) and simple-evals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import (
    AA_DATE,
    AA_SOURCE,
    AA_VERSION,
    LIVEBENCH_DATE,
    LIVEBENCH_SOURCE,
    LMARENA_SOURCE,
    LMARENA_TEXT_DATE,
    LMARENA_VISION_DATE,
    BuildError,
    aa_row_name,
    pct,
)
from .inputs import Inputs

# AA evaluation key -> (registry key, is_index)
AA_BENCHMARKS = [
    ("artificial_analysis_intelligence_index", "aa_intelligence_index", True),
    ("artificial_analysis_coding_index", "aa_coding_index", True),
    ("artificial_analysis_agentic_index", "aa_agentic_index", True),
    ("gpqa", "gpqa_diamond", False),
    ("hle", "hle", False),
    ("scicode", "scicode", False),
    ("ifbench", "ifbench", False),
    ("aa_lcr", "aa_lcr", False),
    ("tau2_bench", "tau2_bench", False),
    ("terminal_bench_hard", "terminal_bench_hard", False),
    ("mmmu_pro", "mmmu_pro", False),
]
LIVEBENCH_KEYS = {
    "Reasoning": "livebench_reasoning",
    "Coding": "livebench_coding",
    "Agentic Coding": "livebench_agentic_coding",
    "Mathematics": "livebench_mathematics",
    "Data Analysis": "livebench_data_analysis",
    "Language": "livebench_language",
    "IF": "livebench_if",
}
LMARENA_TEXT_KEYS = {"full": "lmarena_text", "coding": "lmarena_coding",
                     "creative_writing": "lmarena_creative_writing", "if": "lmarena_if"}


def aa_benchmarks(row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    ev = row.get("evaluations") or {}
    for aa_key, key, is_index in AA_BENCHMARKS:
        val = ev.get(aa_key)
        if val is None:
            continue
        note = aa_row_name(row)
        if is_index:
            if aa_key == "artificial_analysis_intelligence_index" and ev.get(
                    "artificial_analysis_intelligence_index_is_estimated"):
                note += "; AA marks this index as estimated"
            out[key] = {"value": round(float(val), 1), "source": AA_SOURCE, "note": note,
                        "version": AA_VERSION, "date": AA_DATE}
        else:
            out[key] = {"value": pct(val), "source": AA_SOURCE, "note": note + "; fraction x 100",
                        "date": AA_DATE}
    return out


def aider_benchmark(runs: list[dict[str, Any]], labels: list[str]) -> dict[str, Any] | None:
    matches = [r for r in runs if r["model"] in labels]
    missing = set(labels) - {r["model"] for r in matches}
    if missing:
        raise BuildError(f"aider labels not found: {sorted(missing)}")
    if not matches:
        return None
    best = max(matches, key=lambda r: (r["pass_rate_2"], str(r.get("date"))))
    date = best.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    note = f"best of aider runs {labels}: '{best['model']}' ({best.get('edit_format')} edit format), pass_rate_2"
    return {"value": float(best["pass_rate_2"]), "source": "aider-polyglot", "note": note, "date": date}


def livebench_benchmarks(row: dict[str, str], categories: dict[str, list[str]], name: str) -> dict[str, Any]:
    out = {}
    for category, tasks in categories.items():
        key = LIVEBENCH_KEYS[category]
        values = [row.get(t) for t in tasks]
        if any(v in (None, "") for v in values):
            continue
        mean = sum(float(v) for v in values) / len(values)  # type: ignore[arg-type]
        out[key] = {"value": round(mean, 1), "source": LIVEBENCH_SOURCE,
                    "note": f"LiveBench row '{name}'; mean of {', '.join(tasks)}", "date": LIVEBENCH_DATE}
    return out


def lmarena_benchmarks(text: dict[str, Any], vision: dict[str, Any], name: str | None,
                       vision_name: str | None) -> dict[str, Any]:
    out = {}
    if name:
        if name not in text["full"]:
            raise BuildError(f"LMArena text model {name!r} not found")
        for category, key in LMARENA_TEXT_KEYS.items():
            rating = (text.get(category) or {}).get(name)
            if rating is None:
                continue
            out[key] = {"value": round(rating["rating"], 1), "source": LMARENA_SOURCE,
                        "note": f"LMArena text, style control, category '{category}', model '{name}'; Elo rating",
                        "date": LMARENA_TEXT_DATE}
    if vision_name:
        rating = vision["full"].get(vision_name)
        if rating is None:
            raise BuildError(f"LMArena vision model {vision_name!r} not found")
        out["lmarena_vision"] = {"value": round(rating["rating"], 1), "source": LMARENA_SOURCE,
                                 "note": f"LMArena vision, category 'full', model '{vision_name}'; Elo rating",
                                 "date": LMARENA_VISION_DATE}
    return out


def simple_evals_benchmarks(row: dict[str, str], name: str) -> dict[str, Any]:
    out = {}
    for column, key in (("MMLU", "mmlu"), ("GPQA", "gpqa_diamond")):
        if row.get(column):
            out[key] = {"value": float(row[column]), "source": "simple-evals",
                        "note": f"simple-evals row '{name}', column {column}"}
    return out


def add_benchmark(benchmarks: dict[str, Any], key: str, new: dict[str, Any]) -> None:
    """Keep the first value of a key; a later different value goes to its others."""
    if key not in benchmarks:
        benchmarks[key] = new
        return
    alt = {k: v for k, v in new.items() if k != "others"}
    if alt["value"] != benchmarks[key]["value"]:
        benchmarks[key].setdefault("others", []).append(alt)


def collect_benchmarks(msel: dict[str, Any], aa: dict[str, Any] | None, inp: Inputs) -> dict[str, Any]:
    """Every benchmark row the selection names for one entry; where two sources give one key, the first in
    this order is the value (simple-evals, AA, aider, LiveBench, LMArena) and the others are under `others`."""
    found: list[tuple[str, dict[str, Any]]] = []
    if msel.get("simple_evals"):
        row = inp.simple_evals.get(msel["simple_evals"])
        if row is None:
            raise BuildError(f"simple-evals row {msel['simple_evals']!r} not found")
        found += simple_evals_benchmarks(row, msel["simple_evals"]).items()
    if aa:
        found += aa_benchmarks(aa).items()
    if msel.get("aider"):
        val = aider_benchmark(inp.aider, msel["aider"])
        if val:
            found.append(("aider_polyglot", val))
    if msel.get("livebench"):
        row = inp.livebench.get(msel["livebench"])
        if row is None:
            raise BuildError(f"LiveBench row {msel['livebench']!r} not found")
        found += livebench_benchmarks(row, inp.livebench_categories, msel["livebench"]).items()
    found += lmarena_benchmarks(inp.lmarena, inp.lmarena_vision, msel.get("lmarena"),
                                msel.get("lmarena_vision")).items()
    benchmarks: dict[str, Any] = {}
    for key, val in found:
        add_benchmark(benchmarks, key, val)
    return benchmarks
