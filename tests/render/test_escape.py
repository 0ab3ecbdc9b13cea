"""Terminal injection: a hostile registry layer, workload, config or file name never reaches a terminal or a
CI log as raw control characters. Human formats show them escaped (`\\x1b`); JSON keeps the exact value."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.render.escape import controls, visible

runner = CliRunner()

# Sets the terminal title, then prints a hyperlink to evil.example labelled "click".
NAME = "x\x1b]0;PWNED\x07\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07"
NAME_SHOWN = r"x\x1b]0;PWNED\x07\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07"
# Clears the screen, turns red through an 8-bit CSI, reverses the text, and forges a row on a new line.
REPLACEMENT = "gpt-5\x1b[2J\x9b31m\u202eevil\nok   1  fake row"
REPLACEMENT_SHOWN = r"gpt-5\x1b[2J\x9b31m\u202eevil\nok   1  fake row"
WORKLOAD = "wl\x1b]0;T\x07"
WORKLOAD_SHOWN = r"wl\x1b]0;T\x07"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")

HOSTILE_NAME = r"""provider: openai
models:
  - id: gpt-4.1-nano
    name: "x\e]0;PWNED\a\e]8;;https://evil.example/\aclick\e]8;;\a"
"""
HOSTILE_LIFECYCLE = HOSTILE_NAME + r"""    lifecycle:
      source: openai-deprecations
      rank: provider
      said_on: 2026-06-01
      status: deprecated
      replacement: "gpt-5\e[2J\x9b31m\u202eevil\nok   1  fake row"
"""
AS_OF = "2026-07-01"  # deprecated by the layer, not yet shut down by any source


def run(*args: str, columns: int = 400):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": str(columns)})


def assert_no_raw_controls(text: str) -> None:
    found = [c for c in RAW if c in text]
    assert not found, f"raw {found!r} in output:\n{text}"


@pytest.fixture
def layer(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_LIFECYCLE)
    return path


@pytest.fixture
def workload(tmp_path: Path) -> Path:
    path = tmp_path / "workload.yaml"
    path.write_text('name: "wl\\e]0;T\\a"\ntask: classification\ninput_tokens: 1000\noutput_tokens: 100\n'
                    "requires: {include_deprecated: true}\n")
    return path


@pytest.mark.parametrize("text, shown", [
    ("x\x1b]0;t\x07", r"x\x1b]0;t\x07"),
    ("\x00\x08\x7f", r"\x00\x08\x7f"),  # NUL, BS, DEL
    ("a\tb\r\nc", r"a\tb\r\nc"),
    ("\x9b31m \x85", r"\x9b31m \x85"),  # C1: an 8-bit CSI, NEL
    ("\u202ea\u202c \u2066b\u2069 \u200e\u200f", r"\u202ea\u202c \u2066b\u2069 \u200e\u200f"),  # bidi
    ("a\u200bb\u200dc\u2060d\ufeff", r"a\u200bb\u200dc\u2060d\ufeff"),  # zero-width
    ("a\u2028b\u2029", r"a\u2028b\u2029"),  # line and paragraph separators
    ("\ud800", r"\ud800"),  # a lone surrogate, which cannot be printed as UTF-8
    ("\U000e0041", r"\U000e0041"),  # a tag character
])
def test_visible_escapes_as_python_repr_does(text: str, shown: str) -> None:
    assert visible(text) == shown == repr(text)[1:-1]
    assert controls(text) and visible(text).isascii()


@pytest.mark.parametrize("text", ["gpt-4.1-nano", "café — 128k…", "a\u00a0b", r"C:\models\x1b.py", "", "日本語"])
def test_visible_keeps_printable_text(text: str) -> None:
    assert visible(text) == text and controls(text) == []


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "csv"])
def test_show_escapes_a_hostile_name(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_NAME)
    result = run("show", "gpt-4.1-nano", "--registry", str(path), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_no_raw_controls(result.stdout)
    assert NAME_SHOWN in result.stdout


def test_show_json_keeps_the_exact_value(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_NAME)
    result = run("show", "gpt-4.1-nano", "--registry", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert_no_raw_controls(result.stdout)  # JSON writes them as \u001b, \u0007
    assert json.loads(result.stdout)["name"] == NAME


def test_show_escapes_every_hostile_value_in_its_origins(layer: Path) -> None:
    result = run("show", "gpt-4.1-nano", "--registry", str(layer), "--format", "plain", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert_no_raw_controls(result.stdout)
    assert REPLACEMENT_SHOWN in result.stdout


@pytest.mark.parametrize("fmt", ["table", "plain"])
@pytest.mark.parametrize("command", [
    ["recommend", "--show-excluded"],
    ["compare", "gpt-4.1-nano", "gpt-5-nano"],
    ["cost", "gpt-4.1-nano"],
])
def test_recommend_compare_and_cost_escape_hostile_values(layer: Path, workload: Path, command: list[str],
                                                          fmt: str) -> None:
    result = run(*command, str(workload), "--registry", str(layer), "--as-of", AS_OF, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_no_raw_controls(result.stdout)
    text = " ".join(result.stdout.split())  # a long note is wrapped at words
    assert WORKLOAD_SHOWN in text
    assert " ".join(REPLACEMENT_SHOWN.split()) in text
    assert not any(line.startswith("ok ") for line in result.stdout.splitlines())  # no forged row


def test_csv_escapes_hostile_values_and_json_keeps_them(layer: Path, workload: Path) -> None:
    args = ["recommend", str(workload), "--registry", str(layer), "--as-of", AS_OF, "--format"]
    csv_out = run(*args, "csv")
    assert csv_out.exit_code == 0, csv_out.output
    assert_no_raw_controls(csv_out.stdout)
    assert NAME_SHOWN in csv_out.stdout and REPLACEMENT_SHOWN in csv_out.stdout
    doc = json.loads(run(*args, "json").stdout)
    entry = next(e for e in doc["ranking"] if e["model"] == "gpt-4.1-nano")
    assert entry["name"] == NAME and any(REPLACEMENT in w for w in entry["warnings"])


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a\x1b]0;X\x07\nb\u202ec.py").write_text('MODEL = "gpt-9-turbo"\n')
    return folder


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "github", "junit"])
def test_scan_escapes_a_hostile_path(hostile_path: Path, fmt: str) -> None:
    result = run("scan", str(hostile_path), "--format", fmt)
    assert result.exit_code == 1, result.output
    assert_no_raw_controls(result.stdout)
    assert r"a\x1b]0;X\x07\nb\u202ec.py" in result.stdout
    if fmt == "github":
        assert [line[:8] for line in result.stdout.splitlines()] == ["::error ", "modelpic"]
    if fmt == "junit":
        ET.fromstring(result.stdout.split("\n", 1)[1])  # well-formed XML 1.0


CONFIG = """\
defaults: {task: classification, input_tokens: 1000, output_tokens: 100}
workloads:
  - name: "w\\e]0;T\\a\\n::error file=x.py::injected,title=\\x9b::"
    model: openai/gpt-4.1-nano
    requires: {include_deprecated: true}
"""


@pytest.mark.parametrize("fmt", ["github", "junit", "table", "plain", "markdown"])
def test_check_escapes_a_hostile_workload_name(tmp_path: Path, layer: Path, fmt: str) -> None:
    config = tmp_path / "modelpick.yaml"
    config.write_text(CONFIG)
    result = run("check", "--config", str(config), "--registry", str(layer), "--as-of", AS_OF, "--format", fmt)
    assert result.exit_code == 0, result.output  # deprecated: a warning
    assert_no_raw_controls(result.stdout)
    lines = result.stdout.splitlines()
    if fmt == "github":
        # One annotation and the summary: the name's newline and `::` start no command of their own.
        assert len(lines) == 2 and lines[0].startswith("::warning file=") and lines[1].startswith("modelpick check:")
        assert "::injected" not in result.stdout and "%0A" not in lines[0]
        assert r"w\x1b]0;T\x07\n%3A%3Aerror file=x.py%3A%3Ainjected%2Ctitle=\x9b%3A%3A" in lines[0]
        assert REPLACEMENT_SHOWN.replace(" ", "") in lines[0].replace(" ", "")
    elif fmt == "junit":
        root = ET.fromstring(result.stdout.split("\n", 1)[1])
        assert root.find(".//testcase").get("name") == r"w\x1b]0;T\x07\n::error file=x.py::injected,title=\x9b::"
    else:
        assert not any(line.lstrip("|").lstrip().startswith("::error") for line in lines)
        assert r"w\x1b]0;T\x07\n::error" in "".join(lines)
