"""modelpick: which LLM to use for a workload, and what it will cost."""

__version__ = "0.1.0"
