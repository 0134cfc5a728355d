"""The four operations of openapi.yaml, over a :class:`~server.store.Store`."""

import re
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from buffer_profiles_testkit.server.auth import TOKEN_PARAMETER, authenticated_user, form_body_tokens
from buffer_profiles_testkit.server.errors import ApiError, ErrorCode
from buffer_profiles_testkit.server.form_decoder import decode_bracket_form
from buffer_profiles_testkit.server.limits import FormLimits
from buffer_profiles_testkit.server.posting_caps import check_posting_caps
from buffer_profiles_testkit.server.rate_limit import RateLimiter
from buffer_profiles_testkit.server.request_body import is_form_request, read_form_body
from buffer_profiles_testkit.server.store import Store
from buffer_profiles_testkit.server.update_form import UpdateFormChecker

# The spec's ObjectId pattern; any other id cannot exist, so it is "not found" like an unknown one.
_OBJECT_ID = re.compile(r"[0-9a-f]{24}")

JSON_MEDIA_TYPE = "application/json"
_UPDATED = b'{"success":true,"message":"Schedules updated."}'

Operation = Callable[[Request, str], Awaitable[Response]]


class ProfilesApi:
    def __init__(self, checker: UpdateFormChecker, limits: FormLimits, rate_limiter: RateLimiter | None) -> None:
        self._checker = checker
        self._limits = limits
        self._rate_limiter = rate_limiter
        self._store: Store | None = None  # opened by the app's lifespan, on the server's event loop

    def open(self, store: Store) -> None:
        self._store = store

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store is opened when the app starts (lifespan)")
        return self._store

    def authenticated(self, operation: Operation) -> Callable[[Request], Awaitable[Response]]:
        """The endpoint that runs ``operation`` for the request's user, after auth and the rate limit."""

        async def endpoint(request: Request) -> Response:
            body_tokens: list[str] = []
            if request.method == "POST" and is_form_request(request):
                # The token may travel in the form body, so a form is read (within its limit) before auth.
                request.state.form_body = await read_form_body(request, self._limits.max_body_bytes)
                body_tokens = form_body_tokens(request.state.form_body)
            user_id = authenticated_user(request, self.store, body_tokens)
            if self._rate_limiter is not None:
                retry_after = self._rate_limiter.admit(user_id)
                if retry_after is not None:
                    raise ApiError(ErrorCode.RATE_LIMITED, "Rate limit exceeded.", {"Retry-After": str(retry_after)})
            return await operation(request, user_id)

        return endpoint

    async def list_profiles(self, request: Request, user_id: str) -> Response:
        return Response(self.store.profiles_json(user_id), media_type=JSON_MEDIA_TYPE)

    async def get_profile(self, request: Request, user_id: str) -> Response:
        profile = self.store.profile_json(user_id, _profile_id(request))
        if profile is None:
            raise _profile_not_found()
        return Response(profile, media_type=JSON_MEDIA_TYPE)

    async def list_profile_schedules(self, request: Request, user_id: str) -> Response:
        schedules = self.store.schedules_json(user_id, _profile_id(request))
        if schedules is None:
            raise _profile_not_found()
        return Response(schedules, media_type=JSON_MEDIA_TYPE)

    async def update_profile_schedules(self, request: Request, user_id: str) -> Response:
        profile_id = _profile_id(request)
        service = self.store.profile_service(user_id, profile_id)
        if service is None:
            raise _profile_not_found()
        body = getattr(request.state, "form_body", None)
        if body is None:  # not a form: this answers 415
            body = await read_form_body(request, self._limits.max_body_bytes)
        form = decode_bracket_form(body, self._limits)
        if isinstance(form.get(TOKEN_PARAMETER), str):
            del form[TOKEN_PARAMETER]  # authentication, already read: not a parameter of the update
        schedules = self._checker.check(form)
        check_posting_caps(service, schedules)
        # The profile may have been removed meanwhile; the write re-checks inside its transaction.
        if not self.store.replace_schedules(user_id, profile_id, schedules):
            raise _profile_not_found()
        return Response(_UPDATED, media_type=JSON_MEDIA_TYPE)


def _profile_id(request: Request) -> str:
    profile_id = str(request.path_params["id"])
    if _OBJECT_ID.fullmatch(profile_id) is None:
        raise _profile_not_found()
    return profile_id


def _profile_not_found() -> ApiError:
    return ApiError(ErrorCode.PROFILE_NOT_FOUND, "Profile could not be found.")
