from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")
# from_dict makes every model with it (see there). Bound once: looking __new__ up on object for each
# model cost ~3% of listing 100 profiles through BufferProfiles in memory (make bench).
_new_instance = object.__new__


@_attrs_define
class Error:
    """Buffer's JSON error body. `code` is always present; the message travels as `message` or, in older responses, as
    `error`. Each error response carries its own example: one shared here would be served by mock servers for every
    status.

    """

    code: int
    """ The Buffer error code; the table in the overview lists them. """
    success: bool | Unset = UNSET
    """ `false` when present, never `true`: Buffer's clients take `"success": false` as the mark of an error
    (buffer-node, commit 6d5816f; buffpy, issue 9). """
    message: str | Unset = UNSET
    """ A human-readable description of the error. """
    error: str | Unset = UNSET
    """ The same description, under the name older responses use. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        success = self.success

        message = self.message

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success
        if message is not UNSET:
            field_dict["message"] = message
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _get = src_dict.get
        # Made as pickle makes objects, without calling __init__: attrs' __init__ only assigns the
        # fields (the models have no validators or converters), and calling it with every field took
        # a third of the time of parsing a list of profiles (make bench).
        self = _new_instance(cls)
        self.code = src_dict["code"]
        self.success = _get("success", UNSET)
        self.message = _get("message", UNSET)
        self.error = _get("error", UNSET)
        # Every required key is there (or a KeyError was raised), so no more keys means no unknown ones.
        if len(src_dict) > 1 and not _PROPERTY_NAMES.issuperset(src_dict):
            self.additional_properties = {key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES}
        else:
            self.additional_properties = {}
        return self

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


class ErrorDict(TypedDict):
    """Error as plain data, as a request body accepts it."""

    code: int
    success: NotRequired[bool]
    message: NotRequired[str]
    error: NotRequired[str]


_PROPERTY_NAMES = frozenset(
    {
        "code",
        "success",
        "message",
        "error",
    }
)
