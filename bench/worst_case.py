"""The slowest requests a client can make inside the limits, timed one at a time over keep-alive.

The server's goal is that each of them is answered within tens of milliseconds, so that no
request stalls the others for long: the longest lists of the spec, a form of as many parameters
as the decoder admits, a list of 10,000 profiles.
"""

import http.client
import itertools
import json
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.targets import reference_server
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES, DEMO_PROFILE, DEMO_PROFILE_ID, DEMO_TOKEN
from buffer_profiles_testkit.server.forms.limits import DEFAULT_FORM_LIMITS

MANY_PROFILES = 10_000
BIG_USER_ID = "6a0000000000000000000000"
BIG_USER_TOKEN = "bench-user-with-many-profiles"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
TIMES = [f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(0, 60, 5)]


def _distinct_values() -> Iterator[str]:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    yield from (first + second + third for first in alphabet for second in alphabet for third in alphabet)


def largest_valid_update() -> str:
    """7 schedules of 7 days and 288 times, every bracket percent-encoded: the spec's maxima."""
    pairs = []
    for index in range(7):
        pairs += [f"schedules%5B{index}%5D%5Bdays%5D%5B%5D={day}" for day in DAYS]
        pairs += [f"schedules%5B{index}%5D%5Btimes%5D%5B%5D={time}" for time in TIMES]
    return "&".join(pairs)


def hostile_update_of_objects() -> str:
    """As many parameters as admitted, in lists of distinct objects where strings belong."""
    values = _distinct_values()
    per_list = min(DEFAULT_FORM_LIMITS.max_parameters // 4, DEFAULT_FORM_LIMITS.max_list_length)
    names = [f"schedules[{index}][{member}]" for index in range(2) for member in ("days", "times")]
    return "&".join(f"{name}[{item}][k]={next(values)}" for name in names for item in range(per_list))


def hostile_update_of_strings() -> str:
    """As many parameters as admitted, in lists of distinct strings longer than the spec allows."""
    values = _distinct_values()
    per_list = DEFAULT_FORM_LIMITS.max_list_length
    names = [f"schedules[{index}][{member}][]" for index in range(2) for member in ("days", "times")]
    return "&".join(f"{name}={next(values)}" for name in names for _ in range(per_list))


# Two updates in turn: SQLite commits nothing for an update that leaves a row as it was.
LISTED_PROFILE_UPDATES = (
    "schedules[0][days][]=mon&schedules[0][times][]=09:30",
    "schedules[0][days][]=mon&schedules[0][times][]=09:35",
)


def _many_profile_id(number: int) -> str:
    return f"6b{number:022x}"


def many_profiles_fixtures_first_id() -> str:
    return _many_profile_id(0)


def many_profiles_fixtures() -> dict[str, object]:
    profiles = [
        {**DEMO_PROFILE, "id": _many_profile_id(number), "user_id": BIG_USER_ID, "default": number == 0}
        for number in range(MANY_PROFILES)
    ]
    return {"users": [*DEMO_FIXTURES["users"], {"id": BIG_USER_ID, "tokens": [BIG_USER_TOKEN], "profiles": profiles}]}


@dataclass(frozen=True)
class Timing:
    request: str
    status: int
    body_bytes: int
    median_ms: float  # to the response's last byte
    max_ms: float
    median_first_byte_ms: float  # to its head: the server's work, before the transfer of a long body


def _headers(token: str, body: str | None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    return headers


def _time(
    connection: http.client.HTTPConnection,
    name: str,
    method: str,
    path: str,
    token: str,
    body: str | None,
    repeat: int,
    before_each: Callable[[], None] | None = None,
) -> Timing:
    headers = _headers(token, body)
    durations = []
    first_bytes = []
    status = size = 0
    for _ in range(repeat):
        if before_each is not None:
            before_each()
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        first_bytes.append((time.perf_counter() - started) * 1000)
        size = len(response.read())
        durations.append((time.perf_counter() - started) * 1000)
        status = response.status
    return Timing(name, status, size, statistics.median(durations), max(durations), statistics.median(first_bytes))


def measure(scratch: Path, repeat: int) -> tuple[float, list[Timing]]:
    """The start time with 10,000 profiles of fixtures, and the timings of the heaviest requests."""
    fixtures = scratch / "many-profiles.json"
    fixtures.write_text(json.dumps(many_profiles_fixtures()))
    started = time.perf_counter()
    with reference_server(scratch / "many.sqlite3", "--fixtures", str(fixtures)) as url:
        start_seconds = time.perf_counter() - started
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        update = f"{parts.path}/profiles/{DEMO_PROFILE_ID}/schedules/update.json"
        big_list = f"{parts.path}/profiles.json"

        updates = itertools.cycle(LISTED_PROFILE_UPDATES)

        def update_a_listed_profile() -> None:
            # The server keeps a list it has read until a commit (server/storage/read_cache.py): after this
            # one it builds the list again, the worst case for the next request.
            path = f"{parts.path}/profiles/{many_profiles_fixtures_first_id()}/schedules/update.json"
            connection.request("POST", path, body=next(updates), headers=_headers(BIG_USER_TOKEN, ""))
            answer = connection.getresponse()
            answer.read()
            if answer.status != 200:
                raise RuntimeError(f"the update before the list was answered {answer.status}")

        cases = [
            ("GET one profile", "GET", f"{parts.path}/profiles/{DEMO_PROFILE_ID}.json", DEMO_TOKEN, None),
            (f"GET {MANY_PROFILES:,} profiles, kept", "GET", big_list, BIG_USER_TOKEN, None),
            ("largest valid update", "POST", update, DEMO_TOKEN, largest_valid_update()),
            ("hostile update: lists of objects", "POST", update, DEMO_TOKEN, hostile_update_of_objects()),
            ("hostile update: long lists", "POST", update, DEMO_TOKEN, hostile_update_of_strings()),
        ]
        try:
            timings = [
                _time(connection, name, method, path, token, body, repeat) for name, method, path, token, body in cases
            ]
            timings.insert(
                2,
                _time(
                    connection,
                    f"GET {MANY_PROFILES:,} profiles, after a write",
                    "GET",
                    big_list,
                    BIG_USER_TOKEN,
                    None,
                    repeat,
                    before_each=update_a_listed_profile,
                ),
            )
        finally:
            connection.close()
    return start_seconds, timings
