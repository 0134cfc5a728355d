"""Reads that checks make besides the request under test, to compare what the API says in two places.

They carry the suite's configured token (``[auth.openapi.*]`` in ``schemathesis.toml``), never the
case's own (possibly generated, invalid or missing) credentials, and their curl commands name the
token by its environment variable instead of printing it.
"""

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.contract.overhead import http_request
from buffer_profiles_testkit.contract.pacing import PACER, Pacer

TOKEN_ENV = "BUFFER_ACCESS_TOKEN"
OTHER_TOKEN_ENV = "BUFFER_OTHER_ACCESS_TOKEN"
REQUEST_TIMEOUT_SECONDS = 10.0


NO_ANSWER = 0  # a Reading's status when the request got no answer (a transport error)


@dataclass(frozen=True)
class Reading:
    status: int  # NO_ANSWER when there was none
    body: Any  # the decoded JSON, or None when the body is not JSON
    curl: str  # reproduces the read; the token appears as $BUFFER_ACCESS_TOKEN (or the other one)

    @property
    def unanswered(self) -> bool:
        """No answer to judge by: throttled past the retries (429), or none at all."""
        return self.status in (NO_ANSWER, 429)

    def describe(self) -> str:
        shown = json.dumps(self.body, sort_keys=True) if self.body is not None else "(not JSON)"
        return f"{self.status} {shown[:600]}\n    {self.curl}"


class ApiReader:
    """GET requests to one base URL as one user; safe to share between schemathesis' worker threads."""

    def __init__(self, base_url: str, token: str, token_env: str, pacer: Pacer = PACER) -> None:
        self._base_url = base_url.rstrip("/")
        self._token_env = token_env
        self._pacer = pacer
        self._client = httpx.Client(
            headers={"Authorization": f"Bearer {token}"}, timeout=REQUEST_TIMEOUT_SECONDS, follow_redirects=False
        )

    def close(self) -> None:
        self._client.close()

    def _reading(self, request: Callable[[], httpx.Request], curl_options: str = "") -> Reading:
        with http_request():  # building the request is part of making it
            built = request()
            curl = f"curl{curl_options} -H \"Authorization: Bearer ${self._token_env}\" '{built.url}'"
            try:
                response = self._pacer.send(lambda: self._client.send(built))
            except httpx.TransportError as error:  # the judgement is not verified, never a check's crash
                return Reading(NO_ANSWER, {"no answer": f"{type(error).__name__}: {error}"}, curl)
        try:
            body = response.json()
        except ValueError:
            body = None
        return Reading(response.status_code, body, curl)

    def get(self, path: str) -> Reading:
        url = f"{self._base_url}/{path.lstrip('/')}"
        return self._reading(lambda: self._client.build_request("GET", url))

    def update_schedules(self, profile_id: str, schedules: Any) -> Reading:
        form = encode_bracket_form({"schedules": schedules})
        url = f"{self._base_url}/profiles/{quote(profile_id, safe='')}/schedules/update.json"
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self._reading(
            lambda: self._client.build_request("POST", url, content=form, headers=headers), f" --data '{form}'"
        )

    def profiles(self) -> Reading:
        return self.get("profiles.json")

    def schedules(self, profile_id: str) -> Reading:
        return self.get(f"profiles/{quote(profile_id, safe='')}/schedules.json")

    def profile(self, profile_id: str) -> Reading:
        return self.get(f"profiles/{quote(profile_id, safe='')}.json")


_READERS: dict[tuple[str, str], ApiReader] = {}
_READERS_LOCK = threading.Lock()


def _reader(base_url: str, token: str, token_env: str) -> ApiReader:
    with _READERS_LOCK:
        reader = _READERS.get((base_url, token))
        if reader is None:
            reader = _READERS[(base_url, token)] = ApiReader(base_url, token, token_env)
        return reader


def configured_token(case: Any) -> str | None:
    """The token the suite authenticates with: the bearer (or query key) of the schemathesis config."""
    schemes = case.operation.schema.config.auth.openapi.schemes
    for scheme in schemes.values():
        token = getattr(scheme, "bearer", None) or getattr(scheme, "api_key", None)
        if token:
            return str(token)
    return os.environ.get(TOKEN_ENV) or None


def reader_for(case: Any) -> ApiReader | None:
    """A reader as the suite's own user, or None when no token is configured (checks then stay silent)."""
    token = configured_token(case)
    if token is None:
        return None
    return _reader(case.operation.schema.get_base_url(), token, TOKEN_ENV)


def other_user_reader_for(case: Any) -> ApiReader | None:
    """A reader as a second user (``BUFFER_OTHER_ACCESS_TOKEN``), or None when none is given."""
    token = os.environ.get(OTHER_TOKEN_ENV)
    if not token:
        return None
    return _reader(case.operation.schema.get_base_url(), token, OTHER_TOKEN_ENV)
