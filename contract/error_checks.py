"""Checks of the error shape the spec promises on every operation, documented status or not."""

from typing import Any

import schemathesis

from contract.cases import header, json_body
from contract.spec_facts import error_status_by_code

JSON_MEDIA_TYPE = "application/json"


@schemathesis.check
def responses_are_json(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every response, errors of HTTP itself included (405, 404), is `application/json` with a JSON body."""
    content_type = header(response, "content-type")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type != JSON_MEDIA_TYPE:
        raise AssertionError(f"Content-Type is {content_type!r}; every response must be {JSON_MEDIA_TYPE}.")
    if json_body(response) is None and response.content.strip() != b"null":
        raise AssertionError(f"The body is not JSON: {response.content[:200]!r}")
    return None


@schemathesis.check
def error_code_matches_status(ctx: Any, response: Any, case: Any) -> bool | None:
    """An error's `code` is one of the spec's table, and its HTTP status is the one the table gives it."""
    if response.status_code < 400:
        return True
    body = json_body(response)
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, int) or isinstance(code, bool):
        raise AssertionError(f"A {response.status_code} error must carry a numeric `code`; the body is {body!r:.300}.")
    table = error_status_by_code(case.operation.schema.raw_schema)
    if code not in table:
        raise AssertionError(f"Error code {code} is not in the spec's table (known: {', '.join(map(str, table))}).")
    if table[code] != response.status_code:
        raise AssertionError(
            f"Error code {code} is answered with HTTP {table[code]} per the spec's table, "
            f"but this response is HTTP {response.status_code}."
        )
    return None
