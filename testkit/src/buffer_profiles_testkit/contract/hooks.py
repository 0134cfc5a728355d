"""The hooks module schemathesis loads (``hooks = "buffer_profiles_testkit.contract.hooks"`` in ``schemathesis.toml``).

Importing it registers the bracket-form serializer and the `text/html` deserializer (``codecs``),
the ``before_call`` reading of schedules and every check of this suite (``checks/``), waits out
each 429 (and paces schemathesis' requests when the run is paced), and notes a case still answered
429 as not verified; each module says why it exists.
"""

from typing import Any

import schemathesis

from buffer_profiles_testkit.contract import codecs, not_verified, overhead, pacing
from buffer_profiles_testkit.contract.checks import auth, choices, errors, profiles, updates
from buffer_profiles_testkit.contract.checks.case_facts import case_label

pacing.pace_requests_library()
not_verified.write_at_exit()
_COUNTING = overhead.write_at_exit()


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    if response.status_code == 429:  # still throttled after the retries: no check can judge this case
        reason = f"answered 429 past the retries; {pacing.PACING_ADVICE}"
        not_verified.record("not_rate_limited", case_label(case), reason)
    if _COUNTING:
        overhead.count_response()


__all__ = ["auth", "choices", "codecs", "errors", "profiles", "updates"]
