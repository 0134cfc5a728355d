"""A strict decoder of PHP/Rails-style bracket form bodies, the inverse of the client's encoder.

``schedules[0][days][]=mon&schedules[0][times][]=12:45`` becomes
``{"schedules": [{"days": ["mon"], "times": ["12:45"]}]}``. Where decoders in the wild disagree
(PHP, Rack and qs each read some of these differently), this one refuses instead of guessing:

- ``key[]`` appends to a list and may only be the last bracket; ``key[][member]`` is refused
  because PHP and qs read it differently.
- ``key[0]``, ``key[1]``, ... index a list; indices are canonical (no ``01``), any order is fine,
  but they must end up covering ``0..n-1``: a gap (``schedules[5]`` alone) is refused, not compacted.
- One list is either appended to or indexed, never both; a name is either a value or has brackets.
- A name given twice without ``[]`` is refused rather than last-one-wins.
- Percent-encoding must be well-formed and decode to UTF-8; ``+`` is a space.

A problem with a parameter's name is error 1003 (not recognized); with its value, or with a limit
on counts, 1006 (out of bounds). Nothing is allocated ahead of the input: indices are dictionary
keys until the end, so ``schedules[1000]`` costs one entry, and every count is bounded by
:class:`~server.limits.FormLimits`.
"""

import re
from typing import Any
from urllib.parse import unquote_to_bytes

from buffer_profiles_testkit.server.errors import ApiError, ErrorCode
from buffer_profiles_testkit.server.forms.limits import DEFAULT_FORM_LIMITS, FormLimits

_NAME = re.compile(r"([^\[\]]+)((?:\[[^\[\]]*\])*)")
_SEGMENT = re.compile(r"\[([^\[\]]*)\]")
_INDEX = re.compile(r"0|[1-9][0-9]{0,8}")
_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_APPEND = ""


class _Object:
    def __init__(self) -> None:
        self.members: dict[str, _Node] = {}


class _List:
    def __init__(self) -> None:
        self.items: dict[int, _Node] = {}
        self.appended: bool | None = None  # unknown until the first item says which style it uses


_Node = _Object | _List | int  # a leaf is the index of the pair whose value goes there


def display_name(path: list[str | int]) -> str:
    """``["schedules", 0, "days"]`` as the form names it: ``schedules[0][days]``."""
    head, *rest = path or ["(body)"]
    return str(head) + "".join(f"[{part}]" for part in rest)


def _name_error(name: str, problem: str) -> ApiError:
    return ApiError(ErrorCode.PARAMETER_NOT_RECOGNIZED, f"{name}: {problem}")


def _percent_decode(raw: bytes) -> str:
    """Strict ``application/x-www-form-urlencoded`` decoding; raises ValueError on anything malformed."""
    if b"%" not in raw and b"+" not in raw:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValueError("is not UTF-8") from error
    if _BAD_PERCENT.search(raw):
        raise ValueError("has malformed percent-encoding")
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError("is not UTF-8") from error


# Clients send the same few names in every body, so each name's decoding is remembered.
_NAMES_REMEMBERED = 4096
_decoded_names: dict[bytes, str] = {}
_parsed_names: dict[FormLimits, dict[bytes, "_ParsedName"]] = {}
_ParsedName = tuple[str, str, tuple[str, ...]]  # the decoded name, its base, its bracket segments


def _remember(cache: dict[Any, Any], key: Any, value: Any, most: int = _NAMES_REMEMBERED) -> None:
    if len(cache) >= most:
        cache.clear()  # a client sending ever new names gains nothing from a cache; keep it bounded
    cache[key] = value


def _decode_name(raw_name: bytes) -> str:
    name = _decoded_names.get(raw_name)
    if name is None:
        try:
            name = _percent_decode(raw_name)
        except ValueError as error:
            raise _name_error(repr(raw_name[:64])[1:], f"the name {error}.") from error
        _remember(_decoded_names, raw_name, name)
    return name


def decoded_name(raw_name: bytes) -> str | None:
    """A parameter's name percent-decoded, or None if it is malformed."""
    try:
        return _decode_name(raw_name)
    except ApiError:
        return None


def _parse_name(raw_name: bytes, limits: FormLimits, parsed_names: dict[bytes, _ParsedName]) -> _ParsedName:
    name = _decode_name(raw_name)
    base, segments = _split_name(name, limits)
    parsed = (name, base, segments)
    _remember(parsed_names, raw_name, parsed)
    return parsed


def _split_name(name: str, limits: FormLimits) -> tuple[str, tuple[str, ...]]:
    if len(name) > limits.max_name_length:
        raise _name_error(name[: limits.max_name_length] + "...", "name too long")
    match = _NAME.fullmatch(name)
    if match is None:
        raise _name_error(name, "malformed name; expected name[member], name[0] or name[].")
    segments = tuple(_SEGMENT.findall(match.group(2)))
    if len(segments) > limits.max_depth:
        raise _name_error(name, f"nested deeper than {limits.max_depth} brackets.")
    if _APPEND in segments[:-1]:
        raise _name_error(name, "[] may only end a name; index lists of objects as [0], [1], ...")
    return match.group(1), segments


def _child(parent: _Object | _List, key: str | int, make: type[_Object] | type[_List], name: str) -> _Object | _List:
    children: dict[Any, _Node] = parent.members if isinstance(parent, _Object) else parent.items
    existing = children.get(key)
    if existing is None:
        created = make()
        children[key] = created
        return created
    if not isinstance(existing, make):
        raise _name_error(name, "given both as a value and with brackets, or as both a list and an object.")
    return existing


def _list_key(parent: _List, segment: str, name: str, limits: FormLimits) -> int:
    appended = segment == _APPEND
    if parent.appended is not None and parent.appended != appended:
        raise _name_error(name, "one list may use [] or [0], [1], ..., not both.")
    parent.appended = appended
    if appended:
        index = len(parent.items)
    elif _INDEX.fullmatch(segment):
        index = int(segment)
    else:
        raise _name_error(name, f"[{segment}] is not a list index (0, 1, 2, ...).")
    if index >= limits.max_list_length:
        raise ApiError(ErrorCode.OUT_OF_BOUNDS, f"{name}: lists hold at most {limits.max_list_length} items.")
    return index


def _insert(
    root: _Object, base: str, segments: tuple[str, ...], value: Any, name: str, limits: FormLimits
) -> _Object | _List:
    """Put ``value`` where the name says; return the container it went into."""
    parent: _Object | _List = root
    key: str | int = base
    for segment in segments:
        is_list = segment == _APPEND or segment.isdigit()
        container = _child(parent, key, _List if is_list else _Object, name)
        key = _list_key(container, segment, name, limits) if isinstance(container, _List) else segment
        parent = container
    children: dict[Any, _Node] = parent.members if isinstance(parent, _Object) else parent.items
    if key in children:
        if isinstance(children[key], _CONTAINERS):
            raise _name_error(name, "given both as a value and with brackets.")
        raise _name_error(name, "given more than once; repeat only names that end in [].")
    children[key] = value
    return parent


def _append(target: _List, value: Any, name: str, limits: FormLimits) -> None:
    """What :func:`_insert` does for a name ending in [] whose list it has already made."""
    index = len(target.items)
    if index >= limits.max_list_length:
        raise ApiError(ErrorCode.OUT_OF_BOUNDS, f"{name}: lists hold at most {limits.max_list_length} items.")
    target.items[index] = value


def _plain(node: _Object | _List, path: list[str | int]) -> Any:
    # Leaves are taken as they are; only containers recurse, and only they extend the path.
    if isinstance(node, _Object):
        return {
            member: _plain(child, [*path, member]) if isinstance(child, _CONTAINERS) else child
            for member, child in node.members.items()
        }
    items = node.items
    if (
        not node.appended and items and max(items) != len(items) - 1
    ):  # distinct indices 0..n-1 have n-1 as their largest
        missing = next(index for index in range(len(items)) if index not in items)
        raise _name_error(
            display_name([*path, max(items)]),
            f"list indices must run 0, 1, 2, ... without gaps; {display_name([*path, missing])} is missing.",
        )
    ordered = [items[index] for index in range(len(items))]
    return [
        _plain(item, [*path, index]) if isinstance(item, _CONTAINERS) else item for index, item in enumerate(ordered)
    ]


_CONTAINERS = (_Object, _List)
_Pair = tuple[bytes, bytes, bytes]  # name, "=", value, as bytes.partition gives them


def _layout_in_order(pairs: list[_Pair], limits: FormLimits) -> tuple[dict[str, Any], list[str]]:
    """The pairs' layout (see below) and their decoded values; raises the first problem in the order of the pairs."""
    parsed_names = _parsed_names.setdefault(limits, {})
    lists_of_names: dict[bytes, _List] = {}  # the list each name ending in [] appends to, once made
    root = _Object()
    values: list[str] = []
    for index, (raw_name, _, raw_value) in enumerate(pairs):
        if index >= limits.max_parameters:
            raise ApiError(ErrorCode.OUT_OF_BOUNDS, f"more than {limits.max_parameters} parameters.")
        name, base, segments = parsed_names.get(raw_name) or _parse_name(raw_name, limits, parsed_names)
        try:
            values.append(_percent_decode(raw_value))
        except ValueError as error:
            raise ApiError(ErrorCode.OUT_OF_BOUNDS, f"{name}: the value {error}.") from error
        known_list = lists_of_names.get(raw_name)
        if known_list is not None:
            _append(known_list, index, name, limits)
            continue
        container = _insert(root, base, segments, index, name, limits)
        if segments and segments[-1] == _APPEND:
            assert isinstance(container, _List)
            lists_of_names[raw_name] = container
    layout: dict[str, Any] = _plain(root, [])
    return layout, values


# A layout is the structure of a body whose names come in a given order, with the index of each
# value where the value goes: a body is decoded by making its layout, then filling it in. Clients
# send bodies of the same few layouts; one made before is only filled in, which takes half the
# time. Only a sequence of names that decoded without a problem gets a layout, so a body that has
# one can fail only on a value, as in order it would.
_LAYOUTS_REMEMBERED = 32
_layouts: dict[FormLimits, dict[tuple[bytes, ...], dict[str, Any]]] = {}


def _filled(layout: Any, values: list[str]) -> Any:
    """``layout`` with each value index replaced by its value: a dict, a list, or an index."""
    if type(layout) is dict:
        return {key: values[at] if type(at) is int else _filled(at, values) for key, at in layout.items()}
    return [values[at] if type(at) is int else _filled(at, values) for at in layout]


def decode_bracket_form(body: bytes, limits: FormLimits = DEFAULT_FORM_LIMITS) -> dict[str, Any]:
    """Decode a form body into plain dicts, lists and strings; raise :class:`ApiError` (1003/1006) if malformed."""
    # Empty pairs are skipped: a trailing or doubled "&", as Buffer's own example body has.
    pairs = [pair.partition(b"=") for pair in body.split(b"&") if pair]
    layouts = _layouts.setdefault(limits, {})
    names = tuple([name for name, _, _ in pairs])
    layout = layouts.get(names)
    if layout is not None:
        try:
            if b"%" not in body and b"+" not in body:  # as most bodies are: no value has an escape
                values = [value.decode() for _, _, value in pairs]
            else:
                values = [
                    value.decode() if b"%" not in value and b"+" not in value else _percent_decode(value)
                    for _, _, value in pairs
                ]
        except ValueError:  # UnicodeDecodeError among them
            pass  # decoded in order below, which names the value
        else:
            filled: dict[str, Any] = _filled(layout, values)
            return filled
    layout, values = _layout_in_order(pairs, limits)
    _remember(layouts, names, layout, _LAYOUTS_REMEMBERED)
    decoded: dict[str, Any] = _filled(layout, values)
    return decoded
