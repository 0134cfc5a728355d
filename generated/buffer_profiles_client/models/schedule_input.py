from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, TypeVar

from attrs import define as _attrs_define

from ..models.day import DAY_VALUES, Day, check_day_list

T = TypeVar("T", bound="ScheduleInput")
# from_dict makes every model with it (see there). Bound once: looking __new__ up on object for each
# model cost ~3% of listing 100 profiles through BufferProfiles in memory (make bench).
_new_instance = object.__new__


@_attrs_define
class ScheduleInput:
    """A posting schedule to store. Both lists are required and non-empty: an empty list has no form encoding, so it would
    arrive as a missing parameter. The reference server also refuses repeated items and more than 7 days or 288 times in
    one schedule; the profile's service caps the posting times a day (`403`, code `1013`).

    """

    days: list[Day]
    """ The days this schedule applies to. """
    times: list[str]
    """ The posting times on those days. How many a day a profile may have is the service's cap (code `1013`). """

    def to_dict(self) -> dict[str, Any]:
        days = []
        for days_item_data in self.days:
            days_item: str = days_item_data
            days.append(days_item)

        times = self.times

        field_dict: dict[str, Any] = {}

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
        return self


class ScheduleInputDict(TypedDict):
    """ScheduleInput as plain data, as a request body accepts it."""

    days: Sequence[Day | str]
    times: Sequence[str]
