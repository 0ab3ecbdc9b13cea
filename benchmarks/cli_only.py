#!/usr/bin/env python3
"""`modelpick ARGS` with modelpick's service replaced by a stub that ends the process where the command calls
it: start-up, typer building the command and parsing its options, and nothing else. No work in the service can
make a run cheaper than this, so it is the floor this CLI can reach (benchmarks/run.py, case cli_only).

    python benchmarks/cli_only.py recommend examples/ticket-triage.yaml --format json
"""

import sys
import types


class StoppingService(types.ModuleType):
    """Every function of it ends the process with exit 0 when called."""

    def __getattr__(self, name: str):
        def stop(*args: object, **kwargs: object) -> None:
            raise SystemExit(0)

        return stop


sys.modules["modelpick.service"] = StoppingService("modelpick.service")

import modelpick  # noqa: E402  (after the stub, so `from modelpick import service` finds it)

modelpick.service = sys.modules["modelpick.service"]

from modelpick.cli import main  # noqa: E402

sys.argv = ["modelpick", *sys.argv[1:]]
main()
