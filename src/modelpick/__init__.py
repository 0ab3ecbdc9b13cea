"""modelpick: which LLM to use for a workload, and what it will cost.

The Python API (see modelpick.service): `from modelpick import recommend, compare, cost, check, scan`. Loaded on
first use, so that importing the package (and so starting the command line) stays cheap.
"""

from typing import Any

__version__ = "0.1.0"
API = ("recommend", "compare", "cost", "check", "scan")


def __getattr__(name: str) -> Any:
    if name in API:
        from modelpick import service

        return getattr(service, name)
    raise AttributeError(f"module 'modelpick' has no attribute {name!r}")


__all__ = ["__version__", *API]
