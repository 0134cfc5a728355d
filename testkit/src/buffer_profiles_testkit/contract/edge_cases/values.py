"""Values on both sides of each boundary a string schema draws, derived from the schema alone.

For a ``pattern``: starting from the schema's examples, each character position is tried with every
printable ASCII character; the lowest and highest that the pattern accepts there are inside values,
the characters just below and just above them are outside values (a run of positions that accept
the same characters is probed at its two ends). A second round starts from the
inside values found, which reaches boundaries that depend on an earlier character (``2[0-3]``
after ``2``). Then the classic near misses: a trailing newline (which ``$`` matches in many regex
dialects), a leading space, one character fewer and one more. For an ``enum``: every member is
inside; each member capitalised or with a trailing newline is outside.
"""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator

_PRINTABLE = [chr(code) for code in range(0x20, 0x7F)]
_ROUNDS = 2


@dataclass(frozen=True)
class Edges:
    inside: tuple[str, ...]
    outside: tuple[str, ...]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _replaced(value: str, position: int, char: str) -> str:
    return value[:position] + char + value[position + 1 :]


Accepts = Callable[[str], bool]


# The keywords that can make a string invalid under a schema that states only these. jsonschema
# judges them as re.search(pattern) and len() (its _keywords.py); every other keyword it knows
# sends the schema to jsonschema itself, and keywords it does not know are annotations.
_STRING_KEYWORDS = frozenset({"type", "pattern", "minLength", "maxLength"})


def string_acceptor(schema: Mapping[str, Any]) -> Accepts:
    """Whether a string is valid under ``schema`` (dereferenced), exactly as jsonschema says.

    The boundary search asks about 27,000 times a run, and jsonschema spends some 15 µs on each, so
    that building the edge cases cost 0.22 s of CPU per contract run (measured alone on the 2-core
    machine); a schema of type string with only a pattern and lengths is judged here in a
    fraction of that, and any other schema by jsonschema.
    """
    validator = Draft202012Validator(dict(schema))
    decisive = set(schema) & set(Draft202012Validator.VALIDATORS)
    if schema.get("type") != "string" or not decisive <= _STRING_KEYWORDS:
        return lambda value: bool(validator.is_valid(value))
    pattern = re.compile(str(schema.get("pattern", "")))
    shortest = int(schema.get("minLength", 0))
    longest = schema.get("maxLength")

    def accepts(value: str) -> bool:
        if len(value) < shortest or (longest is not None and len(value) > int(longest)):
            return False
        return pattern.search(value) is not None

    return accepts


def _accepted(accepts: Accepts, value: str, position: int) -> tuple[str, ...]:
    return tuple(char for char in _PRINTABLE if accepts(_replaced(value, position, char)))


def _probed_positions(accepted: list[tuple[str, ...]]) -> list[int]:
    """The first and last position of each run of positions that accept the same characters.

    A run is one quantified atom (``[0-9a-f]{24}``): its inner positions draw the same boundary again.
    """
    positions: list[int] = []
    for position, chars in enumerate(accepted):
        starts_run = position == 0 or accepted[position - 1] != chars
        ends_run = position == len(accepted) - 1 or accepted[position + 1] != chars
        if starts_run or ends_run:
            positions.append(position)
    return positions


def pattern_edges(accepts: Accepts, examples: Sequence[str]) -> Edges:
    seeds = [example for example in examples if accepts(example)]
    if not seeds:
        raise ValueError("no example is valid: boundaries are searched from a valid value")
    inside: list[str] = list(seeds)
    outside: list[str] = []
    probed: set[tuple[int, tuple[str, ...]]] = set()  # a boundary drawn once is not drawn again
    frontier = seeds
    for _ in range(_ROUNDS):
        found: list[str] = []
        for value in frontier:
            accepted = [_accepted(accepts, value, position) for position in range(len(value))]
            for position in _probed_positions(accepted):
                chars = accepted[position]
                if not chars or (position, chars) in probed:
                    continue
                probed.add((position, chars))
                found += [_replaced(value, position, char) for char in (chars[0], chars[-1])]
                neighbours = (chr(ord(chars[0]) - 1), chr(ord(chars[-1]) + 1))
                outside += [_replaced(value, position, char) for char in neighbours if char in _PRINTABLE]
        found = [value for value in _unique(found) if value not in inside]
        inside += found
        frontier = found
    seed = seeds[0]
    outside += [seed + "\n", " " + seed, seed[:-1], seed + seed[-1]]
    return Edges(_unique(inside), _unique(value for value in outside if not accepts(value)))


def enum_edges(accepts: Accepts, members: Sequence[str]) -> Edges:
    outside = [variant for member in members for variant in (member.capitalize(), member + "\n")]
    return Edges(tuple(members), _unique(value for value in outside if not accepts(value)))


def string_edges(schema: Mapping[str, Any]) -> Edges:
    """The edges of a (dereferenced) string schema: its ``enum``, or its ``pattern`` and lengths."""
    accepts = string_acceptor(schema)
    if "enum" in schema:
        return enum_edges(accepts, [str(member) for member in schema["enum"]])
    return pattern_edges(accepts, [str(example) for example in schema.get("examples", [])])


def distinct_values(accepts: Accepts, examples: Sequence[str], count: int) -> list[str]:
    """``count`` distinct valid values, found by single-character steps from the examples."""
    found = _unique(example for example in examples if accepts(example))
    queue, seen = list(found), set(found)
    while queue and len(seen) < count:
        value = queue.pop(0)
        for position in range(len(value)):
            for char in _PRINTABLE:
                candidate = value[:position] + char + value[position + 1 :]
                if candidate not in seen and accepts(candidate):
                    seen.add(candidate)
                    queue.append(candidate)
    ordered = sorted(seen)
    if len(ordered) < count:
        raise ValueError(f"fewer than {count} valid values are reachable from the examples")
    return ordered[:count]
