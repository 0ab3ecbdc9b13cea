"""`modelpick scan`: find model ids in source and config files and judge each against the registry.

What counts as a model id
-------------------------
The *candidates* depend on the kind of file, told by its name (`modelpick.config_values` reads them):

- **Code and text** (any other file): the content of a quoted string, '...', "..." or `...`, on one line,
  anywhere (code cannot be told apart from its comments here).
- **Config files**: YAML (``.yaml``, ``.yml``), TOML (``.toml``), JSON (``.json``), .env (``.env``,
  ``.env.*``, ``*.env``) and INI (``.ini``, ``.cfg``). Every *value*, quoted or not, is a candidate: the
  value of ``key: value`` (YAML), ``key = value`` (TOML, INI; INI also ``key: value``), ``KEY=value`` and
  ``export KEY=value`` (.env); YAML list items ``- value``; the items of flow lists and arrays
  ``[a, b]`` and the values of flow mappings and inline tables ``{k: v}`` / ``{k = v}``, also when they go on
  over several lines; INI continuation lines (indented, under an option); JSON string values. In .env and
  INI a value is split at commas (``MODELS=a,b``); a YAML anchor or tag before a value (``&a !!str``) is
  not part of it. An unquoted value counts only whole (``note: use gpt-4o`` is prose, not an id); a quoted
  string inside a value counts as in code (``prompt: use 'gpt-4o'``). **Keys are not values**, quoted or
  not (``gpt-4o: 1``, ``"gpt-4o" = 1`` and JSON's ``"gpt-4o": {...}`` are not findings), nor are TOML
  ``[table]`` and INI ``[section]`` headers. **Comments are not values**: ``#`` (and ``;`` in INI) at the
  start of a line or after a blank, outside quotes, ends what is read of the line (``# model: gpt-4o`` is
  skipped). A line that is none of these forms is read as one value in YAML and TOML (the lines of a block
  scalar or multi-line string, so a config file embedded in a Kubernetes ConfigMap is read too), and
  skipped in .env and INI. Unquoted TOML strings are not TOML, but are read as values all the same. The
  files are read line by line, not parsed: a file that is not valid YAML or TOML is read all the same.

A candidate must be made of the characters a registry id may hold (letters, digits and ``. _ : @ / -``,
starting with a letter or digit). A string with a space or any other character is never an id, which also
keeps an apostrophe in prose (``don't use 'gpt-4'``) from pairing with the wrong quote. The column is that of
the first character of the value, or inside the quotes, counted in characters (a tab is one), 1-based; lines
are 1-based.

A string is a finding when

1. it **is a registry name**: a canonical id, dated snapshot or alias, optionally prefixed ``PROVIDER/``
   (resolved with `Registry.get`; ``PROVIDER/NAME`` where that provider does not serve NAME is ``unknown``),
   or
2. it is **shaped like a model id** that the registry does not know (status ``unknown``).

Shapes are case-sensitive and lowercase (model APIs use lowercase ids; ``GPT-4`` in prose is a product name,
not an id). A shape is a family prefix followed by a first segment (up to the next ``-``, ``:`` or ``@``)
that contains a digit or is one of the family's own words (in brackets below), then any lowercase tail:

- ``gpt-`` (or ``oss``); ``chatgpt-`` (digit only: ``chatgpt-4o-latest``)
- ``o1`` to ``o9``, alone or followed by ``-...`` (``o3-mini``)
- ``claude-`` (or ``opus sonnet haiku instant``); ``gemini-`` (or ``pro flash ultra nano exp``)
- ``gemma-``; ``llama-`` (or ``guard``); glued to a digit: ``gemma3``, ``llama3.1``, ``qwen2.5``, ``phi4``
- ``mistral-`` (or ``large medium small tiny nemo saba``); ``mixtral-``, ``ministral-``; ``pixtral-``
  (or ``large``); ``codestral-`` (or ``latest mamba``); ``devstral-``, ``magistral-`` (or ``small medium``)
- ``grok-`` (or ``beta vision code``); ``deepseek-`` (or ``chat reasoner coder prover math``)
- ``qwen-`` (or ``max plus turbo long coder vl omni math``); ``qwq-``
- ``command-`` (or ``r a light``: ``command-r-plus``, ``command-a-03-2025``)
- ``phi-``, ``kimi-``, ``glm-``; ``jamba-`` (or ``large mini``)

So ``gpt-``, ``claude-code``, ``gemini-cli``, ``llama-index``, ``mistral-common`` and ``command-line`` are not
ids, while ``gpt-4o``, ``claude-3-5-sonnet-20241022``, ``claude-opus-4-1`` and ``llama3.1:8b`` are. Also
shaped: Hugging Face names under ``meta-llama/``, ``deepseek-ai/`` and ``mistralai/`` (the rest in any case,
as those organisations spell it), ``PROVIDER/SHAPE`` where PROVIDER is a registry provider (``openai/gpt-9``),
and cloud ids ``[REGION.]VENDOR.SHAPE`` (``anthropic.claude-3-haiku-20240307-v1:0``,
``us.meta.llama3-...``). A shape ending in a dot and letters only (``gpt-4.md``, ``claude-3.json``) is a file
name, not an id. Embedding, speech and image models (``text-embedding-3-small``, ``whisper-1``,
``gpt-image-1``) are not shaped: the registry holds language models only, and reporting them as unknown
would fail every scan that uses them.

Status
------
Worst first; a finding has exactly one.

- ``unknown``: shaped but not in the registry; the message has a "did you mean" over `Registry.names()`.
- ``retired`` / ``deprecated``: the entry's lifecycle at ``as_of``, from every source's claim
  (`registry.lifecycle.standing`), disputes named.
- ``retiring``: still in force, but a source gives a shutdown date that has passed (the sources disagree) or
  falls within ``retirement_warning_days`` after ``as_of`` (as_of < shutdown_on <= as_of + days).
- ``unpinned``: the name floats. That is, it is not a dated snapshot while the entry has dated snapshots (so
  the canonical id ``gpt-4.1-nano`` is unpinned: it has ``gpt-4.1-nano-2025-04-14``), or it is an alias
  ending in ``-latest`` (``mistral-large-latest``), which floats by its name whether or not the registry
  lists the snapshots it points to. Used only when nothing worse applies.
- ``ok``: otherwise (``preview`` entries are ok).

A name served by several providers, none of them its creator (`AmbiguousModelError`), is judged on the
first match in registry order (provider, then id); such a finding has ``provider`` null and its message
names every PROVIDER/MODEL that serves it.

Which files
-----------
Each PATH is a file or a folder; a missing one is an `InputError`. Folders are walked without following
symlinked folders, and skip ``.git``, ``.hg``, ``.svn``, ``node_modules``, ``__pycache__``, virtual
environments (a folder holding ``pyvenv.cfg``, or named ``.venv``, ``venv``, ``env``, ``.tox``, ``.nox``)
and whatever ``.gitignore`` files ignore, with git's rules (pathspec's gitwildmatch: negation, folder
patterns, anchoring; a deeper ``.gitignore`` overrides a shallower one; nothing inside an ignored folder is
re-included). When the folder lies inside a git work tree, the ``.gitignore`` files between the top of the
work tree and the folder apply too. A file named as a PATH is always read, and a folder named as a PATH is
walked even if its own name is one of those skipped. Files over 5 MiB, files with a NUL byte in their first
8 KiB and files that are not UTF-8 are skipped; ``summary["files"]`` counts the files read.

What cannot be read is reported, not passed over: an unreadable file or folder, a path longer than the
system allows (PATH_MAX), a broken symlink or a symlink loop, and what is not a regular file (a FIFO, a
socket, a device such as ``/dev/zero``, given or found). Each is in ``skipped`` (``{path, reason}``, the first
`MAX_PATHS_LISTED`) and counted in ``summary["skipped"]``; with strict each fails the scan
(`failing_count`). Nothing is opened before it is known to be a regular file, and then without blocking.

Bounds
------
At most `MAX_FINDINGS_PER_FILE` (1,000) findings per file and `MAX_FINDINGS_PER_RUN` (10,000) per scan are
kept; beyond them findings are counted (in the summary's status counts) but not kept, so a 5 MiB file of
model ids costs seconds and tens of MiB, not minutes and gigabytes. The first finding of a status not yet kept
is kept all the same, so no status (nor the exit code it brings) is hidden. ``truncated`` lists the files cut
(``{path, shown, not_shown}``, the first `MAX_PATHS_LISTED`); ``summary["truncated_files"]`` and
``summary["findings_cut"]`` count them all. Each distinct string is judged once (a memo of up to
`MAX_JUDGED_TEXTS`), and an unknown id's "did you mean" is worked out only for findings kept.

Paths in findings are POSIX. With one folder PATH they are relative to it; with several PATHs each folder's
files are prefixed with the PATH as given, so two folders never produce the same path; a file PATH is shown
as given. Findings are sorted by path, line and column.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from modelpick.config_values import EXTRACTORS, config_kind
from modelpick.errors import AmbiguousModelError, InputError, ModelpickError, did_you_mean
from modelpick.files import unreadable_reason
from modelpick.registry.lifecycle import is_pinned, replacement_hint, standing
from modelpick.registry.loader import Entry, Registry
from modelpick.report import (  # noqa: F401  (re-exported: callers import them from here)
    STATUSES,
    ScanFinding,
    ScanResult,
    SkippedPath,
    Status,
    TruncatedFile,
    fails,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
BINARY_PROBE_BYTES = 8192
# Bounds on what one scan holds and prints (see "Bounds" above): a file of 540,000 ids must not become
# 540,000 findings. Beyond them findings are counted, not kept.
MAX_FINDINGS_PER_FILE = 1_000
MAX_FINDINGS_PER_RUN = 10_000
MAX_PATHS_LISTED = 1_000  # entries of `skipped` and `truncated`; the summary counts them all
MAX_JUDGED_TEXTS = 100_000  # distinct strings whose verdict is remembered; then the memo starts afresh
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__",
                       ".venv", "venv", "env", ".tox", ".nox"})


def failing(result: ScanResult, strict: bool) -> bool:
    """Deprecated: `result.failing` of the result `scan(..., strict=...)` gives."""
    return failing_count(result, strict) > 0


def failing_count(result: ScanResult, strict: bool) -> int:
    """Deprecated: `result.failing` of the result `scan(..., strict=...)` gives."""
    return result.model_copy(update={"strict": strict}).failing


# --- what a model id looks like -------------------------------------------------------------------------

_TAIL = r"(?:[-:@][a-z0-9._:@-]*)?"
_DIGIT_SEGMENT = r"[a-z.]*[0-9][a-z0-9.]*"
_FAMILIES: dict[str, tuple[str, ...]] = {
    "gpt": ("oss",),
    "chatgpt": (),
    "claude": ("opus", "sonnet", "haiku", "instant"),
    "gemini": ("pro", "flash", "ultra", "nano", "exp"),
    "gemma": (),
    "llama": ("guard",),
    "mistral": ("large", "medium", "small", "tiny", "nemo", "saba"),
    "mixtral": (),
    "ministral": (),
    "pixtral": ("large",),
    "codestral": ("latest", "mamba"),
    "devstral": ("small", "medium"),
    "magistral": ("small", "medium"),
    "grok": ("beta", "vision", "code"),
    "deepseek": ("chat", "reasoner", "coder", "prover", "math"),
    "qwen": ("max", "plus", "turbo", "long", "coder", "vl", "omni", "math"),
    "qwq": (),
    "command": ("r", "a", "light"),
    "phi": (),
    "kimi": (),
    "glm": (),
    "jamba": ("large", "mini"),
}
_GLUED = ("llama", "gemma", "qwen", "phi")  # also written without the dash: llama3.1, qwen2.5, phi4


def _shape_pattern() -> re.Pattern[str]:
    alternatives = []
    for prefix, words in _FAMILIES.items():
        segment = "|".join([_DIGIT_SEGMENT, *words])
        alternatives.append(f"{prefix}-(?:{segment}){_TAIL}")
    alternatives.append(f"(?:{'|'.join(_GLUED)})[0-9][a-z0-9.]*{_TAIL}")
    alternatives.append(f"o[1-9]{_TAIL}")
    alternatives.append(r"(?:meta-llama|deepseek-ai|mistralai)/[A-Za-z0-9][A-Za-z0-9._:-]*")
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


SHAPE = _shape_pattern()
_FILE_NAME = re.compile(r"\.[a-z]+$")
_CLOUD = re.compile(r"(?:(?:us|eu|apac|au|jp|global)\.)?"
                    r"(?:anthropic|meta|mistral|cohere|deepseek|qwen|openai|ai21|google)\.(.+)")


def shaped(text: str, providers: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a string looks like a model id (see the module docstring)."""
    if SHAPE.fullmatch(text):
        return not _FILE_NAME.search(text)
    head, slash, tail = text.partition("/")
    if slash and head in providers:
        return shaped(tail)
    cloud = _CLOUD.fullmatch(text)
    return bool(cloud) and shaped(cloud.group(1))


# --- judging one name -----------------------------------------------------------------------------------

# (model, provider, status, message), or None when the string is not a finding.
Verdict = tuple[str | None, str | None, str, str] | None


class _Judge:
    """Classifies each distinct string once per scan."""

    def __init__(self, registry: Registry, as_of: dt.date, warning_days: int) -> None:
        self.registry = registry
        self.as_of = as_of
        self.horizon = as_of + dt.timedelta(days=min(warning_days, (dt.date.max - as_of).days))  # at most date.max
        self.names = set(registry.names())
        self.bare = {n for e in registry.entries for n in (e.model.id, *e.model.snapshots, *e.model.aliases)}
        self.providers = frozenset(registry.providers)
        self.cache: dict[str, Verdict] = {}
        self.suggestions: dict[str, str] = {}

    def __call__(self, text: str) -> Verdict:
        """The verdict on `text`, memoised by text (a file of one id repeated judges it once); an unknown
        id's message is left empty here and written by `message`, only for findings that are kept."""
        try:
            return self.cache[text]
        except KeyError:
            if len(self.cache) >= MAX_JUDGED_TEXTS:  # a file of distinct strings must not grow the memo
                self.cache.clear()
            verdict = self.cache[text] = self._judge(text)
            return verdict

    def message(self, text: str, verdict: tuple[str | None, str | None, str, str]) -> str:
        if verdict[3]:
            return verdict[3]
        try:
            return self.suggestions[text]
        except KeyError:  # difflib over every registry name: paid once per distinct id shown
            if len(self.suggestions) >= MAX_JUDGED_TEXTS:
                self.suggestions.clear()
            found = self.suggestions[text] = f"unknown model {text!r}{did_you_mean(text, self.names)}"
            return found

    def _known(self, text: str) -> bool:
        if text in self.names:
            return True
        head, slash, tail = text.partition("/")
        return bool(slash) and head in self.providers and tail in self.bare

    def _judge(self, text: str) -> Verdict:
        if self._known(text):
            try:
                entry = self.registry.get(text)
            except AmbiguousModelError as exc:
                entry = self.registry.get(exc.keys[0])
                return self._judge_entry(text, entry, exc.keys)
            except ModelpickError:  # PROVIDER/MODEL where that provider does not serve MODEL
                return None, None, "unknown", ""  # the message: see `message`
            else:
                return self._judge_entry(text, entry, None)
        if shaped(text, self.providers):
            return None, None, "unknown", ""
        return None

    def _judge_entry(self, text: str, entry: Entry, ambiguous: list[str] | None) -> Verdict:
        model = entry.model
        replacement = replacement_hint(entry)
        if ambiguous:
            who = f"served by several providers ({', '.join(ambiguous)}); judged on {entry.key}: "
            provider = None
        else:
            who = f"{entry.key}: "
            provider = entry.provider
        s = standing(entry, self.as_of)
        why = s.why_text
        if s.status in ("retired", "deprecated"):
            return model.id, provider, s.status, f"{who}{why} (as of {self.as_of}){replacement}"
        # In force, yet a source gives a shutdown date: passed (the sources disagree) or within the horizon.
        passed = [(source, day) for source, day in s.shutdowns if day <= self.as_of]
        if passed:
            source, day = passed[0]
            return (model.id, provider, "retiring",
                    f"{who}{source} gives a shutdown date of {day}, passed; {s.source} says {s.status}{replacement}")
        coming = sorted((day, source) for source, day in s.shutdowns if day <= self.horizon)
        if coming:
            day, source = coming[0]
            per = "" if source == s.source else f" (per {source})"
            return (model.id, provider, "retiring",
                    f"{who}shuts down on {day}{per}, {(day - self.as_of).days} days after {self.as_of}{replacement}")
        if not is_pinned(text, entry):
            if model.snapshots:
                pin = f"pin a dated snapshot: {', '.join(sorted(model.snapshots))}"
            else:
                pin = f"it now points to {model.id!r}"
            return model.id, provider, "unpinned", f"{who}{text!r} is not pinned and may change; {pin}"
        return model.id, provider, "ok", f"{who}{why}"


# --- walking the tree -----------------------------------------------------------------------------------

class _Ignores:
    """The .gitignore files that apply to one folder: (folder relative to the top, spec), shallowest first.
    Paths given to `ignored` are relative to the top (the git work tree, else the scanned folder)."""

    def __init__(self, layers: tuple[tuple[str, object], ...] = ()) -> None:
        self.layers = layers

    def with_file(self, folder: str, gitignore: Path) -> _Ignores:
        from pathspec import GitIgnoreSpec

        try:
            with gitignore.open("rb") as handle:  # bounded, like every file modelpick reads
                lines = handle.read(MAX_FILE_BYTES).decode("utf-8", errors="replace").splitlines()
        except OSError:
            return self
        spec = GitIgnoreSpec.from_lines(lines)
        if not spec.patterns:
            return self
        return _Ignores((*self.layers, (folder, spec)))

    def ignored(self, path: str, is_dir: bool) -> bool:
        probe_suffix = "/" if is_dir else ""
        for folder, spec in reversed(self.layers):  # the deepest .gitignore that has a say decides
            result = spec.check_file(path[len(folder):] + probe_suffix)  # type: ignore[attr-defined]
            if result.include is not None:
                return bool(result.include)
        return False


def _git_top(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _root_ignores(root: Path) -> tuple[_Ignores, str]:
    """The .gitignore files above the scanned folder (up to the git work tree's top) and the folder's path
    relative to that top ("" or ending in "/")."""
    try:
        resolved = root.resolve()
    except OSError:
        return _Ignores(), ""
    top = _git_top(resolved)
    if top is None or top == resolved:
        return _Ignores(), ""
    ignores = _Ignores()
    parts = resolved.relative_to(top).parts
    for depth in range(len(parts)):
        folder = top.joinpath(*parts[:depth])
        prefix = "".join(f"{p}/" for p in parts[:depth])
        if (folder / ".gitignore").is_file():
            ignores = ignores.with_file(prefix, folder / ".gitignore")
    return ignores, "".join(f"{p}/" for p in parts)


def _walk(root: Path) -> Iterator[tuple[str, str, str | None]]:
    """(path relative to root in POSIX form, OS path, None) of every file to read under root, and
    (path, OS path, reason) of every file or folder that cannot be read (the path "" is root itself)."""
    ignores, top_prefix = _root_ignores(root)
    stack: list[tuple[str, str, _Ignores]] = [(str(root), "", ignores)]
    while stack:
        folder, rel, ignores = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:  # unreadable, or a path longer than the system allows
            yield rel.rstrip("/"), folder, f"cannot read the folder: {exc.strerror or exc}"
            continue
        names = {e.name for e in entries}
        if rel and "pyvenv.cfg" in names:
            continue  # a virtual environment below the scanned folder
        if ".gitignore" in names:
            ignores = ignores.with_file(top_prefix + rel, Path(folder, ".gitignore"))
        subfolders = []
        for entry in entries:
            name = entry.name
            path = rel + name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError as exc:
                yield path, entry.path, f"cannot read: {exc.strerror or exc}"
                continue
            if (is_dir and name in SKIP_DIRS) or name == ".git":
                continue
            problem = None if is_dir else _file_problem(entry)
            if problem == "":
                continue  # a link to a folder: not followed
            if ignores.layers and ignores.ignored(top_prefix + path, is_dir):
                continue
            if is_dir:
                subfolders.append((entry.path, path + "/", ignores))
            else:
                yield path, entry.path, problem
        stack.extend(reversed(subfolders))


def _file_problem(entry: os.DirEntry[str]) -> str | None:
    """None for a regular file (or a link to one); "" for a link to a folder (not followed, not reported);
    else why the entry cannot be read. Only stats, never opens: a FIFO cannot block the walk."""
    try:
        if entry.is_file(follow_symlinks=False):  # the folder listing says so: no system call
            return None
        info = entry.stat()  # follows a link
    except OSError as exc:
        return unreadable_reason(Path(entry.path), exc)
    if stat.S_ISREG(info.st_mode):
        return None
    return "" if stat.S_ISDIR(info.st_mode) else "not a regular file"


# O_NONBLOCK: opening a FIFO does not wait for a writer (the fstat below then refuses it); O_NOCTTY: a
# terminal device named as a PATH does not become the controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _read_text(os_path: str) -> tuple[str | None, str | None]:
    """(text, None) for a file to scan; (None, None) for one skipped by design (over MAX_FILE_BYTES, binary,
    not UTF-8); (None, reason) for one that cannot be read or is not a regular file (a FIFO, a device)."""
    try:
        fd = os.open(os_path, _OPEN_FLAGS)
    except OSError as exc:
        return None, unreadable_reason(Path(os_path), exc)
    with open(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None, "not a regular file"
            if info.st_size > MAX_FILE_BYTES:
                return None, None
            data = handle.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows while read
        except OSError as exc:
            return None, f"cannot read: {exc.strerror or exc}"
    if len(data) > MAX_FILE_BYTES or b"\0" in data[:BINARY_PROBE_BYTES]:
        return None, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, None


class _Collector:
    """What one scan keeps within the bounds, and the counts of everything."""

    def __init__(self, judge: _Judge) -> None:
        self.judge = judge
        self.findings: list[ScanFinding] = []
        self.counts = dict.fromkeys(STATUSES, 0)
        self.shown_statuses: set[str] = set()
        self.files = 0
        self.truncated: list[TruncatedFile] = []
        self.truncated_files = 0
        self.cut = 0
        self.skipped: list[SkippedPath] = []
        self.skipped_count = 0

    def skip(self, display: str, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_PATHS_LISTED:
            self.skipped.append(SkippedPath(path=display, reason=reason))

    def read(self, display: str, name: str, os_path: str) -> None:
        text, problem = _read_text(os_path)
        if problem is not None:
            self.skip(display, problem)
        if text is None:
            return
        self.files += 1
        judge, cache, counts, findings = self.judge, self.judge.cache, self.counts, self.findings
        total = shown = 0
        for line, column, content in EXTRACTORS[config_kind(name)](text):
            verdict = cache[content] if content in cache else judge(content)
            if verdict is None:
                continue
            model, provider, status, _ = verdict
            counts[status] += 1
            total += 1
            # Within the bounds, or the first finding of its status: no status found goes unseen (nor
            # does the exit code it brings).
            if (shown < MAX_FINDINGS_PER_FILE and len(findings) < MAX_FINDINGS_PER_RUN) \
                    or status not in self.shown_statuses:
                findings.append(ScanFinding(path=display, line=line, column=column, text=content, model=model,
                                            provider=provider, status=status,  # type: ignore[arg-type]
                                            message=judge.message(content, verdict)))
                self.shown_statuses.add(status)
                shown += 1
        if total > shown:
            self.truncated_files += 1
            self.cut += total - shown
            if len(self.truncated) < MAX_PATHS_LISTED:
                self.truncated.append(TruncatedFile(path=display, shown=shown, not_shown=total - shown))

    def result(self, as_of: dt.date) -> ScanResult:
        self.findings.sort(key=lambda f: (f.path, f.line, f.column))
        summary = {**self.counts, "files": self.files, "skipped": self.skipped_count,
                   "truncated_files": self.truncated_files, "findings_cut": self.cut}
        return ScanResult(as_of=as_of, findings=self.findings, summary=summary, skipped=self.skipped,
                          truncated=self.truncated)


_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ELOOP})


def scan(paths: list[Path], registry: Registry, as_of: dt.date,
         retirement_warning_days: int = 90) -> ScanResult:
    """Find model ids in the files under `paths` (files or folders; the current folder when empty)."""
    paths = list(paths) or [Path(".")]
    modes: list[int | None] = []
    for path in paths:
        try:
            modes.append(os.stat(path).st_mode)
        except OSError as exc:
            if exc.errno in _MISSING:
                raise InputError("no such file or folder", file=str(path)) from None
            modes.append(None)  # a path too long, a folder that cannot be searched: reported as skipped
    collector = _Collector(_Judge(registry, as_of, retirement_warning_days))
    several = len(paths) > 1
    for path, mode in zip(paths, modes, strict=True):
        if mode is not None and stat.S_ISDIR(mode):
            prefix = PurePosixPath(path.as_posix())
            for rel, os_path, problem in _walk(path):
                display = (str(prefix / rel) if several else rel) if rel else path.as_posix()
                if problem is not None:
                    collector.skip(display, problem)
                else:
                    collector.read(display, rel.rpartition("/")[2], os_path)
        else:
            collector.read(path.as_posix(), path.name, str(path))
    return collector.result(as_of)
