from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.profile_counts import ProfileCounts
    from ..models.schedule import Schedule
    from ..models.statistics import Statistics


T = TypeVar("T", bound="Profile")


@_attrs_define
class Profile:
    """A connection to one social media account. Required are the fields that every documented and recorded profile carries
    and that identify it; every other field may be missing or `null` (Buffer sends `null` where it has no value), and
    the API returns more fields than listed here: clients keep them as additional properties.

    """

    id: str
    """ A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's documentation and recorded answers
    has this form). """
    created_at: int
    """ When the profile was connected, in Unix seconds. """
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
    """ A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's documentation and recorded answers
    has this form). """
    field_id: None | str | Unset = UNSET
    """ The same kind of id under its storage name (recorded answers carry it). """
    avatar: None | str | Unset = UNSET
    """ The URL of the account's avatar image. """
    avatar_https: None | str | Unset = UNSET
    """ The avatar's URL over HTTPS. """
    counts: None | ProfileCounts | Unset = UNSET
    """ Queue figures of the profile. """
    default: bool | None | Unset = UNSET
    """ Whether new posts go to this profile unless told otherwise. """
    disconnected: Any | Unset = UNSET
    """ Whether the connection to the service was lost; recorded answers send `null` for a connected profile, and no
    other value was recorded. """
    formatted_service: None | str | Unset = UNSET
    """ The service's display name, e.g. `Twitter`. """
    quick_signin: bool | None | Unset = UNSET
    """ Whether the user may sign in to Buffer through this account. """
    service_type: None | str | Unset = UNSET
    """ What kind of account on the service, e.g. `profile`, `page`, `group`. """
    statistics: None | Statistics | Unset = UNSET
    """ Audience figures of the account. """
    team_members: list[str] | None | Unset = UNSET
    """ The ids of the Buffer users who share this profile. """
    utm_tracking: None | str | Unset = UNSET
    """ Whether links in this profile's updates get UTM parameters, e.g. `enabled`. """
    verb: None | str | Unset = UNSET
    """ What the service calls a post, e.g. `tweet`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.profile_counts import ProfileCounts  # noqa: PLC0415
        from ..models.statistics import Statistics  # noqa: PLC0415

        id = self.id

        created_at = self.created_at

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

        field_id: None | str | Unset
        if isinstance(self.field_id, Unset):
            field_id = UNSET
        else:
            field_id = self.field_id

        avatar: None | str | Unset
        if isinstance(self.avatar, Unset):
            avatar = UNSET
        else:
            avatar = self.avatar

        avatar_https: None | str | Unset
        if isinstance(self.avatar_https, Unset):
            avatar_https = UNSET
        else:
            avatar_https = self.avatar_https

        counts: dict[str, Any] | None | Unset
        if isinstance(self.counts, Unset):
            counts = UNSET
        elif isinstance(self.counts, ProfileCounts):
            counts = self.counts.to_dict()
        else:
            counts = self.counts

        default: bool | None | Unset
        if isinstance(self.default, Unset):
            default = UNSET
        else:
            default = self.default

        disconnected = self.disconnected

        formatted_service: None | str | Unset
        if isinstance(self.formatted_service, Unset):
            formatted_service = UNSET
        else:
            formatted_service = self.formatted_service

        quick_signin: bool | None | Unset
        if isinstance(self.quick_signin, Unset):
            quick_signin = UNSET
        else:
            quick_signin = self.quick_signin

        service_type: None | str | Unset
        if isinstance(self.service_type, Unset):
            service_type = UNSET
        else:
            service_type = self.service_type

        statistics: dict[str, Any] | None | Unset
        if isinstance(self.statistics, Unset):
            statistics = UNSET
        elif isinstance(self.statistics, Statistics):
            statistics = self.statistics.to_dict()
        else:
            statistics = self.statistics

        team_members: list[str] | None | Unset
        if isinstance(self.team_members, Unset):
            team_members = UNSET
        elif isinstance(self.team_members, list):
            team_members = self.team_members

        else:
            team_members = self.team_members

        utm_tracking: None | str | Unset
        if isinstance(self.utm_tracking, Unset):
            utm_tracking = UNSET
        else:
            utm_tracking = self.utm_tracking

        verb: None | str | Unset
        if isinstance(self.verb, Unset):
            verb = UNSET
        else:
            verb = self.verb

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "formatted_username": formatted_username,
                "schedules": schedules,
                "service": service,
                "service_id": service_id,
                "service_username": service_username,
                "timezone": timezone,
                "user_id": user_id,
            }
        )
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if avatar_https is not UNSET:
            field_dict["avatar_https"] = avatar_https
        if counts is not UNSET:
            field_dict["counts"] = counts
        if default is not UNSET:
            field_dict["default"] = default
        if disconnected is not UNSET:
            field_dict["disconnected"] = disconnected
        if formatted_service is not UNSET:
            field_dict["formatted_service"] = formatted_service
        if quick_signin is not UNSET:
            field_dict["quick_signin"] = quick_signin
        if service_type is not UNSET:
            field_dict["service_type"] = service_type
        if statistics is not UNSET:
            field_dict["statistics"] = statistics
        if team_members is not UNSET:
            field_dict["team_members"] = team_members
        if utm_tracking is not UNSET:
            field_dict["utm_tracking"] = utm_tracking
        if verb is not UNSET:
            field_dict["verb"] = verb

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.profile_counts import ProfileCounts  # noqa: PLC0415
        from ..models.schedule import Schedule  # noqa: PLC0415
        from ..models.statistics import Statistics  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        created_at = d.pop("created_at")

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

        def _parse_field_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        field_id = _parse_field_id(d.pop("_id", UNSET))

        def _parse_avatar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        avatar = _parse_avatar(d.pop("avatar", UNSET))

        def _parse_avatar_https(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        avatar_https = _parse_avatar_https(d.pop("avatar_https", UNSET))

        def _parse_counts(data: object) -> None | ProfileCounts | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                counts_type_0 = ProfileCounts.from_dict(data)

                return counts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProfileCounts | Unset, data)

        counts = _parse_counts(d.pop("counts", UNSET))

        def _parse_default(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        default = _parse_default(d.pop("default", UNSET))

        disconnected = d.pop("disconnected", UNSET)

        def _parse_formatted_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        formatted_service = _parse_formatted_service(d.pop("formatted_service", UNSET))

        def _parse_quick_signin(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        quick_signin = _parse_quick_signin(d.pop("quick_signin", UNSET))

        def _parse_service_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_type = _parse_service_type(d.pop("service_type", UNSET))

        def _parse_statistics(data: object) -> None | Statistics | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                statistics_type_0 = Statistics.from_dict(data)

                return statistics_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Statistics | Unset, data)

        statistics = _parse_statistics(d.pop("statistics", UNSET))

        def _parse_team_members(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                team_members_type_0 = cast(list[str], data)

                return team_members_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        team_members = _parse_team_members(d.pop("team_members", UNSET))

        def _parse_utm_tracking(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        utm_tracking = _parse_utm_tracking(d.pop("utm_tracking", UNSET))

        def _parse_verb(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verb = _parse_verb(d.pop("verb", UNSET))

        profile = cls(
            id=id,
            created_at=created_at,
            formatted_username=formatted_username,
            schedules=schedules,
            service=service,
            service_id=service_id,
            service_username=service_username,
            timezone=timezone,
            user_id=user_id,
            field_id=field_id,
            avatar=avatar,
            avatar_https=avatar_https,
            counts=counts,
            default=default,
            disconnected=disconnected,
            formatted_service=formatted_service,
            quick_signin=quick_signin,
            service_type=service_type,
            statistics=statistics,
            team_members=team_members,
            utm_tracking=utm_tracking,
            verb=verb,
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
