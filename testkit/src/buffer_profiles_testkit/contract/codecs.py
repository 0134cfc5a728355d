"""The media types schemathesis cannot encode or read by itself: bracket forms out, `text/html` in.

Schemathesis' built-in form encoder flattens ``schedules: [{days, times}]`` into
``schedules=days&schedules=times``, so no valid update would ever reach a server: bodies are sent
with the client's bracket codec (one codec for all). And Buffer was recorded answering errors with
an empty `text/html` body; the spec documents it, and schemathesis validates such a body against
its schema (a string) once it can read it.
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any

import schemathesis
from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.contract.overhead import timed

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"


def form_body(value: Any) -> bytes:
    """The bytes schemathesis sends for a generated body ``value``, valid or deliberately not."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):  # negative testing: an arbitrary raw body
        return value.encode("utf-8")
    if isinstance(value, Mapping):
        return encode_bracket_form(value).encode("ascii")
    if isinstance(value, Sequence):
        # schemathesis turns some negative bodies into lists of (name, value) pairs, names repeated.
        pairs = [item for item in value if isinstance(item, tuple) and len(item) == 2]
        if len(pairs) == len(value):
            return "&".join(encode_bracket_form({str(name): item}) for name, item in pairs).encode("ascii")
    # Anything else (a number, null, a list of scalars) has no form encoding; like schemathesis'
    # own encoder, send it as JSON text, so that the server still receives a body it must reject.
    return json.dumps(value).encode("utf-8")


@schemathesis.serializer(FORM_MEDIA_TYPE)
@timed
def bracket_form_serializer(ctx: Any, value: Any) -> bytes:
    return form_body(value)


@schemathesis.deserializer("text/html")
@timed
def html_body(ctx: Any, response: Any) -> str:
    return bytes(response.content).decode("utf-8", "replace")
