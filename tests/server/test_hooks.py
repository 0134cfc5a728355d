"""The server's one seam (server/hooks.py): each point, what a hook sees there, and what it may do.

A small recording hook stands in for what plugs in (the kit's faults; a journal, an admin
interface): it sees the operation, the profile id, the token's user (never the token) and the
decoded body; it may answer before the operation or after the update's write, and its answer may
drop the connection before, during or after the head, or send the body in parts.
"""

import ast
import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN, DEMO_USER_ID
from buffer_profiles_testkit.server.endpoints import OPERATIONS
from buffer_profiles_testkit.server.hooks import Answer, Call, HookChain, RequestHooks, current_call
from buffer_profiles_testkit.server.spec import load_spec
from tests.demo_server import seed_demo

SERVER_PACKAGE = Path(__file__).resolve().parents[2] / "testkit" / "src" / "buffer_profiles_testkit" / "server"
UPDATE_PATH = f"profiles/{DEMO_PROFILE_ID}/schedules/update.json"
UPDATE_BODY = "schedules[0][days][]=sun&schedules[0][times][]=06:30"
SENT_SCHEDULES = [{"days": ["sun"], "times": ["06:30"]}]
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@dataclass
class Recorder(RequestHooks):
    """Records every call at every point; gives calls of ``operation`` the answers ``before`` and ``after``."""

    operation: str = "update_profile_schedules"
    before: Answer | None = None
    after: Answer | None = None
    seen: list[tuple[str, Call]] = field(default_factory=list)
    _answered: threading.Condition = field(default_factory=threading.Condition)

    async def before_operation(self, call: Call) -> Answer | None:
        self.seen.append(("before_operation", call))
        return self.before if call.operation == self.operation else None

    async def after_write(self, call: Call) -> Answer | None:
        self.seen.append(("after_write", call))
        return self.after

    def answered_to(self, operation: str | None) -> Call:
        """The answered call of ``operation``, waiting for the server to be done with it (the client may be first)."""

        def calls() -> list[Call]:
            return [call for point, call in self.seen if point == "answered" and call.operation == operation]

        with self._answered:
            assert self._answered.wait_for(calls, timeout=10), f"{operation} was never answered"
            return calls()[0]

    async def answered(self, call: Call) -> None:
        with self._answered:
            self.seen.append(("answered", call))
            self._answered.notify_all()

    def points(self) -> list[str]:
        return [point for point, _ in self.seen]


Start = Callable[..., tuple[str, Recorder]]


@pytest.fixture
def hooked(tmp_path: Path) -> Iterator[Start]:
    """Starts a server whose hooks are a Recorder made of the given answers; gives its base URL and the Recorder."""
    with ExitStack() as servers:

        def start(operation: str = "update_profile_schedules", **answers: Answer | None) -> tuple[str, Recorder]:
            hooks = Recorder(operation, answers.get("before"), answers.get("after"))
            app = create_app(seed_demo(tmp_path / "hooked.sqlite3"), hooks=hooks)
            return servers.enter_context(running_server(app)), hooks

        yield start


def _client(base_url: str, **headers: str) -> httpx.Client:
    return httpx.Client(base_url=base_url + "/", headers=headers, timeout=10)


def _stored_schedules(base_url: str) -> object:
    with _client(base_url, Authorization=f"Bearer {DEMO_TOKEN}") as http:
        return http.get(f"profiles/{DEMO_PROFILE_ID}/schedules.json").json()


def test_hooks_see_operation_profile_and_user_but_never_the_token(hooked: Start) -> None:
    base_url, hooks = hooked()

    with _client(base_url) as http:
        http.get(f"profiles/{DEMO_PROFILE_ID}.json", params={"access_token": DEMO_TOKEN})
        http.post(UPDATE_PATH, content=f"{UPDATE_BODY}&access_token={DEMO_TOKEN}", headers=FORM)

    hooks.answered_to("update_profile_schedules")
    (_, read), (_, read_answered), (_, update), (_, wrote), (_, update_answered) = hooks.seen
    assert hooks.points() == ["before_operation", "answered", "before_operation", "after_write", "answered"]
    assert (read.operation, read.method, read.profile_id, read.user_id) == (
        "get_profile",
        "GET",
        DEMO_PROFILE_ID,
        DEMO_USER_ID,
    )
    assert read_answered.status == 200
    assert (update.operation, update.user_id, update.form) == (
        "update_profile_schedules",
        DEMO_USER_ID,
        {"schedules": SENT_SCHEDULES},
    )
    assert wrote.written
    assert update_answered.status == 200
    for _, call in hooks.seen:
        assert DEMO_TOKEN not in repr(vars(call))


def test_every_request_reaches_answered_even_unrouted_or_unauthenticated(
    hooked: Start,
) -> None:
    base_url, hooks = hooked()

    with _client(base_url, Authorization="Bearer not-a-known-token") as http:
        assert http.get("profiles.json").status_code == 401
        assert http.get("nowhere.json").status_code == 404

    hooks.answered_to(None)
    (_, refused), (_, refused_answered), (_, unrouted) = hooks.seen
    assert (refused.operation, refused.user_id, refused_answered.status) == ("list_profiles", None, 401)
    assert (hooks.points()[-1], unrouted.operation, unrouted.status) == ("answered", None, 404)


def test_an_answer_before_the_operation_replaces_it(hooked: Start) -> None:
    base_url, hooks = hooked(before=JSONResponse({"code": 1000}, status_code=503))

    with _client(base_url, Authorization=f"Bearer {DEMO_TOKEN}") as http:
        answer = http.post(UPDATE_PATH, content=UPDATE_BODY, headers=FORM)

    assert answer.status_code == 503
    assert "after_write" not in hooks.points()
    assert _stored_schedules(base_url) != SENT_SCHEDULES


def test_an_answer_after_the_write_comes_from_an_applied_update(hooked: Start) -> None:
    base_url, hooks = hooked(after=JSONResponse({"code": 1000}, status_code=500))

    with _client(base_url, Authorization=f"Bearer {DEMO_TOKEN}") as http:
        answer = http.post(UPDATE_PATH, content=UPDATE_BODY, headers=FORM)

    assert answer.status_code == 500
    assert hooks.answered_to("update_profile_schedules").status == 500
    assert _stored_schedules(base_url) == SENT_SCHEDULES


class Dropping:
    """An answer that breaks the connection: reset before anything, or after the head, or mid-body."""

    def __init__(self, how: str) -> None:
        self.how = how

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        call = current_call(scope)
        if self.how == "reset":
            await call.connection.reset()
            return
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]})
        if self.how == "truncated body":
            await send({"type": "http.response.body", "body": b'{"success":', "more_body": True})
        await call.connection.close()


@pytest.mark.parametrize("how", ["reset", "close after the head", "truncated body"])
def test_an_answer_may_drop_the_connection(hooked: Start, how: str) -> None:
    base_url, hooks = hooked("list_profiles", before=Dropping(how))

    with _client(base_url, Authorization=f"Bearer {DEMO_TOKEN}") as http, pytest.raises(httpx.TransportError):
        http.get("profiles.json")

    assert hooks.answered_to("list_profiles").status == (None if how == "reset" else 200)


def test_a_write_applied_then_the_connection_reset(hooked: Start) -> None:
    base_url, _ = hooked(after=Dropping("reset"))

    with _client(base_url, Authorization=f"Bearer {DEMO_TOKEN}") as http, pytest.raises(httpx.TransportError):
        http.post(UPDATE_PATH, content=UPDATE_BODY, headers=FORM)

    assert _stored_schedules(base_url) == SENT_SCHEDULES


def test_a_reset_is_a_tcp_reset(hooked: Start) -> None:
    base_url, _ = hooked("list_profiles", before=Dropping("reset"))
    host, port = base_url.removeprefix("http://").split("/")[0].split(":")

    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(f"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {DEMO_TOKEN}\r\n\r\n".encode())
        with pytest.raises(ConnectionResetError):
            raw.recv(1024)


class InParts:
    """An answer whose body comes in two parts, the second only once the test has read the first."""

    def __init__(self) -> None:
        self.first_read = threading.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b"[", "more_body": True})
        await asyncio.to_thread(self.first_read.wait, 10)
        await send({"type": "http.response.body", "body": b"]"})


def test_an_answer_may_send_its_body_in_parts(hooked: Start) -> None:
    answer = InParts()
    base_url, _ = hooked("list_profiles", before=answer)

    with (
        _client(base_url, Authorization=f"Bearer {DEMO_TOKEN}") as http,
        http.stream("GET", "profiles.json") as response,
    ):
        parts = response.iter_raw()
        first = next(parts)
        answer.first_read.set()
        rest = b"".join(parts)

    assert (first, rest) == (b"[", b"]")


def test_chained_hooks_all_see_each_point_until_one_answers(tmp_path: Path) -> None:
    first, answering, unasked = Recorder(), Recorder(before=JSONResponse({}, status_code=503)), Recorder()
    app = create_app(seed_demo(tmp_path / "chained.sqlite3"), hooks=HookChain([first, answering, unasked]))
    with running_server(app) as base_url, _client(base_url, Authorization=f"Bearer {DEMO_TOKEN}") as http:
        assert http.post(UPDATE_PATH, content=UPDATE_BODY, headers=FORM).status_code == 503
        for hooks in (first, answering, unasked):
            hooks.answered_to("update_profile_schedules")

    assert first.points() == answering.points() == ["before_operation", "answered"]
    assert unasked.points() == ["answered"]  # the answer came before its turn


def test_operation_names_are_the_specs_operation_ids() -> None:
    spec_operations = {
        operation["operationId"]: (method.upper(), path)
        for path, item in load_spec().document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }

    assert spec_operations == OPERATIONS


def test_nothing_in_the_server_imports_test_code() -> None:
    test_code = ("buffer_profiles_testkit.faults", "buffer_profiles_testkit.pytest_plugin", "pytest")
    for module in SERVER_PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith(test_code), f"{module.name} imports {name}"
