"""Deliberately broken servers: the reference app behind a small ASGI wrapper that breaks one promise.

Each wrapper buffers the request and the reference app's response, so it can rewrite either, or
talk to the reference app itself (as the server's own storage would) to drop or half-apply a write.
"""

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes, urlencode

import httpx
from buffer_profiles_client.bracket_form import encode_bracket_form
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from buffer_profiles_testkit.server.demo import (
    DEMO_PROFILE,
    DEMO_PROFILE_ID,
    DEMO_SECOND_PROFILE_ID,
    DEMO_TOKEN,
    OTHER_USER_TOKEN,
)
from tests.recorded import PROFILE, UNAUTHORIZED

# Well-formed ids only: a variant that talks to the app about a fuzzed id would crash on its own.
_UPDATE = re.compile(r"^/1/profiles/([0-9a-f]{24})/schedules/update\.json$")
_PROFILE = re.compile(r"^/1/profiles/([0-9a-f]{24})\.json$")


@dataclass
class Exchange:
    """One request and the reference app's answer, as a wrapper may rewrite them."""

    method: str
    path: str
    headers: list[tuple[bytes, bytes]]
    query: str
    body: bytes
    status: int = 0
    response_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    response_body: bytes = b""
    scratch: dict[str, Any] = field(default_factory=dict)  # what a `before` hook leaves for `after`

    def header(self, name: bytes) -> str | None:
        return next((value.decode("latin-1") for key, value in self.headers if key.lower() == name), None)

    def set_header(self, name: bytes, value: str | None) -> None:
        self.headers = [(key, old) for key, old in self.headers if key.lower() != name]
        if value is not None:
            self.headers.append((name, value.encode("latin-1")))

    def response_json(self) -> Any:
        return json.loads(self.response_body)

    def respond_json(self, status: int, body: Any) -> None:
        self.status = status
        self.response_body = json.dumps(body).encode()
        self.response_headers = [(b"content-type", b"application/json")]


Hook = Callable[[Exchange, "Internal"], Awaitable[None]]


async def _unchanged(exchange: Exchange, internal: "Internal") -> None:
    return None


class Internal:
    """Requests to the wrapped reference app itself, with the exchange's own credentials."""

    def __init__(self, app: ASGIApp, exchange: Exchange, memory: dict[str, Any] | None = None) -> None:
        self._app = app
        # latin-1 bytes: a header may carry any byte (the suite sends a no-break space in one)
        header = exchange.header(b"authorization") or f"Bearer {DEMO_TOKEN}"
        self._auth = {b"Authorization": header.encode("latin-1")}
        self.memory = {} if memory is None else memory  # what a variant keeps from one request to the next

    def _client(self) -> httpx.AsyncClient:
        # The app's lifespan already runs (it serves the outer request), so its store is open.
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=self._app), base_url="http://internal")

    async def get_json(self, path: str) -> tuple[int, Any]:
        async with self._client() as client:
            response = await client.get(path, headers=self._auth)
            return response.status_code, response.json()

    async def get_json_as(self, token: str, path: str) -> tuple[int, Any]:
        async with self._client() as client:
            response = await client.get(path, headers={"Authorization": f"Bearer {token}"})
            return response.status_code, response.json()

    async def post_form(self, path: str, body: str) -> int:
        headers = {**self._auth, b"Content-Type": b"application/x-www-form-urlencoded"}
        async with self._client() as client:
            return (await client.post(path, content=body, headers=headers)).status_code


class BrokenServer:
    """The reference app, with ``before`` run on each request and ``after`` on each of its responses."""

    def __init__(self, app: ASGIApp, *, before: Hook = _unchanged, after: Hook = _unchanged) -> None:
        self._app, self._before, self._after = app, before, after
        self._memory: dict[str, Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        exchange = Exchange(
            scope["method"], scope["path"], list(scope["headers"]), scope["query_string"].decode(), body
        )
        await self._before(exchange, Internal(self._app, exchange, self._memory))
        if not exchange.status:  # `before` may have answered on its own
            await self._call_app(scope, exchange)
            await self._after(exchange, Internal(self._app, exchange, self._memory))
        headers = [(k, v) for k, v in exchange.response_headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(exchange.response_body)).encode()))
        await send({"type": "http.response.start", "status": exchange.status, "headers": headers})
        await send({"type": "http.response.body", "body": exchange.response_body})

    async def _call_app(self, scope: Scope, exchange: Exchange) -> None:
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": exchange.body, "more_body": False}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                exchange.status = message["status"]
                exchange.response_headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                exchange.response_body += message.get("body", b"")

        inner_scope = {**scope, "headers": exchange.headers, "query_string": exchange.query.encode()}
        await self._app(inner_scope, receive, send)


# --- the faults, one promise each --------------------------------------------------------------


async def _drop_update(exchange: Exchange, internal: Internal) -> None:
    """Answers a valid update 200 but keeps the old schedules (restores them right after)."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path):
        status, before = await internal.get_json(exchange.path.replace("/update.json", ".json"))
        if status == 200:
            exchange.scratch["schedules"] = before


async def _restore_after_update(exchange: Exchange, internal: Internal) -> None:
    before = exchange.scratch.get("schedules")
    if exchange.status == 200 and before:
        await internal.post_form(exchange.path, encode_bracket_form({"schedules": before}))


async def _created_at_as_string(exchange: Exchange, internal: Internal) -> None:
    """Profiles carry `created_at` as a string instead of an integer."""
    if exchange.method == "GET" and exchange.status == 200 and _PROFILE.match(exchange.path):
        profile = exchange.response_json()
        profile["created_at"] = str(profile["created_at"])
        exchange.respond_json(200, profile)


async def _crash_on_bad_update(exchange: Exchange, internal: Internal) -> None:
    """An update the reference app rejects (400) crashes instead: a 500."""
    if exchange.status == 400 and _UPDATE.match(exchange.path):
        exchange.respond_json(500, {"success": False, "code": 1000, "message": "An unknown error occurred."})


async def _accept_invalid_update(exchange: Exchange, internal: Internal) -> None:
    """An update the reference app rejects (400) is answered 200 all the same."""
    if exchange.status == 400 and _UPDATE.match(exchange.path):
        exchange.respond_json(200, {"success": True})


async def _ignore_auth(exchange: Exchange, internal: Internal) -> None:
    """Every request is served as the demo user, whatever token it carries, or none."""
    exchange.set_header(b"authorization", f"Bearer {DEMO_TOKEN}")
    exchange.query = urlencode([(k, v) for k, v in parse_qsl(exchange.query) if k != "access_token"])


async def _leak_to_other_user(exchange: Exchange, internal: Internal) -> None:
    """The second user's token is served the demo user's profiles (ownership is not checked)."""
    if exchange.header(b"authorization") == f"Bearer {OTHER_USER_TOKEN}":
        exchange.set_header(b"authorization", f"Bearer {DEMO_TOKEN}")


async def _wrong_not_found_code(exchange: Exchange, internal: Internal) -> None:
    """An unknown profile is answered 404 with code 1006 (a bad value, which the table puts at 400)."""
    if exchange.status == 404 and b'"code":1010' in exchange.response_body.replace(b" ", b""):
        exchange.respond_json(404, {"success": False, "code": 1006, "message": "Profile could not be found."})


async def _apply_first_schedule_then_reject(exchange: Exchange, internal: Internal) -> None:
    """A rejected update still stores its first schedule, if that one alone is valid."""
    if exchange.status == 400 and _UPDATE.match(exchange.path):
        first = [(k, v) for k, v in parse_qsl(exchange.body.decode("utf-8", "replace")) if k.startswith("schedules[0]")]
        if first:
            await internal.post_form(exchange.path, urlencode(first))


async def _answer_another_profile(exchange: Exchange, internal: Internal) -> None:
    """GET /profiles/{id}.json answers with the user's first profile, whichever id was asked."""
    if exchange.method == "GET" and exchange.status == 200 and _PROFILE.match(exchange.path):
        _, listed = await internal.get_json("/1/profiles.json")
        exchange.respond_json(200, listed[-1] if listed[0]["id"] == exchange.response_json()["id"] else listed[0])


async def _stale_embedded_schedules(exchange: Exchange, internal: Internal) -> None:
    """A profile's embedded `schedules` are the ones it was seeded with, not the stored ones."""
    if exchange.method == "GET" and exchange.status == 200 and _PROFILE.match(exchange.path):
        profile = exchange.response_json()
        profile["schedules"] = [{"days": ["sat", "sun"], "times": ["10:00"]}, {"days": ["mon"], "times": ["09:00"]}]
        exchange.respond_json(200, profile)


async def _plain_text_method_errors(exchange: Exchange, internal: Internal) -> None:
    """A wrong method (405) is answered in plain text, not Buffer's JSON error."""
    if exchange.status == 405:
        exchange.response_body = b"Method Not Allowed"
        exchange.response_headers = [(k, v) for k, v in exchange.response_headers if k.lower() != b"content-type"]
        exchange.response_headers.append((b"content-type", b"text/plain; charset=utf-8"))


async def _list_first_profile_twice(exchange: Exchange, internal: Internal) -> None:
    """list_profiles names its first profile twice."""
    if exchange.method == "GET" and exchange.status == 200 and exchange.path == "/1/profiles.json":
        profiles = exchange.response_json()
        exchange.respond_json(200, profiles + profiles[:1])


async def _refuse_both_token_checks(exchange: Exchange, internal: Internal) -> None:
    """A token in both the header and the query is accepted (the header wins) instead of refused."""
    if exchange.header(b"authorization") and "access_token=" in exchange.query:
        exchange.query = urlencode([(k, v) for k, v in parse_qsl(exchange.query) if k != "access_token"])


async def _let_other_user_write(exchange: Exchange, internal: Internal) -> None:
    """The second user's token may replace the demo user's schedules (ownership is not checked on writes)."""
    other_user = exchange.header(b"authorization") == f"Bearer {OTHER_USER_TOKEN}"
    if exchange.method == "POST" and _UPDATE.match(exchange.path) and other_user:
        exchange.set_header(b"authorization", f"Bearer {DEMO_TOKEN}")


_SIBLING = {DEMO_PROFILE_ID: DEMO_SECOND_PROFILE_ID, DEMO_SECOND_PROFILE_ID: DEMO_PROFILE_ID}


async def _overwrite_sibling(exchange: Exchange, internal: Internal) -> None:
    """A successful update of one demo profile also stores the same schedules on the user's other profile."""
    match = _UPDATE.match(exchange.path)
    if exchange.method == "POST" and exchange.status == 200 and match and match[1] in _SIBLING:
        await internal.post_form(exchange.path.replace(match[1], _SIBLING[match[1]]), exchange.body.decode())


_PERCENT_ENCODED_NEWLINE = re.compile(r"%0A", re.IGNORECASE)


async def _accept_hour_24(exchange: Exchange, internal: Internal) -> None:
    """A posting time at hour 24 (``24:45``) is taken as hour 0 instead of refused."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path):
        exchange.body = re.sub(rb"=24(%3A|:)", rb"=00\1", exchange.body)


async def _strip_trailing_newlines(exchange: Exchange, internal: Internal) -> None:
    """Values of an update lose a trailing newline (``12:45\\n`` is stored as ``12:45``) instead of being refused."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path):
        exchange.body = _PERCENT_ENCODED_NEWLINE.sub("", exchange.body.decode()).encode()


async def _serve_paths_without_json(exchange: Exchange, internal: Internal) -> None:
    """``/1/profiles`` (no ``.json``) is served as ``/1/profiles.json`` instead of being an unknown endpoint."""
    if exchange.method == "GET" and exchange.path == "/1/profiles":
        exchange.respond_json(*await internal.get_json("/1/profiles.json"))


async def _ignore_form_body_token(exchange: Exchange, internal: Internal) -> None:
    """A token in the form body of an update is not read (only the header and the query are)."""
    if exchange.method == "POST" and b"access_token=" in exchange.body:
        pairs = parse_qsl(exchange.body.decode("utf-8", "replace"), keep_blank_values=True)
        exchange.body = urlencode([(k, v) for k, v in pairs if k != "access_token"], safe="[]:").encode()


async def _drop_challenge(exchange: Exchange, internal: Internal) -> None:
    """A 401 carries no WWW-Authenticate challenge."""
    if exchange.status == 401:
        exchange.response_headers = [(k, v) for k, v in exchange.response_headers if k.lower() != b"www-authenticate"]


async def _crash_on_json_body(exchange: Exchange, internal: Internal) -> None:
    """An update with a JSON body crashes (500) instead of being refused."""
    if exchange.method == "POST" and (exchange.header(b"content-type") or "").startswith("application/json"):
        exchange.respond_json(500, {"success": False, "code": 1000, "message": "An unknown error occurred."})


async def _retry_after_in_words(exchange: Exchange, internal: Internal) -> None:
    """Reads with the token in the query are throttled (429) with ``Retry-After: in a minute``."""
    if exchange.method == "GET" and "access_token=" in exchange.query:
        exchange.respond_json(429, {"success": False, "code": 429, "message": "Rate limit exceeded."})
        exchange.response_headers.append((b"retry-after", b"in a minute"))


async def _refuse_single_day(exchange: Exchange, internal: Internal) -> None:
    """An update whose schedule names a single day is refused (400), though one day is the documented minimum."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path):
        days = [k for k, _ in parse_qsl(exchange.body.decode("utf-8", "replace")) if k == "schedules[0][days][]"]
        if len(days) == 1:
            exchange.respond_json(400, {"success": False, "code": 1006, "message": "At least two days."})


async def _match_names_as_sent(exchange: Exchange, internal: Internal) -> None:
    """An update whose names are percent-encoded (``schedules%5B0%5D...``) is refused, as if unknown parameters."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path) and b"%5B" in exchange.body:
        exchange.respond_json(400, {"success": False, "code": 1003, "message": "Parameter not recognized."})


async def _values_as_sent_under_documented_names(exchange: Exchange, internal: Internal) -> None:
    """An update whose names are written as the documentation writes them (plain brackets) has its values
    taken as sent, not percent-decoded: a fast path for the documented form, as a parse cache may take."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path) and b"%5B" not in exchange.body.upper():
        pairs = [pair.partition(b"=") for pair in exchange.body.split(b"&")]
        exchange.body = b"&".join(
            name + equals + (value.replace(b"%", b"%25") if name.startswith(b"schedules[") else value)
            for name, equals, value in pairs
        )


_BAD_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_SCHEDULE_INDEX = re.compile(r"^schedules\[(\d+)\]")


def _unreadable_form(body: bytes) -> bool:
    """What a decoder that reads only well-formed forms of the documented shape cannot read."""
    names = []
    for raw_name, _, raw_value in (pair.partition(b"=") for pair in body.split(b"&") if pair):
        for raw in (raw_name, raw_value):
            try:
                unquote_to_bytes(raw).decode("utf-8")
            except UnicodeDecodeError:
                return True
            if _BAD_ESCAPE.search(raw):
                return True
        names.append(unquote_to_bytes(raw_name).decode("utf-8"))
    indices = {int(match[1]) for name in names if (match := _SCHEDULE_INDEX.match(name))}
    gap = indices != set(range(len(indices)))
    return gap or any(len(name) > 1024 or name in ("schedules", "schedules[]") for name in names)


async def _crash_on_unreadable_form(exchange: Exchange, internal: Internal) -> None:
    """An update whose form has a malformed or non-UTF-8 escape, a name over 1,024 characters, list
    indices with a gap or a plain value where a schedule belongs crashes the server's decoder: 500."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path) and _unreadable_form(exchange.body):
        exchange.respond_json(500, {"success": False, "code": 1000, "message": "An unknown error occurred."})


def _close_enough(token: str) -> str | None:
    return next((known for known in _KNOWN_TOKENS if token.strip().lower() == known.lower()), None)


async def _look_tokens_up_loosely(exchange: Exchange, internal: Internal) -> None:
    """A token is looked up trimmed and in any case, so a token close to a valid one passes as it."""
    scheme, _, token = (exchange.header(b"authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and (known := _close_enough(token)):
        exchange.set_header(b"authorization", f"Bearer {known}")
    pairs = parse_qsl(exchange.query, keep_blank_values=True)
    exchange.query = urlencode([(k, (_close_enough(v) or v) if k == "access_token" else v) for k, v in pairs])


async def _serve_empty_token(exchange: Exchange, internal: Internal) -> None:
    """A request whose token is present but empty (``Authorization: Bearer``) is served as the demo user."""
    if (exchange.header(b"authorization") or "").strip().lower() == "bearer":
        exchange.set_header(b"authorization", f"Bearer {DEMO_TOKEN}")


async def _exact_bearer_scheme_only(exchange: Exchange, internal: Internal) -> None:
    """Only the exact scheme ``Bearer`` is read: ``bearer <token>`` is refused, though schemes are case-insensitive."""
    scheme, _, token = (exchange.header(b"authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and scheme != "Bearer":
        exchange.set_header(b"authorization", f"Unknown {token}")


async def _update_says_success_false(exchange: Exchange, internal: Internal) -> None:
    """A valid update is stored, but answered 200 with ``"success": false``."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path) and exchange.status == 200:
        exchange.respond_json(200, {**exchange.response_json(), "success": False})


async def _refusal_says_success_true(exchange: Exchange, internal: Internal) -> None:
    """A refused update (400) says ``"success": true`` in its error body."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path) and exchange.status == 400:
        exchange.respond_json(400, {**exchange.response_json(), "success": True})


def _with_drifted_timezone(profile: Any, drifted: set[str]) -> Any:
    if isinstance(profile, dict) and profile.get("id") in drifted:
        return {**profile, "timezone": "UTC" if profile.get("timezone") != "UTC" else "Europe/London"}
    return profile


async def _update_resets_timezone(exchange: Exchange, internal: Internal) -> None:
    """An accepted update also resets its profile's timezone (every later read shows the new one)."""
    drifted: set[str] = internal.memory.setdefault("drifted", set())
    update = _UPDATE.match(exchange.path)
    if exchange.method == "POST" and update and exchange.status == 200:
        drifted.add(update[1])
    elif exchange.method == "GET" and exchange.status == 200 and exchange.path == "/1/profiles.json":
        exchange.respond_json(200, [_with_drifted_timezone(p, drifted) for p in exchange.response_json()])
    elif exchange.method == "GET" and exchange.status == 200 and _PROFILE.match(exchange.path):
        exchange.respond_json(200, _with_drifted_timezone(exchange.response_json(), drifted))


# --- a server that behaves as Buffer was documented and recorded behaving: no promise broken -----

_RECORDED_PROFILE = json.loads(PROFILE.body)
# What recorded profiles carry beyond the Profiles page, and one field no description names.
_RECORDED_EXTRAS = {
    name: _RECORDED_PROFILE[name]
    for name in ("_id", "avatar_https", "counts", "formatted_service", "quick_signin", "service_type", "verb")
} | {"disconnected": None, "utm_tracking": None, "reports_logo": None}
_RECORDED_JSON = (b"content-type", PROFILE.headers["Content-Type"].encode())
_REPEATABLE = re.compile(r"^schedules\[\d+\]\[(days|times)\]\[\]$")
_PROFILE_PATH = re.compile(r"^/1/profiles/([0-9a-f]{24})(\.json|/schedules\.json)$")


def _as_recorded(profile: dict[str, Any], *, single: bool) -> dict[str, Any]:
    # The recorded single profile has no `default`; neither recording has `team_members`.
    dropped = {"team_members", "default"} if single else {"team_members"}
    return {name: value for name, value in profile.items() if name not in dropped} | _RECORDED_EXTRAS


def _respond_recorded_json(exchange: Exchange, status: int, body: Any) -> None:
    exchange.respond_json(status, body)
    exchange.response_headers = [_RECORDED_JSON]


async def _buffer_like_request(exchange: Exchange, internal: Internal) -> None:
    """Repeated days or times in an update are accepted, each kept once (Buffer documents no rule on them)."""
    if exchange.method == "POST" and _UPDATE.match(exchange.path):
        pairs = parse_qsl(exchange.body.decode("utf-8", "replace"), keep_blank_values=True)
        kept = [pair for index, pair in enumerate(pairs) if not _REPEATABLE.match(pair[0]) or pair not in pairs[:index]]
        exchange.body = urlencode(kept, safe="[]:").encode()


async def _buffer_like_response(exchange: Exchange, internal: Internal) -> None:
    """Answers as recorded: bare 401s, 403/1001 for an unknown token, 403/1011 for another user's profile,
    extra and `null` fields, no `default` on a single profile, errors in the older `error` shape."""
    challenge = next((v.decode() for k, v in exchange.response_headers if k.lower() == b"www-authenticate"), "")
    if exchange.status == 401 and "invalid_token" in challenge:
        _respond_recorded_json(exchange, 403, {"code": 1001, "error": "Access token required."})
    elif exchange.status == 401:
        exchange.status, exchange.response_body = 401, UNAUTHORIZED.body
        exchange.response_headers = [(k.lower().encode(), v.encode()) for k, v in UNAUTHORIZED.headers.items()]
    elif exchange.status == 404 and (match := _PROFILE_PATH.match(exchange.path)):
        owners = [await internal.get_json_as(token, f"/1/profiles/{match[1]}.json") for token in _KNOWN_TOKENS]
        if any(status == 200 for status, _ in owners):
            message = "No authorization to access profile."
            _respond_recorded_json(exchange, 403, {"success": False, "message": message, "code": 1011})
    elif exchange.status == 400:
        error = exchange.response_json()
        _respond_recorded_json(exchange, 400, {"code": error["code"], "error": error["message"]})
    elif exchange.method == "GET" and exchange.status == 200 and exchange.path == "/1/profiles.json":
        _respond_recorded_json(exchange, 200, [_as_recorded(p, single=False) for p in exchange.response_json()])
    elif exchange.method == "GET" and exchange.status == 200 and _PROFILE.match(exchange.path):
        _respond_recorded_json(exchange, 200, _as_recorded(exchange.response_json(), single=True))


_KNOWN_TOKENS = (DEMO_TOKEN, OTHER_USER_TOKEN)


@dataclass(frozen=True)
class Variant:
    name: str
    description: str
    before: Hook = _unchanged
    after: Hook = _unchanged

    def wrap(self, app: ASGIApp) -> ASGIApp:
        return BrokenServer(app, before=self.before, after=self.after)


@dataclass(frozen=True)
class Combined:
    """Several variants around one app: the first sees each request first and each answer last."""

    variants: tuple[Variant, ...]

    def wrap(self, app: ASGIApp) -> ASGIApp:
        for variant in reversed(self.variants):
            app = variant.wrap(app)
        return app


def _variant(name: str, *, before: Hook = _unchanged, after: Hook = _unchanged) -> Variant:
    hook = after if after is not _unchanged else before
    return Variant(name, (hook.__doc__ or "").strip(), before, after)


VARIANTS = {
    variant.name: variant
    for variant in [
        _variant("dropped_update", before=_drop_update, after=_restore_after_update),
        _variant("wrong_field_type", after=_created_at_as_string),
        _variant("server_error_on_bad_input", after=_crash_on_bad_update),
        _variant("accepts_invalid_update", after=_accept_invalid_update),
        _variant("ignores_auth", before=_ignore_auth),
        _variant("leaks_other_users_profile", before=_leak_to_other_user),
        _variant("wrong_error_code", after=_wrong_not_found_code),
        _variant("partial_update_despite_400", after=_apply_first_schedule_then_reject),
        _variant("answers_another_profile", after=_answer_another_profile),
        _variant("stale_embedded_schedules", after=_stale_embedded_schedules),
        _variant("plain_text_errors", after=_plain_text_method_errors),
        _variant("duplicate_listing", after=_list_first_profile_twice),
        _variant("token_in_both_places_accepted", before=_refuse_both_token_checks),
        _variant("other_user_can_overwrite_schedules", before=_let_other_user_write),
        _variant("update_overwrites_sibling_profile", after=_overwrite_sibling),
        _variant("accepts_hour_24", before=_accept_hour_24),
        _variant("accepts_trailing_newline", before=_strip_trailing_newlines),
        _variant("serves_unknown_endpoint", before=_serve_paths_without_json),
        _variant("ignores_form_body_token", before=_ignore_form_body_token),
        _variant("unauthorized_without_challenge", after=_drop_challenge),
        _variant("crashes_on_json_body", before=_crash_on_json_body),
        _variant("retry_after_in_words", before=_retry_after_in_words),
        _variant("refuses_single_day_schedule", before=_refuse_single_day),
        _variant("refuses_percent_encoded_names", before=_match_names_as_sent),
        _variant("accepts_close_tokens", before=_look_tokens_up_loosely),
        _variant("serves_empty_token", before=_serve_empty_token),
        _variant("exact_bearer_scheme_only", before=_exact_bearer_scheme_only),
        _variant("update_says_success_false", after=_update_says_success_false),
        _variant("refusal_says_success_true", after=_refusal_says_success_true),
        _variant("update_resets_timezone", after=_update_resets_timezone),
        _variant("decodes_values_only_with_escaped_names", before=_values_as_sent_under_documented_names),
        _variant("crashes_on_malformed_forms", before=_crash_on_unreadable_form),
    ]
}

_throttled = {"requests": 0, "answered_429": 0}
THROTTLED_REQUEST_NUMBERS = (3, 4)  # the preflight's requests pass, then two in a row are throttled


async def _throttle_briefly(exchange: Exchange, internal: Internal) -> None:
    """Two early requests are answered 429 with ``Retry-After: 1``, as a rate-limited server answers."""
    _throttled["requests"] += 1
    if _throttled["requests"] in THROTTLED_REQUEST_NUMBERS:
        _throttled["answered_429"] += 1
        exchange.respond_json(429, {"success": False, "code": 429, "message": "Rate limit exceeded."})
        exchange.response_headers.append((b"retry-after", b"1"))


def throttled_variant() -> Variant:
    """A server that rate-limits: correct, but a run must wait when told to (a fresh counter each call)."""
    _throttled.update(requests=0, answered_429=0)
    return Variant("throttles_briefly", (_throttle_briefly.__doc__ or "").strip(), before=_throttle_briefly)


def throttled_answers() -> int:
    """How many 429s the latest throttled_variant() has answered."""
    return _throttled["answered_429"]


THROTTLE_EVERY = 10  # requests: the preflight's two pass, then one in ten is throttled, all run long


async def _throttle_now_and_then(exchange: Exchange, internal: Internal) -> None:
    """Every tenth request is answered 429 with ``Retry-After: 0``, as a server at its limit answers now and then."""
    internal.memory["requests"] = internal.memory.get("requests", 0) + 1
    if internal.memory["requests"] % THROTTLE_EVERY == 0:
        exchange.respond_json(429, {"success": False, "code": 429, "message": "Rate limit exceeded."})
        exchange.response_headers.append((b"retry-after", b"0"))


# Not a broken promise: a correct server that throttles; a run waits each 429 out and judges every case.
THROTTLES_NOW_AND_THEN = Variant(
    "throttles_now_and_then", (_throttle_now_and_then.__doc__ or "").strip(), before=_throttle_now_and_then
)


async def _refuse_seed(exchange: Exchange, internal: Internal) -> None:
    """Any update of the demo profile back to its seeded schedules fails (so a run cannot put them back)."""
    seeded_form = encode_bracket_form({"schedules": DEMO_PROFILE["schedules"]}).encode()
    if exchange.method == "POST" and DEMO_PROFILE_ID in exchange.path and exchange.body == seeded_form:
        exchange.respond_json(400, {"success": False, "code": 1012, "message": "Profile did not save successfully."})


# Not a broken promise: a server on which putting the account back fails (the run must say so).
REFUSES_TO_PUT_BACK = Variant("refuses_the_seed_schedules", (_refuse_seed.__doc__ or "").strip(), before=_refuse_seed)


BUFFER_LIKE = Variant(
    "buffer_like",
    "Behaves as Buffer was documented and recorded behaving; breaks no promise of Buffer's contract.",
    before=_buffer_like_request,
    after=_buffer_like_response,
)
