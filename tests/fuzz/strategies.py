"""Hypothesis strategies that turn real files into hostile ones: byte-level mutations, structural mutations
(a value anywhere in the document replaced by a hostile one) and soups of YAML tokens."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import strategies as st

# Values that have broken parsers and validators before: NaN, infinities, huge and negative numbers, wrong
# types, dates in other forms, empty and nested containers.
HOSTILE_SCALARS = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "0", "-1", "1e400", "nan", ".inf", "2024-13-45", "2025-02-30", "01/02/2024",
                     "\u202e", "\0", "a" * 1000, "!!python/object/apply:os.system", "&a", "*a", "{", "-"]),
    st.text(max_size=20),
)
HOSTILE_VALUES = st.recursive(HOSTILE_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=12)

# Fragments of YAML syntax, concatenated at random: anchors, aliases, tags, flow and block collections, tabs.
YAML_TOKENS = ["a", "b", "task", "input_tokens", "models", "pricing", "workloads", ":", ": ", "- ", "\n", "  ",
               "\t", "[", "]", "{", "}", ",", "&x ", "*x", "&y ", "*y", "!!python/object:os.system ",
               "!!binary ", "!!set ", "!!str ", "!local ", "<<: ", "? ", "'", '"', "#", "---\n", "...\n",
               "|\n", ">\n", "1", "-1", "1.5", ".nan", ".inf", "2024-01-01", "2024-13-45", "null", "~",
               "true", "\u00e9", "\ufeff", "\0", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n"]
YAML_SOUP = st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map(lambda parts: "".join(parts).encode())


@st.composite
def byte_mutations(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few random edits: bytes flipped, inserted or deleted, a slice duplicated or cut short."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(
                [b"\t", b"\0", b"\xff", b"[", b"{", b"&a ", b"*a", b"!!python/name:os.system ", b"\n  - "]))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 256))]
        elif op == "truncate":
            del data[at:]
    return bytes(data)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


@st.composite
def structural_mutations(draw: st.DrawFn, seeds: list[bytes], as_json: bool) -> bytes:
    """A seed parsed, one to three of its values (or keys' values) replaced by hostile ones, written back."""
    seed = draw(st.sampled_from(seeds))
    doc = json.loads(seed) if as_json else yaml.safe_load(seed)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        value = draw(HOSTILE_VALUES)
        if not path:
            doc = value
            continue
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "rename"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = parent.pop(path[-1])
        else:
            parent[path[-1]] = value
    if as_json:
        return json.dumps(doc, default=str).encode()  # json.dumps writes NaN/Infinity: hostile JSON on purpose
    return yaml.safe_dump(doc, allow_unicode=True, default_flow_style=None).encode()
