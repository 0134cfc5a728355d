"""Request bodies from plain keyword arguments: dicts, lists and models alike, checked by the model's own parser."""

from collections.abc import Mapping
from typing import Any, Protocol, Self, TypeVar


class _Parsed(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


def _plain(value: Any) -> Any:
    """``value`` as JSON-like data: models by their ``to_dict()``, lists and dicts item by item."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    to_dict = getattr(value, "to_dict", None)
    return _plain(to_dict()) if callable(to_dict) else value


M = TypeVar("M", bound=_Parsed)


def body_from(model: type[M], members: Mapping[str, Any], unset: object) -> M:
    """The ``model`` holding ``members`` (by their names in the spec; those that are ``unset`` left out).

    Raises ``ValueError`` for a member the model refuses (a day that is not mon..sun names the day
    and the allowed ones) or one that is missing.
    """
    data = {name: _plain(value) for name, value in members.items() if value is not unset}
    try:
        return model.from_dict(data)
    except KeyError as missing:
        raise ValueError(f"{model.__name__}: {missing.args[0]!r} is missing") from None
