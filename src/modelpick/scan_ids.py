"""What a model id looks like in text, and the verdict on one against the registry: the rules are in
`modelpick.scanner`'s docstring ("What counts as a model id", "Status")."""

from __future__ import annotations

import datetime as dt
import re

from modelpick.errors import AmbiguousModelError, ModelpickError, did_you_mean
from modelpick.registry.lifecycle import is_pinned, replacement_hint, standing
from modelpick.registry.loader import Entry, Registry

MAX_JUDGED_TEXTS = 100_000  # distinct strings whose verdict is remembered; then the memo starts afresh

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


class Judge:
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
