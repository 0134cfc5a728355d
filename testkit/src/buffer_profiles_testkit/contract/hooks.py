"""The hooks module schemathesis loads (``hooks = "buffer_profiles_testkit.contract.hooks"`` in ``schemathesis.toml``).

Importing it registers the bracket-form serializer, the `text/html` deserializer, the ``before_call``
reading of schedules and every check of this suite, and paces schemathesis' requests when the run
is paced; each module says why it exists.
"""

from typing import Any

import schemathesis

from . import (
    auth_checks,
    choice_checks,
    error_checks,
    form_serializer,
    media_types,
    overhead,
    pacing,
    profile_checks,
    update_checks,
)

pacing.pace_requests_library()

if overhead.write_at_exit():

    @schemathesis.hook
    def after_call(context: Any, case: Any, response: Any) -> None:
        overhead.count_response()


__all__ = [
    "auth_checks",
    "choice_checks",
    "error_checks",
    "form_serializer",
    "media_types",
    "profile_checks",
    "update_checks",
]
