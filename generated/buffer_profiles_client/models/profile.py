from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule import Schedule
    from ..models.statistics import Statistics


T = TypeVar("T", bound="Profile")


@_attrs_define
class Profile:
    """A connection to one social media account. The API returns more fields than listed here; clients keep them as
    additional properties.

    """

    id: str
    """ A Buffer object id, 24 lowercase hexadecimal digits. """
    created_at: int
    """ When the profile was connected, in Unix seconds. """
    default: bool
    """ Whether new posts go to this profile unless told otherwise. """
    formatted_username: str
    """ The username as the service displays it, e.g. `@skinnyoteam`. """
    schedules: list[Schedule]
    """ The profile's posting schedules, as its schedules endpoint returns them. """
    service: str
    """ The social network, e.g. `twitter`, `facebook`, `linkedin`. An open set: new services appear without notice.
    """
    service_id: str
    """ The account's id on the service. """
    service_username: str
    """ The account's username on the service. """
    timezone: str
    """ The IANA time zone that the schedules' times are read in. """
    user_id: str
    """ A Buffer object id, 24 lowercase hexadecimal digits. """
    avatar: str | Unset = UNSET
    """ The URL of the account's avatar image. """
    statistics: Statistics | Unset = UNSET
    """ Audience figures of the social media account; which ones appear depends on the service. """
    team_members: list[str] | Unset = UNSET
    """ The ids of the Buffer users who share this profile. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at

        default = self.default

        formatted_username = self.formatted_username

        schedules = []
        for schedules_item_data in self.schedules:
            schedules_item = schedules_item_data.to_dict()
            schedules.append(schedules_item)

        service = self.service

        service_id = self.service_id

        service_username = self.service_username

        timezone = self.timezone

        user_id = self.user_id

        avatar = self.avatar

        statistics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.statistics, Unset):
            statistics = self.statistics.to_dict()

        team_members: list[str] | Unset = UNSET
        if not isinstance(self.team_members, Unset):
            team_members = self.team_members

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "default": default,
                "formatted_username": formatted_username,
                "schedules": schedules,
                "service": service,
                "service_id": service_id,
                "service_username": service_username,
                "timezone": timezone,
                "user_id": user_id,
            }
        )
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if statistics is not UNSET:
            field_dict["statistics"] = statistics
        if team_members is not UNSET:
            field_dict["team_members"] = team_members

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule import Schedule  # noqa: PLC0415
        from ..models.statistics import Statistics  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        created_at = d.pop("created_at")

        default = d.pop("default")

        formatted_username = d.pop("formatted_username")

        schedules = []
        _schedules = d.pop("schedules")
        for schedules_item_data in _schedules:
            schedules_item = Schedule.from_dict(schedules_item_data)

            schedules.append(schedules_item)

        service = d.pop("service")

        service_id = d.pop("service_id")

        service_username = d.pop("service_username")

        timezone = d.pop("timezone")

        user_id = d.pop("user_id")

        avatar = d.pop("avatar", UNSET)

        _statistics = d.pop("statistics", UNSET)
        statistics: Statistics | Unset
        if isinstance(_statistics, Unset):
            statistics = UNSET
        else:
            statistics = Statistics.from_dict(_statistics)

        team_members = cast(list[str], d.pop("team_members", UNSET))

        profile = cls(
            id=id,
            created_at=created_at,
            default=default,
            formatted_username=formatted_username,
            schedules=schedules,
            service=service,
            service_id=service_id,
            service_username=service_username,
            timezone=timezone,
            user_id=user_id,
            avatar=avatar,
            statistics=statistics,
            team_members=team_members,
        )

        profile.additional_properties = d
        return profile

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
