from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_input import ScheduleInput


T = TypeVar("T", bound="UpdateSchedulesForm")


@_attrs_define
class UpdateSchedulesForm:
    """The form body of a schedules update; it lists every schedule the profile keeps. Buffer's Profiles page names one
    parameter, `schedules` (required); the access token may travel here too, as `access_token`.

    """

    schedules: list[ScheduleInput]
    """ The new schedules, replacing all current ones. """
    access_token: str | Unset = UNSET
    """ The access token, for a client that sends it in the body rather than in the `Authorization` header or the
    query (never in two places). Leave it unset with an authenticated client. """

    def to_dict(self) -> dict[str, Any]:
        schedules = []
        for schedules_item_data in self.schedules:
            schedules_item = schedules_item_data.to_dict()
            schedules.append(schedules_item)

        access_token = self.access_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "schedules": schedules,
            }
        )
        if access_token is not UNSET:
            field_dict["access_token"] = access_token

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

        access_token = d.pop("access_token", UNSET)

        update_schedules_form = cls(
            schedules=schedules,
            access_token=access_token,
        )

        return update_schedules_form
