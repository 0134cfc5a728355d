"""Checks of the one write: what a successful update stores, and that it stores nothing anywhere else.

They compare the API's readings with what was sent, or the profile lists of the user and of the
other user (``BUFFER_OTHER_ACCESS_TOKEN``) just before the update (the ``before_call`` hook) with
the same lists just after it (read once, for all the checks): each list embeds every profile's
schedules. So the suite must be the account's only writer while it runs (``workers = 1`` in
``schemathesis.toml``).
"""

import threading
from typing import Any

import schemathesis

from buffer_profiles_testkit.contract.api_reader import Reading, other_user_reader_for, reader_for
from buffer_profiles_testkit.contract.checks.case_facts import (
    UPDATE_SCHEDULES,
    is_success,
    operation_id,
    profile_id,
    shown,
)
from buffer_profiles_testkit.contract.overhead import timed
from buffer_profiles_testkit.contract.run.account import changed_profiles, schedules_by_profile
from buffer_profiles_testkit.contract.spec_facts import component_validators

Lists = tuple[Reading | None, Reading | None]  # the user's and the other user's profile lists

# The latest update's case id and its lists before and after (workers = 1: one update at a time).
_readings: dict[str, Any] = {"case": None, "before": None, "after": None}
_readings_lock = threading.Lock()


def _lists(case: Any) -> Lists:
    return tuple(  # type: ignore[return-value]
        None if reader is None else reader.profiles() for reader in (reader_for(case), other_user_reader_for(case))
    )


@schemathesis.hook
@timed
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Read both users' profile lists before each update, for the checks below."""
    if operation_id(case) != UPDATE_SCHEDULES or reader_for(case) is None:
        return
    before = _lists(case)
    with _readings_lock:
        _readings.update(case=case.id, before=before, after=None)


def _before_and_after(case: Any) -> tuple[Lists, Lists] | None:
    with _readings_lock:
        if _readings["case"] != case.id or _readings["before"] is None:
            return None
        if _readings["after"] is None:
            _readings["after"] = _lists(case)
        return _readings["before"], _readings["after"]


def _sent_valid_form(case: Any) -> bool:
    return component_validators(case.operation.schema.raw_schema).is_valid("UpdateSchedulesForm", case.body)


@schemathesis.check
@timed
def schedules_read_your_writes(ctx: Any, response: Any, case: Any) -> bool | None:
    """After a successful update, the schedules endpoint returns exactly the schedules sent."""
    if operation_id(case) != UPDATE_SCHEDULES or not is_success(response) or not _sent_valid_form(case):
        return True
    reader = reader_for(case)
    if reader is None:
        return True
    sent = case.body["schedules"]
    reading = reader.schedules(profile_id(case))
    if reading.status != 200 or reading.body != sent:
        raise AssertionError(
            f"The update was answered {response.status_code}, but the schedules read back differ from those sent.\n"
            f"Sent:      {shown(sent)}\nRead back: {reading.describe()}"
        )
    return None


@schemathesis.check
@timed
def rejected_update_changes_nothing(ctx: Any, response: Any, case: Any) -> bool | None:
    """An update answered with an error leaves the profile's schedules exactly as they were."""
    if operation_id(case) != UPDATE_SCHEDULES or is_success(response):
        return True
    readings = _before_and_after(case)
    if readings is None:
        return True
    (mine_before, _), (mine_after, _) = readings
    target = profile_id(case)
    was, now = schedules_by_profile(mine_before).get(target), schedules_by_profile(mine_after).get(target)
    if was != now and mine_after is not None:
        raise AssertionError(
            f"The update was rejected with {response.status_code}, yet the profile's schedules changed.\n"
            f"Before: {shown(was)}\nAfter:  {shown(now)}\nRead with: {mine_after.curl}"
        )
    return None


@schemathesis.check
@timed
def updates_touch_only_their_profile(ctx: Any, response: Any, case: Any) -> bool | None:
    """After an update, answered success or not, every other profile of the user and of the other user is unchanged."""
    if operation_id(case) != UPDATE_SCHEDULES:
        return True
    readings = _before_and_after(case)
    if readings is None:
        return True
    updated = profile_id(case)
    for owner, listed_before, listed_after in zip(("user's", "other user's"), *readings, strict=True):
        was, now = schedules_by_profile(listed_before, updated), schedules_by_profile(listed_after, updated)
        changed = changed_profiles(was, now)
        if changed and listed_after is not None:
            raise AssertionError(
                f"An update of profile {updated!r} (answered {response.status_code}) changed the {owner} other "
                f"profile(s) {', '.join(changed)}.\nBefore: {shown({p: was.get(p) for p in changed})}\n"
                f"After:  {listed_after.describe()}"
            )
    return None
