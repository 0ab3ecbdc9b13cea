"""The command line: options in, one call into `service`, a renderer out, exceptions to exit codes.

    main.py        the top-level commands (recommend, compare, cost, ..., schema), `app` and `main`
    registry.py    the `registry` sub-commands
    options.py     the options commands share, the workload options and the overrides they become
    output.py      rendering to stdout, one-line errors, exit codes
    completion.py  shell completion of values from the registry

Imports run one way: main -> registry -> output -> options -> completion."""

from modelpick.cli.main import app, main

__all__ = ["app", "main"]
