"""The compiled registry snapshot (issue 15): keyed by the exact bytes it was built from, carrying its key and
a content hash, bounded in size, rebuilt silently on any mismatch or damage, shared by every spelling of a
path, and safe when many processes start at once."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelpick.registry.loader import load_registry, load_tasks

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registry"
ALPHA = "acme/acme-alpha"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MODELPICK_NO_CACHE", raising=False)
    return tmp_path / "cache" / "modelpick"


@pytest.fixture
def layer(tmp_path: Path, cache: Path) -> Path:
    folder = tmp_path / "layer"
    folder.mkdir()
    shutil.copy(FIXTURES / "acme.yaml", folder / "acme.yaml")
    return folder


def snapshots(cache: Path) -> list[Path]:
    return sorted(cache.glob("registry-*.json"))


def price(layer: Path) -> Decimal:
    return load_registry([layer]).get(ALPHA).model.pricing.input


def set_price(path: Path, value: str) -> None:
    text = path.read_text()
    path.write_text(text.replace("      input: 1.00\n", f"      input: {value}\n", 1) if "input: 1.00\n" in text
                    else text)


def test_a_file_rewritten_while_it_is_read_never_lends_its_content_to_the_old_key(
        layer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race of the issue: another process rewrites the file after this one read it. Each open of the file
    after the first sees the rewritten content, so a loader that hashes one read and parses another would store
    the new prices under the old content's key."""
    path = layer / "acme.yaml"
    first = path.read_bytes()
    second = first.replace(b"      input: 1.00\n", b"      input: 3.00\n", 1)
    assert second != first
    real_os_open, real_io_open = os.open, io.open
    opened = []

    def rewrite_after_first_open(target: Any) -> None:
        if os.path.abspath(os.fspath(target)) == str(path):
            opened.append(target)
            if len(opened) == 2:  # a concurrent writer got in between two reads
                fd = real_os_open(path, os.O_WRONLY | os.O_TRUNC)
                os.write(fd, second)
                os.close(fd)

    def os_open(target: Any, *args: Any, **kwargs: Any) -> int:
        rewrite_after_first_open(target)
        return real_os_open(target, *args, **kwargs)

    def io_open(target: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(target, (str, os.PathLike)):
            rewrite_after_first_open(target)
        return real_io_open(target, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", os_open)
        patched.setattr(io, "open", io_open)
        during = price(layer)
    assert during in (Decimal("1.00"), Decimal("3.00"))
    path.write_bytes(first)  # the first list restored
    assert price(layer) == Decimal("1.00")
    path.write_bytes(second)
    assert price(layer) == Decimal("3.00")
    path.write_bytes(first)
    assert price(layer) == Decimal("1.00")


def reference(layer: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Everything a load gives, parsed from the YAML with no snapshot at all."""
    with monkeypatch.context() as off:
        off.setenv("MODELPICK_NO_CACHE", "1")
        return described(load_registry([layer]))


def described(registry: Any) -> list[tuple[Any, ...]]:
    # models as JSON: `others[].value` is Any, a YAML date there comes back as its ISO string (as it renders)
    return [(e.provider, e.provider_name, e.file, e.model.model_dump_json(), e.sources, dict(e.origins))
            for e in registry.entries]


def with_body(path: Path, body: bytes, parts: list[int] | None = None) -> None:
    """Replace a snapshot's body, keeping its key and giving it a matching hash, so only its shape is wrong."""
    import hashlib

    header = json.loads(path.read_bytes().partition(b"\n")[0])
    header.update(sha256=hashlib.sha256(body).hexdigest(), parts=parts if parts is not None else [len(body)])
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)


def test_a_snapshot_gives_what_the_yaml_gives(layer: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = reference(layer, monkeypatch)
    assert described(load_registry([layer])) == expected  # built
    assert len(snapshots(cache)) == 1
    assert described(load_registry([layer])) == expected  # read
    assert described(load_registry([layer]))[0][5]  # origins are there, decoded on demand


DAMAGE = {
    "not json": lambda path: path.write_text("{not json"),
    "empty object": lambda path: path.write_text("{}"),
    "empty list": lambda path: path.write_text("[]"),
    "empty file": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:-100]),
    "a flipped byte": lambda path: path.write_bytes(path.read_bytes().replace(b'"Acme Alpha"', b'"Acme Alphb"', 1)),
    "empty body, matching hash": lambda path: with_body(path, b"{}", [1, 1]),
    "empty list body, matching hash": lambda path: with_body(path, b"[][]", [2, 2]),
    "another key": lambda path: path.write_bytes(path.read_bytes().replace(b'"key": "', b'"key": "0', 1)),
    "another format": lambda path: path.write_bytes(path.read_bytes().replace(b'{"format": 3', b'{"format": 2', 1)),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_foreign_snapshot_is_rebuilt_silently(
        layer: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        damage: str) -> None:
    expected = reference(layer, monkeypatch)
    load_registry([layer])
    [snapshot] = snapshots(cache)
    sound = snapshot.read_bytes()
    DAMAGE[damage](snapshot)
    assert snapshot.read_bytes() != sound
    assert described(load_registry([layer])) == expected
    assert snapshot.read_bytes() == sound  # rebuilt
    assert capsys.readouterr() == ("", "")


def test_a_wrong_field_type_with_a_matching_hash_is_caught_by_the_shape_check(layer: Path, cache: Path) -> None:
    load_registry([layer])
    [snapshot] = snapshots(cache)
    head, _, body = snapshot.read_bytes().partition(b"\n")
    parts = json.loads(head)["parts"]
    entries, origins = body[:parts[0]], body[parts[0]:]
    wrong = entries.replace(b'"value":1000000,', b'"value":"lots",', 1)
    assert wrong != entries
    with_body(snapshot, wrong + origins, [len(wrong), len(origins)])
    assert load_registry([layer]).get(ALPHA).model.context_window.value == 1_000_000
    assert json.loads(snapshot.read_bytes().partition(b"\n")[0])["parts"][0] == parts[0]


def test_an_oversized_snapshot_is_refused_unread_and_rebuilt(
        layer: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelpick import cachefile as module

    load_registry([layer])
    [snapshot] = snapshots(cache)
    with snapshot.open("r+b") as handle:  # sparse: 65 MiB on paper, nothing on disk
        handle.truncate(module.MAX_BYTES + 1)
    opened: list[str] = []
    real_open = open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(module, "open", spy, raising=False)
    assert load_registry([layer]).get(ALPHA).model.name == "Acme Alpha"
    assert str(snapshot) not in opened
    assert snapshot.stat().st_size < 10_000_000


def test_two_spellings_of_one_path_share_one_snapshot_and_keep_their_names(
        layer: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(layer.parent)
    relative = load_registry([Path("layer")]).get(ALPHA)
    absolute = load_registry([layer]).get(ALPHA)
    again = load_registry([Path("layer/../layer")]).get(ALPHA)
    assert len(snapshots(cache)) == 1
    assert relative.model == absolute.model
    assert (relative.file, absolute.file, again.file) == (
        "layer/acme.yaml", str(layer / "acme.yaml"), "layer/../layer/acme.yaml")
    assert relative.origins["pricing.input"].file == "layer/acme.yaml"
    assert absolute.origins["pricing.input"].file == str(layer / "acme.yaml")
    off = reference(layer, monkeypatch)
    assert described(load_registry([layer])) == off


def test_an_override_names_the_file_as_spelled(tmp_path: Path, layer: Path, cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """An override without `source:` is credited to its file by name: that name is this run's spelling."""
    override = tmp_path / "deal"
    override.mkdir()
    (override / "deal.yaml").write_text(
        "provider: acme\nmodels:\n  - id: acme-alpha\n    pricing: {input: 0.5}\n")
    monkeypatch.chdir(tmp_path)
    for spelling in (Path("deal"), override, Path("./deal")):
        entry = load_registry([layer, spelling]).get(ALPHA)
        assert entry.model.pricing.source == str(spelling / "deal.yaml")
        assert entry.origins["pricing.input"].file == str(spelling / "deal.yaml")
        assert entry.model.pricing.input == Decimal("0.5")
    assert len(snapshots(cache)) == 1


def test_each_of_many_files_keeps_its_own_name(tmp_path: Path, cache: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve layer files: placeholder 1 is a prefix of placeholder 11's digits, and each must still come back
    as its own file's name, in the entries and in their origins."""
    text = (FIXTURES / "acme.yaml").read_text()
    for i in range(12):
        folder = tmp_path / f"layer{i}"
        folder.mkdir()
        (folder / f"p{i}.yaml").write_text(text.replace("provider: acme\n", f"provider: p{i}\n", 1))
    monkeypatch.chdir(tmp_path)
    layers = [Path(f"layer{i}") for i in range(12)]
    with monkeypatch.context() as off:
        off.setenv("MODELPICK_NO_CACHE", "1")
        expected = described(load_registry(layers))
    assert described(load_registry(layers)) == expected  # built
    assert described(load_registry(layers)) == expected  # read back
    assert len(snapshots(cache)) == 1
    entry = load_registry(layers).get("p11/acme-alpha")
    assert (entry.file, entry.origins["pricing.input"].file) == ("layer11/p11.yaml", "layer11/p11.yaml")


def test_a_nul_in_the_files_own_text_is_not_taken_for_a_name(layer: Path, cache: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = layer / "acme.yaml"
    path.write_text(path.read_text().replace("name: Acme Alpha\n", 'name: "Acme\\0Alpha"\n', 1))
    expected = reference(layer, monkeypatch)
    assert described(load_registry([layer])) == expected
    assert described(load_registry([layer])) == expected
    assert load_registry([layer]).get(ALPHA).model.name == "Acme\0Alpha"


def test_no_snapshot_when_turned_off(layer: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELPICK_NO_CACHE", "1")
    assert price(layer) == Decimal("1.00")
    assert load_tasks().get("classification").name
    assert not cache.exists()


def test_task_profiles_come_from_their_snapshot(tmp_path: Path, cache: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from modelpick.registry.loader import bundled_data

    tasks_file = tmp_path / "tasks.yaml"  # outside the package, so its snapshot is built here, not shipped
    shutil.copy(bundled_data() / "tasks.yaml", tasks_file)
    with monkeypatch.context() as off:
        off.setenv("MODELPICK_NO_CACHE", "1")
        expected = load_tasks(tasks_file)
    built = load_tasks(tasks_file)
    [snapshot] = sorted(cache.glob("tasks-*.json"))
    read = load_tasks(tasks_file)
    for tasks in (built, read):
        assert tasks.profiles == expected.profiles and tasks.benchmarks == expected.benchmarks
        assert repr(tasks.profiles) == repr(expected.profiles)  # the same types too (floats stay floats)
    snapshot.write_text("[]")
    assert load_tasks(tasks_file).profiles == expected.profiles
    assert snapshot.read_text().startswith('{"format": ')


def test_many_processes_starting_at_once_agree(layer: Path, cache: Path) -> None:
    command = [sys.executable, "-m", "modelpick", "cost", ALPHA, "ticket-triage", "--registry", str(layer),
               "--format", "json", "--as-of", "2026-11-21"]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(8)]
    outputs = [run.communicate(timeout=120) for run in runs]
    results = [(run.returncode, out, err) for run, (out, err) in zip(runs, outputs, strict=True)]
    assert {code for code, _, _ in results} == {0}
    assert len({out for _, out, _ in results}) == 1 and {err for _, _, err in results} == {b""}
    assert json.loads(results[0][1])["model"] == "acme-alpha"
    assert len(snapshots(cache)) == 1
    assert [p.name for p in cache.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    again = subprocess.run(command, env=env, capture_output=True, check=True)
    assert again.stdout == results[0][1]
