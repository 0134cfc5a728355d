"""A wrong setup ends the run before anything is generated: one sentence naming the option, its own exit status."""

from pathlib import Path

import pytest

from buffer_profiles_testkit.contract.run import exit_codes
from buffer_profiles_testkit.contract.run.preflight import suggested_base_url
from buffer_profiles_testkit.server.demo import DEMO_TOKEN, OTHER_USER_TOKEN
from tests.contract.harness import ContractRun, run_contract, serving


def _assert_one_sentence(run: ContractRun, exit_code: int, variable: str) -> None:
    assert run.exit_code == exit_code, run.output
    lines = run.output.strip().splitlines()
    assert len(lines) == 1, run.output
    assert variable in lines[0], run.output
    assert "Traceback" not in run.output
    assert "Test cases" not in run.output  # schemathesis never started


def _unused_port_url() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/1"  # closed again: nothing listens there


def test_nothing_listening(tmp_path: Path) -> None:
    run = run_contract(_unused_port_url(), tmp_path)

    _assert_one_sentence(run, exit_codes.UNREACHABLE, "--base-url")


def test_base_url_without_the_api_prefix(tmp_path: Path) -> None:
    with serving(tmp_path) as base_url:
        run = run_contract(base_url.removesuffix("/1"), tmp_path)

    _assert_one_sentence(run, exit_codes.BASE_URL_WRONG, "--base-url")
    assert f"Try --base-url {base_url}:" in run.output


@pytest.mark.parametrize(
    ("token", "other_token", "exit_code", "variable"),
    [
        ("not-a-token", OTHER_USER_TOKEN, exit_codes.TOKEN_REFUSED, "--token (BUFFER_ACCESS_TOKEN)"),
        (DEMO_TOKEN, "not-a-token", exit_codes.OTHER_TOKEN_REFUSED, "--other-token (BUFFER_OTHER_ACCESS_TOKEN)"),
        (DEMO_TOKEN, DEMO_TOKEN, exit_codes.OTHER_TOKEN_SAME, "--other-token (BUFFER_OTHER_ACCESS_TOKEN)"),
    ],
)
def test_token_mistakes(tmp_path: Path, token: str, other_token: str, exit_code: int, variable: str) -> None:
    with serving(tmp_path) as base_url:
        run = run_contract(base_url, tmp_path, token=token, other_token=other_token)

    _assert_one_sentence(run, exit_code, variable)
    assert "not-a-token" not in run.output


def test_exit_statuses_are_distinct() -> None:
    statuses = [value for name, value in vars(exit_codes).items() if name.isupper()]
    assert len(statuses) == len(set(statuses))


@pytest.mark.parametrize(
    ("base_url", "suggested"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/1"),
        ("http://127.0.0.1:8080/1/profiles", "http://127.0.0.1:8080/1"),
        ("https://example.test/buffer", "https://example.test/buffer/1"),
        ("http://127.0.0.1:8080/1", None),
        ("http://127.0.0.1:8080/2", "http://127.0.0.1:8080/1"),  # another version: not .../2/1
    ],
)
def test_the_suggested_base_url_ends_where_the_paths_start(base_url: str, suggested: str | None) -> None:
    assert suggested_base_url(base_url, "/1") == suggested
