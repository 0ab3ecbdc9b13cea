"""`modelpick scan`: which strings are model ids, how each is judged, and which files are read.

The tree with .gitignore files, a .git folder, node_modules, virtual environments and binary files is built in
tmp_path (a .gitignore under tests/fixtures would also steer git itself); the plain source files come from
tests/fixtures/scan/. The registry is a small fictional one written to tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from modelpick.errors import InputError
from modelpick.registry.loader import Entry, Registry, load_provider_file
from modelpick.scanner import ScanFinding, ScanResult, scan, shaped

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scan"
AS_OF = dt.date(2026, 3, 1)

_MODEL = """\
  - id: {id}
    name: {id}
    creator: {creator}
    snapshots: [{snapshots}]
    aliases: [{aliases}]
    context_window: {{value: 128000, source: fixture}}
    max_output_tokens: {{value: 8000, source: fixture}}
    modalities: {{source: fixture, input: [text], output: [text]}}
    features: {{source: fixture, values: []}}
    pricing: {{source: fixture, input: 1, output: 2}}
"""
_LIFECYCLE = "    lifecycle: {{source: fixture, {fields}}}\n"

# provider -> [(id, creator, snapshots, aliases, lifecycle fields)]. Fictional data, real-looking ids.
PROVIDERS: dict[str, list[tuple[str, str, list[str], list[str], str]]] = {
    "openai": [
        ("gpt-4.1-nano", "openai", ["gpt-4.1-nano-2025-04-14"], [], "status: active"),
        ("gpt-4o", "openai", [], [],
         "status: deprecated, deprecated_on: 2026-01-01, shutdown_on: 2026-09-01, replacement: gpt-4.1-nano"),
        ("gpt-4.5-preview", "openai", [], [],
         "status: retired, deprecated_on: 2025-04-14, shutdown_on: 2025-07-14, replacement: gpt-4.1-nano"),
        ("o4-mini", "openai", [], [], "status: active, shutdown_on: 2026-04-15, replacement: gpt-4.1-nano"),
    ],
    "anthropic": [
        ("claude-sonnet-4-5", "anthropic", ["claude-sonnet-4-5-20250929"], [], "status: active"),
    ],
    "mistral": [
        ("mistral-large-2512", "mistral", [], ["mistral-large-latest"], "status: active"),
        ("mistral-small-2603", "mistral", [], [], "status: active"),
    ],
    # Two hosts of a third party's model: "llama-4-scout" is ambiguous.
    "hostone": [("llama-4-scout", "meta", [], [], "status: active")],
    "hosttwo": [("llama-4-scout", "meta", [], [], "status: preview")],
}


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    folder = tmp_path_factory.mktemp("registry")
    entries = []
    for provider, models in PROVIDERS.items():
        text = (f"provider: {provider}\nname: {provider}\n"
                f"sources:\n  fixture: {{url: https://example.invalid, read: 2026-01-01}}\nmodels:\n")
        for model_id, creator, snapshots, aliases, life in models:
            text += _MODEL.format(id=model_id, creator=creator, snapshots=", ".join(snapshots),
                                  aliases=", ".join(aliases))
            text += _LIFECYCLE.format(fields=life)
        path = folder / f"{provider}.yaml"
        path.write_text(text, encoding="utf-8")
        parsed = load_provider_file(path)
        entries += [Entry(parsed.provider, parsed.name, m, parsed.sources, path.name) for m in parsed.models]
    return Registry(entries)


def make_tree(root: Path) -> Path:
    """The fixture sources plus everything a scan must skip or treat specially."""
    shutil.copytree(FIXTURES, root, ignore=shutil.ignore_patterns("config-values", "retired-config"))  # their own tests

    def put(rel: str, content: str | bytes) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    hit = 'model = "gpt-4o"\n'
    put(".gitignore", "# ignored by the root\nignored/\n*.log\n!keep.log\n/secret.py\nbuild\n")
    put("ignored/a.py", hit)
    put("ignored/keep.log", hit)  # negation cannot re-include a file in an ignored folder
    put("debug.log", hit)
    put("keep.log", hit)  # line 1, column 10
    put("secret.py", hit)
    put("build/out.py", hit)  # "build" without a slash matches the folder too
    put("sub/secret.py", hit)  # /secret.py is anchored to the root
    put("sub/.gitignore", "*.txt\n!important.txt\n!trace.log\n")
    put("sub/notes.txt", hit)
    put("sub/important.txt", hit)
    put("sub/trace.log", hit)  # the deeper .gitignore re-includes what the root ignores
    put(".git/config", hit)
    put(".git/HEAD", hit)
    put("node_modules/pkg/index.js", hit)
    put("pkg/node_modules/dep/index.js", hit)
    put("__pycache__/app.py", hit)
    put(".venv/lib/site.py", hit)
    put(".tox/py311/x.py", hit)
    for name in (".hg", ".svn", ".nox", "venv", "env"):
        put(f"{name}/x.py", hit)
    put("myenv/pyvenv.cfg", "home = /usr/bin\n")  # a virtual environment with any name
    put("myenv/lib/site.py", hit)
    put("image.png", b"\x89PNG\r\n\x1a\n\x00\x00" + hit.encode())  # a NUL byte: binary
    put("latin1.txt", 'caf\xe9 = "gpt-4o"\n'.encode("latin-1"))  # not UTF-8
    put("huge.txt", hit * (5 * 1024 * 1024 // len(hit) + 1))  # over 5 MiB
    if hasattr(os, "symlink"):
        try:
            os.symlink(root / "web", root / "linked-web", target_is_directory=True)
        except OSError:  # no symlinks here (Windows without the privilege)
            pass
    return root


def rows(result: ScanResult) -> list[tuple[str, int, int, str, str | None, str | None, str, str]]:
    return [(f.path, f.line, f.column, f.text, f.model, f.provider, f.status, f.message)
            for f in result.findings]


def test_statuses_and_files(registry: Registry, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    result = scan([root], registry, AS_OF)
    assert rows(result) == [
        ("app.py", 3, 11, "gpt-4.1-nano-2025-04-14", "gpt-4.1-nano", "openai", "ok",
         "openai/gpt-4.1-nano: active"),
        ("app.py", 4, 13, "gpt-4.1-nano", "gpt-4.1-nano", "openai", "unpinned",
         "openai/gpt-4.1-nano: 'gpt-4.1-nano' is not pinned and may change; "
         "pin a dated snapshot: gpt-4.1-nano-2025-04-14"),
        ("app.py", 5, 10, "gpt-4o", "gpt-4o", "openai", "deprecated",
         "openai/gpt-4o: deprecated since 2026-01-01, shuts down 2026-09-01 (as of 2026-03-01); "
         "replacement: gpt-4.1-nano"),
        ("app.py", 5, 20, "o4-mini", "o4-mini", "openai", "retiring",
         "openai/o4-mini: shuts down on 2026-04-15, 45 days after 2026-03-01; replacement: gpt-4.1-nano"),
        ("app.py", 6, 9, "gpt-4.1-nan", None, None, "unknown",
         "unknown model 'gpt-4.1-nan' "
         "(did you mean 'gpt-4.1-nano' or 'openai/gpt-4.1-nano' or 'gpt-4.1-nano-2025-04-14'?)"),
        ("config/settings.yaml", 2, 11, "openai/gpt-4.1-nano-2025-04-14", "gpt-4.1-nano", "openai", "ok",
         "openai/gpt-4.1-nano: active"),
        ("config/settings.yaml", 3, 9, "mistral-large-latest", "mistral-large-2512", "mistral", "unpinned",
         "mistral/mistral-large-2512: 'mistral-large-latest' is not pinned and may change; "
         "it now points to 'mistral-large-2512'"),
        ("config/settings.yaml", 4, 8, "mistral-small-2603", "mistral-small-2603", "mistral", "ok",
         "mistral/mistral-small-2603: active"),
        ("config/settings.yaml", 5, 9, "llama-4-scout", "llama-4-scout", None, "ok",
         "served by several providers (hostone/llama-4-scout, hosttwo/llama-4-scout); "
         "judged on hostone/llama-4-scout: active"),
        ("config/settings.yaml", 6, 10, "hosttwo/llama-4-scout", "llama-4-scout", "hosttwo", "ok",
         "hosttwo/llama-4-scout: preview"),
        ("config/settings.yaml", 7, 10, "openai/gpt-9", None, None, "unknown",
         "unknown model 'openai/gpt-9' "
         "(did you mean 'openai/gpt-4o' or 'openai/gpt-4.1-nano' or 'openai/gpt-4.5-preview'?)"),
        ("docs/README.md", 3, 7, "gpt-4o", "gpt-4o", "openai", "deprecated",
         "openai/gpt-4o: deprecated since 2026-01-01, shuts down 2026-09-01 (as of 2026-03-01); "
         "replacement: gpt-4.1-nano"),
        ("docs/README.md", 3, 32, "claude-sonnet-4-5", "claude-sonnet-4-5", "anthropic", "unpinned",
         "anthropic/claude-sonnet-4-5: 'claude-sonnet-4-5' is not pinned and may change; "
         "pin a dated snapshot: claude-sonnet-4-5-20250929"),
        ("keep.log", 1, 10, "gpt-4o", "gpt-4o", "openai", "deprecated",
         "openai/gpt-4o: deprecated since 2026-01-01, shuts down 2026-09-01 (as of 2026-03-01); "
         "replacement: gpt-4.1-nano"),
        ("sub/important.txt", 1, 10, "gpt-4o", "gpt-4o", "openai", "deprecated",
         "openai/gpt-4o: deprecated since 2026-01-01, shuts down 2026-09-01 (as of 2026-03-01); "
         "replacement: gpt-4.1-nano"),
        ("sub/secret.py", 1, 10, "gpt-4o", "gpt-4o", "openai", "deprecated",
         "openai/gpt-4o: deprecated since 2026-01-01, shuts down 2026-09-01 (as of 2026-03-01); "
         "replacement: gpt-4.1-nano"),
        ("sub/trace.log", 1, 10, "gpt-4o", "gpt-4o", "openai", "deprecated",
         "openai/gpt-4o: deprecated since 2026-01-01, shuts down 2026-09-01 (as of 2026-03-01); "
         "replacement: gpt-4.1-nano"),
        ("web/app.ts", 2, 24, "gpt-4.5-preview", "gpt-4.5-preview", "openai", "retired",
         "openai/gpt-4.5-preview: retired on 2025-07-14 (as of 2026-03-01); replacement: gpt-4.1-nano"),
        ("web/app.ts", 3, 29, "o4-mini", "o4-mini", "openai", "retiring",
         "openai/o4-mini: shuts down on 2026-04-15, 45 days after 2026-03-01; replacement: gpt-4.1-nano"),
    ]
    # Read: app.py, settings.yaml, app.ts, README.md, both .gitignore files, keep.log and the three in sub/.
    assert result.summary == {"ok": 5, "unknown": 2, "deprecated": 6, "retiring": 2, "retired": 1,
                              "unpinned": 3, "files": 10,
                              "skipped": 0, "truncated_files": 0, "findings_cut": 0, "failing": 3}
    assert result.schema_version == "1" and result.as_of == AS_OF


def test_skipped_files_and_folders(registry: Registry, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    paths = {f.path for f in scan([root], registry, AS_OF).findings}
    for skipped in ("ignored/a.py", "ignored/keep.log", "debug.log", "secret.py", "build/out.py",
                    "sub/notes.txt", ".git/config", ".git/HEAD", "node_modules/pkg/index.js",
                    "pkg/node_modules/dep/index.js", "__pycache__/app.py", ".venv/lib/site.py",
                    ".tox/py311/x.py", ".hg/x.py", ".svn/x.py", ".nox/x.py", "venv/x.py", "env/x.py",
                    "myenv/lib/site.py", "image.png", "latin1.txt", "huge.txt"):
        assert skipped not in paths
    assert not any(p.startswith("linked-web/") for p in paths)  # a symlinked folder is not followed


def test_named_folder_and_file_are_scanned_even_when_skipped_by_name(registry: Registry,
                                                                     tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    result = scan([root / "node_modules"], registry, AS_OF)
    assert [(f.path, f.status) for f in result.findings] == [("pkg/index.js", "deprecated")]
    result = scan([root / "debug.log"], registry, AS_OF)  # named explicitly: .gitignore does not apply
    assert [(f.path, f.line, f.column) for f in result.findings] == [((root / "debug.log").as_posix(), 1, 10)]
    assert scan([root / "image.png"], registry, AS_OF).summary["files"] == 0


def test_several_paths_are_prefixed(registry: Registry, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path / "tree")
    monkeypatch.chdir(tmp_path)
    result = scan([Path("tree/web"), Path("tree/docs"), Path("tree/app.py")], registry, AS_OF)
    assert [(f.path, f.line, f.column, f.text) for f in result.findings] == [
        ("tree/app.py", 3, 11, "gpt-4.1-nano-2025-04-14"),
        ("tree/app.py", 4, 13, "gpt-4.1-nano"),
        ("tree/app.py", 5, 10, "gpt-4o"),
        ("tree/app.py", 5, 20, "o4-mini"),
        ("tree/app.py", 6, 9, "gpt-4.1-nan"),
        ("tree/docs/README.md", 3, 7, "gpt-4o"),
        ("tree/docs/README.md", 3, 32, "claude-sonnet-4-5"),
        ("tree/web/app.ts", 2, 24, "gpt-4.5-preview"),
        ("tree/web/app.ts", 3, 29, "o4-mini"),
    ]
    assert result.summary["files"] == 3


def test_gitignore_above_the_scanned_folder(registry: Registry, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("*.gen.py\nsub/skip/\n", encoding="utf-8")
    (repo / "sub" / "skip").mkdir(parents=True)
    (repo / "sub" / "x.gen.py").write_text('"gpt-4o"\n', encoding="utf-8")
    (repo / "sub" / "skip" / "y.py").write_text('"gpt-4o"\n', encoding="utf-8")
    (repo / "sub" / "z.py").write_text('"gpt-4o"\n', encoding="utf-8")
    result = scan([repo / "sub"], registry, AS_OF)
    assert [(f.path, f.line, f.column) for f in result.findings] == [("z.py", 1, 2)]


def test_quotes_lines_and_columns(registry: Registry, tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.js").write_text(
        "\ufeffconst a = 'o4-mini', b = \"gpt-4o\", c = `gpt-4.1-nano-2025-04-14`;\r\n"
        "\t\"\"\"gpt-4o\"\"\" 'gpt-4o\" \"gpt-4o' \"don't\" 'gpt-4o'\n"
        "x = \"model='gpt-4o'\"  # the inner string\n"
        "'' \"\" 'a'gpt-4o'\n",
        encoding="utf-8")
    result = scan([source], registry, AS_OF)
    assert [(f.line, f.column, f.text) for f in result.findings] == [
        (1, 12, "o4-mini"), (1, 27, "gpt-4o"), (1, 41, "gpt-4.1-nano-2025-04-14"),
        (2, 5, "gpt-4o"), (2, 42, "gpt-4o"),
        (3, 13, "gpt-4o"),
    ]


def test_retiring_window(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('"o4-mini"\n', encoding="utf-8")
    statuses = {days: scan([tmp_path], registry, AS_OF, retirement_warning_days=days).findings[0].status
                for days in (44, 45, 90)}
    assert statuses == {44: "ok", 45: "retiring", 90: "retiring"}
    late = scan([tmp_path], registry, dt.date(2026, 4, 15)).findings[0]
    assert (late.status, late.message) == (
        "retired", "openai/o4-mini: retired on 2026-04-15 (as of 2026-04-15); replacement: gpt-4.1-nano")
    early = scan([tmp_path], registry, dt.date(2025, 1, 1)).findings[0]
    assert early.status == "ok"


def test_provider_qualified_names(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        'a: "mistral/mistral-large-latest"\n'
        'b: "openai/gpt-4.1-nano"\n'
        'c: "anthropic/gpt-4o"\n'  # a provider that does not serve it
        'd: "openai/resources"\n'  # an import path, not a model
        'e: "hostone/llama-4-scout"\n',
        encoding="utf-8")
    result = scan([tmp_path], registry, AS_OF)
    assert [(f.line, f.model, f.provider, f.status) for f in result.findings] == [
        (1, "mistral-large-2512", "mistral", "unpinned"),
        (2, "gpt-4.1-nano", "openai", "unpinned"),
        (3, None, None, "unknown"),
        (5, "llama-4-scout", "hostone", "ok"),
    ]
    assert result.findings[2].message == ("unknown model 'anthropic/gpt-4o' "
                                          "(did you mean 'openai/gpt-4o' or 'anthropic/claude-sonnet-4-5'?)")


@pytest.mark.parametrize("text", [
    "gpt-4o", "gpt-4o-mini-2024-07-18", "gpt-3.5-turbo", "gpt-oss-120b", "chatgpt-4o-latest", "o1", "o3-mini",
    "claude-3-5-sonnet-20241022", "claude-opus-4-1", "claude-3-5-sonnet@20240620", "gemini-1.5-pro-002",
    "gemini-pro", "gemma-2-9b-it", "gemma3:27b", "llama-3.1-8b-instant", "llama3.1:8b",
    "meta-llama/Llama-3.1-8B",
    "mistral-large-2411", "mixtral-8x7b-32768", "codestral-latest", "grok-4", "grok-beta", "deepseek-r1",
    "deepseek-chat", "qwen2.5-72b-instruct", "qwen-max", "qwq-32b", "command-r-plus", "command-r7b-12-2024",
    "phi-4", "anthropic.claude-3-haiku-20240307-v1:0", "us.meta.llama3-2-90b-instruct-v1:0", "openai/gpt-9",
])
def test_shaped(text: str) -> None:
    assert shaped(text, {"openai"})


@pytest.mark.parametrize("text", [
    "gpt-", "gpt", "claude-code", "claude-", "gemini-cli", "llama-index", "llama-cpp", "mistral-common",
    "command-line", "grok-client", "deepseek-ai", "o", "o2x", "oauth2", "GPT-4o", "Claude-3-Opus", "gpt-4.md",
    "claude-3.json", "text-embedding-3-small", "whisper-1", "gpt-image-1", "qwen", "other/gpt-4o", "v1.2.3",
])
def test_not_shaped(text: str) -> None:
    assert not shaped(text, {"openai"})


def _result(*statuses: str, strict: bool) -> ScanResult:
    findings = [ScanFinding(path="a", line=1, column=i + 1, text="x", model=None, provider=None,
                            status=s, message="")  # type: ignore[arg-type]
                for i, s in enumerate(statuses)]
    return ScanResult(as_of=AS_OF, strict=strict, findings=findings, summary={})


@pytest.mark.parametrize(("statuses", "lenient", "strict"), [
    ((), False, False),
    (("ok", "unpinned"), False, False),
    (("ok", "deprecated"), False, True),
    (("retiring",), False, True),
    (("retired",), True, True),
    (("unknown", "ok"), True, True),
])
def test_failing(statuses: tuple[str, ...], lenient: bool, strict: bool) -> None:
    assert bool(_result(*statuses, strict=False).failing) is lenient
    assert bool(_result(*statuses, strict=True).failing) is strict


def test_failing_on_a_scan(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('"gpt-4o"\n', encoding="utf-8")
    lenient, strict = scan([tmp_path], registry, AS_OF), scan([tmp_path], registry, AS_OF, strict=True)
    assert (lenient.strict, lenient.failing, lenient.summary["failing"]) == (False, 0, 0)
    assert (strict.strict, strict.failing, strict.summary["failing"]) == (True, 1, 1)


def test_order_is_deterministic(registry: Registry, tmp_path: Path) -> None:
    names = ["b.py", "a.py", "c/a.py", "a-b.py", "B.py", "c.py"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text('"gpt-4o" "o4-mini"\n\n"gpt-4o"\n', encoding="utf-8")
    first = scan([tmp_path], registry, AS_OF)
    keys = [(f.path, f.line, f.column) for f in first.findings]
    assert keys == sorted(keys) and len(keys) == 3 * len(names)
    assert scan([tmp_path], registry, AS_OF) == first
    assert first.model_dump(mode="json")["findings"][0] == {
        "path": "B.py", "line": 1, "column": 2, "text": "gpt-4o", "model": "gpt-4o", "provider": "openai",
        "status": "deprecated",
        "message": "openai/gpt-4o: deprecated since 2026-01-01, shuts down 2026-09-01 (as of 2026-03-01); "
                   "replacement: gpt-4.1-nano"}


def test_empty_folder(registry: Registry, tmp_path: Path) -> None:
    result = scan([tmp_path], registry, AS_OF)
    assert result.findings == []
    assert result.summary == {"ok": 0, "unknown": 0, "deprecated": 0, "retiring": 0, "retired": 0,
                              "unpinned": 0, "files": 0,
                              "skipped": 0, "truncated_files": 0, "findings_cut": 0, "failing": 0}


def test_missing_path(registry: Registry, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(InputError) as caught:
        scan([tmp_path, missing], registry, AS_OF)
    assert caught.value.file == str(missing)
    assert caught.value.message == f"{missing}: no such file or folder"
