"""Bodies per second of the client's bracket encoder, against the floor of encoding the same pairs.

The floor is ``urllib.parse.urlencode`` over the already-flattened pairs: the cost of the bytes
alone. The ratio (ours / floor, at most 1) is what flattening nested data adds; it is measured in
the same run, so it holds on any machine.
"""

import timeit
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from buffer_profiles_client.bracket_form import bracket_pairs, encode_bracket_form

SEED_FORM = {"schedules": [{"days": ["mon", "tue", "thu"], "times": ["12:45", "15:30", "17:43"]}]}
EVERY_FIVE_MINUTES = [f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(0, 24 * 60, 5)]
# The largest update the spec allows: 7 schedules, one per day, each at 288 times.
FULL_WEEK_FORM = {
    "schedules": [
        {"days": [day], "times": EVERY_FIVE_MINUTES} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    ]
}


@dataclass(frozen=True)
class EncoderResult:
    body: str
    bodies_per_second: int
    floor_bodies_per_second: int

    @property
    def ratio_to_floor(self) -> float:
        return self.bodies_per_second / self.floor_bodies_per_second


def _per_second(work: Any, number: int) -> int:
    best = min(timeit.repeat(work, number=number, repeat=5))
    return round(number / best)


def measure() -> list[EncoderResult]:
    results = []
    for name, form, number in [("seed update", SEED_FORM, 20_000), ("full week (2,016 times)", FULL_WEEK_FORM, 100)]:
        pairs = bracket_pairs(form)
        results.append(
            EncoderResult(
                name,
                _per_second(lambda form=form: encode_bracket_form(form), number),
                _per_second(lambda pairs=pairs: urlencode(pairs, safe="[]:"), number),
            )
        )
    return results
