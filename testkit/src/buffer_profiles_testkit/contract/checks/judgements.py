"""Judgements of an answer's shape, as plain functions: the checks (``errors``) and the edge cases apply them.

A success is JSON. An error is JSON in Buffer's error shape, or, as Buffer was recorded answering
at its HTTP layer, an empty or HTML (`text/html`) body: the spec says both. A ``401`` carries an
OAuth or Bearer challenge (``WWW-Authenticate``; RFC 9110 requires one, Buffer was recorded sending
``OAuth realm=...``), and a ``429``'s ``Retry-After``, where a server sends one, is whole seconds.
Each function returns why the answer breaks its promise, or None.
"""

import json

from buffer_profiles_testkit.contract.pacing import retry_after_seconds

JSON_MEDIA_TYPE = "application/json"
HTML_MEDIA_TYPE = "text/html"
CHALLENGE_SCHEMES = ("oauth", "bearer")


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
