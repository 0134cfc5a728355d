"""Every way an update can be refused: the status, Buffer's code, and that nothing changed."""

import itertools
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID
from buffer_profiles_testkit.server.forms.limits import DEFAULT_FORM_LIMITS
from buffer_profiles_testkit.yaml_loading import load_yaml
from tests.server.conftest import ClientFactory
from tests.server.operations import FORM_HEADERS
from tests.server.spec_conformance import SPEC_FILE

UPDATE = f"profiles/{DEMO_PROFILE_ID}/schedules/update.json"
SCHEDULES = f"profiles/{DEMO_PROFILE_ID}/schedules.json"
GOOD = "schedules[0][days][]=mon&schedules[0][times][]=09:00"


def _longest_lists(item: str) -> tuple[str, int, str]:
    """Two schedules whose days and times each hold as many distinct items as a list may: ``item`` is
    the rest of each parameter after ``schedules[i][member]``, formatted with the item's number."""
    longest = DEFAULT_FORM_LIMITS.max_list_length
    body = "&".join(
        f"schedules[{index}][{member}]" + item.format(item=number)
        for index in range(2)
        for member in ("days", "times")
        for number in range(longest)
    )
    return body, 1006, f"schedules[0][days]: at most 7 allowed, {longest} given"


# (body, code, what the message says)
REJECTED: dict[str, tuple[bytes | str, int, str]] = {
    # missing (1004)
    "empty body": ("", 1004, "schedules: required parameter missing"),
    "only separators": ("&&&", 1004, "schedules: required parameter missing"),
    "no times": ("schedules[0][days][]=mon", 1004, "schedules[0][times]: required parameter missing"),
    "no days": ("schedules[0][times][]=12:00", 1004, "schedules[0][days]: required parameter missing"),
    # not recognized (1003): unknown names, wrong shapes, malformed or ambiguous names
    "unknown parameter": (f"{GOOD}&foo=1", 1003, "foo: parameter not recognized"),
    "unknown schedule member": (
        f"{GOOD}&schedules[0][hours][]=1",
        1003,
        "schedules[0][hours]: parameter not recognized",
    ),
    "schedules as a value": ("schedules=mon", 1003, "schedules: malformed"),
    "schedule as a value": ("schedules[0]=mon", 1003, "schedules[0]: malformed"),
    "days as a value": ("schedules[0][days]=mon&schedules[0][times][]=12:00", 1003, "schedules[0][days]: malformed"),
    "schedules as an object": ("schedules[days][]=mon&schedules[times][]=12:00", 1003, "schedules: malformed"),
    "days as objects": ("schedules[0][days][0][x]=mon&schedules[0][times][]=12:00", 1003, "schedules[0][days][0]"),
    "index gap": ("schedules[1][days][]=mon&schedules[1][times][]=12:00", 1003, "schedules[0] is missing"),
    "index gap inside": (
        f"{GOOD}&schedules[2][days][]=mon&schedules[2][times][]=12:00",
        1003,
        "schedules[1] is missing",
    ),
    "leading zero index": ("schedules[00][days][]=mon&schedules[00][times][]=12:00", 1003, "not a list index"),
    "outer []": ("schedules[][days][]=mon&schedules[][times][]=12:00", 1003, "[] may only end a name"),
    "[] and [0] mixed": (f"{GOOD}&schedules[0][days][1]=tue", 1003, "not both"),
    "value and brackets": (f"{GOOD}&schedules=x", 1003, "both as a value and with brackets"),
    "duplicate indexed key": (
        "schedules[0][days][0]=mon&schedules[0][days][0]=tue&schedules[0][times][]=12:00",
        1003,
        "given more than once",
    ),
    "unclosed bracket": ("schedules[0[days][]=mon", 1003, "malformed name"),
    "stray closing bracket": ("schedules]0[=mon", 1003, "malformed name"),
    "text after brackets": ("schedules[0]x=mon", 1003, "malformed name"),
    "empty name": ("=mon", 1003, "malformed name"),
    "deep nesting": ("schedules" + "[0]" * 50 + "=x", 1003, "nested deeper than"),
    "bad percent in name": ("schedules%5[0]=x", 1003, "malformed percent-encoding"),
    "non-UTF-8 name": (b"schedules\xff[0]=x", 1003, "not UTF-8"),
    "very long name": ("x" * 10_000 + "=1", 1003, "name too long"),
    # out of bounds (1006): values and counts
    "unknown day": (
        "schedules[0][days][]=funday&schedules[0][times][]=12:00",
        1006,
        "'funday' is not a day (mon..sun)",
    ),
    "day in capitals": ("schedules[0][days][]=Mon&schedules[0][times][]=12:00", 1006, "is not a day"),
    "empty day": ("schedules[0][days][]=&schedules[0][times][]=12:00", 1006, "'' is not a day"),
    "hour 24": ("schedules[0][days][]=mon&schedules[0][times][]=24:00", 1006, "'24:00' is not a time"),
    "minute 60": ("schedules[0][days][]=mon&schedules[0][times][]=12:60", 1006, "is not a time"),
    "one-digit hour": ("schedules[0][days][]=mon&schedules[0][times][]=9:00", 1006, "is not a time"),
    "seconds": ("schedules[0][days][]=mon&schedules[0][times][]=09:00:00", 1006, "is not a time"),
    "time with newline": ("schedules[0][days][]=mon&schedules[0][times][]=09:00%0A", 1006, "is not a time"),
    "duplicate day": ("schedules[0][days][]=mon&schedules[0][days][]=mon&schedules[0][times][]=12:00", 1006, "'mon'"),
    "duplicate time": (f"{GOOD}&schedules[0][times][]=09:00", 1006, "'09:00' is given more than once"),
    "eight schedules": (
        "&".join(f"schedules[{i}][days][]=mon&schedules[{i}][times][]=12:00" for i in range(8)),
        1006,
        "schedules: at most 7 allowed, 8 given",
    ),
    "289 times": (
        "schedules[0][days][]=mon&"
        + "&".join(f"schedules[0][times][]={h:02d}:{m:02d}" for h, m in itertools.product(range(24), range(60)))[
            : 289 * len("schedules[0][times][]=00:00&") - 1
        ],
        1006,
        "at most 288 allowed, 289 given",
    ),
    "huge index": ("schedules[999999999][days][]=mon", 1006, "lists hold at most"),
    "bad percent in value": ("schedules[0][days][]=%zzmon&schedules[0][times][]=12:00", 1006, "malformed percent"),
    "truncated percent": ("schedules[0][days][]=mon%2", 1006, "malformed percent"),
    "non-UTF-8 value": (b"schedules[0][days][]=\xc3\x28&schedules[0][times][]=12:00", 1006, "not UTF-8"),
    "percent-encoded non-UTF-8": ("schedules[0][days][]=%C3%28&schedules[0][times][]=12:00", 1006, "not UTF-8"),
    "too many parameters": (
        "&".join(f"p{number}=1" for number in range(DEFAULT_FORM_LIMITS.max_parameters + 1)),
        1006,
        f"more than {DEFAULT_FORM_LIMITS.max_parameters} parameters",
    ),
    "long list of junk": ("&".join(["a[]=1"] * (DEFAULT_FORM_LIMITS.max_list_length + 1)), 1006, "lists hold at most"),
    # The most work a form inside the decoder's limits can ask for: long lists of distinct items,
    # which a pairwise uniqueItems once compared for seconds. Counts are reported, nothing stalls.
    "longest lists of distinct objects": _longest_lists("[{item}][k]=v{item}"),
    "longest lists of distinct strings": _longest_lists("[]=v{item}"),
}


@pytest.fixture
def client(shared_api: ClientFactory) -> httpx.Client:
    return shared_api()


@pytest.fixture
def unchanged(client: httpx.Client) -> Iterator[None]:
    """Fail the test if the demo profile's schedules differ after it from before it."""
    before = client.get(SCHEDULES).json()
    yield
    assert client.get(SCHEDULES).json() == before


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(("body", "code", "message"), REJECTED.values(), ids=REJECTED.keys())
def test_invalid_updates_are_400_and_change_nothing(
    client: httpx.Client, body: bytes | str, code: int, message: str
) -> None:
    response = client.post(UPDATE, content=body, headers=FORM_HEADERS)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert message in response.json()["message"]


def test_the_spec_example_message_is_what_the_server_says(client: httpx.Client) -> None:
    example = load_yaml(SPEC_FILE.read_text())["components"]["responses"]["BadRequest"]["content"]["application/json"][
        "examples"
    ]["outOfBounds"]["value"]

    response = client.post(
        UPDATE, content="schedules[0][days][]=funday&schedules[0][times][]=12:00", headers=FORM_HEADERS
    )

    assert response.json() == example


UNSUPPORTED = {
    "JSON": "application/json",
    "multipart": "multipart/form-data; boundary=x",
    "text": "text/plain",
    "Latin-1 form": "application/x-www-form-urlencoded; charset=iso-8859-1",
    "form with a suffix": "application/x-www-form-urlencodedx",
}


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("content_type", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_other_media_types_are_415(client: httpx.Client, content_type: str) -> None:
    response = client.post(UPDATE, content=GOOD, headers={"Content-Type": content_type})

    assert response.status_code == 415
    assert response.json()["code"] == 415


@pytest.mark.usefixtures("unchanged")
def test_a_body_without_content_type_is_415(client: httpx.Client) -> None:
    response = client.post(UPDATE, content=GOOD)

    assert response.status_code == 415


@pytest.mark.usefixtures("unchanged")
def test_a_json_body_is_415(client: httpx.Client) -> None:
    response = client.post(UPDATE, json={"schedules": [{"days": ["mon"], "times": ["12:00"]}]})

    assert response.status_code == 415


@pytest.mark.usefixtures("unchanged")
def test_a_declared_length_over_the_limit_is_413(client: httpx.Client) -> None:
    body = GOOD + "&" + "x" * DEFAULT_FORM_LIMITS.max_body_bytes

    response = client.post(UPDATE, content=body, headers=FORM_HEADERS)

    assert response.status_code == 413
    assert response.json()["code"] == 413


@pytest.mark.usefixtures("unchanged")
def test_a_chunked_body_over_the_limit_is_413(client: httpx.Client) -> None:
    """Without Content-Length the server counts as it reads (test_request_body.py checks it stops reading)."""

    def chunks() -> Iterator[bytes]:
        for _ in range(64):
            yield b"a" * 65_536

    response = client.post(UPDATE, content=chunks(), headers=FORM_HEADERS)

    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["code"] == 413


def _largest_valid_form() -> dict[str, Any]:
    """The largest update the spec allows, built from its own maxItems."""
    schemas = load_yaml(SPEC_FILE.read_text())["components"]["schemas"]
    schedule = schemas["ScheduleInput"]["properties"]
    days = schemas["Day"]["enum"][: schedule["days"]["maxItems"]]
    every_five_minutes = [f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(0, 24 * 60, 5)]
    times = every_five_minutes[: schedule["times"]["maxItems"]]
    count = schemas["UpdateSchedulesForm"]["properties"]["schedules"]["maxItems"]
    return {"schedules": [{"days": days, "times": times} for _ in range(count)]}


def test_the_largest_valid_update_is_accepted_even_fully_percent_encoded(client: httpx.Client) -> None:
    form = _largest_valid_form()
    body = encode_bracket_form(form).replace("[", "%5B").replace("]", "%5D").replace(":", "%3A")

    response = client.post(UPDATE, content=body, headers=FORM_HEADERS)

    assert response.status_code == 200, response.text
    assert client.get(SCHEDULES).json() == form["schedules"]


@pytest.mark.usefixtures("unchanged")
def test_messages_do_not_echo_long_values(client: httpx.Client) -> None:
    body = "schedules[0][days][]=" + "x" * 50_000 + "&schedules[0][times][]=12:00"

    response = client.post(UPDATE, content=body, headers=FORM_HEADERS)

    assert response.status_code == 400
    assert len(response.text) < 300
