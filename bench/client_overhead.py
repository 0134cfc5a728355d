"""Per-call cost of the typed client against raw httpx for the same request and answer, side by side.

The baseline is what a hand-written caller does with httpx: ``get(path).raise_for_status().json()`` on one
keep-alive ``httpx.Client``, giving dicts. The typed client sends the same request through its own
``httpx.Client`` and also checks the status and turns the JSON into attrs models, two ways: the client
object (``buffer.profiles.list()``, with its retry policy and request log) and the per-operation
function (``list_profiles.sync(client=...)``). All run in the same process, in alternating rounds
(best round of each kept), over two transports:

- in memory (``httpx.MockTransport`` answering fixed bytes): the client's own overhead, no network;
- loopback, against the reference server in its own process: what that overhead weighs in a call.

Operations: ``get_profile`` (one profile) and ``list_profiles`` for a user with 100 profiles. A third
figure, the generated models' ``from_dict`` alone on the decoded JSON, shows how much of the
overhead is building models rather than the request, status and error handling around them.
"""

import json
import tempfile
import timeit
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from buffer_profiles_client import AuthenticatedClient, BufferProfiles
from buffer_profiles_client.api.profiles import get_profile, list_profiles
from buffer_profiles_client.models import Profile

from bench.targets import demo_server
from buffer_profiles_testkit.server.demo import DEMO_PROFILE

TOKEN = "bench-hundred-profiles-token"
USER_ID = "5b0000000000000000000000"
PROFILES = [DEMO_PROFILE | {"id": f"5b{index:022x}", "user_id": USER_ID, "default": index == 0} for index in range(100)]
FIRST_ID = PROFILES[0]["id"]
ROUNDS = 7


@dataclass(frozen=True)
class OverheadResult:
    transport: str
    operation: str
    raw_microseconds: float
    client_microseconds: float  # the client object, BufferProfiles
    functions_microseconds: float  # the per-operation function with an AuthenticatedClient
    models_microseconds: float  # building the attrs models from already-decoded JSON, alone

    @property
    def overhead_microseconds(self) -> float:
        return self.client_microseconds - self.raw_microseconds

    @property
    def ratio(self) -> float:
        return self.client_microseconds / self.raw_microseconds

    @property
    def functions_ratio(self) -> float:
        return self.functions_microseconds / self.raw_microseconds


_JSON = {"Content-Type": "application/json;charset=UTF-8"}
_ANSWERS = {
    "/1/profiles.json": json.dumps(PROFILES).encode(),
    f"/1/profiles/{FIRST_ID}.json": json.dumps(PROFILES[0]).encode(),
}


def _answer_from_memory(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=_ANSWERS[request.url.path], headers=_JSON)


def _best_microseconds_per_call(sides: dict[str, Callable[[], Any]], number: int) -> dict[str, float]:
    best = dict.fromkeys(sides, float("inf"))
    for _ in range(ROUNDS):
        for name, call in sides.items():  # alternating, so drift in machine load hits both sides alike
            best[name] = min(best[name], timeit.timeit(call, number=number))
    return {name: seconds / number * 1e6 for name, seconds in best.items()}


def _compare(
    transport: str, base_url: str, httpx_args: dict[str, Any], numbers: dict[str, int]
) -> list[OverheadResult]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    results = []
    with (
        httpx.Client(base_url=base_url + "/", headers=headers, **httpx_args) as raw,
        httpx.Client(**httpx_args) as pool,
        BufferProfiles(TOKEN, base_url=base_url, http_client=pool) as buffer,
        AuthenticatedClient(base_url=base_url, token=TOKEN, httpx_args=httpx_args) as typed,
    ):
        operations: dict[str, dict[str, Callable[[], Any]]] = {
            "get_profile": {
                "raw": lambda: raw.get(f"profiles/{FIRST_ID}.json").raise_for_status().json(),
                "client": lambda: buffer.profiles.retrieve(FIRST_ID),
                "functions": lambda: get_profile.sync(FIRST_ID, client=typed),
                "models": lambda: Profile.from_dict(PROFILES[0]),
            },
            "list_profiles (100 profiles)": {
                "raw": lambda: raw.get("profiles.json").raise_for_status().json(),
                "client": lambda: buffer.profiles.list(),
                "functions": lambda: list_profiles.sync(client=typed),
                "models": lambda: [Profile.from_dict(profile) for profile in PROFILES],
            },
        }
        for operation, sides in operations.items():
            timed = _best_microseconds_per_call(sides, numbers[operation])
            results.append(
                OverheadResult(transport, operation, timed["raw"], timed["client"], timed["functions"], timed["models"])
            )
    return results


@contextmanager
def _hundred_profile_server() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as scratch:
        fixtures = Path(scratch) / "fixtures.json"
        fixtures.write_text(json.dumps({"users": [{"id": USER_ID, "tokens": [TOKEN], "profiles": PROFILES}]}))
        with demo_server("--fixtures", str(fixtures)) as base_url:
            yield base_url


def measure() -> list[OverheadResult]:
    results = _compare(
        "in memory",
        "https://api.bufferapp.com/1",
        {"transport": httpx.MockTransport(_answer_from_memory)},
        {"get_profile": 2_000, "list_profiles (100 profiles)": 100},
    )
    with _hundred_profile_server() as base_url:
        results += _compare("loopback", base_url, {}, {"get_profile": 300, "list_profiles (100 profiles)": 50})
    return results
