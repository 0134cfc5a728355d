"""A client whose HTTP goes to an in-memory transport that records requests and answers canned JSON."""

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
from buffer_profiles_client import AuthenticatedClient

BASE_URL = "https://api.bufferapp.com/1"
TOKEN = "1/0123456789abcdef"


@dataclass
class RecordingTransport:
    """Answers every request with ``status`` and ``payload``; keeps the requests it saw."""

    payload: Any = field(default_factory=dict)
    status: int = 200
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return httpx.Response(
            self.status, content=json.dumps(self.payload).encode(), headers={"Content-Type": "application/json"}
        )

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def client(self, *, raise_on_unexpected_status: bool = False) -> AuthenticatedClient:
        return AuthenticatedClient(
            base_url=BASE_URL,
            token=TOKEN,
            raise_on_unexpected_status=raise_on_unexpected_status,
            httpx_args={"transport": httpx.MockTransport(self)},
        )
