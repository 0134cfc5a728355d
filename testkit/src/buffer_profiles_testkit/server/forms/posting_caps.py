"""Per-service caps on posting times a day, answered ``403`` with Buffer's code 1013.

Buffer's error table has code 1013, "Profile schedule limit reached", answered with 403; which
services cap how many posting times is not part of its API documentation. The numbers here are the
reference server's choice (openapi.yaml marks them so): one time every five minutes for Twitter,
and the daily caps reported for Facebook (5) and LinkedIn (25). Other services have no cap beyond
the request limits.
"""

from buffer_profiles_testkit.server.errors import ApiError, ErrorCode

POSTING_TIMES_PER_DAY = {"twitter": 288, "facebook": 5, "linkedin": 25}


def check_posting_caps(service: str, schedules: list[dict[str, list[str]]]) -> None:
    """Raise 403 (1013) when some day would get more distinct posting times than the service allows."""
    cap = POSTING_TIMES_PER_DAY.get(service)
    if cap is None or sum(len(schedule["times"]) for schedule in schedules) <= cap:
        return  # a day cannot have more distinct times than all the schedules list together
    times_by_day: dict[str, set[str]] = {}
    for schedule in schedules:
        for day in schedule["days"]:
            times_by_day.setdefault(day, set()).update(schedule["times"])
    for day, times in times_by_day.items():
        if len(times) > cap:
            raise ApiError(
                ErrorCode.SCHEDULE_LIMIT_REACHED,
                f"Profile schedule limit reached: {service} allows {cap} posting times a day, {day} has {len(times)}.",
            )
