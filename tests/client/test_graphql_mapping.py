"""Buffer's GraphQL channels as v1 profiles, and schedules both ways: what survives, what is lost, and bad data.

Properties run under hypothesis (the project's profile derandomizes them on CI, see tests/conftest.py).
"""

import pickle
from collections.abc import Callable, Iterable
from typing import Any

import httpx
import pytest
from buffer_profiles_client import BufferApiError, MalformedResponseError
from buffer_profiles_client.errors import MalformedDataError
from buffer_profiles_client.graphql_mapping import (
    GRAPHQL_SERVICES,
    WEEK,
    channel_from_profile,
    iso_datetime,
    posting_schedule_from_schedules,
    profile_from_channel,
    read_account,
    read_channel,
    read_channels,
    read_posting_schedule,
    schedules_from_posting_schedule,
    unix_seconds,
)
from buffer_profiles_client.models import Schedule
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from buffer_profiles_testkit.yaml_loading import load_yaml
from overrides.generate import SPEC

ACCOUNT_ID = "4eb854340acb04e870000010"

# --- strategies -------------------------------------------------------------------------------------

days = st.sampled_from(WEEK)
times = st.builds(lambda hour, minute: f"{hour:02d}:{minute:02d}", st.integers(0, 23), st.integers(0, 59))
object_ids = st.text("0123456789abcdef", min_size=24, max_size=24)
# v1 schedules as any client may have stored them: days repeated across and within groups, any order.
v1_schedules = st.lists(
    st.builds(Schedule, days=st.lists(days, max_size=8), times=st.lists(times, max_size=5)), max_size=6
)
# GraphQL posting schedules as an answer may list them: any subset of the days, any order, paused or not.
posting_schedules = st.permutations(WEEK).flatmap(
    lambda order: st.lists(
        st.fixed_dictionaries({"times": st.lists(times, max_size=5), "paused": st.booleans()}),
        max_size=7,
    ).map(lambda entries: [{"day": day, **entry} for day, entry in zip(order, entries, strict=False)])
)
# The form that survives a trip to v1 and back: seven unpaused days in week order, times sorted, once each.
canonical_posting_schedules = st.tuples(*[st.sets(times, max_size=4) for _ in WEEK]).map(
    lambda per_day: [
        {"day": day, "times": sorted(slots), "paused": False} for day, slots in zip(WEEK, per_day, strict=True)
    ]
)


def channels(posting_schedule: st.SearchStrategy[list[dict[str, Any]]] = posting_schedules) -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(
        {
            "id": object_ids,
            "service": st.sampled_from(sorted(GRAPHQL_SERVICES)),
            "serviceId": st.text(min_size=1),
            "name": st.text(min_size=1),
            "displayName": st.none() | st.text(),
            "type": st.sampled_from(["page", "profile", "business", "group", "account", "channel"]),
            "timezone": st.sampled_from(["Europe/London", "America/New_York", "Asia/Kolkata", "UTC"]),
            "avatar": st.just("https://example.com/avatar.png"),
            "createdAt": st.integers(0, 4_102_444_800).map(iso_datetime),
            "postingSchedule": posting_schedule,
        }
    )


# --- helpers ----------------------------------------------------------------------------------------


def slots(schedules: Iterable[Schedule]) -> set[tuple[str, str]]:
    """On which day at which time a post goes out: what both APIs say."""
    return {(day, time) for schedule in schedules for day in schedule.days for time in schedule.times}


def assert_canonical(schedules: list[Schedule]) -> None:
    """Each day once, in week order, days with equal times together, times sorted and once each."""
    listed = [day for schedule in schedules for day in schedule.days]
    assert len(listed) == len(set(listed))
    assert [WEEK.index(schedule.days[0]) for schedule in schedules] == sorted(
        WEEK.index(schedule.days[0]) for schedule in schedules
    )
    for schedule in schedules:
        assert schedule.days
        assert schedule.times
        assert schedule.days == sorted(schedule.days, key=WEEK.index)
        assert schedule.times == sorted(set(schedule.times))
    assert len({tuple(schedule.times) for schedule in schedules}) == len(schedules)


def v1_round_trip(schedules: list[Schedule]) -> list[Schedule]:
    return schedules_from_posting_schedule(posting_schedule_from_schedules(schedules))


def as_dicts(schedules: list[Schedule]) -> list[dict[str, Any]]:
    return [schedule.to_dict() for schedule in schedules]


def profile_schema_validator() -> Draft202012Validator:
    spec = load_yaml(SPEC.read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource("urn:spec", DRAFT202012.create_resource(spec))
    return Draft202012Validator({"$ref": "urn:spec#/components/schemas/Profile"}, registry=registry)


PROFILE_SCHEMA = profile_schema_validator()


# --- a channel as a profile -------------------------------------------------------------------------

SEED_CHANNEL = {
    "id": "4eb854340acb04e870000010",
    "service": "twitter",
    "serviceId": "164724445",
    "name": "skinnyoteam",
    "displayName": "@skinnyoteam",
    "type": "profile",
    "timezone": "Europe/London",
    "avatar": "https://pbs.twimg.com/profile_images/1405180232.png",
    "createdAt": "2011-11-07T21:57:08.000Z",
    "postingSchedule": [
        *({"day": day, "times": ["12:00", "17:00", "18:00"], "paused": False} for day in WEEK[:5]),
        {"day": "sat", "times": [], "paused": False},
        {"day": "sun", "times": [], "paused": False},
    ],
}


def test_the_profiles_pages_profile_as_a_channel_maps_field_by_field() -> None:
    profile = profile_from_channel(SEED_CHANNEL, account_id=ACCOUNT_ID)

    assert profile.to_dict() == {
        "id": "4eb854340acb04e870000010",
        "user_id": ACCOUNT_ID,
        "service": "twitter",
        "service_id": "164724445",
        "service_username": "skinnyoteam",
        "formatted_username": "@skinnyoteam",
        "created_at": 1320703028,
        "timezone": "Europe/London",
        "schedules": [{"days": ["mon", "tue", "wed", "thu", "fri"], "times": ["12:00", "17:00", "18:00"]}],
        "avatar": "https://pbs.twimg.com/profile_images/1405180232.png",
        "service_type": "profile",
    }
    assert PROFILE_SCHEMA.is_valid(profile.to_dict())


def test_a_channel_without_a_display_name_shows_its_name() -> None:
    profile = profile_from_channel({**SEED_CHANNEL, "displayName": None}, account_id=ACCOUNT_ID)

    assert profile.formatted_username == "skinnyoteam"


def test_a_service_graphql_may_add_later_is_kept_as_v1_keeps_any() -> None:
    assert profile_from_channel({**SEED_CHANNEL, "service": "reddit"}, account_id=ACCOUNT_ID).service == "reddit"


@pytest.mark.parametrize(
    "moment",
    ["2011-11-07T21:57:08.000Z", "2011-11-07T21:57:08Z", "2011-11-07T22:57:08+01:00", "2011-11-07T21:57:08.999Z"],
)
def test_created_at_is_unix_seconds_rounded_down(moment: str) -> None:
    assert unix_seconds(moment) == 1320703028


def test_a_date_and_time_without_an_offset_is_read_as_utc() -> None:
    assert unix_seconds("2011-11-07T21:57:08") == 1320703028
    assert iso_datetime(1320703028) == "2011-11-07T21:57:08Z"


@given(channel=channels())
def test_every_well_formed_channel_maps_to_a_profile_the_spec_accepts(channel: dict[str, Any]) -> None:
    profile = profile_from_channel(channel, account_id=ACCOUNT_ID)

    assert PROFILE_SCHEMA.is_valid(profile.to_dict()), list(PROFILE_SCHEMA.iter_errors(profile.to_dict()))
    assert (profile.id, profile.user_id, profile.service, profile.service_id, profile.service_username) == (
        channel["id"],
        ACCOUNT_ID,
        channel["service"],
        channel["serviceId"],
        channel["name"],
    )
    assert profile.formatted_username == (channel["name"] if channel["displayName"] is None else channel["displayName"])
    assert iso_datetime(profile.created_at) == channel["createdAt"]


@given(channel=channels(canonical_posting_schedules).filter(lambda channel: channel["displayName"] is not None))
def test_a_channel_goes_to_a_profile_and_back_unchanged_when_nothing_is_lost(channel: dict[str, Any]) -> None:
    assert channel_from_profile(profile_from_channel(channel, account_id=ACCOUNT_ID)) == channel


# --- schedules both ways ----------------------------------------------------------------------------


def test_v1_to_graphql_lists_seven_unpaused_days_with_every_groups_times() -> None:
    stored = [
        Schedule(days=["fri", "mon"], times=["12:00", "09:00"]),
        Schedule(days=["mon"], times=["18:00", "09:00"]),
    ]

    assert posting_schedule_from_schedules(stored) == [
        {"day": "mon", "times": ["09:00", "12:00", "18:00"], "paused": False},
        {"day": "tue", "times": [], "paused": False},
        {"day": "wed", "times": [], "paused": False},
        {"day": "thu", "times": [], "paused": False},
        {"day": "fri", "times": ["09:00", "12:00"], "paused": False},
        {"day": "sat", "times": [], "paused": False},
        {"day": "sun", "times": [], "paused": False},
    ]
    # The grouping is what v1 loses: Monday's times now form a schedule of their own.
    assert as_dicts(v1_round_trip(stored)) == [
        {"days": ["mon"], "times": ["09:00", "12:00", "18:00"]},
        {"days": ["fri"], "times": ["09:00", "12:00"]},
    ]


def test_graphql_to_v1_groups_equal_days_and_leaves_out_paused_and_empty_ones() -> None:
    posting = [
        {"day": "sun", "times": ["10:00"], "paused": False},
        {"day": "tue", "times": ["17:00", "09:00"], "paused": False},
        {"day": "mon", "times": ["09:00", "17:00"], "paused": False},
        {"day": "wed", "times": ["09:00", "17:00"], "paused": True},
        {"day": "thu", "times": [], "paused": False},
    ]

    assert as_dicts(schedules_from_posting_schedule(posting)) == [
        {"days": ["mon", "tue"], "times": ["09:00", "17:00"]},
        {"days": ["sun"], "times": ["10:00"]},
    ]


def test_no_schedules_are_seven_empty_days_and_back() -> None:
    assert posting_schedule_from_schedules([]) == [{"day": day, "times": [], "paused": False} for day in WEEK]
    assert v1_round_trip([]) == []


@given(schedules=v1_schedules)
def test_v1_to_graphql_and_back_keeps_every_slot_in_the_canonical_grouping(schedules: list[Schedule]) -> None:
    back = v1_round_trip(schedules)

    assert slots(back) == slots(schedules)
    assert_canonical(back)
    assert as_dicts(v1_round_trip(back)) == as_dicts(back)  # the canonical grouping survives unchanged


@given(posting=posting_schedules)
def test_graphql_to_v1_and_back_loses_only_pauses_order_and_repeats(posting: list[dict[str, Any]]) -> None:
    by_day = {entry["day"]: entry for entry in posting}
    expected = [
        {
            "day": day,
            "times": [] if day not in by_day or by_day[day]["paused"] else sorted(set(by_day[day]["times"])),
            "paused": False,
        }
        for day in WEEK
    ]

    assert posting_schedule_from_schedules(schedules_from_posting_schedule(posting)) == expected


@given(posting=canonical_posting_schedules)
def test_seven_unpaused_days_with_sorted_times_survive_unchanged(posting: list[dict[str, Any]]) -> None:
    assert posting_schedule_from_schedules(schedules_from_posting_schedule(posting)) == posting


def test_a_hand_made_schedule_with_a_bad_day_is_refused() -> None:
    with pytest.raises(ValueError, match="'funday' is not a day"):
        posting_schedule_from_schedules([Schedule(days=["funday"], times=["09:00"])])  # type: ignore[list-item]


# --- the answers to each query ----------------------------------------------------------------------


def test_each_answer_is_read_from_its_data() -> None:
    assert read_account({"account": {"id": ACCOUNT_ID, "organizations": [{"id": "a"}, {"id": "b"}]}}) == (
        ACCOUNT_ID,
        ["a", "b"],
    )
    assert read_channels({"channels": [SEED_CHANNEL]}, account_id=ACCOUNT_ID) == [
        profile_from_channel(SEED_CHANNEL, account_id=ACCOUNT_ID)
    ]
    assert read_channel({"account": {"id": ACCOUNT_ID}, "channel": SEED_CHANNEL}) == profile_from_channel(
        SEED_CHANNEL, account_id=ACCOUNT_ID
    )
    assert as_dicts(read_posting_schedule({"channel": {"postingSchedule": SEED_CHANNEL["postingSchedule"]}})) == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "times": ["12:00", "17:00", "18:00"]}
    ]


# --- malformed answers ------------------------------------------------------------------------------

MALFORMED_ANSWERS: list[tuple[Callable[[Any], Any], Any, str]] = [
    (read_account, None, "data: expected an object, got null"),
    (read_account, {"account": None}, "data.account: expected an object, got null"),
    (read_account, {"account": {"id": ACCOUNT_ID}}, "data.account.organizations: missing"),
    (read_account, {"account": {"id": 7, "organizations": []}}, "data.account.id: expected a string, got a number"),
    (read_channel, {"channel": SEED_CHANNEL}, "data.account: missing"),
    (lambda data: read_channels(data, account_id=ACCOUNT_ID), {"channels": {}}, "data.channels: expected a list"),
    (read_posting_schedule, {"channel": {"postingSchedule": "mon"}}, "data.channel.postingSchedule: expected a list"),
    (
        read_posting_schedule,
        {"channel": {"postingSchedule": [{"day": "funday", "times": [], "paused": False}]}},
        "data.channel.postingSchedule[0].day: 'funday' is not a day (mon..sun)",
    ),
    (
        read_posting_schedule,
        {"channel": {"postingSchedule": [{"day": "mon", "times": [], "paused": False}] * 2}},
        "data.channel.postingSchedule[1].day: 'mon' is listed twice (Buffer sends one entry per day)",
    ),
    (
        read_channel,
        {"account": {"id": ACCOUNT_ID}, "channel": {**SEED_CHANNEL, "createdAt": "yesterday"}},
        "data.channel.createdAt: 'yesterday' is not an ISO 8601 date and time",
    ),
]


@pytest.mark.parametrize(("read", "data", "detail"), MALFORMED_ANSWERS)
def test_a_malformed_answer_raises_malformed_data_naming_the_place(
    read: Callable[[Any], Any], data: Any, detail: str
) -> None:
    with pytest.raises(MalformedDataError) as raised:
        read(data)

    assert raised.value.detail.startswith(detail)


def _corruptions(value: Any, path: str) -> Iterable[tuple[str, Any]]:
    """(place, a value that breaks the schema there) for every place in a channel."""
    if isinstance(value, dict):
        for name, member in value.items():
            yield from _corruptions(member, f"{path}.{name}")
    elif isinstance(value, list):
        yield path, "a list, once"
        for index, item in enumerate(value):
            yield from _corruptions(item, f"{path}[{index}]")
    elif path.endswith(".paused"):
        yield path, "false"
    elif path.endswith(".day"):
        yield path, "Monday"
    elif path.endswith(".createdAt"):
        yield path, 1320703028
    else:
        yield path, None if not path.endswith(".displayName") else 42


def _replaced(value: Any, path: list[str | int], new: Any, *, delete: bool) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    if delete and len(path) == 1:
        assert isinstance(copy, dict)
        del copy[path[0]]
    else:
        copy[path[0]] = _replaced(copy[path[0]], path[1:], new, delete=delete)  # type: ignore[index]
    return copy


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.removeprefix("channel.").replace("[", ".[").split("."):
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return parts


@given(channel=channels(), data=st.data())
def test_any_field_missing_or_of_a_wrong_type_raises_malformed_data_naming_it(
    channel: dict[str, Any], data: st.DataObject
) -> None:
    place, bad = data.draw(st.sampled_from(list(_corruptions(channel, "channel"))))
    parts = _parts(place)
    delete = isinstance(parts[-1], str) and data.draw(st.booleans())
    corrupted = _replaced(channel, parts, bad, delete=delete)

    with pytest.raises(MalformedDataError) as raised:
        profile_from_channel(corrupted, account_id=ACCOUNT_ID)

    assert raised.value.detail.startswith(f"{place}: {'missing' if delete else ''}")


def test_malformed_data_is_a_malformed_response_error_and_gains_the_response() -> None:
    with pytest.raises(MalformedDataError) as raised:
        read_account({"account": None})
    request = httpx.Request("POST", "https://api.buffer.com/?access_token=s3cret")
    response = httpx.Response(200, json={"data": {"account": None}}, request=request)

    error = raised.value.with_response(response)

    assert isinstance(error, MalformedResponseError)
    assert isinstance(error, BufferApiError)
    assert (error.status_code, error.method, error.url) == (
        200,
        "POST",
        "https://api.buffer.com/?access_token=REDACTED",
    )
    assert error.content == response.content
    assert error.message == error.detail == "data.account: expected an object, got null"
    assert str(error) == (
        "200 OK: data.account: expected an object, got null [POST https://api.buffer.com/?access_token=REDACTED]"
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.detail, copy.url, copy.content, str(copy)) == (
        MalformedDataError,
        error.detail,
        error.url,
        error.content,
        str(error),
    )


def test_malformed_data_keeps_its_detail_over_a_message_in_the_body() -> None:
    error = MalformedDataError(200, b'{"message": "Whoops"}', detail="data.channel: missing")

    assert error.message == "data.channel: missing"
