"""Checks of who may see what: another user's profiles stay hidden, and both token placements work alike.

schemathesis' ignored_auth already proves that a missing or invalid token is refused; these
cover what it cannot know from the spec's security schemes alone.
"""

import threading
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import schemathesis

from buffer_profiles_testkit.contract import not_verified
from buffer_profiles_testkit.contract.api_reader import (
    REQUEST_TIMEOUT_SECONDS,
    configured_token,
    other_user_reader_for,
    reader_for,
)
from buffer_profiles_testkit.contract.checks.case_facts import (
    GET_PROFILE,
    LIST_PROFILE_SCHEDULES,
    UPDATE_SCHEDULES,
    case_label,
    is_success,
    json_body,
    operation_id,
    profile_id,
    shown,
)
from buffer_profiles_testkit.contract.overhead import http_request, timed
from buffer_profiles_testkit.contract.pacing import PACER
from buffer_profiles_testkit.contract.spec_facts import component_validators

_TOKEN_QUERY_NAME = "access_token"
_UNAUTHORIZED_CODE = 1001


# How Buffer's contract lets a server refuse another user's profile: as an unknown id, or as forbidden.
FOREIGN_PROFILE_ANSWERS = {(404, 1010), (403, 1011)}


@schemathesis.check
@timed
class other_users_profiles_are_hidden:  # noqa: N801  (schemathesis names a check after its class)
    """Another user (BUFFER_OTHER_ACCESS_TOKEN) is refused this user's profile: 404 (1010) or 403 (1011)."""

    def __init__(self) -> None:
        self._probed: set[tuple[str | None, str]] = set()
        self._lock = threading.Lock()

    def after_response(self, ctx: Any, response: Any, case: Any) -> bool | None:
        operation = operation_id(case)
        if operation not in (GET_PROFILE, LIST_PROFILE_SCHEDULES) or response.status_code != 200:
            return True
        other = other_user_reader_for(case)
        key = (operation, profile_id(case))
        with self._lock:
            if other is None or key in self._probed:
                return True
            self._probed.add(key)
        suffix = ".json" if operation == GET_PROFILE else "/schedules.json"
        foreign = other.get(f"profiles/{profile_id(case)}{suffix}")
        if foreign.unanswered:
            reason = f"the other user's read got {foreign.status or 'no answer'}"
            not_verified.record("other_users_profiles_are_hidden", case_label(case), reason)
            return True
        if not is_foreign_profile_answer(foreign.status, foreign.body):
            raise AssertionError(
                f"Profile {profile_id(case)!r} belongs to the suite's user, yet another user's token gets\n"
                f"  {foreign.describe()}\n"
                "Another user's profile must be refused: 404 with code 1010, or 403 with code 1011."
            )
        return None


def is_foreign_profile_answer(status: int, body: Any) -> bool:
    code = body.get("code") if isinstance(body, dict) else None
    return (status, code) in FOREIGN_PROFILE_ANSWERS


@schemathesis.check
@timed
class other_users_writes_are_refused:  # noqa: N801  (schemathesis names a check after its class)
    """Another user's update of this user's profile is refused (404/1010 or 403/1011) and changes nothing."""

    def __init__(self) -> None:
        self._probed: set[str] = set()
        self._lock = threading.Lock()

    def after_response(self, ctx: Any, response: Any, case: Any) -> bool | None:
        if operation_id(case) != UPDATE_SCHEDULES or not is_success(response):
            return True
        if not component_validators(case.operation.schema.raw_schema).is_valid("UpdateSchedulesForm", case.body):
            return True
        other, mine = other_user_reader_for(case), reader_for(case)
        with self._lock:
            if other is None or mine is None or profile_id(case) in self._probed:
                return True
            self._probed.add(profile_id(case))  # once per profile: ownership does not change during a run
        before = mine.schedules(profile_id(case))
        replacement = [{"days": ["sun"], "times": ["03:33"]}]
        foreign = other.update_schedules(profile_id(case), replacement)
        after = mine.schedules(profile_id(case))
        unanswered = [reading.status for reading in (before, foreign, after) if reading.unanswered]
        if unanswered:
            reason = f"a request it needs got {', '.join(str(status or 'no answer') for status in unanswered)}"
            not_verified.record("other_users_writes_are_refused", case_label(case), reason)
            return True
        if not is_foreign_profile_answer(foreign.status, foreign.body):
            raise AssertionError(
                f"Another user's token may update profile {profile_id(case)!r} of the suite's user: answered\n"
                f"  {foreign.describe()}\nIt must be refused: 404 with code 1010, or 403 with code 1011."
            )
        if (after.status, after.body) != (before.status, before.body):
            raise AssertionError(
                f"Another user's update of profile {profile_id(case)!r} was refused ({foreign.status}), yet its "
                f"schedules changed.\nBefore: {shown(before.body)}\nAfter:  {after.describe()}\n"
                f"The other user's request: {foreign.curl}"
            )
        return None


def _without_token(url: str) -> tuple[str, list[tuple[str, str]]]:
    parts = urlsplit(url)
    query = [
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name != _TOKEN_QUERY_NAME
    ]
    return urlunsplit(parts._replace(query="")), query


@schemathesis.check
@timed
class token_placements_agree:  # noqa: N801  (schemathesis names a check after its class)
    """A read answers the same with the token in the header or the query, and 401 with it in both."""

    def __init__(self) -> None:
        self._probed: set[str] = set()
        self._lock = threading.Lock()
        self._client = httpx.Client(timeout=REQUEST_TIMEOUT_SECONDS, follow_redirects=False)

    def after_response(self, ctx: Any, response: Any, case: Any) -> bool | None:
        token = configured_token(case)
        sent_header = response.request.headers.get("Authorization")  # a case-insensitive mapping
        if case.method.upper() != "GET" or not is_success(response) or token is None or sent_header is None:
            return True
        if sent_header != f"Bearer {token}":
            return True
        with self._lock:
            if case.operation.label in self._probed:
                return True  # one probe per operation and run: placement is a property of the server
            self._probed.add(case.operation.label)
        url, query = _without_token(str(response.request.url))
        with http_request():
            as_query = PACER.send(lambda: self._client.get(url, params=[*query, (_TOKEN_QUERY_NAME, token)]))
        shown_url = f"{url}?{urlencode([*query, (_TOKEN_QUERY_NAME, '$BUFFER_ACCESS_TOKEN')], safe='$')}"
        if as_query.status_code == 429:
            not_verified.record("token_placements_agree", case_label(case), "the read with the query token got 429")
            return True
        if as_query.status_code != response.status_code or json_body(as_query) != json_body(response):
            raise AssertionError(
                f"With the token in the Authorization header this read answers {response.status_code}; with it as "
                f"the access_token parameter it answers {as_query.status_code} {as_query.text[:300]}\n"
                f"    curl '{shown_url}'"
            )
        with http_request():
            both = PACER.send(
                lambda: self._client.get(
                    url, params=[*query, (_TOKEN_QUERY_NAME, token)], headers={"Authorization": sent_header}
                )
            )
        if both.status_code == 429:
            not_verified.record("token_placements_agree", case_label(case), "the read with two tokens got 429")
            return True
        body = json_body(both)
        code = body.get("code") if isinstance(body, dict) else None
        if both.status_code != 401 or code not in (None, _UNAUTHORIZED_CODE):
            raise AssertionError(
                f"A token sent both in the header and as access_token must be refused with 401 (OAuth "
                f"invalid_request; code 1001 if the body is JSON); got {both.status_code} {both.text[:300]}\n"
                f"    curl -H \"Authorization: Bearer $BUFFER_ACCESS_TOKEN\" '{shown_url}'"
            )
        return None
