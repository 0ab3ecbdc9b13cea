"""The `registry import --from` and `registry export --format` choices come from upkeep.formats, a module of
names only (so that start-up does not import the importers, the exporters or the registry schema): every name
registered there resolves to its implementation, and the CLI offers exactly those names."""

from __future__ import annotations

import ast
import importlib
import inspect

from modelpick.cli import registry as registry_cli
from modelpick.upkeep import formats


def test_every_foreign_format_resolves_to_a_module_with_parse() -> None:
    for name, module_name in formats.FOREIGN_FORMATS.items():
        module = importlib.import_module(f"modelpick.upkeep.foreign.{module_name}")
        assert callable(module.parse), name


def test_every_export_format_resolves_to_its_writer() -> None:
    from modelpick.upkeep import export

    for name, writer in formats.EXPORT_WRITERS.items():
        function = getattr(export, writer)
        assert list(inspect.signature(function).parameters) == ["registry", "as_of"], name
        assert export.EXPORTERS[name] is function
    assert list(export.EXPORTERS) == list(formats.EXPORT_WRITERS)


def test_the_cli_offers_exactly_the_registered_names() -> None:
    from modelpick.upkeep import foreign

    assert [m.value for m in registry_cli.ForeignFormat] == list(formats.FOREIGN_FORMATS) == list(foreign.FORMATS)
    assert [m.value for m in registry_cli.ExportFormat] == list(formats.EXPORT_WRITERS)


def test_the_names_module_imports_nothing() -> None:
    tree = ast.parse(inspect.getsource(formats))
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
