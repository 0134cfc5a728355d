from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UpdateSchedulesForm")
# from_dict makes every model with it (see there). Bound once: looking __new__ up on object for each
# model cost ~3% of listing 100 profiles through BufferProfiles in memory (make bench).
_new_instance = object.__new__


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
        # Made as pickle makes objects, without calling __init__: attrs' __init__ only assigns the
        # fields (the models have no validators or converters), and calling it with every field took
        # a third of the time of parsing a list of profiles (make bench).
        self = _new_instance(cls)
        self.schedules = [*map(_schedule_input_from_dict, src_dict["schedules"])]
        return self


class UpdateSchedulesFormDict(TypedDict):
    """UpdateSchedulesForm as plain data, as a request body accepts it."""

    schedules: Sequence[ScheduleInput | ScheduleInputDict]


# At the end, so that models that refer to each other import without a cycle.
from ..models.schedule_input import ScheduleInput, ScheduleInputDict  # noqa: E402

# Bound once: looking a classmethod up on its class makes a new bound method every time, and
# from_dict calls these for every nested object (binding them took ~7% off a list of profiles).
_schedule_input_from_dict = ScheduleInput.from_dict
