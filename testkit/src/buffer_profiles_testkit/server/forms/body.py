"""Reading a form body: the media type first, then at most the size limit, never more."""

from starlette.requests import ClientDisconnect, Request

from buffer_profiles_testkit.server.errors import ApiError, ErrorCode

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"


def _unsupported(detail: str) -> ApiError:
    return ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, f"Request body must be {FORM_MEDIA_TYPE}; {detail}")


def check_form_media_type(content_type: str | None) -> None:
    if content_type == FORM_MEDIA_TYPE:
        return  # as nearly every client sends it
    if content_type is None:
        raise _unsupported("the request has no Content-Type.")
    media_type, *parameters = (part.strip() for part in content_type.split(";"))
    if media_type.lower() != FORM_MEDIA_TYPE:
        raise _unsupported(f"got {media_type[:100]!r}.")
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise _unsupported("only the UTF-8 charset is accepted.")


def _too_large(limit: int) -> ApiError:
    return ApiError(ErrorCode.CONTENT_TOO_LARGE, f"Request body too large: at most {limit} bytes.")


def check_single_media_type(content_types: list[str]) -> None:
    # Servers and proxies disagree on which of two Content-Types counts; guessing could read the body wrongly.
    if len(content_types) > 1:
        raise _unsupported("send one Content-Type header, not several.")


def check_identity_encoding(content_encodings: list[str]) -> None:
    # RFC 7694: a coding the server does not apply is 415; decoding a gzip body as form text would be wrong.
    codings = [coding.strip().lower() for header in content_encodings for coding in header.split(",")]
    if any(coding not in ("", "identity") for coding in codings):
        raise _unsupported("the body must not be content-encoded (Content-Encoding: identity, or none).")


def _body_headers(request: Request) -> tuple[list[str], list[str], str | None]:
    """Content-Type and Content-Encoding (each as often as sent) and Content-Length, in one pass."""
    content_types: list[str] = []
    content_encodings: list[str] = []
    content_length = None
    for name, value in request.scope["headers"]:  # names are lower-case in ASGI
        if name == b"content-type":
            content_types.append(value.decode("latin-1"))
        elif name == b"content-encoding":
            content_encodings.append(value.decode("latin-1"))
        elif name == b"content-length":
            content_length = value.decode("latin-1")
    return content_types, content_encodings, content_length


async def read_form_body(request: Request, max_bytes: int, *, only_if_form: bool = False) -> bytes | None:
    """The body of a form request; 415 for another media or content coding, 413 past ``max_bytes`` (read no further).

    With ``only_if_form``, a request whose (first) Content-Type is not a form is None instead of 415.
    """
    content_types, content_encodings, declared = _body_headers(request)
    first_type = content_types[0] if content_types else None
    if only_if_form:
        try:
            check_form_media_type(first_type)
        except ApiError:
            return None
        check_single_media_type(content_types)
    else:
        check_single_media_type(content_types)
        check_form_media_type(first_type)
    if content_encodings:
        check_identity_encoding(content_encodings)
    return await _read_at_most(request, max_bytes, declared)


async def read_body(request: Request, max_bytes: int) -> bytes:
    """A request's body of any media type; 413 past ``max_bytes`` (read no further)."""
    return await _read_at_most(request, max_bytes, request.headers.get("content-length"))


async def _read_at_most(request: Request, max_bytes: int, declared: str | None) -> bytes:
    # The HTTP server has already refused a malformed Content-Length, so it is digits here.
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    # From the ASGI messages themselves: Request.stream() is an async generator, which costs more
    # than the rest of reading a small body.
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)
