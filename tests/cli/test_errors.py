"""User mistakes: exit 2, exactly one line on stderr starting with "modelpick: error:", nothing on stdout,
no traceback (unless --debug). Files are written to a temporary folder the test runs in, so messages carry
short relative file names and can be compared exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.errors import AmbiguousModelError, InputError, UnknownModelError, did_you_mean
from modelpick.registry import load_registry

runner = CliRunner()

REPO_ROOT = Path(__file__).resolve().parents[2]
TICKET_TRIAGE = REPO_ROOT / "examples" / "ticket-triage.yaml"
AS_OF = "2026-11-21"
PREFIX = "modelpick: error: "


def run(*args: Any) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def user_error(*args: Any) -> str:
    """Run, check the error contract, and return the message after "modelpick: error: "."""
    result = run(*args)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stderr.endswith("\n")
    assert lines[0].startswith(PREFIX), lines[0]
    return lines[0][len(PREFIX):]


def write(name: str, content: str | bytes) -> Path:
    path = Path(name)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


pytestmark = pytest.mark.usefixtures("in_tmp")


# Models ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["show"], ["cost"], ["compare", "gpt-4.1-mini"]])
def test_unknown_model_did_you_mean(command: list[str]) -> None:
    message = user_error(*command, "gpt-4.1-nan", "--as-of", AS_OF)
    assert message.startswith("unknown model 'gpt-4.1-nan' (did you mean 'gpt-4.1-nano'")
    assert message.endswith("?); `modelpick models` lists them")


def test_unknown_model_without_close_match() -> None:
    assert user_error("show", "zzzzqqqq") == "unknown model 'zzzzqqqq'; `modelpick models` lists them"


def test_ambiguous_model_lists_provider_model_names(mini_registry: Path) -> None:
    assert user_error("show", "acme-open", "--registry", mini_registry) == (
        "'acme-open' is served by several providers; name one of: otherco/testco/acme-open, "
        "thirdco/testco/acme-open")


def _ambiguous_names_in_bundled_data() -> dict[str, list[str]]:
    """Names (id, snapshot or alias) served by several providers, none of them first-party."""
    served: dict[str, list[Any]] = {}
    for entry in load_registry([]).entries:
        for name in {entry.model.id, *entry.model.snapshots, *entry.model.aliases}:
            served.setdefault(name, []).append(entry)
    def key(e: Any) -> tuple[str, str]:
        return (e.provider, e.model.id)

    return {name: [f"{e.provider}/{e.model.id}" for e in sorted(entries, key=key)]
            for name, entries in served.items()
            if len(entries) > 1 and not any(e.model.creator == e.provider for e in entries)
            and "/" not in name}


def test_ambiguous_alias_in_bundled_data() -> None:
    ambiguous = _ambiguous_names_in_bundled_data()
    if not ambiguous:
        pytest.skip("the bundled data has no alias served by several third parties")
    name = "llama-4-maverick" if "llama-4-maverick" in ambiguous else sorted(ambiguous)[0]
    assert user_error("show", name) == (
        f"{name!r} is served by several providers; name one of: {', '.join(ambiguous[name])}")


def test_model_id_that_starts_with_a_provider_name(mini_registry: Path) -> None:
    # testco is a provider, but testco/acme-open is also a canonical MODEL id served by otherco and thirdco.
    assert user_error("show", "testco/acme-open", "--registry", mini_registry) == (
        "'testco/acme-open' is served by several providers; name one of: otherco/testco/acme-open, "
        "thirdco/testco/acme-open")


def test_unknown_model_for_a_known_provider(mini_registry: Path) -> None:
    message = user_error("show", "thirdco/acme-1", "--registry", mini_registry)
    assert message.startswith("unknown model 'thirdco/acme-1'")
    assert message.endswith("; `modelpick models` lists them")


# Tasks -------------------------------------------------------------------------------------------------


def test_unknown_task_in_file_names_file_and_line() -> None:
    write("w.yaml", "# a workload\nname: triage\ntask: codng\ninput_tokens: 100\n")
    assert user_error("recommend", "w.yaml", "--as-of", AS_OF) == (
        "w.yaml:3: task: unknown task 'codng' (did you mean 'coding'?); `modelpick tasks` lists them")


@pytest.mark.parametrize("command", [["recommend"], ["cost", "gpt-4.1-nano"], ["compare", "gpt-4.1-nano"]])
def test_unknown_task_option(command: list[str]) -> None:
    message = user_error(*command, "--task", "codng", "--as-of", AS_OF)
    assert message.endswith("unknown task 'codng' (did you mean 'coding'?); `modelpick tasks` lists them")


def test_unknown_task_option_over_a_file_blames_the_option() -> None:
    write("w.yaml", "task: chat\n")
    message = user_error("recommend", "w.yaml", "--task", "codng", "--as-of", AS_OF)
    assert "w.yaml" not in message
    assert "--task" in message


# YAML and file problems ---------------------------------------------------------------------------------


def test_invalid_yaml_names_file_and_line() -> None:
    write("w.yaml", "# comment\nname: x\ntask: coding\ninput_tokens: 5\n  bad: 1\n")
    assert user_error("recommend", "w.yaml").startswith("w.yaml:5: invalid YAML: ")  # then PyYAML's wording


def test_python_tag_is_rejected() -> None:
    write("w.yaml", "task: coding\ninput_tokens: !!python/object/apply:os.system [echo hi]\n")
    assert user_error("recommend", "w.yaml") == (
        "w.yaml:2: input_tokens: the tag !!python/object/apply:os.system is not allowed: modelpick reads plain "
        "YAML data only")


def test_list_instead_of_mapping_at_top_level() -> None:
    write("w.yaml", "- task: coding\n- input_tokens: 5\n")
    assert user_error("recommend", "w.yaml") == (
        "w.yaml:1: expected a mapping of workload keys (task:, input_tokens:, ...)")


def test_list_instead_of_mapping_for_requires() -> None:
    write("w.yaml", "task: coding\nrequires: [structured_outputs]\n")
    assert user_error("recommend", "w.yaml") == (
        "w.yaml:2: requires: Input should be a valid dictionary or instance of Requirements")


def test_unknown_key_in_file() -> None:
    write("w.yaml", "task: coding\ninput_tokns: 5\n")
    message = user_error("recommend", "w.yaml")
    assert message.startswith("w.yaml:2: input_tokns: unknown key")
    if message != "w.yaml:2: input_tokns: unknown key":
        assert message.startswith("w.yaml:2: input_tokns: unknown key (did you mean 'input_tokens'")


def test_unknown_nested_key_in_file() -> None:
    write("w.yaml", "task: coding\nrequires:\n  features: [batch]\n  min_contxt: 5\n")
    message = user_error("recommend", "w.yaml")
    assert message.startswith("w.yaml:4: requires.min_contxt: unknown key")
    if message != "w.yaml:4: requires.min_contxt: unknown key":
        assert message.startswith("w.yaml:4: requires.min_contxt: unknown key (did you mean 'min_context'")


def test_wrong_type_nested_under_requires() -> None:
    write("w.yaml", "task: coding\nrequires:\n  min_context: lots\n")
    assert user_error("recommend", "w.yaml") == (
        "w.yaml:3: requires.min_context: Input should be a valid integer, "
        "unable to parse string as an integer")


def test_wrong_value_in_a_list_names_the_item() -> None:
    write("w.yaml", "task: coding\nrequires:\n  features:\n    - tool_calling\n    - tool_caling\n")
    message = user_error("recommend", "w.yaml")
    assert message.startswith("w.yaml:5: requires.features[1]: Input should be 'tool_calling', ")


def test_duplicate_key() -> None:
    write("w.yaml", "task: coding\ninput_tokens: 5\ntask: chat\n")
    assert user_error("recommend", "w.yaml") == "w.yaml:3: task: duplicate key 'task' (first at line 1)"


def test_duplicate_nested_key() -> None:
    write("w.yaml", "task: coding\nrequires:\n  features: [batch]\n  features: [tool_calling]\n")
    assert user_error("recommend", "w.yaml") == (
        "w.yaml:4: requires.features: duplicate key 'features' (first at line 3)")


def test_cached_input_ratio_out_of_range_in_file() -> None:
    write("w.yaml", "task: coding\ncached_input_ratio: 1.5\n")
    assert user_error("recommend", "w.yaml") == (
        "w.yaml:2: cached_input_ratio: Input should be less than or equal to 1")


def test_cached_input_ratio_out_of_range_option() -> None:
    assert user_error("recommend", "--cached-input-ratio", "1.5") == (
        "--cached-input-ratio: Input should be less than or equal to 1")


def test_option_error_blames_the_option_not_the_file() -> None:
    write("w.yaml", "task: coding\ncached_input_ratio: 0.5\n")
    assert user_error("recommend", "w.yaml", "--cached-input-ratio", "1.5") == (
        "--cached-input-ratio: Input should be less than or equal to 1")


def test_negative_tokens_option() -> None:
    assert user_error("recommend", "--input-tokens", "-5") == (
        "--input-tokens: Input should be greater than or equal to 0")


def test_both_volumes_in_file() -> None:
    write("w.yaml", "task: coding\nrequests_per_day: 5\nrequests_per_month: 7\n")
    message = user_error("recommend", "w.yaml")
    assert message.startswith("w.yaml:")
    assert message.endswith("give requests_per_day or requests_per_month, not both")


def test_both_volume_options() -> None:
    message = user_error("recommend", "--requests-per-day", "5", "--requests-per-month", "7")
    assert "not both" in message


def test_missing_workload_file() -> None:
    assert user_error("recommend", "missing.yaml") == "missing.yaml: no such file"


def test_folder_as_workload() -> None:
    Path("folder.yaml").mkdir()
    assert user_error("recommend", "folder.yaml") == "folder.yaml: is a folder, expected a workload file"


def test_invalid_utf8() -> None:
    write("w.yaml", b"task: \xff\n")
    assert user_error("recommend", "w.yaml") == "w.yaml:1: not valid UTF-8 (byte 6)"


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(content: str) -> None:
    write("w.yaml", content)
    assert user_error("recommend", "w.yaml") == "w.yaml: the file is empty"


def test_workload_file_for_cost_and_compare() -> None:
    write("w.yaml", "task: coding\nfoo: 1\n")
    for args in (["cost", "gpt-4.1-nano", "w.yaml"], ["compare", "gpt-4.1-nano", "gpt-4.1-mini", "w.yaml"]):
        assert user_error(*args).startswith("w.yaml:2: foo: unknown key")


# Options ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["foo", "x=abc", "x=", "=5"])
def test_min_quality_expects_key_value(value: str) -> None:
    message = user_error("recommend", "--min-quality", value)
    assert message == f"--min-quality: expected KEY=VALUE, got {value!r}"


def test_min_quality_unknown_benchmark_option() -> None:
    message = user_error("recommend", "--min-quality", "aider_polyglt=40")
    assert message.endswith("unknown benchmark 'aider_polyglt' (did you mean 'aider_polyglot'?)")


def test_min_quality_unknown_benchmark_in_file() -> None:
    write("w.yaml", "task: coding\nrequires:\n  min_quality:\n    aider_polyglt: 40\n")
    assert user_error("recommend", "w.yaml") == (
        "w.yaml:4: requires.min_quality.aider_polyglt: unknown benchmark 'aider_polyglt' "
        "(did you mean 'aider_polyglot'?)")


@pytest.mark.parametrize(("key", "suggestion"), [
    ("aider", "aider_polyglot"),  # a prefix
    ("tau2", "tau2_bench"),
    ("gpqa", "gpqa_diamond"),
    ("polyglot", "aider_polyglot"),  # a `_`-separated part
])
def test_min_quality_abbreviated_benchmark(key: str, suggestion: str) -> None:
    assert user_error("recommend", TICKET_TRIAGE, "--min-quality", f"{key}=40") == (
        f"--min-quality: unknown benchmark {key!r} (did you mean {suggestion!r}?)")


def test_min_quality_aider_exactly() -> None:
    result = run("recommend", TICKET_TRIAGE, "--min-quality", "aider=40")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "modelpick: error: --min-quality: unknown benchmark 'aider' (did you mean 'aider_polyglot'?)\n")


@pytest.mark.parametrize(("name", "hint"), [
    ("aider_polyglt", " (did you mean 'aider_polyglot'?)"),  # difflib, as before
    ("aider", " (did you mean 'aider_polyglot'?)"),
    ("Aider", " (did you mean 'aider_polyglot'?)"),
    ("coding_index", " (did you mean 'aa_coding_index'?)"),  # parts in a row
    ("coding", " (did you mean 'lmarena_coding' or 'aa_coding_index' or 'livebench_coding'?)"),
    # difflib's matches come first; names the word abbreviates fill the places left, shortest first
    ("livebench", " (did you mean 'livebench_if' or 'ifbench' or 'livebench_coding'?)"),
    ("cod", ""),  # neither a prefix nor a whole part
    ("", ""),
])
def test_did_you_mean(name: str, hint: str) -> None:
    benchmarks = ["aa_coding_index", "aider_polyglot", "ifbench", "livebench_coding", "livebench_if",
                  "livebench_language", "lmarena_coding"]
    assert did_you_mean(name, benchmarks) == hint


def test_did_you_mean_at_most_three() -> None:
    assert did_you_mean("a", ["a_1", "a_2", "a_3", "a_4"]) == " (did you mean 'a_1' or 'a_2' or 'a_3'?)"


def test_unknown_provider_option() -> None:
    message = user_error("recommend", "--provider", "opnai")
    assert message.endswith("unknown provider 'opnai' (did you mean 'openai'?)")


def test_unknown_exclude_provider_option() -> None:
    message = user_error("recommend", "--exclude-provider", "opnai")
    assert message.endswith("unknown provider 'opnai' (did you mean 'openai'?)")


def test_unknown_provider_in_file() -> None:
    write("w.yaml", "task: coding\nrequires:\n  providers: [opnai]\n")
    assert user_error("recommend", "w.yaml") == (
        "w.yaml:3: requires.providers: unknown provider 'opnai' (did you mean 'openai'?)")


def test_models_unknown_provider() -> None:
    assert user_error("models", "--provider", "opnai") == (
        "--provider: unknown provider 'opnai' (did you mean 'openai'?)")


@pytest.mark.parametrize("args, option", [(["--provider", "opnai"], "--provider"),
                                          (["--min-quality", "aider_polyglt=40"], "--min-quality")])
def test_option_name_errors_name_the_option(args: list[str], option: str) -> None:
    assert user_error("recommend", *args).startswith(f"{option}: ")


@pytest.mark.parametrize("args", [["--provider", "opnai"], ["--min-quality", "aider_polyglt=40"]])
def test_option_name_errors_over_a_file_do_not_blame_the_file(args: list[str]) -> None:
    message = user_error("recommend", TICKET_TRIAGE, *args)
    assert str(TICKET_TRIAGE) not in message


def test_unknown_feature_option() -> None:
    assert user_error("recommend", "--needs", "tool_caling") == (
        "--needs: Input should be 'tool_calling', 'structured_outputs', 'streaming', 'fine_tuning', 'batch', "
        "'prompt_caching', 'predicted_outputs' or 'reasoning'")


def test_unknown_modality_option() -> None:
    assert user_error("recommend", "--input-modality", "smell") == (
        "--input-modality: Input should be 'text', 'image', 'audio', 'video' or 'pdf'")


def test_models_unknown_feature() -> None:
    assert user_error("models", "--feature", "tool_caling") == (
        "--feature: unknown value 'tool_caling' (did you mean 'tool_calling'?); one of tool_calling, "
        "structured_outputs, streaming, fine_tuning, batch, prompt_caching, predicted_outputs, reasoning")


def test_prefer_bad_weights() -> None:
    assert user_error("recommend", "--prefer", "quality=abc") == (
        "--prefer: expected NAME=NUMBER pairs, got 'quality=abc'")


def test_prefer_unknown_name() -> None:
    assert user_error("recommend", "--prefer", "cheap") == (
        "--prefer: Input should be 'balanced', 'cost', 'quality' or 'speed'")


def test_missing_registry_path() -> None:
    assert user_error("recommend", "--registry", "nowhere") == "nowhere: no such file or folder"


def test_invalid_registry_file_names_file_key_and_line() -> None:
    write("extra.yaml", "provider: zz\nname: Z\nmodels:\n  - id: m\n    name: M\n    creator: zz\n"
                        "    colour: red\n")
    message = user_error("show", "gpt-4.1-nano", "--registry", "extra.yaml")
    assert message.startswith("extra.yaml:")
    assert "models[0]" in message


def test_compare_needs_a_model() -> None:
    write("w.yaml", "task: coding\n")
    assert user_error("compare", "w.yaml") == "compare: name at least one model"


# Usage errors from the option parser ----------------------------------------------------------------------


@pytest.mark.parametrize("args", [["recommend", "--format", "xml"],
                                  ["show", "gpt-4.1-nano", "--as-of", "2026-13-01"],
                                  ["recommend", "--as-of", "yesterday"], ["recommend", "--top", "0"],
                                  ["recommend", "--no-such-option"], ["no-such-command"]])
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() != ""


@pytest.mark.parametrize("args, words", [(["recommend", "--format", "xml"], ["--format", "'xml'"]),
                                         (["show", "gpt-4.1-nano", "--as-of", "2026-13-01"],
                                          ["--as-of", "'2026-13-01'"])])
def test_usage_errors_are_one_line(args: list[str], words: list[str]) -> None:
    message = user_error(*args)
    for word in words:
        assert word in message


# --debug --------------------------------------------------------------------------------------------------


def test_debug_propagates_unknown_model() -> None:
    result = run("--debug", "show", "nope")
    assert isinstance(result.exception, UnknownModelError)
    assert result.exception.message == "unknown model 'nope'; `modelpick models` lists them"
    assert result.exit_code != 0


def test_debug_propagates_input_error() -> None:
    result = run("--debug", "recommend", "missing.yaml")
    assert isinstance(result.exception, InputError)
    assert result.exception.message == "missing.yaml: no such file"


def test_debug_propagates_ambiguous_model(mini_registry: Path) -> None:
    result = run("--debug", "show", "acme-open", "--registry", mini_registry)
    assert isinstance(result.exception, AmbiguousModelError)
    assert result.exception.keys == ["otherco/testco/acme-open", "thirdco/testco/acme-open"]


def test_without_debug_no_exception_escapes() -> None:
    result = run("show", "nope")
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
