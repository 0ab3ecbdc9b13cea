"""modelpick.report imports a result module on first use of one of its names (report.EXPORTS): each module's
public names must be listed there, and each listed name must be the module's own."""

from __future__ import annotations

import importlib
import inspect

import pytest

from modelpick import report
from modelpick.report.base import Result


@pytest.mark.parametrize("module", sorted(report.EXPORTS))
def test_every_result_type_of_a_module_is_exported_from_the_package(module: str) -> None:
    loaded = importlib.import_module(f"modelpick.report.{module}")
    defined = {name for name, value in vars(loaded).items()
               if inspect.isclass(value) and issubclass(value, Result) and value.__module__ == loaded.__name__}
    assert defined <= set(report.EXPORTS[module])


@pytest.mark.parametrize(("name", "module"), sorted(
    (name, module) for module, names in report.EXPORTS.items() for name in names))
def test_every_exported_name_comes_from_its_module(name: str, module: str) -> None:
    assert getattr(report, name) is getattr(importlib.import_module(f"modelpick.report.{module}"), name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
        report.Nothing  # noqa: B018
