"""The migration section, in the README and in the API reference's overview, says the same and says it right.

Its curl examples run as published (bash, curl) against a loopback server that records what they
send: each request carries the client's own query, valid against Buffer's schema, with its variables
and the API key as a Bearer token. Its field table names every field of v1's ``Profile``.
"""

import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from buffer_profiles_client.graphql_queries import ACCOUNT, CHANNEL, CHANNELS, POSTING_SCHEDULE
from graphql import parse, validate

from buffer_profiles_testkit.graphql_schema import buffer_schema
from buffer_profiles_testkit.yaml_loading import load_yaml
from tests.docs.conftest import REPO

SPEC = load_yaml((REPO / "openapi.yaml").read_text(encoding="utf-8"))
SECTIONS: dict[str, tuple[str, str]] = {
    "README": ((REPO / "README.md").read_text(encoding="utf-8"), "## Migrating to Buffer's GraphQL API\n"),
    "reference": (SPEC["info"]["description"], "## Migrating to GraphQL\n"),
}
API_KEY = "test-api-key"
ORGANIZATION_ID = "5160746d13d04a5e3a0000aa"
CHANNEL_ID = "5160746d13d04a5e3a00000f"
# What the examples send, in order: the client's documents with their variables.
EXPECTED = [
    (ACCOUNT.document, {}),
    (CHANNELS.document, {"organizationId": ORGANIZATION_ID}),
    (CHANNEL.document, {"id": CHANNEL_ID}),
    (POSTING_SCHEDULE.document, {"id": CHANNEL_ID}),
]


def section(name: str) -> str:
    text, heading = SECTIONS[name]
    start = text.index(heading) + len(heading)
    end = text.find("\n## ", start)
    return text[start : end if end != -1 else len(text)]


def subsection(name: str, heading: str) -> str:
    text = section(name)
    start = text.index(f"### {heading}\n")
    end = text.find("\n### ", start + 1)
    return text[start : end if end != -1 else len(text)]


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class _Recorder(BaseHTTPRequestHandler):
    requests: list[Recorded]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.requests.append(Recorded("POST", self.path, dict(self.headers.items()), body))
        answer = b'{"data": null}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: no line on stderr per request."""


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[Recorded]]]:
    requests: list[Recorded] = []
    handler = type("Recorder", (_Recorder,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # A short poll interval: shutting down waits for the loop's next look.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("name", SECTIONS)
def test_the_curl_examples_send_the_clients_queries_with_the_api_key(
    name: str, recorder: tuple[str, list[Recorded]]
) -> None:
    if shutil.which("curl") is None:
        pytest.fail("curl is missing: make test (make system-tools) installs it")
    url, requests = recorder
    blocks = re.findall(r"^```sh\n(.*?)^```$", section(name), flags=re.MULTILINE | re.DOTALL)
    environment = {
        **os.environ,
        "BUFFER_GRAPHQL_URL": url,
        "BUFFER_API_KEY": API_KEY,
        "BUFFER_ORGANIZATION_ID": ORGANIZATION_ID,
        "BUFFER_CHANNEL_ID": CHANNEL_ID,
        "NO_PROXY": "*",
    }

    for block in blocks:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block], capture_output=True, text=True, env=environment, timeout=60
        )
        assert result.returncode == 0, result.stderr

    sent = [json.loads(request.body) for request in requests]
    assert [(body["query"], body.get("variables", {})) for body in sent] == EXPECTED
    for request, body in zip(requests, sent, strict=True):
        assert (request.path, request.headers["Authorization"]) == ("/", f"Bearer {API_KEY}")
        assert request.headers["Content-Type"] == "application/json"
        assert validate(buffer_schema(), parse(body["query"])) == []


def test_the_readme_and_the_reference_say_the_same() -> None:
    start = "Buffer's GraphQL API answers everything at one URL"

    assert (
        section("README")[section("README").index(start) :].strip()
        == section("reference")[section("reference").index(start) :].strip()
    )


@pytest.mark.parametrize("name", SECTIONS)
def test_the_field_table_names_every_field_of_v1s_profile_once(name: str) -> None:
    rows = [line for line in subsection(name, "Profile fields").splitlines() if line.startswith("| `")]
    named = [field for row in rows for field in re.findall(r"`([^`]+)`", row.split(" | ")[0])]

    assert sorted(named) == sorted(SPEC["components"]["schemas"]["Profile"]["properties"])


@pytest.mark.parametrize("name", SECTIONS)
def test_the_operations_table_names_every_operation(name: str) -> None:
    table = subsection(name, "Operations")
    operation_ids = [
        operation["operationId"]
        for path_item in SPEC["paths"].values()
        for key, operation in path_item.items()
        if key != "parameters"
    ]

    assert all(f"(`{operation_id}`)" in table for operation_id in operation_ids)
    assert "none: no mutation sets posting schedules" in table
