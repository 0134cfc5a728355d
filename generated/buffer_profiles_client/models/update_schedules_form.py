from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.schedule_input import ScheduleInput


T = TypeVar("T", bound="UpdateSchedulesForm")


@_attrs_define
class UpdateSchedulesForm:
    """The form body of a schedules update; it lists every schedule the profile keeps. Buffer's Profiles page names one
    parameter, `schedules` (required). The access token may travel in the same body as `access_token`: that is
    authentication, not data, so it is described by the security schemes and not listed here.

    """

    schedules: list[ScheduleInput]
    """ The new schedules, replacing all current ones. """

    def to_dict(self) -> dict[str, Any]:
        schedules = []
        for schedules_item_data in self.schedules:
            schedules_item = schedules_item_data.to_dict()
            schedules.append(schedules_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "schedules": schedules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_input import ScheduleInput  # noqa: PLC0415

        d = dict(src_dict)
        schedules = []
        _schedules = d.pop("schedules")
        for schedules_item_data in _schedules:
            schedules_item = ScheduleInput.from_dict(schedules_item_data)

            schedules.append(schedules_item)

        update_schedules_form = cls(
            schedules=schedules,
        )

        return update_schedules_form
