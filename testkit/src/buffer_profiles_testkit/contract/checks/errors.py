"""The checks of the error shape and of the declared headers, on every operation, documented status or not.

What they judge is said in ``judgements``; here each judgement becomes a schemathesis check.
"""

from typing import Any

import schemathesis

from buffer_profiles_testkit.contract.checks.case_facts import header
from buffer_profiles_testkit.contract.checks.judgements import (
    challenge_problem,
    error_code_problem,
    error_success_problem,
    json_problem,
    retry_after_problem,
)
from buffer_profiles_testkit.contract.overhead import timed
from buffer_profiles_testkit.contract.spec_facts import error_statuses_by_code


def _failing(problem: str | None) -> bool | None:
    if problem is not None:
        raise AssertionError(problem)
    return None


@schemathesis.check
@timed
def responses_are_json(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every success, and every error that is not bare (empty or HTML), is `application/json` with a JSON body."""
    return _failing(json_problem(response.status_code, header(response, "content-type"), bytes(response.content)))


@schemathesis.check
@timed
def error_code_matches_status(ctx: Any, response: Any, case: Any) -> bool | None:
    """A JSON error's `code` is one of the spec's table, answered with a status the table gives it."""
    table = error_statuses_by_code(case.operation.schema.raw_schema)
    content_type = header(response, "content-type")
    return _failing(error_code_problem(response.status_code, content_type, bytes(response.content), table))


@schemathesis.check
@timed
def error_bodies_say_success_false(ctx: Any, response: Any, case: Any) -> bool | None:
    """An error body that has `success` says `false`."""
    content_type = header(response, "content-type")
    return _failing(error_success_problem(response.status_code, content_type, bytes(response.content)))


@schemathesis.check
@timed
def unauthorized_carries_a_challenge(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 401 carries an OAuth or Bearer WWW-Authenticate challenge."""
    return _failing(challenge_problem(response.status_code, header(response, "www-authenticate")))


@schemathesis.check
@timed
def retry_after_is_seconds(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 429's Retry-After, when present, is whole seconds."""
    return _failing(retry_after_problem(response.status_code, header(response, "retry-after")))
