from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NotRequired, TypedDict, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Profile")
# from_dict makes every model with it (see there). Bound once: looking __new__ up on object for each
# model cost ~3% of listing 100 profiles through BufferProfiles in memory (make bench).
_new_instance = object.__new__


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
        _get = src_dict.get
        counts = _get("counts", UNSET)
        if counts is not UNSET and counts is not None:
            counts = _profile_counts_from_dict(counts)
        statistics = _get("statistics", UNSET)
        if statistics is not UNSET and statistics is not None:
            statistics = _statistics_from_dict(statistics)
        # Made as pickle makes objects, without calling __init__: attrs' __init__ only assigns the
        # fields (the models have no validators or converters), and calling it with every field took
        # a third of the time of parsing a list of profiles (make bench).
        self = _new_instance(cls)
        self.id = src_dict["id"]
        self.created_at = src_dict["created_at"]
        self.formatted_username = src_dict["formatted_username"]
        self.schedules = [*map(_schedule_from_dict, src_dict["schedules"])]
        self.service = src_dict["service"]
        self.service_id = src_dict["service_id"]
        self.service_username = src_dict["service_username"]
        self.timezone = src_dict["timezone"]
        self.user_id = src_dict["user_id"]
        self.field_id = _get("_id", UNSET)
        self.avatar = _get("avatar", UNSET)
        self.avatar_https = _get("avatar_https", UNSET)
        self.counts = counts
        self.default = _get("default", UNSET)
        self.disconnected = _get("disconnected", UNSET)
        self.formatted_service = _get("formatted_service", UNSET)
        self.quick_signin = _get("quick_signin", UNSET)
        self.service_type = _get("service_type", UNSET)
        self.statistics = statistics
        self.team_members = _get("team_members", UNSET)
        self.utm_tracking = _get("utm_tracking", UNSET)
        self.verb = _get("verb", UNSET)
        # Every required key is there (or a KeyError was raised), so no more keys means no unknown ones.
        if len(src_dict) > 9 and not _PROPERTY_NAMES.issuperset(src_dict):
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


class ProfileDict(TypedDict):
    """Profile as plain data, as a request body accepts it."""

    id: str
    created_at: int
    formatted_username: str
    schedules: Sequence[Schedule | ScheduleDict]
    service: str
    service_id: str
    service_username: str
    timezone: str
    user_id: str
    _id: NotRequired[str | None]
    avatar: NotRequired[str | None]
    avatar_https: NotRequired[str | None]
    counts: NotRequired[ProfileCounts | ProfileCountsDict | None]
    default: NotRequired[bool | None]
    disconnected: NotRequired[Any]
    formatted_service: NotRequired[str | None]
    quick_signin: NotRequired[bool | None]
    service_type: NotRequired[str | None]
    statistics: NotRequired[Statistics | StatisticsDict | None]
    team_members: NotRequired[Sequence[str] | None]
    utm_tracking: NotRequired[str | None]
    verb: NotRequired[str | None]


_PROPERTY_NAMES = frozenset(
    {
        "id",
        "created_at",
        "formatted_username",
        "schedules",
        "service",
        "service_id",
        "service_username",
        "timezone",
        "user_id",
        "_id",
        "avatar",
        "avatar_https",
        "counts",
        "default",
        "disconnected",
        "formatted_service",
        "quick_signin",
        "service_type",
        "statistics",
        "team_members",
        "utm_tracking",
        "verb",
    }
)

# At the end, so that models that refer to each other import without a cycle.
from ..models.profile_counts import ProfileCounts, ProfileCountsDict  # noqa: E402
from ..models.schedule import Schedule, ScheduleDict  # noqa: E402
from ..models.statistics import Statistics, StatisticsDict  # noqa: E402

# Bound once: looking a classmethod up on its class makes a new bound method every time, and
# from_dict calls these for every nested object (binding them took ~7% off a list of profiles).
_profile_counts_from_dict = ProfileCounts.from_dict
_schedule_from_dict = Schedule.from_dict
_statistics_from_dict = Statistics.from_dict
