"""Before anything is generated: is the server there, is the base URL right, are the tokens accepted?

At most two requests (the user's profile list, and the other user's), each answered in
milliseconds by a healthy server; a connection that cannot be opened gives up after
``CONNECT_TIMEOUT_SECONDS``. A setup mistake ends the run with one sentence that
names the option to fix and an exit status of its own (``SetupError.exit_code``).
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from buffer_profiles_testkit.contract.api_reader import OTHER_TOKEN_ENV, TOKEN_ENV
from buffer_profiles_testkit.contract.run.account import Profiles, profiles_by_id
from buffer_profiles_testkit.contract.run.exit_codes import (
    BASE_URL_WRONG,
    OTHER_TOKEN_REFUSED,
    OTHER_TOKEN_SAME,
    TOKEN_REFUSED,
    UNREACHABLE,
)

CONNECT_TIMEOUT_SECONDS = 2.0
READ_TIMEOUT_SECONDS = 10.0
_LIST_PATH = "profiles.json"
_UNAUTHORIZED_CODE = 1001


class SetupError(Exception):
    """A mistake in how the suite was pointed at a server; ``str()`` is the sentence to show."""

    def __init__(self, exit_code: int, sentence: str) -> None:
        super().__init__(sentence)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Preflight:
    profiles: Profiles  # the user's profiles as listed (id -> profile), in list order
    other_profiles: Profiles  # the other user's, empty without OTHER_TOKEN

    @property
    def first_profile(self) -> str | None:
        return next(iter(self.profiles), None)


def spec_base_path(raw_schema: dict[str, Any]) -> str:
    """Where the spec's paths start: the path of its first server URL (``/1``)."""
    servers = raw_schema.get("servers") or [{"url": "/"}]
    return urlsplit(str(servers[0]["url"])).path.rstrip("/")


def error_code(response: httpx.Response) -> Any:
    """The `code` of a JSON error body, or None."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None


def _is_refusal(response: httpx.Response) -> bool:
    """Buffer refuses a token with a 401 (any body) or a 403 with code 1001."""
    return response.status_code == 401 or (response.status_code == 403 and error_code(response) == _UNAUTHORIZED_CODE)


def _listed(response: httpx.Response) -> Profiles | None:
    if response.status_code != 200:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    return profiles_by_id(body) if isinstance(body, list) else None


class _Probe:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        timeout = httpx.Timeout(READ_TIMEOUT_SECONDS, connect=CONNECT_TIMEOUT_SECONDS)
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)

    def __enter__(self) -> "_Probe":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()

    def list_profiles(self, token: str | None, base_url: str | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = f"{base_url or self.base_url}/{_LIST_PATH}"
        try:
            return self._client.get(url, headers=headers)
        except httpx.TransportError as error:
            raise SetupError(
                UNREACHABLE,
                f"Nothing answers at --base-url {self.base_url} ({type(error).__name__}): start the server there, "
                "or pass --base-url the address it listens on.",
            ) from None


def suggested_base_url(base_url: str, base_path: str) -> str | None:
    """``base_url`` cut after ``base_path`` when it goes on past it, or with it added when it lacks it."""
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/")
    if not base_path or path.endswith(base_path):
        return None
    cut = (path + "/").find(base_path + "/")
    head, _, last = path.rpartition("/")
    if cut >= 0:
        new_path = path[: cut + len(base_path)]
    elif last.isdigit() and base_path.rpartition("/")[2].isdigit():
        new_path = head + base_path  # another version of the API (/2): this one is base_path
    else:
        new_path = path + base_path
    return parts._replace(path=new_path, query="", fragment="").geturl()


def _wrong_base_url(probe: _Probe, base_path: str, answer: httpx.Response) -> SetupError:
    suggested = suggested_base_url(probe.base_url, base_path)
    suggestion = f" Try --base-url {suggested}: the API's paths start after {base_path}." if suggested else ""
    return SetupError(
        BASE_URL_WRONG,
        f"--base-url {probe.base_url} does not end where the API's paths start: GET {_LIST_PATH} there answers "
        f"{answer.status_code} {answer.headers.get('content-type', 'without a Content-Type')}, not a profile "
        f"list. Pass --base-url the API's root, the part before /{_LIST_PATH} (it ends in {base_path or '/'})."
        + suggestion,
    )


def preflight(base_url: str, token: str, other_token: str | None, base_path: str) -> Preflight:
    """Check the setup with the user's profile list (and the other user's); raise SetupError on a mistake."""
    if other_token is not None and other_token == token:
        raise SetupError(
            OTHER_TOKEN_SAME,
            f"--other-token ({OTHER_TOKEN_ENV}) is the same as --token ({TOKEN_ENV}): pass a second user's token "
            "(or none).",
        )
    with _Probe(base_url) as probe:
        answer = probe.list_profiles(token)
        profiles = _listed(answer)
        if profiles is None and _is_refusal(answer):
            if suggested_base_url(probe.base_url, base_path):
                raise _wrong_base_url(probe, base_path, answer)  # many servers refuse before they route
            raise SetupError(
                TOKEN_REFUSED,
                f"The server refuses --token ({TOKEN_ENV}): {answer.status_code} to GET {_LIST_PATH}. Pass a valid "
                "access token of the account to test.",
            )
        if profiles is None:
            raise _wrong_base_url(probe, base_path, answer)
        other_profiles: Profiles = {}
        if other_token is not None:
            other_answer = probe.list_profiles(other_token)
            listed = _listed(other_answer)
            if listed is None:
                raise SetupError(
                    OTHER_TOKEN_REFUSED,
                    f"The server refuses --other-token ({OTHER_TOKEN_ENV}): {other_answer.status_code} to GET "
                    f"{_LIST_PATH}. Pass a valid access token of a second user, or none.",
                )
            other_profiles = listed
    return Preflight(profiles, other_profiles)
