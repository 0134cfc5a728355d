"""Reading the body stops at the size limit: memory is bounded by the limit, not by what is sent."""

import asyncio

import pytest
from starlette.requests import Request
from starlette.types import Message

from buffer_profiles_testkit.server.errors import ApiError, ErrorCode
from buffer_profiles_testkit.server.forms.body import check_form_media_type, read_form_body

CHUNK = b"a" * 1_000


def request_streaming(chunks: int, counter: list[int], content_length: int | None = None) -> Request:
    headers = [(b"content-type", b"application/x-www-form-urlencoded")]
    if content_length is not None:
        headers.append((b"content-length", str(content_length).encode()))

    async def receive() -> Message:
        counter[0] += 1
        return {"type": "http.request", "body": CHUNK, "more_body": counter[0] < chunks}

    return Request({"type": "http", "method": "POST", "headers": headers}, receive)


def test_reading_stops_at_the_first_chunk_past_the_limit() -> None:
    pulled = [0]

    with pytest.raises(ApiError) as raised:
        asyncio.run(read_form_body(request_streaming(1_000_000, pulled), max_bytes=10_500))

    assert raised.value.code is ErrorCode.CONTENT_TOO_LARGE
    assert pulled[0] == 11  # the eleventh chunk crosses 10,500 bytes; not one more is read


def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    pulled = [0]

    with pytest.raises(ApiError):
        asyncio.run(read_form_body(request_streaming(20, pulled, content_length=20_000), max_bytes=10_000))

    assert pulled[0] == 0


def test_a_body_at_the_limit_is_read_whole() -> None:
    pulled = [0]

    body = asyncio.run(read_form_body(request_streaming(10, pulled), max_bytes=10_000))

    assert body == CHUNK * 10


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded",
        "Application/X-WWW-Form-Urlencoded",
        "application/x-www-form-urlencoded;charset=utf-8",
        'application/x-www-form-urlencoded; charset="UTF-8"',
    ],
)
def test_form_media_types_are_accepted(content_type: str) -> None:
    check_form_media_type(content_type)


@pytest.mark.parametrize(
    "content_type", [None, "", "application/json", "application/x-www-form-urlencoded; charset=latin1"]
)
def test_other_media_types_are_refused(content_type: str | None) -> None:
    with pytest.raises(ApiError) as raised:
        check_form_media_type(content_type)

    assert raised.value.code is ErrorCode.UNSUPPORTED_MEDIA_TYPE
