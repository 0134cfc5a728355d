"""PHP/Rails-style bracket encoding of form bodies, the wire format of Buffer's POST bodies.

``{"schedules": [{"days": ["mon"], "times": ["12:45"]}]}`` is sent as
``schedules[0][days][]=mon&schedules[0][times][]=12:45``: an object member is ``key[member]``, a
list of objects (or of lists) is indexed ``key[0]``, ``key[1]``, ... and a list of scalars repeats
``key[]``. PHP's ``parse_str``, Rack and the ``qs`` package all decode this back to the same data.

Empty lists and objects have no encoding and are left out, as every bracket encoder does.
"""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote_plus

# Brackets and colons stay literal so that a body reads like Buffer's documentation
# (``schedules[0][times][]=12:45``); every bracket decoder reads them either way.
_READABLE = "[]:"


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _is_container(value: Any) -> bool:
    return isinstance(value, Mapping) or (isinstance(value, Sequence) and not isinstance(value, str))


def _flatten(name: str, value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, Mapping):
        for member, item in value.items():
            yield from _flatten(f"{name}[{member}]", item)
    elif _is_container(value):
        indexed = any(_is_container(item) for item in value)
        for index, item in enumerate(value):
            yield from _flatten(f"{name}[{index}]" if indexed else f"{name}[]", item)
    else:
        yield name, _scalar(value)


def bracket_pairs(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The body as ``(name, value)`` pairs in order, names bracketed, nothing percent-encoded yet."""
    return [pair for name, value in data.items() for pair in _flatten(str(name), value)]


def encode_bracket_form(data: Mapping[str, Any]) -> str:
    """Encode ``data`` (a model's ``to_dict()``) as an ``application/x-www-form-urlencoded`` body."""
    return "&".join(
        f"{quote_plus(name, safe=_READABLE)}={quote_plus(value, safe=_READABLE)}" for name, value in bracket_pairs(data)
    )
