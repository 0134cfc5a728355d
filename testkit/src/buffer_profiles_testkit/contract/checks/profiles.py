"""Checks that the API's views of a profile agree: by id, in the list, and through its schedules."""

from typing import Any

import schemathesis

from buffer_profiles_testkit.contract import not_verified
from buffer_profiles_testkit.contract.api_reader import reader_for
from buffer_profiles_testkit.contract.checks.case_facts import (
    GET_PROFILE,
    LIST_PROFILE_SCHEDULES,
    LIST_PROFILES,
    case_label,
    json_body,
    operation_id,
    profile_id,
    shown,
)
from buffer_profiles_testkit.contract.overhead import timed


@schemathesis.check
@timed
def profile_has_requested_id(ctx: Any, response: Any, case: Any) -> bool | None:
    """GET /profiles/{id}.json answers the profile with that id, not another one."""
    if operation_id(case) != GET_PROFILE or response.status_code != 200:
        return True
    body = json_body(response)
    answered = body.get("id") if isinstance(body, dict) else None
    if answered != profile_id(case):
        raise AssertionError(f"Asked for profile {profile_id(case)!r}, got profile {answered!r}.")
    return None


@schemathesis.check
@timed
def profile_schedules_match_endpoint(ctx: Any, response: Any, case: Any) -> bool | None:
    """A profile's `schedules` equal what its schedules endpoint returns, read either way round."""
    operation = operation_id(case)
    if operation not in (GET_PROFILE, LIST_PROFILE_SCHEDULES) or response.status_code != 200:
        return True
    reader = reader_for(case)
    body = json_body(response)
    if reader is None or body is None:
        return True
    if operation == GET_PROFILE:
        embedded = body.get("schedules") if isinstance(body, dict) else None
        other = reader.schedules(profile_id(case))
        endpoint = other.body
    else:
        other = reader.profile(profile_id(case))
        embedded = other.body.get("schedules") if isinstance(other.body, dict) else None
        endpoint = body
    if other.unanswered:
        reason = f"the other read got {other.status or 'no answer'}"
        not_verified.record("profile_schedules_match_endpoint", case_label(case), reason)
        return True
    if other.status != 200 or embedded != endpoint:
        raise AssertionError(
            f"Profile {profile_id(case)!r}: its `schedules` are {shown(embedded)}, but its schedules endpoint "
            f"returns {shown(endpoint)}.\nThe other read: {other.describe()}"
        )
    return None


@schemathesis.check
@timed
class listed_profiles_are_unique_and_fetchable:  # noqa: N801  (schemathesis names a check after its class)
    """list_profiles names each profile once, and every listed profile can be read by its id."""

    def __init__(self) -> None:
        self._fetched: set[str] = set()  # read back once per run: listing is frequent, profiles do not move

    def after_response(self, ctx: Any, response: Any, case: Any) -> bool | None:
        if operation_id(case) != LIST_PROFILES or response.status_code != 200:
            return True
        body = json_body(response)
        if not isinstance(body, list):
            return True  # response_schema_conformance reports that
        ids = [item.get("id") for item in body if isinstance(item, dict)]
        repeated = sorted({str(item) for item in ids if ids.count(item) > 1})
        if repeated:
            raise AssertionError(f"The list names profile(s) {', '.join(repeated)} more than once.")
        reader = reader_for(case)
        if reader is None:
            return None
        for listed in ids:
            if not isinstance(listed, str) or listed in self._fetched:
                continue
            reading = reader.profile(listed)
            if reading.unanswered:
                reason = f"reading profile {listed} got {reading.status or 'no answer'}"
                not_verified.record("listed_profiles_are_unique_and_fetchable", case_label(case), reason)
                continue
            fetched_id = reading.body.get("id") if isinstance(reading.body, dict) else None
            if reading.status != 200 or fetched_id != listed:
                raise AssertionError(f"Listed profile {listed!r} cannot be read by its id: {reading.describe()}")
            self._fetched.add(listed)
        return None
