"""Generate the bundled registry (data/models/<provider>.yaml) from dated source snapshots and the hand-written
selection (scripts/registry_selection*.yaml, scripts/reasoning_efforts.yaml). Nothing is fetched.

Each source is read through its importer's mapping (upkeep/foreign: exact Decimal prices, features, modalities,
lifecycle, dates); this package keeps only the selection and the merge policy:

- Limits, modalities, dates, open_weights, reasoning: models.dev; LiteLLM's and AA's differing values go to
  `others`, each with why it is not used (entry.py, traits.py).
- Prices: LiteLLM where it agrees with models.dev on the base prices, else models.dev with LiteLLM's under
  `others`; genai-prices' differing list in force on 2026-12-02 under `others` too (pricing.py).
- Features: the union of models.dev's and LiteLLM's flags, citing the source whose own list is the union (traits.py).
- Lifecycle: every source's word as a claim dated by its snapshot; the entry's own is a provider page given as a
  hand fact, else models.dev's (LiteLLM's for LiteLLM-only entries) (lifecycle.py).
- Benchmarks: the AA, aider, LiveBench, LMArena and simple-evals rows the selection names (benchmarks.py);
  per-effort measurements (efforts.py).
- Hand facts from the selection override generated values, which are then kept under `others` (facts.py).

docs/data.md has the policy in full and the regeneration command.
"""

from __future__ import annotations

from pathlib import Path

from modelpick.files import write_folder

from .common import BuildError
from .entry import build_entry
from .inputs import Inputs, SnapshotPaths, load_inputs
from .render import check, render

__all__ = ["BuildError", "Inputs", "SnapshotPaths", "build_files", "load_inputs", "write_registry"]


def build_files(inp: Inputs, inputs: list[str]) -> tuple[dict[str, str], int]:
    """Every provider file's text by file name, and the number of entries; every entry the selection names is
    built or none is: the errors of all of them are raised together."""
    selection = inp.selection
    errors: list[str] = []
    texts: dict[str, str] = {}
    total = 0
    for provider, psel in sorted(selection["providers"].items()):
        entries = []
        for msel in psel["models"]:
            try:
                entries.append(build_entry(provider, psel, msel, inp))
            except BuildError as exc:
                errors.append(f"{provider}/{msel.get('id')}: {exc}")
        if errors:
            continue
        text = render(provider, psel, entries, selection["sources"], inputs)
        total += check(provider, text)
        texts[f"{provider}.yaml"] = text
    if errors:
        raise BuildError("\n".join(errors))
    return texts, total


def write_registry(paths: SnapshotPaths, selections: list[Path], efforts: Path, output: Path) -> tuple[int, int]:
    """Build every provider file and write them into `output` as a whole (`write_folder`: a failure leaves the
    folder as it was). Returns the number of files and of entries."""
    texts, total = build_files(load_inputs(paths, selections, efforts), paths.names())
    write_folder(output, texts)
    return len(texts), total
