"""Where the values are in a config file: YAML, TOML, JSON, .env and INI, read line by line for `scan`.

Each extractor yields ``(line, column, text)`` (1-based, column in characters) for every *candidate*: a
quoted string inside a value (its content, as in code) and an unquoted scalar value that is made of the
characters a model id may hold. Whether a candidate is a model id is `scan`'s business, not this module's.

These are not parsers. A YAML or TOML library would give values without reliable columns, would reject the
slightly invalid files people do commit (an unquoted TOML string), and would cost more than a regex pass on
a hostile file; so each format is read a line at a time with the few rules that tell a key, a comment and a
value apart (see `modelpick.scanner`'s docstring for the rules as users see them). Work is linear in the size
of the file: no pattern here can backtrack over a line more than once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

Candidate = tuple[int, int, str]

# A quoted string whose content could be an id (the registry schema's id alphabet); `scan` reads code with it.
QUOTED = re.compile(r"""(["'`])([A-Za-z0-9][A-Za-z0-9._:@/-]*)\1""")
# An unquoted value that could be an id, whole.
UNQUOTED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/-]*")

_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json", ".ini": "ini", ".cfg": "ini"}


def config_kind(name: str) -> str | None:
    """The config format a file name says (yaml, toml, json, env, ini), or None: code or text."""
    if name == ".env" or name.startswith(".env.") or name.endswith(".env"):
        return "env"
    return _SUFFIXES.get(os.path.splitext(name)[1].lower())


# --- pieces of one line ---------------------------------------------------------------------------------

_BLANK = " \t"
_OPENS_QUOTE = " \t[{,:="  # a quote after one of these (or at the start) opens a string; in "don't" it does not
_MAPPING_COLON = re.compile(r":(?=[ \t]|$)")  # YAML's key separator: a colon followed by a blank or the end


def _skip_blank(line: str, i: int, end: int) -> int:
    while i < end and line[i] in _BLANK:
        i += 1
    return i


def _strip_end(line: str, start: int, end: int) -> int:
    while end > start and line[end - 1] in _BLANK:
        end -= 1
    return end


def _outside_quotes(line: str, start: int, end: int) -> Iterator[int]:
    """The indexes in [start, end) that are not inside a quoted string (nor its quotes)."""
    quote = ""
    i = start
    while i < end:
        char = line[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 1
            elif char == quote:
                quote = ""
        elif char in "'\"" and (i == start or line[i - 1] in _OPENS_QUOTE):
            quote = char
        else:
            yield i
        i += 1


def _comment_start(line: str, start: int, marks: str) -> int:
    """Where a comment begins: a mark at `start` or after a blank, outside quoted strings; else len(line)."""
    if any(mark in line for mark in marks):
        for i in _outside_quotes(line, start, len(line)):
            if line[i] in marks and (i == start or line[i - 1] in _BLANK):
                return i
    return len(line)


def _closing_quote(line: str, start: int, end: int) -> int:
    """The index of the quote that closes the string opening at `start`, or -1."""
    quote = line[start]
    i = start + 1
    while i < end:
        if line[i] == "\\" and quote == '"':
            i += 2
            continue
        if line[i] == quote:
            return i
        i += 1
    return -1


def _after_key(line: str, start: int, end: int, separator: re.Pattern[str]) -> int:
    """The index just after a key and its separator (``key:``, ``key =``), or -1 when [start, end) opens
    with no key. A quoted key may hold the separator."""
    search_from = start
    if start < end and line[start] in "'\"":
        close = _closing_quote(line, start, end)
        if close < 0:
            return -1
        search_from = close + 1
    found = separator.search(line, search_from, end)
    return found.end() if found else -1


def _flow_pieces(line: str, start: int, end: int, depth: list[int]) -> Iterator[tuple[int, int]]:
    """The pieces of [start, end) between ``, [ ] { }`` outside quoted strings, blank ones left out; the
    bracket depth after them is left in depth[0] (a flow list or an array may go on over several lines).
    A generator: a hostile line of 5 MiB of commas holds no list of pieces."""
    piece = start
    for i in _outside_quotes(line, start, end):
        char = line[i]
        if char in ",[]{}":
            if i > piece:
                yield piece, i
            piece = i + 1
            if char in "[{":
                depth[0] += 1
            elif char in "]}":
                depth[0] = max(depth[0] - 1, 0)
    if end > piece:
        yield piece, end


_YAML_PROPERTY = re.compile(r"[&!][^ \t]*[ \t]+")  # an anchor (&a) or a tag (!!str) before a value


def _scalar(line: str, start: int, end: int, number: int, yaml: bool = False) -> Iterator[Candidate]:
    """The candidates in one value: the quoted strings in it, or the whole value when it is unquoted."""
    start = _skip_blank(line, start, end)
    end = _strip_end(line, start, end)
    if start >= end:
        return
    if yaml:
        while (prop := _YAML_PROPERTY.match(line, start, end)) is not None:
            start = prop.end()
    if UNQUOTED.fullmatch(line, start, end):
        yield number, start + 1, line[start:end]
    else:  # a quoted value, or quoted strings inside an unquoted one (`run 'gpt-4o' twice`)
        for match in QUOTED.finditer(line, start, end):
            yield number, match.start(2) + 1, match.group(2)


def _pieces(line: str, pieces: Iterator[tuple[int, int]], number: int, separator: re.Pattern[str] | None,
            yaml: bool = False) -> Iterator[Candidate]:
    for start, end in pieces:
        start = _skip_blank(line, start, end)
        if separator is not None and (value := _after_key(line, start, end, separator)) >= 0:
            start = value  # `key: value` in a flow mapping, `key = value` in an inline table
        yield from _scalar(line, start, end, number, yaml)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines without their line break, one at a time (no list of every line of a 5 MiB file)."""
    start, number, size = 0, 1, len(text)
    while start <= size:
        stop = text.find("\n", start)
        if stop < 0:
            stop = size
        yield number, text[start:stop - 1] if stop > start and text[stop - 1] == "\r" else text[start:stop]
        start, number = stop + 1, number + 1


# --- one extractor per format ---------------------------------------------------------------------------

def yaml_candidates(text: str) -> Iterator[Candidate]:
    """``key: value``, list items ``- value``, flow collections ``[a, b]`` and ``{k: v}`` (also over several
    lines); ``#`` comments; keys, quoted or not, are not values."""
    depth = [0]  # open brackets of a flow collection still open at the end of the line
    for number, line in _lines(text):
        i = _skip_blank(line, 0, len(line))
        end = _comment_start(line, i, "#")
        if depth[0]:
            yield from _pieces(line, _flow_pieces(line, i, end, depth), number, _MAPPING_COLON, yaml=True)
            continue
        while i < end and line[i] == "-" and (i + 1 == end or line[i + 1] in _BLANK):
            i = _skip_blank(line, i + 1, end)  # list item markers, "- - value" too
        if i < end and line[i] not in "[{":
            value = _after_key(line, i, end, _MAPPING_COLON)
            if value >= 0:
                i = _skip_blank(line, value, end)
        if i < end and line[i] in "[{":
            yield from _pieces(line, _flow_pieces(line, i, end, depth), number, _MAPPING_COLON, yaml=True)
        else:
            yield from _scalar(line, i, end, number, yaml=True)


_EQUALS = re.compile(r"=")


def toml_candidates(text: str) -> Iterator[Candidate]:
    """``key = value``, arrays ``[a, b]`` (also over several lines), inline tables; ``[table]`` headers and
    ``#`` comments are skipped. An unquoted value (invalid TOML) is read as a value all the same."""
    depth = [0]  # open brackets of a flow collection still open at the end of the line
    for number, line in _lines(text):
        i = _skip_blank(line, 0, len(line))
        end = _comment_start(line, i, "#")
        if depth[0]:
            yield from _pieces(line, _flow_pieces(line, i, end, depth), number, _EQUALS)
            continue
        if i < end and line[i] == "[":
            continue  # a [table] or [[array of tables]] header: keys only
        value = _after_key(line, i, end, _EQUALS)
        if value >= 0:
            i = _skip_blank(line, value, end)
        if i < end and line[i] in "[{":
            yield from _pieces(line, _flow_pieces(line, i, end, depth), number, _EQUALS)
        else:
            yield from _scalar(line, i, end, number)


_INI_SEPARATOR = re.compile(r"[=:]")


def ini_candidates(text: str) -> Iterator[Candidate]:
    """``key = value`` or ``key: value`` (configparser's delimiters), indented continuation lines, values
    split at commas; ``[section]`` headers and ``#``/``;`` comments (whole-line, or after a blank) skipped."""
    in_option = False
    for number, line in _lines(text):
        i = _skip_blank(line, 0, len(line))
        if i == len(line):
            continue  # a blank line does not end an option; configparser keeps reading its value
        if line[i] in "#;":
            continue
        end = _comment_start(line, i, "#;")
        if i > 0 and in_option:
            start = i  # a continuation line of the option above
        elif line[i] == "[":
            in_option = False
            continue
        else:
            start = _after_key(line, i, end, _INI_SEPARATOR)
            in_option = start >= 0
            if start < 0:
                continue  # a key without a value
        yield from _pieces(line, _flow_pieces(line, start, end, [0]), number, None)


_ENV_KEY = re.compile(r"[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*=")


def env_candidates(text: str) -> Iterator[Candidate]:
    """``KEY=value`` and ``export KEY=value``, values split at commas; ``#`` comments skipped."""
    for number, line in _lines(text):
        key = _ENV_KEY.match(line)
        if key is None:
            continue
        start = key.end()
        end = _comment_start(line, start, "#")
        yield from _pieces(line, _flow_pieces(line, start, end, [0]), number, None)


# A JSON string, and whether a colon follows it (then it is a key). Unrolled, so it cannot backtrack.
_JSON_STRING = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"(\s*:)?')


def json_candidates(text: str) -> Iterator[Candidate]:
    """String values (keys are not values); numbers, true, false and null are never ids."""
    return located(text, ((m.start(1), m.group(1)) for m in _JSON_STRING.finditer(text)
                          if m.group(2) is None and UNQUOTED.fullmatch(m.group(1))))


def code_candidates(text: str) -> Iterator[Candidate]:
    """Quoted strings on one line, anywhere: code cannot be told apart from its comments here."""
    return located(text, ((m.start(2), m.group(2)) for m in QUOTED.finditer(text)))


def located(text: str, found: Iterator[tuple[int, str]]) -> Iterator[Candidate]:
    """(line, column, text) from (offset, text) in increasing offset order, counting lines as it goes."""
    line, line_start, counted_to = 1, 0, 0
    for start, content in found:
        newlines = text.count("\n", counted_to, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted_to, start) + 1
        counted_to = start
        yield line, start - line_start + 1, content


EXTRACTORS: dict[str | None, Callable[[str], Iterator[Candidate]]] = {
    None: code_candidates,
    "yaml": yaml_candidates,
    "toml": toml_candidates,
    "json": json_candidates,
    "env": env_candidates,
    "ini": ini_candidates,
}
