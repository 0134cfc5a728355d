"""Checks of the one write: what an accepted update says and stores, and that it changes nothing else.

They compare the API's readings with what was sent, or the profile lists of the user and of the
other user (``BUFFER_OTHER_ACCESS_TOKEN``) just before the update (the ``before_call`` hook) with
the same lists just after it (read once, for all the checks): each list embeds every profile's
schedules and owner-controlled fields (``run.account.OWNER_FIELDS``). So the suite must be the
account's only writer while it runs (``workers = 1`` in ``schemathesis.toml``).

An update is refused by an error status, or by a ``200`` saying ``"success": false``, as Buffer was
recorded refusing some (the spec's update ``200``): a refused update must change nothing; a valid one
answered that way fails ``accepted_updates_say_success_true`` (and ``schedules_read_your_writes``,
since nothing was stored). A reading that got no answer (a 429 past the retries, none at all) leaves
the judgement not verified, never failed.
"""

import threading
from typing import Any

import schemathesis

from buffer_profiles_testkit.contract import not_verified
from buffer_profiles_testkit.contract.api_reader import Reading, other_user_reader_for, reader_for
from buffer_profiles_testkit.contract.checks.case_facts import (
    UPDATE_SCHEDULES,
    case_label,
    operation_id,
    profile_id,
    shown,
)
from buffer_profiles_testkit.contract.checks.judgements import accepted_update_problem, update_was_refused
from buffer_profiles_testkit.contract.overhead import timed
from buffer_profiles_testkit.contract.run.account import (
    SingleProfileViews,
    changes_by_profile,
    fields_changed_in,
    is_listing,
    schedules_by_profile,
)
from buffer_profiles_testkit.contract.spec_facts import component_validators

Lists = tuple[Reading | None, Reading | None]  # the user's and the other user's profile lists

# The latest update's case id and its lists before and after (workers = 1: one update at a time).
_readings: dict[str, Any] = {"case": None, "before": None, "after": None}
_readings_lock = threading.Lock()
_single_views = SingleProfileViews()


def _lists(case: Any) -> Lists:
    return tuple(  # type: ignore[return-value]
        None if reader is None else reader.profiles() for reader in (reader_for(case), other_user_reader_for(case))
    )


@schemathesis.hook
@timed
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Read both users' profile lists before each update (and each profile once on its own), for the checks."""
    reader = reader_for(case)
    if operation_id(case) != UPDATE_SCHEDULES or reader is None:
        return
    before = _lists(case)
    _single_views.remember(reader, profile_id(case))
    with _readings_lock:
        _readings.update(case=case.id, before=before, after=None)


def _before_and_after(check: str, case: Any) -> tuple[Lists, Lists] | None:
    """Both users' lists around this update; None (the judgement recorded as not verified) when one is unreadable."""
    with _readings_lock:
        if _readings["case"] != case.id or _readings["before"] is None:
            return None
        if _readings["after"] is None:
            _readings["after"] = _lists(case)
        before, after = _readings["before"], _readings["after"]
    readings = [reading for reading in (*before, *after) if reading is not None]
    if not all(is_listing(reading) for reading in readings):
        statuses = ", ".join(str(reading.status or "no answer") for reading in readings)
        not_verified.record(check, case_label(case), f"a profile list read to judge it was not a list ({statuses})")
        return None
    return before, after


def _sent_valid_form(case: Any) -> bool:
    return component_validators(case.operation.schema.raw_schema).is_valid("UpdateSchedulesForm", case.body)


def _applied(response: Any) -> bool:
    return not update_was_refused(response.status_code, bytes(response.content))


@schemathesis.check
@timed
def accepted_updates_say_success_true(ctx: Any, response: Any, case: Any) -> bool | None:
    """A valid update answered with a success says `"success": true` (a `false` is a refusal)."""
    if operation_id(case) != UPDATE_SCHEDULES or not _sent_valid_form(case):
        return True
    problem = accepted_update_problem(response.status_code, bytes(response.content))
    if problem is not None:
        raise AssertionError(problem)
    return None


@schemathesis.check
@timed
def schedules_read_your_writes(ctx: Any, response: Any, case: Any) -> bool | None:
    """After a valid update is answered with a success, the schedules endpoint returns exactly the schedules sent."""
    if operation_id(case) != UPDATE_SCHEDULES or not 200 <= response.status_code < 300 or not _sent_valid_form(case):
        return True
    if accepted_update_problem(response.status_code, bytes(response.content)) is None and not _applied(response):
        return True  # the schedule limit refused it (code 1013): nothing to read back
    reader = reader_for(case)
    if reader is None:
        return True
    sent = case.body["schedules"]
    reading = reader.schedules(profile_id(case))
    if reading.unanswered:
        not_verified.record("schedules_read_your_writes", case_label(case), f"the read back got {reading.status}")
        return True
    if reading.status != 200 or reading.body != sent:
        raise AssertionError(
            f"The update was answered {response.status_code}, but the schedules read back differ from those sent.\n"
            f"Sent:      {shown(sent)}\nRead back: {reading.describe()}"
        )
    return None


@schemathesis.check
@timed
def rejected_update_changes_nothing(ctx: Any, response: Any, case: Any) -> bool | None:
    """An update refused (an error, or a 200 saying `"success": false`) leaves the profile exactly as it was."""
    if operation_id(case) != UPDATE_SCHEDULES or _applied(response):
        return True
    readings = _before_and_after("rejected_update_changes_nothing", case)
    if readings is None:
        return True
    (mine_before, _), (mine_after, _) = readings
    assert mine_after is not None
    target = profile_id(case)
    changed = changes_by_profile(mine_before, mine_after).get(target)
    if changed:
        was, now = schedules_by_profile(mine_before).get(target), schedules_by_profile(mine_after).get(target)
        raise AssertionError(
            f"The update was refused ({response.status_code}), yet the profile's {', '.join(changed)} changed.\n"
            f"Schedules before: {shown(was)}\nSchedules after:  {shown(now)}\nRead with: {mine_after.curl}"
        )
    return None


@schemathesis.check
@timed
def updates_touch_only_their_profile(ctx: Any, response: Any, case: Any) -> bool | None:
    """After an update, answered success or not, every other profile of the user and of the other user is unchanged."""
    if operation_id(case) != UPDATE_SCHEDULES:
        return True
    readings = _before_and_after("updates_touch_only_their_profile", case)
    if readings is None:
        return True
    updated = profile_id(case)
    for owner, listed_before, listed_after in zip(("user's", "other user's"), *readings, strict=True):
        if listed_after is None:
            continue
        changed = changes_by_profile(listed_before, listed_after, updated)
        if changed:
            named = "; ".join(f"{profile}: {', '.join(what)}" for profile, what in changed.items())
            was = schedules_by_profile(listed_before, updated)
            raise AssertionError(
                f"An update of profile {updated!r} (answered {response.status_code}) changed the {owner} other "
                f"profile(s) ({named}).\nBefore: {shown({p: was.get(p) for p in changed})}\n"
                f"After:  {listed_after.describe()}"
            )
    return None


@schemathesis.check
@timed
def updates_change_only_the_schedules(ctx: Any, response: Any, case: Any) -> bool | None:
    """An accepted update leaves every owner-controlled field of its profile as it was, in the list and on its own."""
    if operation_id(case) != UPDATE_SCHEDULES or not _applied(response):
        return True
    readings = _before_and_after("updates_change_only_the_schedules", case)
    reader = reader_for(case)
    if readings is None or reader is None:
        return True
    (mine_before, _), (mine_after, _) = readings
    target = profile_id(case)
    changed = fields_changed_in(mine_before, mine_after, target)
    after: Reading | None = mine_after
    if not changed:
        compared = _single_views.compare(reader, target)
        if compared is None:
            return None
        changed, after = compared
        if after.status != 200:
            reason = f"reading the profile back got {after.status or 'no answer'}"
            not_verified.record("updates_change_only_the_schedules", case_label(case), reason)
            return True
    if changed:
        assert after is not None
        raise AssertionError(
            f"The update of profile {target!r} (answered {response.status_code}) also changed its "
            f"{', '.join(changed)}: an update changes only the schedules.\nRead with: {after.describe()}"
        )
    return None
