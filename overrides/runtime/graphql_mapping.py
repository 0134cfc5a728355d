"""Buffer's GraphQL answers as this package's v1 models, and v1 schedules as GraphQL's: pure functions.

A v1 profile is a GraphQL ``Channel``; ``graphql_queries`` asks for exactly the fields read here.

=====================  ===========================  ============================================
v1 ``Profile``         GraphQL                      how
=====================  ===========================  ============================================
``id``                 ``Channel.id``               as is (both MongoDB ObjectIds; Buffer does
                                                    not say a profile keeps its id as a channel)
``user_id``            ``Account.id``               the account the API key belongs to
``service``            ``Channel.service``          as is (``twitter`` stays ``twitter``); any
                                                    value is kept, as v1's set is open
``service_id``         ``Channel.serviceId``        as is
``service_username``   ``Channel.name``             as is
``formatted_username`` ``Channel.displayName``      as is; ``name`` when it is null
``created_at``         ``Channel.createdAt``        ISO 8601 to Unix seconds (rounded down; no
                                                    offset read as UTC)
``timezone``           ``Channel.timezone``         as is
``schedules``          ``Channel.postingSchedule``  per day to grouped (below)
``avatar``             ``Channel.avatar``           as is
``service_type``       ``Channel.type``             as is (``profile``, ``page``, ``group``, ...)
=====================  ===========================  ============================================

v1's other fields (``_id``, ``avatar_https``, ``counts``, ``default``, ``disconnected``,
``formatted_service``, ``quick_signin``, ``statistics``, ``team_members``, ``utm_tracking``,
``verb``) have no counterpart in a channel and stay unset.

Schedules. GraphQL lists one ``ScheduleV2 {day, times, paused}`` per day; v1 lists groups
``{days, times}``, each time on each day of its group. Both say on which days posts go out at which
times: that is kept both ways. What the other side cannot say is not:

- v1 has no pause: a paused day's times are left out of v1's schedules (no post goes out then), and
  every day comes back from v1 unpaused;
- v1 may name a day in several groups, in any order, and repeat times: the slots are kept, the
  grouping is not. To GraphQL, a day gets the times of every group naming it, sorted and once each;
  to v1, days with the same times form one group, days and groups in week order (Monday first),
  times sorted, and days without times are left out;
- GraphQL lists all seven days, some with no times; from v1, a day no group names has no times.

So a v1 list in that canonical grouping, and a GraphQL list of seven unpaused days in week order with
sorted times, each survive the trip there and back unchanged.

An answer that is not what Buffer's schema promises (a field missing or null where it may not be,
a wrong type, an unknown day, a day listed twice) raises ``MalformedDataError``, whose ``detail``
names the place, e.g. ``data.channel.postingSchedule[2].day: 'funday' is not a day (mon..sun)``.
"""

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, cast

# The generated models exist only in the package; absolute, so this file type-checks where it is
# written, in overrides/runtime/, as well.
from buffer_profiles_client.models import Profile, Schedule
from buffer_profiles_client.models.day import Day

from .errors import MalformedDataError

WEEK: tuple[Day, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Buffer's Service enum in its GraphQL schema: the values a channel's service can take there.
GRAPHQL_SERVICES = frozenset(
    {
        "bluesky",
        "facebook",
        "googlebusiness",
        "instagram",
        "linkedin",
        "mastodon",
        "pinterest",
        "startPage",
        "threads",
        "tiktok",
        "twitter",
        "youtube",
    }
)

_JSON_TYPE_NAMES = {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string"}


class _Value:
    """A value of a decoded answer, and where it is in the answer, for errors that name the place."""

    __slots__ = ("key", "parent", "value")

    def __init__(self, value: Any, key: str | int, parent: "_Value | None" = None) -> None:
        self.value = value
        self.key = key
        self.parent = parent

    @property
    def path(self) -> str:
        """Where the value is, e.g. ``data.channel.postingSchedule[2].day``; built only for an error."""
        if self.parent is None:
            return str(self.key)
        return f"{self.parent.path}[{self.key}]" if isinstance(self.key, int) else f"{self.parent.path}.{self.key}"

    def malformed(self, problem: str) -> MalformedDataError:
        return MalformedDataError(detail=f"{self.path}: {problem}")

    def _unexpected(self, expected: str) -> MalformedDataError:
        found = _JSON_TYPE_NAMES.get(type(self.value)) or ("a list" if isinstance(self.value, list) else "an object")
        return self.malformed(f"expected {expected}, got {found}")

    def __getitem__(self, name: str) -> "_Value":
        if not isinstance(self.value, dict):
            raise self._unexpected("an object")
        if name not in self.value:
            raise MalformedDataError(detail=f"{self.path}.{name}: missing")
        return _Value(self.value[name], name, self)

    def items(self) -> list["_Value"]:
        if not isinstance(self.value, list):
            raise self._unexpected("a list")
        return [_Value(item, index, self) for index, item in enumerate(self.value)]

    def strings(self) -> list[str]:
        if isinstance(self.value, list) and all(isinstance(item, str) for item in self.value):
            return self.value
        return [item.string() for item in self.items()]  # raises, naming the first item that is not one

    def string(self) -> str:
        if not isinstance(self.value, str):
            raise self._unexpected("a string")
        return self.value

    def optional_string(self) -> str | None:
        return None if self.value is None else self.string()

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self._unexpected("a boolean")
        return self.value

    def day(self) -> Day:
        if self.value not in WEEK:
            raise self.malformed(f"{self.value!r} is not a day (mon..sun)")
        return cast(Day, self.value)


# --- the answers to graphql_queries' documents (each takes the answer's "data") ---------------------


def read_account(data: Any) -> tuple[str, list[str]]:
    """The account's id and its organizations' ids, from the answer to ``ACCOUNT``."""
    account = _Value(data, "data")["account"]
    return account["id"].string(), [organization["id"].string() for organization in account["organizations"].items()]


def read_channels(data: Any, *, account_id: str) -> list[Profile]:
    """An organization's channels as profiles of the account ``account_id``, from the answer to ``CHANNELS``."""
    return [_profile(channel, account_id) for channel in _Value(data, "data")["channels"].items()]


def read_channel(data: Any) -> Profile:
    """The channel as a profile, from the answer to ``CHANNEL`` (which carries the account's id too)."""
    root = _Value(data, "data")
    return _profile(root["channel"], root["account"]["id"].string())


def read_posting_schedule(data: Any) -> list[Schedule]:
    """The channel's posting schedule as v1 schedules, from the answer to ``POSTING_SCHEDULE``."""
    return _schedules(_Value(data, "data")["channel"]["postingSchedule"])


# --- one channel, one posting schedule --------------------------------------------------------------


def profile_from_channel(channel: Any, *, account_id: str) -> Profile:
    """The v1 profile for a decoded ``Channel`` with the fields of ``graphql_queries.CHANNEL_FIELDS``."""
    return _profile(_Value(channel, "channel"), account_id)


def schedules_from_posting_schedule(posting_schedule: Any) -> list[Schedule]:
    """v1's grouped schedules for a decoded ``[ScheduleV2]``, in the canonical grouping (module docs)."""
    return _schedules(_Value(posting_schedule, "postingSchedule"))


def posting_schedule_from_schedules(schedules: Iterable[Schedule]) -> list[dict[str, Any]]:
    """GraphQL's ``[ScheduleV2]`` for v1 schedules: the seven days in week order, none paused."""
    times_by_day: dict[str, set[str]] = {day: set() for day in WEEK}
    for schedule in schedules:
        for day in schedule.days:
            if day not in times_by_day:
                raise ValueError(f"{day!r} is not a day (mon..sun)")
            times_by_day[day].update(schedule.times)
    return [{"day": day, "times": sorted(times_by_day[day]), "paused": False} for day in WEEK]


def channel_from_profile(profile: Profile) -> dict[str, Any]:
    """The ``Channel`` fields of ``CHANNEL_FIELDS`` for a v1 profile: what a GraphQL server holding it answers.

    The inverse of ``profile_from_channel`` on what both can say. ``avatar`` and ``type`` are None
    where the profile has no ``avatar`` or ``service_type``, and a GraphQL server can send only a
    ``service`` in ``GRAPHQL_SERVICES``: Buffer's schema allows neither, so a server serving profiles
    this way fills in or refuses those.
    """
    avatar = profile.avatar if isinstance(profile.avatar, str) else None
    service_type = profile.service_type if isinstance(profile.service_type, str) else None
    return {
        "id": profile.id,
        "service": profile.service,
        "serviceId": profile.service_id,
        "name": profile.service_username,
        "displayName": profile.formatted_username,
        "type": service_type,
        "timezone": profile.timezone,
        "avatar": avatar,
        "createdAt": iso_datetime(profile.created_at),
        "postingSchedule": posting_schedule_from_schedules(profile.schedules),
    }


def unix_seconds(moment: str) -> int:
    """An ISO 8601 date and time (GraphQL's ``DateTime``) in Unix seconds, rounded down; no offset means UTC."""
    parsed = datetime.fromisoformat(moment)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return math.floor(parsed.timestamp())


def iso_datetime(seconds: int) -> str:
    """Unix seconds as an ISO 8601 date and time in UTC, e.g. ``2011-11-07T21:57:08Z``."""
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def _profile(channel: _Value, account_id: str) -> Profile:
    name = channel["name"].string()
    display_name = channel["displayName"].optional_string()
    created_at = channel["createdAt"]
    try:
        created = unix_seconds(created_at.string())
    except ValueError:
        raise created_at.malformed(f"{created_at.value!r} is not an ISO 8601 date and time") from None
    return Profile(
        id=channel["id"].string(),
        user_id=account_id,
        service=channel["service"].string(),
        service_id=channel["serviceId"].string(),
        service_username=name,
        formatted_username=name if display_name is None else display_name,
        created_at=created,
        timezone=channel["timezone"].string(),
        schedules=_schedules(channel["postingSchedule"]),
        avatar=channel["avatar"].string(),
        service_type=channel["type"].string(),
    )


def _schedules(posting_schedule: _Value) -> list[Schedule]:
    times_by_day: dict[Day, list[str]] = {}
    for entry in posting_schedule.items():
        day = entry["day"].day()
        if day in times_by_day:
            raise entry["day"].malformed(f"{day!r} is listed twice (Buffer sends one entry per day)")
        times = entry["times"].strings()
        times_by_day[day] = [] if entry["paused"].boolean() else times
    return _grouped(times_by_day)


def _grouped(times_by_day: Mapping[Day, Iterable[str]]) -> list[Schedule]:
    """Days with the same times as one schedule; days and schedules in week order, times sorted, once each."""
    days_by_times: dict[tuple[str, ...], list[Day]] = {}
    for day in WEEK:
        times = tuple(sorted(set(times_by_day.get(day, ()))))
        if times:
            days_by_times.setdefault(times, []).append(day)
    return [Schedule(days=days, times=list(times)) for times, days in days_by_times.items()]
