"""The four operations of openapi.yaml, over a :class:`~server.storage.store.Store`."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

from buffer_profiles_testkit.server.auth import TOKEN_PARAMETER, form_body_tokens, presented_token, unknown_token
from buffer_profiles_testkit.server.errors import ApiError, ErrorCode
from buffer_profiles_testkit.server.forms.body import read_form_body
from buffer_profiles_testkit.server.forms.decoder import decode_bracket_form
from buffer_profiles_testkit.server.forms.limits import FormLimits
from buffer_profiles_testkit.server.forms.posting_caps import check_posting_caps
from buffer_profiles_testkit.server.forms.validation import UpdateFormChecker
from buffer_profiles_testkit.server.hooks import RequestHooks, current_call
from buffer_profiles_testkit.server.rate_limit import RateLimiter
from buffer_profiles_testkit.server.storage.checkpoints import WritePause
from buffer_profiles_testkit.server.storage.read_cache import ReadCache
from buffer_profiles_testkit.server.storage.store import Store
from buffer_profiles_testkit.server.storage.wal_index import WalIndex
from buffer_profiles_testkit.server.sunset_headers import with_sunset_headers

JSON_MEDIA_TYPE = "application/json"
_UPDATED = b'{"success":true,"message":"Schedules updated."}'

# Each operation's name (the spec's operationId), method and path under the base path.
OPERATIONS: dict[str, tuple[str, str]] = {
    "list_profiles": ("GET", "/profiles.json"),
    "get_profile": ("GET", "/profiles/{id}.json"),
    "list_profile_schedules": ("GET", "/profiles/{id}/schedules.json"),
    "update_profile_schedules": ("POST", "/profiles/{id}/schedules/update.json"),
}

# An operation gets the request, the access token it presents, and its form body if it is a form
# POST (read first, because the token may travel in it).
Operation = Callable[[Request, str, bytes | None], Awaitable[ASGIApp]]
Endpoint = Callable[[Request], Awaitable[ASGIApp]]
Found = TypeVar("Found")


class ProfilesApi:
    def __init__(
        self,
        checker: UpdateFormChecker,
        limits: FormLimits,
        rate_limiter: RateLimiter | None,
        hooks: RequestHooks | None = None,
    ) -> None:
        self._checker = checker
        self._limits = limits
        self._rate_limiter = rate_limiter
        self._hooks = hooks
        self._reads: ReadCache | None = None  # opened by the app's lifespan, on the server's event loop
        self._writes = WritePause()

    def open(self, store: Store, wal_index: WalIndex | None, writes: WritePause) -> None:
        self._reads = ReadCache(store, wal_index)
        self._writes = writes

    @property
    def store(self) -> ReadCache:
        if self._reads is None:
            raise RuntimeError("the store is opened when the app starts (lifespan)")
        return self._reads

    def endpoint(self, name: str, operation: Operation) -> Endpoint:
        """The endpoint that runs ``operation`` with the token the request presents (401 if none, or
        more than one); the operation looks the token up with its data and calls :meth:`_admit`.

        With hooks, ``name`` is the operation's name in each Call, and ``before_operation`` runs first.
        The server's own answers carry the sunset's headers (sunset_headers.py); errors get them in app.py.
        """

        async def endpoint(request: Request) -> ASGIApp:
            if request.method != "POST":
                return with_sunset_headers(await operation(request, presented_token(request), None))
            form_body, body_tokens = await self._form_body(request)
            return with_sunset_headers(await operation(request, presented_token(request, body_tokens), form_body))

        async def hooked_endpoint(request: Request) -> ASGIApp:
            assert self._hooks is not None
            form_body, body_tokens = await self._form_body(request) if request.method == "POST" else (None, [])
            call = current_call(request.scope)
            call.operation = name
            call.profile_id = request.path_params.get("id")
            call.user_id = self._user_of(request, body_tokens)
            answer = await self._hooks.before_operation(call)
            if answer is not None:
                return answer
            return with_sunset_headers(await operation(request, presented_token(request, body_tokens), form_body))

        return endpoint if self._hooks is None else hooked_endpoint

    async def _form_body(self, request: Request) -> tuple[bytes | None, list[str]]:
        """A POST's body if it is a form (None otherwise), and the tokens it carries."""
        form_body = await read_form_body(request, self._limits.max_body_bytes, only_if_form=True)
        return form_body, ([] if form_body is None else form_body_tokens(form_body))

    def _user_of(self, request: Request, body_tokens: list[str]) -> str | None:
        """The user of the one token the request presents; None for none, several or an unknown one."""
        try:
            token = presented_token(request, body_tokens)
        except ApiError:
            return None
        return self.store.user_of_token(token)

    def _admit(self, found: tuple[str, Found] | None) -> tuple[str, Found]:
        """The user of the token and what was read with it, once the rate limit admits the request."""
        if found is None:
            raise unknown_token()
        if self._rate_limiter is not None:
            retry_after = self._rate_limiter.admit(found[0])
            if retry_after is not None:
                raise ApiError(ErrorCode.RATE_LIMITED, "Rate limit exceeded.", {"Retry-After": str(retry_after)})
        return found

    async def list_profiles(self, request: Request, token: str, form_body: bytes | None) -> Response:
        _, profiles = self._admit(self.store.token_and_profiles(token))
        return Response(profiles, media_type=JSON_MEDIA_TYPE)

    async def get_profile(self, request: Request, token: str, form_body: bytes | None) -> Response:
        _, profile = self._admit(self.store.token_and_profile(token, _profile_id(request), "document"))
        if profile is None:
            raise _profile_not_found()
        return Response(profile, media_type=JSON_MEDIA_TYPE)

    async def list_profile_schedules(self, request: Request, token: str, form_body: bytes | None) -> Response:
        _, schedules = self._admit(self.store.token_and_profile(token, _profile_id(request), "schedules"))
        if schedules is None:
            raise _profile_not_found()
        return Response(schedules, media_type=JSON_MEDIA_TYPE)

    async def update_profile_schedules(self, request: Request, token: str, form_body: bytes | None) -> ASGIApp:
        profile_id = _profile_id(request)
        user_id, service = self._admit(self.store.token_and_profile(token, profile_id, "service"))
        if service is None:
            raise _profile_not_found()
        if form_body is None:  # not a form: this answers 415
            form_body = await read_form_body(request, self._limits.max_body_bytes)
            assert form_body is not None
        form = decode_bracket_form(form_body, self._limits)
        if isinstance(form.get(TOKEN_PARAMETER), str):
            del form[TOKEN_PARAMETER]  # authentication, already read: not a parameter of the update
        if self._hooks is not None:
            # A token under the parameter's name in another shape is refused below, but never shown.
            current_call(request.scope).form = {name: value for name, value in form.items() if name != TOKEN_PARAMETER}
        schedules = self._checker.check(form)
        check_posting_caps(service, schedules)
        await self._writes.passed()  # nothing awaited between this and the write
        # The profile may have been removed meanwhile; the write re-checks inside its transaction.
        if not self.store.replace_schedules(user_id, profile_id, schedules):
            raise _profile_not_found()
        if self._hooks is not None:
            call = current_call(request.scope)
            call.written = True
            answer = await self._hooks.after_write(call)
            if answer is not None:
                return answer
        return Response(_UPDATED, media_type=JSON_MEDIA_TYPE)


def _profile_id(request: Request) -> str:
    # Any string: an id of another form than the spec's ObjectId matches no profile, so it is "not found".
    return str(request.path_params["id"])


def _profile_not_found() -> ApiError:
    return ApiError(ErrorCode.PROFILE_NOT_FOUND, "Profile could not be found.")
