"""render.FORMATS is the one list of formats: each entry's module renders, the command line offers what it
registers, and results reach their layout by type (layout.LAYOUTS, records.RECORDS), never by probing."""

from __future__ import annotations

import importlib

import pytest

from modelpick.render import (
    FINDINGS,
    FORMATS,
    REPORT,
    formats_for,
    layout_cascade,
    layout_frontier,
    layout_registry,
    layout_replay,
    render,
    type_name,
)
from modelpick.render.layout import LAYOUTS
from modelpick.render.records import RECORDS
from modelpick.report import Output
from modelpick.schemas import output_models


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_has_a_module_that_renders(name: str) -> None:
    module = importlib.import_module(f"modelpick.render.{FORMATS[name].module}")
    assert callable(module.render)
    assert FORMATS[name].offered_by, name


def test_the_formats_each_kind_of_command_offers() -> None:
    assert formats_for(REPORT) == ["table", "markdown", "plain", "json", "csv"]
    assert formats_for(FINDINGS) == ["table", "markdown", "plain", "json", "github", "junit"]


def test_every_document_has_exactly_one_layout() -> None:
    assert not LAYOUTS.keys() & layout_registry.LAYOUTS.keys()
    assert not LAYOUTS.keys() & layout_frontier.LAYOUTS.keys()
    assert not LAYOUTS.keys() & layout_cascade.LAYOUTS.keys()
    assert not LAYOUTS.keys() & layout_replay.LAYOUTS.keys()
    assert set(LAYOUTS) | set(layout_registry.LAYOUTS) | set(layout_frontier.LAYOUTS) | set(layout_cascade.LAYOUTS) \
        | set(layout_replay.LAYOUTS) == {type_name(t) for t in output_models()}
    assert set(RECORDS) <= set(LAYOUTS) | set(layout_frontier.LAYOUTS) | set(layout_cascade.LAYOUTS) \
        | set(layout_replay.LAYOUTS)


class Unknown(Output):
    pass


@pytest.mark.parametrize("fmt", [name for name, spec in FORMATS.items() if spec.reads != "result"])
def test_a_result_type_without_a_layout_is_a_type_error(fmt: str) -> None:
    with pytest.raises(TypeError, match="no layout for Unknown"):
        render(Unknown(), fmt)
