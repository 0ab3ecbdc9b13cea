"""Fuzz every loader for longer than the test suite does, with fresh randomness each run.

    python fuzz/fuzz_loaders.py --seconds 600                    # hypothesis, batches of random examples
    python fuzz/fuzz_loaders.py --engine atheris --seconds 600   # coverage-guided (pip install atheris)

Inputs are the suite's: real seed files mutated byte by byte or value by value, and soups of YAML tokens,
read as workloads, configs, registry files and LiteLLM / models.dev / OpenRouter exports. A crash is any
exception other than modelpick's own one-line errors; each is printed with its input, and the exit code is
1 when there was one. The suite runs the same targets for a bounded number of examples (tests/fuzz)."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fuzz"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

YAML_KINDS = ("config", "registry", "workload")
counts: Counter[str] = Counter()


def build_case():  # type: ignore[no-untyped-def]
    from fuzz_targets import run_target
    from seeds import KINDS, seeds
    from strategies import YAML_SOUP, byte_mutations, structural_mutations

    @given(st.data())
    def one_case(data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(KINDS))
        how = data.draw(st.sampled_from(["bytes", "structure", "soup"] if kind in YAML_KINDS
                                        else ["bytes", "structure"]))
        if how == "bytes":
            payload = data.draw(byte_mutations(seeds(kind)))
        elif how == "structure":
            payload = data.draw(structural_mutations(seeds(kind), as_json=kind not in YAML_KINDS))
        else:
            payload = data.draw(YAML_SOUP)
        counts[f"{kind} {how}"] += 1
        run_target(kind, payload)

    return one_case


def with_hypothesis(seconds: float) -> int:
    crashes = 0
    deadline = time.monotonic() + seconds
    case = build_case()
    batch = settings(max_examples=200, deadline=None, database=None, derandomize=False,
                     suppress_health_check=list(HealthCheck))(case)
    while time.monotonic() < deadline:
        try:
            batch()
        except Exception:  # a crash: hypothesis has shrunk it and printed the input; report and go on
            crashes += 1
            traceback.print_exc()
    return crashes


def with_atheris(seconds: float) -> int:
    import atheris

    with atheris.instrument_imports():
        import modelpick.config  # noqa: F401
        import modelpick.upkeep.foreign  # noqa: F401
        import modelpick.yamlfile  # noqa: F401
    case = build_case()
    atheris.Setup([sys.argv[0], f"-max_total_time={int(seconds)}"], case.hypothesis.fuzz_one_input)
    atheris.Fuzz()  # exits the process itself, non-zero on a crash
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["hypothesis", "atheris"], default="hypothesis")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    started = time.monotonic()
    crashes = (with_atheris if args.engine == "atheris" else with_hypothesis)(args.seconds)
    total = sum(counts.values())
    print(f"{total:,} inputs in {time.monotonic() - started:.0f} s, {crashes} crash(es)")
    for name, count in sorted(counts.items()):
        print(f"  {name:24} {count:>8,}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
