"""Helpers and cases for the hostile-input tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from modelpick.cli import app

runner = CliRunner()
PREFIX = "modelpick: error: "
AS_OF = "2026-11-21"

# How each kind of file reaches modelpick: the arguments that read `input.yaml` as that kind.
READERS = {
    "workload": ["recommend", "input.yaml", "--format", "json", "--as-of", AS_OF],
    "config": ["check", "--config", "input.yaml", "--format", "json", "--as-of", AS_OF],
    "registry": ["recommend", "--registry", "input.yaml", "--format", "json", "--as-of", AS_OF],
}

# A minimal valid provider file; registry cases replace one value in it.
PROVIDER = """\
provider: hostileco
name: Hostile Co
sources:
  docs: {url: https://example.com/hostile, read: 2026-01-01}
models:
  - id: h-1
    name: H One
    creator: hostileco
    release_date: {value: 2026-01-01, source: docs}
    context_window: {value: 100000, source: docs}
    max_output_tokens: {value: 10000, source: docs}
    modalities: {source: docs, input: [text], output: [text]}
    features: {source: docs, values: [tool_calling]}
    pricing: {source: docs, input: 1.0, output: 2.0, cached_input: 0.5}
    performance: {source: docs, output_tokens_per_s: 100, ttft_s: 0.5}
"""

CONFIG = """\
defaults:
  requests_per_day: 1000
workloads:
  - name: triage
    model: openai/gpt-4.1-nano
    task: classification
    input_tokens: 800
    output_tokens: 20
    policy: {max_cost_ratio: 2.0}
"""


def write(name: str, content: str | bytes) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run(*args: Any) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def user_error(*args: Any) -> str:
    """Run, check the error contract (exit 2, one line on stderr, nothing on stdout, no traceback) and return
    the message after "modelpick: error: "."""
    result = run(*args)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr, result.exception)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(PREFIX), lines[0]
    return lines[0][len(PREFIX):]


def _billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\ntask: *i\n"


class FromTheParser(str):
    """An expected message whose wording after the file and line is the YAML library's, not modelpick's: only
    the file and line are asserted, so a new PyYAML that words an error differently (6.0.4 added its own
    nesting limit, which fires before modelpick's) does not fail the suite."""


def matches(message: str, expected: str) -> bool:
    if isinstance(expected, FromTheParser):
        return message.startswith(expected)
    return message == expected


# (id, file content, the message after "modelpick: error: "), read as any kind of file.
YAML_CASES: list[tuple[str, str | bytes, str]] = [
    ("billion-laughs", _billion_laughs(),  # the bound: 100,000 plus one per byte of the file
     f"input.yaml:1: f[0][3][4][2][7][7]: aliases expand to more than {100_000 + len(_billion_laughs()):,} values"),
    ("alias-to-itself", "task: &a [*a]\n",
     "input.yaml:1: task[0][0]...: nested more than 64 levels deep (through an alias)"),
    # Either modelpick's depth check or PyYAML's own (6.0.4 and later) may fire first.
    ("flow-5000-deep", "task: " + "[" * 5000 + "]" * 5000 + "\n", FromTheParser("input.yaml:1: ")),
    ("flow-200000-deep", "task: " + "[" * 200_000 + "]" * 200_000 + "\n", FromTheParser("input.yaml:1: ")),
    ("block-5000-deep", "- " * 5000 + "x\n", "input.yaml:1: [0][0][0]...: nested more than 64 levels deep"),
    ("mapping-5000-deep", "a: {" * 5000 + "}" * 5000 + "\n",
     "input.yaml:1: a.a.a...: nested more than 64 levels deep"),
    ("python-object-apply", "task: !!python/object/apply:os.system ['echo hi']\n",
     "input.yaml:1: task: the tag !!python/object/apply:os.system is not allowed: modelpick reads plain YAML "
     "data only"),
    ("python-name", "task: !!python/name:os.system ''\n",
     "input.yaml:1: task: the tag !!python/name:os.system is not allowed: modelpick reads plain YAML data only"),
    ("python-module", "a:\n  - !!python/module:os {}\n",
     "input.yaml:2: a[0]: the tag !!python/module:os is not allowed: modelpick reads plain YAML data only"),
    ("binary-tag", "task: !!binary aGVsbG8=\n",
     "input.yaml:1: task: the tag !!binary is not allowed: modelpick reads plain YAML data only"),
    ("set-tag", "task: !!set {a, b}\n",
     "input.yaml:1: task: the tag !!set is not allowed: modelpick reads plain YAML data only"),
    ("local-tag", "task: !include other.yaml\n",
     "input.yaml:1: task: the tag !include is not allowed: modelpick reads plain YAML data only"),
    ("month-13", "a:\n  b: 2024-13-45\n", "input.yaml:2: a.b: invalid date (month must be in 1..12)"),
    ("february-30", "a: 2025-02-30\n", "input.yaml:1: a: invalid date (day is out of range for month)"),
    ("5000-digit-integer", "a: " + "9" * 5000 + "\n", "input.yaml:1: a: integer too large"),
    ("nul-byte", "task: ch\0at\n", "input.yaml:1: invalid YAML: the character U+0000 is not allowed"),
    ("control-character", "a: 1\ntask: \x07\n", "input.yaml:2: invalid YAML: the character U+0007 is not allowed"),
    ("invalid-utf8", b"a: 1\ntask: caf\xe9\n", "input.yaml:2: not valid UTF-8 (byte 14)"),
    ("utf16", "task: chat\n".encode("utf-16"), "input.yaml: is UTF-16 text; save it as UTF-8"),
    ("tab-indent", "a:\n\t- 1\n",
     "input.yaml:2: invalid YAML: a tab where YAML expects spaces (YAML indents with spaces only)"),
    ("empty", "", "input.yaml: the file is empty"),
    ("only-a-bom", b"\xef\xbb\xbf", "input.yaml: the file is empty"),
    ("only-comments", "# nothing\n\n   \n", "input.yaml: the file is empty"),
    ("duplicate-key", "a: 1\nb: 2\na: 3\n", "input.yaml:3: a: duplicate key 'a' (first at line 1)"),
    ("two-documents", "a: 1\n---\na: 2\n", FromTheParser("input.yaml:2: invalid YAML: ")),
    ("unhashable-key", "? [a, b]\n: 1\n", FromTheParser("input.yaml:1: invalid YAML: ")),
    ("unclosed-flow", "a: [1, 2\n", FromTheParser("input.yaml:2: invalid YAML: ")),
    ("undefined-alias", "a: *nowhere\n", FromTheParser("input.yaml:1: invalid YAML: ")),
]


def provider_with(old: str, new: str) -> str:
    """The minimal provider file with one value replaced."""
    assert old in PROVIDER, old
    return PROVIDER.replace(old, new)


def config_with(old: str, new: str) -> str:
    assert old in CONFIG, old
    return CONFIG.replace(old, new)
