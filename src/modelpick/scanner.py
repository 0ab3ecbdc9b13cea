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
(`ScanResult.failing`). Nothing is opened before it is known to be a regular file, and then without blocking.

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
import stat
from pathlib import Path, PurePosixPath

from modelpick.config_values import EXTRACTORS, config_kind
from modelpick.errors import InputError
from modelpick.registry.loader import Registry
from modelpick.report import (  # noqa: F401  (re-exported: callers import them from here)
    STATUSES,
    ScanFinding,
    ScanResult,
    SkippedPath,
    Status,
    TruncatedFile,
    fails,
)
from modelpick.scan_ids import MAX_JUDGED_TEXTS, SHAPE, Judge, shaped  # noqa: F401  (re-exported)
from modelpick.scan_paths import MAX_FILE_BYTES, SKIP_DIRS, read_text, walk  # noqa: F401  (re-exported)

# Bounds on what one scan holds and prints (see "Bounds" above): a file of 540,000 ids must not become
# 540,000 findings. Beyond them findings are counted, not kept.
MAX_FINDINGS_PER_FILE = 1_000
MAX_FINDINGS_PER_RUN = 10_000
MAX_PATHS_LISTED = 1_000  # entries of `skipped` and `truncated`; the summary counts them all


class Collector:
    """What one scan keeps within the bounds, and the counts of everything."""

    def __init__(self, judge: Judge) -> None:
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
        text, problem = read_text(os_path)
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

    def result(self, as_of: dt.date, strict: bool) -> ScanResult:
        self.findings.sort(key=lambda f: (f.path, f.line, f.column))
        summary = {**self.counts, "files": self.files, "skipped": self.skipped_count,
                   "truncated_files": self.truncated_files, "findings_cut": self.cut}
        result = ScanResult(as_of=as_of, strict=strict, findings=self.findings, summary=summary,
                            skipped=self.skipped, truncated=self.truncated)
        # The count is the result's own (ScanResult.failing); the summary records it for JSON readers.
        return result.model_copy(update={"summary": {**summary, "failing": result.failing}})


_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ELOOP})


def scan(paths: list[Path], registry: Registry, as_of: dt.date, retirement_warning_days: int = 90, *,
         strict: bool = False) -> ScanResult:
    """Find model ids in the files under `paths` (files or folders; the current folder when empty). With
    strict, deprecated and retiring findings and skipped paths fail the scan too (`ScanResult.failing`)."""
    paths = list(paths) or [Path(".")]
    modes: list[int | None] = []
    for path in paths:
        try:
            modes.append(os.stat(path).st_mode)
        except OSError as exc:
            if exc.errno in _MISSING:
                raise InputError("no such file or folder", file=str(path)) from None
            modes.append(None)  # a path too long, a folder that cannot be searched: reported as skipped
    collector = Collector(Judge(registry, as_of, retirement_warning_days))
    several = len(paths) > 1
    for path, mode in zip(paths, modes, strict=True):
        if mode is not None and stat.S_ISDIR(mode):
            prefix = PurePosixPath(path.as_posix())
            for rel, os_path, problem in walk(path):
                display = (str(prefix / rel) if several else rel) if rel else path.as_posix()
                if problem is not None:
                    collector.skip(display, problem)
                else:
                    collector.read(display, rel.rpartition("/")[2], os_path)
        else:
            collector.read(path.as_posix(), path.name, str(path))
    return collector.result(as_of, strict)
