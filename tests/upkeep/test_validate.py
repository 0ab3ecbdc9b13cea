"""`registry validate`: every finding at file:line with its key path; the bundled data has none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from modelpick.upkeep.validate import validate

TODAY = dt.date(2026, 11, 21)


def findings(tmp_path: Path, text: str, max_age: int | None = None) -> list[tuple[str, int | None, str | None, str]]:
    path = tmp_path / "layer.yaml"
    path.write_text(text)
    result = validate([path], today=TODAY, max_age=max_age)
    assert all(f.file == str(path) for f in result.findings)
    return [(f.rule, f.line, f.path, f.message) for f in result.findings]


def test_the_bundled_registry_has_no_findings() -> None:
    result = validate([], today=TODAY, max_age=None)
    assert result.findings == []
    assert (result.summary["files"], result.summary["entries"]) == (15, 120)


NEW_ENTRY = """\
provider: acme
name: Acme
sources:
  list: {{url: https://example.com/prices, read: {read}}}
models:
  - id: acme-1
    name: Acme 1
    creator: acme
    context_window: {{value: 100000, source: list}}
    max_output_tokens: {{value: 8000, source: list}}
    modalities: {{source: list, input: [text], output: [text]}}
    features: {{source: list, values: [streaming]}}
    pricing:
      source: list
{pricing}
"""


def entry(pricing: str, read: str = "2026-11-01") -> str:
    return NEW_ENTRY.format(read=read, pricing=pricing)


def test_a_clean_new_entry_passes(tmp_path: Path) -> None:
    assert findings(tmp_path, entry("      input: 1\n      output: 2")) == []


@pytest.mark.parametrize("pricing, expected", [
    ("      input: 1\n      output: 2\n      cached_input: 1.5",
     [("price", 17, "models[0].pricing.cached_input", "1.5 is above the input price (1)")]),
    ("      input: 1\n      output: 2\n      batch: {input: 0.5, output: 3}",
     [("price", 17, "models[0].pricing.batch.output", "3 is above the list output price (2)")]),
    ("      input: 1\n      output: 2\n      tiers:\n        - {above_input_tokens: 200000, input: 0.5, output: 3}",
     [("price", 18, "models[0].pricing.tiers[0].input",
       "0.5 is below the price under the threshold (1): tiers must rise with their thresholds")]),
    ("      input: 1\n      output: -2",
     [("schema", 16, "models[0].pricing.output", "Value error, must be a number from 0 to 10000 (USD per 1M tokens)")]),
])
def test_price_sanity(tmp_path: Path, pricing: str, expected: list) -> None:
    assert findings(tmp_path, entry(pricing)) == expected


def test_every_schema_error_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = entry("      input: 1\n      output: 2").replace("values: [streaming]", "values: [streeming]")
    text = text.replace("    creator: acme\n", "    creator: acme\n    colour: red\n")
    assert findings(tmp_path, text) == [
        ("schema", 9, "models[0].colour", "unknown key"),
        ("schema", 13, "models[0].features.values[0]",
         "Input should be 'tool_calling', 'structured_outputs', 'streaming', 'fine_tuning', 'batch', "
         "'prompt_caching', 'predicted_outputs' or 'reasoning'"),
    ]


def test_duplicate_yaml_keys_are_found_though_yaml_keeps_the_last(tmp_path: Path) -> None:
    text = entry("      input: 1\n      output: 2\n      input: 3")
    assert findings(tmp_path, text) == [
        ("yaml", 17, "models[0].pricing.input", "duplicate key 'input' (first at line 15)")]


def test_values_read_too_long_ago(tmp_path: Path) -> None:
    text = entry("      input: 1\n      output: 2", read="2026-01-01")
    found = findings(tmp_path, text, max_age=300)
    assert len(found) == 5  # every cited block: limits, modalities, features, pricing
    assert found[0] == ("age", 9, "models[0].context_window",
                        "read 2026-01-01 (324 days ago, more than --max-age 300); source list")
    assert findings(tmp_path, text, max_age=324) == []


def test_a_source_that_resolves_nowhere(tmp_path: Path) -> None:
    text = entry("      input: 1\n      output: 2").replace("value: 8000, source: list", "value: 8000, source: lst")
    assert findings(tmp_path, text) == [
        ("source", 10, "models[0].max_output_tokens.source",
         "'lst' is not in this file's sources: table, so it needs its own `read` date")]


def test_an_override_needs_only_what_it_changes_but_a_source_is_still_asked_for(tmp_path: Path) -> None:
    text = "provider: openai\nmodels:\n  - id: gpt-4.1-nano\n    pricing: {input: 0.08}\n"
    assert findings(tmp_path, text) == [
        ("source", 4, "models[0].pricing.source", "value without a source: this file sets it with no `source:`")]
    cited = ("provider: openai\nsources:\n  deal: {url: https://example.com/deal, read: 2026-10-01}\nmodels:\n"
             "  - id: gpt-4.1-nano\n    pricing: {input: 0.08, source: deal}\n")
    assert findings(tmp_path, cited) == []


def test_names_that_point_at_two_entries_and_ids_listed_twice(tmp_path: Path) -> None:
    text = ("provider: openai\nmodels:\n  - id: gpt-4.1-mini\n    aliases: [gpt-4.1-nano-2025-04-14]\n"
            "  - id: gpt-4.1-mini\n    name: again\n")
    assert findings(tmp_path, text) == [
        ("duplicate", 5, "models[1].id", "'gpt-4.1-mini' is listed twice in this file (first at line 3)")]
    text = "provider: openai\nmodels:\n  - id: gpt-4.1-mini\n    aliases: [gpt-4.1-nano-2025-04-14]\n"
    assert findings(tmp_path, text) == [
        ("duplicate", 4, "models[0].aliases", "'gpt-4.1-nano-2025-04-14' also names openai/gpt-4.1-nano")]


def test_two_files_of_one_layer_defining_the_same_entry(tmp_path: Path) -> None:
    text = entry("      input: 1\n      output: 2")
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text)
    result = validate([tmp_path], today=TODAY)
    assert [(f.rule, f.file, f.line, f.message) for f in result.findings] == [
        ("duplicate", str(tmp_path / "b.yaml"), 6,
         f"acme/acme-1 is also defined in {tmp_path / 'a.yaml'}:6 (same layer: one would silently override "
         "the other)")]


def test_broken_yaml_is_one_finding(tmp_path: Path) -> None:
    [(rule, line, path, message)] = findings(tmp_path, "provider: [acme\n")
    assert (rule, line, path) == ("yaml", 2, None)
    assert message.startswith("invalid YAML: ")  # the wording differs between libyaml and pure-Python PyYAML


def test_an_id_that_is_another_entrys_alias_in_the_same_layer(tmp_path: Path) -> None:
    text = entry("      input: 1\n      output: 2")
    second = text[text.index("  - id: acme-1"):].replace("id: acme-1", "id: acme-1-latest")
    text = text.replace("    name: Acme 1\n", "    name: Acme 1\n    aliases: [acme-1-latest]\n", 1) + second
    assert findings(tmp_path, text) == [
        ("duplicate", 8, "models[0].aliases", "'acme-1-latest' also names acme/acme-1-latest")]


def test_control_characters_in_keys_and_values(tmp_path: Path) -> None:
    """A value or key a terminal would act on (ESC, BEL, a C1 CSI, a bidi override, a newline) is a finding at
    its line, wherever it is: a name, a source's key, a list item, a lifecycle replacement, a note."""
    text = entry("      input: 1\n      output: 2")
    text = text.replace("name: Acme 1", r'name: "x\e]0;PWNED\a\e]8;;https://evil.example/\aclick\e]8;;\a"')
    text = text.replace("  list: {url:", '  "li\\u202est": {url: https://example.com/other, read: 2026-11-01}\n  list: {url:')
    text = text.replace("values: [streaming]", r'values: [streaming], note: "a\x9b2Jb"')
    text += "    notes: |\n      two\n      lines\n"
    text += "    lifecycle: {source: list, status: deprecated, replacement: \"gpt-5\\e[2J\\u200d\"}\n"
    assert findings(tmp_path, text) == [
        ("control", 4, "sources['li\\u202est']",
         "the key holds control character \\u202e, which a terminal or a log viewer acts on (modelpick prints "
         "them escaped)"),
        ("control", 8, "models[0].name",
         "holds control characters \\x1b, \\x07, which a terminal or a log viewer acts on (modelpick prints them "
         "escaped)"),
        ("control", 13, "models[0].features.note",
         "holds control character \\x9b, which a terminal or a log viewer acts on (modelpick prints them escaped)"),
        ("control", 18, "models[0].notes",
         "holds control character \\n, which a terminal or a log viewer acts on (modelpick prints them escaped)"),
        ("control", 21, "models[0].lifecycle.replacement",
         "holds control characters \\x1b, \\u200d, which a terminal or a log viewer acts on (modelpick prints "
         "them escaped)"),
    ]
