"""The hooks module schemathesis loads (``hooks = "buffer_profiles_testkit.contract.hooks"`` in ``schemathesis.toml``).

Importing it registers the bracket-form serializer and the `text/html` deserializer (``codecs``),
the ``before_call`` reading of schedules and every check of this suite (``checks/``), and paces
schemathesis' requests when the run is paced; each module says why it exists.
"""

from typing import Any

import schemathesis

from buffer_profiles_testkit.contract import codecs, overhead, pacing
from buffer_profiles_testkit.contract.checks import auth, choices, errors, profiles, updates

pacing.pace_requests_library()

if overhead.write_at_exit():

    @schemathesis.hook
    def after_call(context: Any, case: Any, response: Any) -> None:
        overhead.count_response()


__all__ = ["auth", "choices", "codecs", "errors", "profiles", "updates"]
