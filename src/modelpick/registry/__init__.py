"""The model registry: schema, loading (bundled data and layers), lookup by id, snapshot or alias."""

from modelpick.registry.loader import Entry, Registry, load_registry, load_tasks

__all__ = ["Entry", "Registry", "load_registry", "load_tasks"]
