"""Faults on purpose, for tests: plan what the next matching calls get instead of (or on top of) the API's answer.

    buffer_api.fail_next("list_profiles", server_error())
    buffer_api.fail_next("update_profile_schedules", connection_reset().after_write(), profile_id=...)

What each fault does is in ``kinds``; how calls are matched, in ``plan``.
"""

from buffer_profiles_testkit.faults.kinds import (
    BARE_UNAUTHORIZED_CHALLENGE,
    Answered,
    ClosedAfterHead,
    ConnectionReset,
    Delayed,
    Fault,
    Shaped,
    SlowBody,
    TruncatedBody,
    answer,
    bare_unauthorized,
    buffer_error,
    closed_after_head,
    connection_reset,
    delay,
    non_json_body,
    rate_limited,
    schedule_limit_reached,
    server_error,
    slow_body,
    truncated_body,
)
from buffer_profiles_testkit.faults.plan import LOG, FaultPlan, PlannedFault

__all__ = [
    "BARE_UNAUTHORIZED_CHALLENGE",
    "LOG",
    "Answered",
    "ClosedAfterHead",
    "ConnectionReset",
    "Delayed",
    "Fault",
    "FaultPlan",
    "PlannedFault",
    "Shaped",
    "SlowBody",
    "TruncatedBody",
    "answer",
    "bare_unauthorized",
    "buffer_error",
    "closed_after_head",
    "connection_reset",
    "delay",
    "non_json_body",
    "rate_limited",
    "schedule_limit_reached",
    "server_error",
    "slow_body",
    "truncated_body",
]
