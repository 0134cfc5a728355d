from collections.abc import Iterable
from typing import Literal, cast

from ..errors import InvalidEnumValueError

Day = Literal["fri", "mon", "sat", "sun", "thu", "tue", "wed"]

DAY_VALUES: set[Day] = {
    "fri",
    "mon",
    "sat",
    "sun",
    "thu",
    "tue",
    "wed",
}

# In the spec's order, for messages.
_IN_SPEC_ORDER = (
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
)


def check_day(value: str) -> Day:
    if value in DAY_VALUES:
        return value
    raise InvalidEnumValueError(f"{value!r} is not a Day: expected one of {', '.join(map(str, _IN_SPEC_ORDER))}")


def check_day_list(values: Iterable[str]) -> list[Day]:
    """``values`` as a list of Day; raises for the first that is not one."""
    if type(values) is list and DAY_VALUES.issuperset(values):
        return cast(list[Day], values)
    return [check_day(value) for value in values]
