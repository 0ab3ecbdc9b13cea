"""modelpick.yamlfile: safe parsing that remembers the line of every key path, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from modelpick.errors import InputError, ModelpickError
from modelpick.files import WORKLOAD_FILE
from modelpick.yamlfile import LocatedYaml, format_path, parse_yaml, read_yaml, validation_error

DOC = """\
# a comment
name: demo
requires:
  features: [tool_calling, batch]
  min_quality:
    aider_polyglot: 40
items:
  - id: a
    size: 1
  - id: b

  - plain
"""


@pytest.fixture
def doc() -> LocatedYaml:
    return parse_yaml(DOC, "demo.yaml")


def test_parsed_data(doc: LocatedYaml) -> None:
    assert doc.file == "demo.yaml"
    assert doc.data == {
        "name": "demo",
        "requires": {"features": ["tool_calling", "batch"], "min_quality": {"aider_polyglot": 40}},
        "items": [{"id": "a", "size": 1}, {"id": "b"}, "plain"],
    }


def test_lines_of_keys_and_items(doc: LocatedYaml) -> None:
    assert doc.lines == {
        (): 2,
        ("name",): 2,
        ("requires",): 3,
        ("requires", "features"): 4,
        ("requires", "features", 0): 4,
        ("requires", "features", 1): 4,
        ("requires", "min_quality"): 5,
        ("requires", "min_quality", "aider_polyglot"): 6,
        ("items",): 7,
        ("items", 0): 8,
        ("items", 0, "id"): 8,
        ("items", 0, "size"): 9,
        ("items", 1): 10,
        ("items", 1, "id"): 10,
        ("items", 2): 12,
    }


def test_line_of_walks_up_to_a_located_ancestor(doc: LocatedYaml) -> None:
    assert doc.line_of(("items", 1, "size")) == 10  # missing key: its mapping's line
    assert doc.line_of(("requires", "min_context")) == 3
    assert doc.line_of(("nowhere", "at", "all")) == 2  # the document itself
    assert doc.line_of(()) == 2


def test_error_names_file_path_and_line(doc: LocatedYaml) -> None:
    err = doc.error("bad value", ("items", 0, "size"))
    assert isinstance(err, InputError)
    assert err.message == "demo.yaml:9: items[0].size: bad value"
    assert (err.file, err.path, err.line) == ("demo.yaml", "items[0].size", 9)
    assert doc.error("whole file").message == "demo.yaml:2: whole file"


@pytest.mark.parametrize("path, text", [
    ((), ""),
    (("requires",), "requires"),
    (("requires", "min_quality", "aider_polyglot"), "requires.min_quality.aider_polyglot"),
    (("models", 0, "id"), "models[0].id"),
    (("models", 3), "models[3]"),
    (("a", 0, 1, "b"), "a[0][1].b"),
    ((0, "a"), "[0].a"),
])
def test_format_path(path: tuple[str | int, ...], text: str) -> None:
    assert format_path(path) == text


def test_duplicate_key_error_text() -> None:
    with pytest.raises(InputError) as info:
        parse_yaml("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", "dup.yaml")
    assert info.value.message == "dup.yaml:5: b.c: duplicate key 'c' (first at line 3)"
    assert (info.value.file, info.value.path, info.value.line) == ("dup.yaml", "b.c", 5)
    assert info.value.exit_code == 2


def test_duplicate_key_inside_a_list_item() -> None:
    with pytest.raises(InputError) as info:
        parse_yaml("models:\n  - id: a\n  - id: b\n    id: c\n", "dup.yaml")
    assert info.value.message == "dup.yaml:4: models[1].id: duplicate key 'id' (first at line 3)"


def test_same_key_in_different_mappings_is_fine() -> None:
    assert parse_yaml("a: {x: 1}\nb: {x: 2}\n", "f.yaml").data == {"a": {"x": 1}, "b": {"x": 2}}


def test_read_yaml_accepts_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftask: coding\ninput_tokens: 5\n")
    doc = read_yaml(path, kind=WORKLOAD_FILE)
    assert doc.data == {"task": "coding", "input_tokens": 5}
    assert doc.lines[("task",)] == 1
    assert doc.lines[("input_tokens",)] == 2
    assert doc.file == str(path)


def test_read_yaml_display_name(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: [1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_yaml(path, "shown.yaml", kind=WORKLOAD_FILE)
    assert info.value.message.startswith("shown.yaml:2: invalid YAML: ")  # after that, PyYAML's wording


def test_read_yaml_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(InputError) as info:
        read_yaml(path, "bad.yaml", kind=WORKLOAD_FILE)
    assert info.value.message == "bad.yaml:1: not valid UTF-8 (byte 9)"
    assert info.value.line == 1


@pytest.mark.parametrize("content", [b"", b"\n", b"   \n\n", b"# nothing but a comment\n", b"\xef\xbb\xbf"])
def test_read_yaml_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_yaml(path, "empty.yaml", kind=WORKLOAD_FILE)
    assert info.value.message == "empty.yaml: the file is empty"


def test_read_yaml_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_yaml(tmp_path / "nope.yaml", "nope.yaml", kind=WORKLOAD_FILE)
    assert info.value.message == "nope.yaml: no such file"


def test_read_yaml_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_yaml(tmp_path, "folder", kind=WORKLOAD_FILE)
    assert info.value.message == "folder: is a folder, expected a workload file"


@pytest.mark.parametrize("text, line, path, tag", [
    ("!!python/object:os.system {}\n", 1, "", "python/object:os.system"),
    ("a: 1\nb: !!python/object/apply:os.system [echo hi]\n", 2, "b: ", "python/object/apply:os.system"),
    ("a:\n  - !!python/name:os.system ''\n", 2, "a[0]: ", "python/name:os.system"),
])
def test_python_tags_are_rejected(text: str, line: int, path: str, tag: str) -> None:
    with pytest.raises(InputError) as info:
        parse_yaml(text, "evil.yaml")
    assert isinstance(info.value, ModelpickError) and info.value.exit_code == 2
    assert info.value.message == (f"evil.yaml:{line}: {path}the tag !!{tag} is not allowed: modelpick reads "
                                  "plain YAML data only")


@pytest.mark.parametrize("text, line", [
    ("a: 1\n b: 2\n", 2),
    ("a: 1\n---\nb: 2\n", 2),
    ("a: *nope\n", 1),
    ("a: 'open\n", 2),
])
def test_invalid_yaml(text: str, line: int) -> None:
    """The file and line are modelpick's; what follows "invalid YAML: " is PyYAML's wording, not asserted."""
    with pytest.raises(InputError) as info:
        parse_yaml(text, "f.yaml")
    message = info.value.message
    assert message.startswith(f"f.yaml:{line}: invalid YAML: ") and len(message) > len(f"f.yaml:{line}: invalid YAML: ")
    assert "\n" not in message


def test_anchors_and_aliases_still_work() -> None:
    doc = parse_yaml("base: &b {x: 1}\ncopy: *b\n", "f.yaml")
    assert doc.data == {"base": {"x": 1}, "copy": {"x": 1}}


# validation_error ---------------------------------------------------------------------------------------


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_context: int = 0


class Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    count: int = 0
    requires: Inner = Inner()
    items: list[Inner] = []


def _validation_message(text: str, **kwargs: object) -> str:
    doc = parse_yaml(text, "w.yaml")
    with pytest.raises(ValidationError) as info:
        Outer.model_validate(doc.data)
    err = validation_error(doc, info.value, **kwargs)
    assert isinstance(err, InputError)
    return err.message


def test_validation_error_unknown_key() -> None:
    assert _validation_message("name: x\ncolour: red\n") == "w.yaml:2: colour: unknown key"


def test_validation_error_nested_unknown_key() -> None:
    assert _validation_message("name: x\nrequires:\n  min_context: 5\n  max_context: 9\n") == (
        "w.yaml:4: requires.max_context: unknown key")


def test_validation_error_unknown_key_did_you_mean() -> None:
    assert _validation_message("name: x\nrequires:\n  min_contxt: 5\n", model=Outer) == (
        "w.yaml:3: requires.min_contxt: unknown key (did you mean 'min_context'?)")
    assert _validation_message("name: x\nitems:\n  - min_contxt: 5\n", model=Outer) == (
        "w.yaml:3: items[0].min_contxt: unknown key (did you mean 'min_context'?)")
    assert _validation_message("name: x\nzzz: 5\n", model=Outer) == "w.yaml:2: zzz: unknown key"


def test_validation_error_missing_key() -> None:
    # A missing key has no line of its own: the error points at its mapping (here the document, line 1).
    assert _validation_message("count: 3\n") == "w.yaml:1: name: required key is missing"


def test_validation_error_wrong_type() -> None:
    assert _validation_message("name: x\nrequires:\n  min_context: lots\n") == (
        "w.yaml:3: requires.min_context: Input should be a valid integer, "
        "unable to parse string as an integer")


def test_validation_error_list_item() -> None:
    assert _validation_message("name: x\nitems:\n  - min_context: 1\n  - min_context: many\n") == (
        "w.yaml:4: items[1].min_context: Input should be a valid integer, "
        "unable to parse string as an integer")


def test_validation_error_counts_the_others() -> None:
    assert _validation_message("colour: red\n") == (
        "w.yaml:1: colour: unknown key (and 1 more error)")  # the misspelt key explains the missing one
    assert _validation_message("count: x\ncolour: red\n") == (
        "w.yaml:2: colour: unknown key (and 2 more errors)")


def test_validation_error_prefix() -> None:
    doc = parse_yaml("outer:\n  name: x\n  count: many\n", "w.yaml")
    with pytest.raises(ValidationError) as info:
        Outer.model_validate(doc.data["outer"])
    assert validation_error(doc, info.value, prefix=("outer",)).message == (
        "w.yaml:3: outer.count: Input should be a valid integer, unable to parse string as an integer")


def test_a_key_with_a_newline_keeps_the_message_on_one_line() -> None:
    """Found by the fuzzer: a quoted key holding newlines broke the one-line error."""
    assert format_path(("models", 0, "a\nb")) == "models[0]['a\\nb']"
    assert format_path(("  ",)) == "['  ']"
    assert _validation_message('name: x\n"a\\nb": 1\n') == "w.yaml:2: ['a\\nb']: unknown key"


# --- the parsed-YAML cache: a file read before comes back from modelpick's cache, keyed by its exact bytes ---


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MODELPICK_NO_CACHE", raising=False)
    return tmp_path / "cache" / "modelpick"


DATED = DOC + "since: 2024-06-01\nat: 2024-06-01 12:30:00+02:00\nlisted: [2025-01-02]\nodd: [.inf, -0.0, null]\n"


def described(doc: LocatedYaml) -> tuple[object, ...]:
    return doc.file, repr(doc.data), doc.lines


def test_a_file_read_twice_comes_back_from_the_cache_as_parsed(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(DATED)
    expected = described(parse_yaml(DATED, "shown.yaml"))
    first = read_yaml(path, "shown.yaml", kind=WORKLOAD_FILE)
    [stored] = cache.glob("yaml-*.json")
    second = read_yaml(path, "shown.yaml", kind=WORKLOAD_FILE)
    assert described(first) == described(second) == expected  # dates, datetimes, -0.0 and inf included
    assert read_yaml(path, "other.yaml", kind=WORKLOAD_FILE).file == "other.yaml"  # the name is this run's
    assert list(cache.glob("yaml-*.json")) == [stored]


def test_a_changed_file_is_parsed_again(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("name: one\n")
    assert read_yaml(path, kind=WORKLOAD_FILE).data == {"name": "one"}
    path.write_text("name: two\n")
    assert read_yaml(path, kind=WORKLOAD_FILE).data == {"name": "two"}
    path.write_text("name: [unclosed\n")
    with pytest.raises(InputError, match="invalid YAML"):
        read_yaml(path, kind=WORKLOAD_FILE)


@pytest.mark.parametrize("damage", [b"", b"{}", b'{"data": 1, "dates": [[["x"], false, "2024-01-01"]], "lines": []}',
                                    b'{"data": {}, "dates": [], "lines": [[["a"], "one"]]}', b"\xff"])
def test_a_damaged_entry_with_a_matching_hash_is_parsed_again(tmp_path: Path, cache: Path,
                                                              damage: bytes) -> None:
    import hashlib
    import json

    path = tmp_path / "w.yaml"
    path.write_text(DATED)
    read_yaml(path, kind=WORKLOAD_FILE)
    [stored] = cache.glob("yaml-*.json")
    header = json.loads(stored.read_bytes().partition(b"\n")[0])
    header.update(sha256=hashlib.sha256(damage).hexdigest(), parts=[len(damage)])
    stored.write_bytes(json.dumps(header).encode() + b"\n" + damage)
    assert described(read_yaml(path, kind=WORKLOAD_FILE)) == described(parse_yaml(DATED, str(path)))
    assert described(read_yaml(path, kind=WORKLOAD_FILE)) == described(parse_yaml(DATED, str(path)))


def test_data_json_cannot_hold_is_not_cached(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("1: one\n")
    assert read_yaml(path, kind=WORKLOAD_FILE).data == {1: "one"}
    assert read_yaml(path, kind=WORKLOAD_FILE).data == {1: "one"}
    assert not list(cache.glob("yaml-*.json"))


def test_only_the_files_a_command_reads_every_run_are_cached(tmp_path: Path, cache: Path) -> None:
    from modelpick.files import CONFIG_FILE, REGISTRY_FILE

    path = tmp_path / "w.yaml"
    path.write_text("name: one\n")
    read_yaml(path, kind=REGISTRY_FILE)  # registry files have the compiled snapshot instead
    assert not list(cache.glob("yaml-*.json"))
    read_yaml(path, kind=CONFIG_FILE)
    assert len(list(cache.glob("yaml-*.json"))) == 1


def test_a_cached_file_is_read_without_importing_yaml(tmp_path: Path, cache: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "w.yaml"
    path.write_text(DATED)
    code = ("import sys; from pathlib import Path; from modelpick.files import WORKLOAD_FILE; "
            "from modelpick.yamlfile import read_yaml; "
            f"doc = read_yaml(Path({str(path)!r}), kind=WORKLOAD_FILE); print(doc.data['since'], 'yaml' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs == ["2024-06-01 True\n", "2024-06-01 False\n"]
