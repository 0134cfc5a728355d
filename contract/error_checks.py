"""Checks of the error shape Buffer's contract promises on every operation, documented status or not.

A success is JSON. An error is JSON in Buffer's error shape, or, as Buffer was recorded answering
at its HTTP layer, an empty or HTML (`text/html`) body: the spec says both.
"""

from typing import Any

import schemathesis

from .cases import header, is_success, json_body
from .spec_facts import error_statuses_by_code

JSON_MEDIA_TYPE = "application/json"
HTML_MEDIA_TYPE = "text/html"


def _media_type(response: Any) -> str:
    return (header(response, "content-type") or "").split(";")[0].strip().lower()


def is_bare_error(response: Any) -> bool:
    """An error answered before the API: an empty body, or one labelled HTML."""
    return not is_success(response) and (not response.content.strip() or _media_type(response) == HTML_MEDIA_TYPE)


@schemathesis.check
def responses_are_json(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every success, and every error that is not bare (empty or HTML), is `application/json` with a JSON body."""
    if is_bare_error(response):
        return True
    content_type = header(response, "content-type")
    if _media_type(response) != JSON_MEDIA_TYPE:
        allowed = JSON_MEDIA_TYPE
        if not is_success(response):
            allowed += f", or an empty or {HTML_MEDIA_TYPE} body"
        raise AssertionError(f"Content-Type is {content_type!r}; this response must be {allowed}.")
    if json_body(response) is None and response.content.strip() != b"null":
        raise AssertionError(f"The body is not JSON: {response.content[:200]!r}")
    return None


@schemathesis.check
def error_code_matches_status(ctx: Any, response: Any, case: Any) -> bool | None:
    """A JSON error's `code` is one of the spec's table, answered with a status the table gives it."""
    if response.status_code < 400 or is_bare_error(response):
        return True
    body = json_body(response)
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, int) or isinstance(code, bool):
        raise AssertionError(f"A {response.status_code} error must carry a numeric `code`; the body is {body!r:.300}.")
    table = error_statuses_by_code(case.operation.schema.raw_schema)
    if code not in table:
        raise AssertionError(f"Error code {code} is not in the spec's table (known: {', '.join(map(str, table))}).")
    if response.status_code not in table[code]:
        expected = " or ".join(map(str, sorted(table[code])))
        raise AssertionError(
            f"Error code {code} is answered with HTTP {expected} per the spec's table, "
            f"but this response is HTTP {response.status_code}."
        )
    return None
