"""Judgements of an answer's shape, as plain functions: the checks (``errors``) and the edge cases apply them.

A success is JSON. An error is JSON in Buffer's error shape, or, as Buffer was recorded answering
at its HTTP layer, an empty or HTML (`text/html`) body: the spec says both. A ``401`` carries an
OAuth or Bearer challenge (``WWW-Authenticate``; RFC 9110 requires one, Buffer was recorded sending
``OAuth realm=...``), and a ``429``'s ``Retry-After``, where a server sends one, is whole seconds.
An error body that has ``success`` says ``false``; a ``200`` to a valid update says ``true``, and a
``200`` saying ``false`` is a refusal, as Buffer was recorded answering (the spec's update ``200``).
Each function returns why the answer breaks its promise, or None.
"""

import json
from typing import Any

from buffer_profiles_testkit.contract.pacing import retry_after_seconds

JSON_MEDIA_TYPE = "application/json"
HTML_MEDIA_TYPE = "text/html"
CHALLENGE_SCHEMES = ("oauth", "bearer")
SCHEDULE_LIMIT_CODE = 1013  # Buffer's refusal of valid schedules past the service's posting cap


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def is_bare_error(status: int, content_type: str | None, content: bytes) -> bool:
    """An error answered before the API: an empty body, or one labelled HTML."""
    return not 200 <= status < 300 and (not content.strip() or media_type(content_type) == HTML_MEDIA_TYPE)


def json_problem(status: int, content_type: str | None, content: bytes) -> str | None:
    """Why this answer breaks `responses_are_json`, or None."""
    if is_bare_error(status, content_type, content):
        return None
    if media_type(content_type) != JSON_MEDIA_TYPE:
        allowed = JSON_MEDIA_TYPE + ("" if 200 <= status < 300 else f", or an empty or {HTML_MEDIA_TYPE} body")
        return f"Content-Type is {content_type!r}; this response must be {allowed}."
    try:
        json.loads(content)
    except ValueError:
        return f"The body is not JSON: {content[:200]!r}"
    return None


def error_code_problem(
    status: int, content_type: str | None, content: bytes, table: dict[int, frozenset[int]]
) -> str | None:
    """Why this error breaks `error_code_matches_status`, or None."""
    if status < 400 or is_bare_error(status, content_type, content):
        return None
    try:
        body = json.loads(content)
    except ValueError:
        return None  # json_problem reports it
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, int) or isinstance(code, bool):
        return f"A {status} error must carry a numeric `code`; the body is {body!r:.300}."
    if code not in table:
        return f"Error code {code} is not in the spec's table (known: {', '.join(map(str, table))})."
    if status not in table[code]:
        expected = " or ".join(map(str, sorted(table[code])))
        return f"Error code {code} is answered with HTTP {expected} per the spec's table, not HTTP {status}."
    return None


def challenge_problem(status: int, challenge: str | None) -> str | None:
    """Why this answer breaks `unauthorized_carries_a_challenge`, or None."""
    if status != 401:
        return None
    if not challenge or challenge.split(" ", 1)[0].strip().lower() not in CHALLENGE_SCHEMES:
        return f"A 401 must carry a WWW-Authenticate challenge of the OAuth or Bearer scheme; it carries {challenge!r}."
    return None


def retry_after_problem(status: int, retry_after: str | None) -> str | None:
    """Why this answer breaks `retry_after_is_seconds`, or None (a 429 may omit the header: Buffer's does)."""
    if status != 429 or retry_after is None or retry_after_seconds(retry_after) is not None:
        return None
    return f"A 429's Retry-After must be whole seconds (the spec's integer); it is {retry_after!r}."


def _json_object(content: bytes) -> dict[str, Any] | None:
    try:
        body = json.loads(content)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def error_success_problem(status: int, content_type: str | None, content: bytes) -> str | None:
    """Why this error breaks `error_bodies_say_success_false`, or None (a body without `success` is fine)."""
    if status < 400 or is_bare_error(status, content_type, content):
        return None
    body = _json_object(content)
    if body is None or "success" not in body or body["success"] is False:
        return None
    return f'An error body that has `success` must say `"success": false`; this {status} says {body["success"]!r}.'


def refused_with_success_false(status: int, content: bytes) -> bool:
    """A ``200`` saying ``"success": false``: how Buffer was recorded refusing some updates (nothing changed)."""
    body = _json_object(content) if status == 200 else None
    return body is not None and body.get("success") is False


def update_was_refused(status: int, content: bytes) -> bool:
    """An update's answer refuses it: an error status, or a ``200`` saying ``"success": false``."""
    return not 200 <= status < 300 or refused_with_success_false(status, content)


def accepted_update_problem(status: int, content: bytes) -> str | None:
    """Why this answer to a valid update breaks `accepted_updates_say_success_true`, or None.

    Only a success is judged (an error is other checks' business); the schedule limit (code 1013)
    refuses valid schedules, whichever status it comes with.
    """
    if not 200 <= status < 300:
        return None
    body = _json_object(content)
    if body is not None and body.get("success") is True:
        return None
    if body is not None and body.get("success") is False and body.get("code") == SCHEDULE_LIMIT_CODE:
        return None
    shown = json.dumps(body)[:300] if body is not None else repr(content[:200])
    return f'A valid update answered {status} must say `"success": true` (and be stored); it says {shown}.'
