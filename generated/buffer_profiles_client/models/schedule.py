from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.day import DAY_VALUES, Day, check_day_list

T = TypeVar("T", bound="Schedule")
# from_dict makes every model with it (see there). Bound once: looking __new__ up on object for each
# model cost ~3% of listing 100 profiles through BufferProfiles in memory (make bench).
_new_instance = object.__new__


@_attrs_define
class Schedule:
    """A posting schedule: on each of its days, posts go out at each of its times, in the profile's timezone."""

    days: list[Day]
    """ The days this schedule applies to. """
    times: list[str]
    """ The posting times on those days. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days = []
        for days_item_data in self.days:
            days_item: str = days_item_data
            days.append(days_item)

        times = self.times

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days": days,
                "times": times,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        days = src_dict["days"]
        if type(days) is not list or not DAY_VALUES.issuperset(days):
            days = check_day_list(days)
        # Made as pickle makes objects, without calling __init__: attrs' __init__ only assigns the
        # fields (the models have no validators or converters), and calling it with every field took
        # a third of the time of parsing a list of profiles (make bench).
        self = _new_instance(cls)
        self.days = days
        self.times = src_dict["times"]
        # Every required key is there (or a KeyError was raised): a key beyond those found is an unknown one.
        if len(src_dict) > 2:
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


class ScheduleDict(TypedDict):
    """Schedule as plain data, as a request body accepts it."""

    days: Sequence[Day | str]
    times: Sequence[str]


_PROPERTY_NAMES = frozenset(
    {
        "days",
        "times",
    }
)
