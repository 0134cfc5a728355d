from typing import Literal

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


def check_day(value: str) -> Day:
    if value in DAY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DAY_VALUES!r}")
