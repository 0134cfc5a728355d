from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.day import Day, check_day

T = TypeVar("T", bound="ScheduleInput")


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
        d = dict(src_dict)
        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = check_day(days_item_data)

            days.append(days_item)

        times = cast(list[str], d.pop("times"))

        schedule_input = cls(
            days=days,
            times=times,
        )

        return schedule_input
