"""Moved to `modelpick.cli.registry`; this name remains only until tests/upkeep/test_export.py imports the
export command from there."""

from modelpick.cli.registry import export, registry_app

__all__ = ["export", "registry_app"]
