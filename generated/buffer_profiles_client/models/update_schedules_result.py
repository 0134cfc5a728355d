from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateSchedulesResult")
# from_dict makes every model with it (see there). Bound once: looking __new__ up on object for each
# model cost ~3% of listing 100 profiles through BufferProfiles in memory (make bench).
_new_instance = object.__new__


@_attrs_define
class UpdateSchedulesResult:
    """The answer to a schedules update with status `200`: `success` says whether the schedules were replaced. Buffer has
    also refused updates this way (`false`, with its error `code` and `message`), so a client must read `success` or
    raise.

    """

    success: bool
    """ `true`: the schedules were replaced. `false`: Buffer refused the update and nothing changed; `code` and
    `message` say why, as in an error body. """
    message: str | Unset = UNSET
    """ A human-readable confirmation, or the reason for a refusal. """
    code: int | Unset = UNSET
    """ With `"success": false`, Buffer's error code (the table in the overview). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        message = self.message

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # Made as pickle makes objects, without calling __init__: attrs' __init__ only assigns the
        # fields (the models have no validators or converters), and calling it with every field took
        # a third of the time of parsing a list of profiles (make bench).
        self = _new_instance(cls)
        self.success = src_dict["success"]
        self.message = message = src_dict.get("message", UNSET)
        self.code = code = src_dict.get("code", UNSET)
        # Every required key is there (or a KeyError was raised): a key beyond those found is an unknown one.
        if len(src_dict) > 1 + (message is not UNSET) + (code is not UNSET):
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


class UpdateSchedulesResultDict(TypedDict):
    """UpdateSchedulesResult as plain data, as a request body accepts it."""

    success: bool
    message: NotRequired[str]
    code: NotRequired[int]


_PROPERTY_NAMES = frozenset(
    {
        "success",
        "message",
        "code",
    }
)
