"""Checks of the one write: what a successful update stores, and that a rejected one stores nothing.

Both compare the profile's schedules endpoint with what was sent or with a reading taken just
before the update (the ``before_call`` hook), so the suite must be the profile's only writer while
it runs (``workers = 1`` in ``schemathesis.toml``).
"""

import threading
from typing import Any

import schemathesis

from .api_reader import Reading, reader_for
from .cases import UPDATE_SCHEDULES, is_success, operation_id, profile_id, shown
from .spec_facts import component_validators

_before_update: dict[str, Reading] = {}  # case id -> the profile's schedules just before the update
_before_update_lock = threading.Lock()


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Read the profile's schedules before each update, for rejected_update_changes_nothing."""
    if operation_id(case) != UPDATE_SCHEDULES:
        return
    reader = reader_for(case)
    if reader is None:
        return
    reading = reader.schedules(profile_id(case))
    with _before_update_lock:
        _before_update[case.id] = reading


def _reading_before(case: Any) -> Reading | None:
    with _before_update_lock:
        return _before_update.pop(case.id, None)


def _sent_valid_form(case: Any) -> bool:
    return component_validators(case.operation.schema.raw_schema).is_valid("UpdateSchedulesForm", case.body)


@schemathesis.check
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
def rejected_update_changes_nothing(ctx: Any, response: Any, case: Any) -> bool | None:
    """An update answered with an error leaves the profile's schedules exactly as they were."""
    if operation_id(case) != UPDATE_SCHEDULES:
        return True
    before = _reading_before(case)
    if is_success(response) or before is None:
        return True
    reader = reader_for(case)
    if reader is None:
        return True
    after = reader.schedules(profile_id(case))
    if (after.status, after.body) != (before.status, before.body):
        raise AssertionError(
            f"The update was rejected with {response.status_code}, yet the profile's schedules changed.\n"
            f"Before: {before.status} {shown(before.body)}\nAfter:  {after.describe()}"
        )
    return None
