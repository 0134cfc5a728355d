"""The ``Deprecation``, ``Sunset`` and ``Link`` headers of every v1 answer: the reference server's choice.

Buffer announced on 2026-07-27 that its v1 REST API stops answering on 2027-02-01
(https://buffer.com/resources/legacy-rest-api-retired/); it documents no headers saying so. The
reference server says it on every answer of a v1 route, in the headers made for that:

- ``Deprecation: @1785110400`` (RFC 9745): deprecated since 2026-07-27, the announcement, in Unix
  seconds as a Structured Fields date;
- ``Sunset: Mon, 01 Feb 2027 00:00:00 GMT`` (RFC 8594): when the API stops answering, as an HTTP-date;
- ``Link: <https://buffer.com/resources/legacy-rest-api-retired/>; rel="deprecation"; type="text/html"``
  (RFC 9745, section 3): where to read about it.

The GraphQL stand-in (``/graphql``) sends none of them: that API is the replacement.
"""

from datetime import UTC, datetime
from email.utils import format_datetime

from starlette.responses import Response
from starlette.types import ASGIApp

DEPRECATED_SINCE = datetime(2026, 7, 27, tzinfo=UTC)
SUNSET = datetime(2027, 2, 1, tzinfo=UTC)
ANNOUNCEMENT = "https://buffer.com/resources/legacy-rest-api-retired/"

HEADERS: dict[str, str] = {
    "Deprecation": f"@{int(DEPRECATED_SINCE.timestamp())}",
    "Sunset": format_datetime(SUNSET, usegmt=True),
    "Link": f'<{ANNOUNCEMENT}>; rel="deprecation"; type="text/html"',
}
# Encoded once: each answer appends these to its own headers instead of encoding a mapping again.
_RAW_HEADERS = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in HEADERS.items()]


def with_sunset_headers(answer: ASGIApp) -> ASGIApp:
    """``answer`` with the headers above, when it is one of the server's responses (a hook's answer is left as is)."""
    if isinstance(answer, Response):
        answer.raw_headers.extend(_RAW_HEADERS)
    return answer
