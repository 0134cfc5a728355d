"""Buffer switches v1 off on 2027-02-01: one DeprecationWarning per process, and errors that say why after it.

The warning is once per process, so its test runs in a new interpreter (the project's pytest config
ignores it everywhere else). The date is never waited for: ``sunset.clock`` is replaced.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from buffer_profiles_client import APIConnectionError, BufferProfiles, NotFoundError, sunset

from overrides.generate import OUTPUT, ROOT
from tests.client.recording import BASE_URL, TOKEN

ONE_PROCESS = textwrap.dedent(
    """
    import warnings

    import httpx

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # a second warning would show, not be merged into the first
        from buffer_profiles_client import AuthenticatedClient, BufferProfiles
        from buffer_profiles_client.api.profiles import list_profiles
        print("import", len(caught))

        def answer(request):
            if request.url.host == "api.buffer.com":
                return httpx.Response(200, json={"data": {"account": {"id": "a", "organizations": []}}})
            return httpx.Response(200, json=[])

        http = httpx.Client(transport=httpx.MockTransport(answer))
        graphql = BufferProfiles(backend="graphql", api_key="key", http_client=http)
        graphql.profiles.list()
        print("graphql", len(caught))
        rest = BufferProfiles("token", http_client=http)
        rest.profiles.list()  # the warning names this line
        rest.profiles.list()
        transport = {"transport": httpx.MockTransport(answer)}
        list_profiles.sync(client=AuthenticatedClient(base_url="https://x.test/1", token="t", httpx_args=transport))
        print("rest", len(caught))
    (warning,) = caught
    print(warning.category.__name__, warning.lineno)
    print(warning.message)
    """
)


def test_the_first_v1_request_of_a_process_warns_once_never_an_import_or_graphql() -> None:
    result = subprocess.run([sys.executable, "-c", ONE_PROCESS], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["import 0", "graphql 0", "rest 1"]
    caller = next(number for number, line in enumerate(ONE_PROCESS.splitlines(), 1) if "names this line" in line)
    assert lines[3] == f"DeprecationWarning {caller}"  # the caller's line, not the package's
    assert "2027-02-01" in lines[4]
    assert 'backend="graphql"' in lines[4]
    assert '"Migrating to Buffer\'s GraphQL API" in the README' in lines[4]


@pytest.mark.parametrize("readme", [ROOT / "README.md", OUTPUT / "README.md"], ids=["project", "package"])
def test_the_warning_names_the_readmes_migration_section(readme: Path) -> None:
    assert f"\n## {sunset.MIGRATION_SECTION}\n" in readme.read_text(encoding="utf-8")


def _not_found(request: httpx.Request) -> httpx.Response:
    return httpx.Response(404, json={"success": False, "code": 1010, "message": "Profile could not be found."})


def _client(backend: str, transport: httpx.MockTransport) -> BufferProfiles:
    http = httpx.Client(transport=transport)
    if backend == "graphql":
        return BufferProfiles(backend="graphql", api_key="key", http_client=http, max_retries=0)
    return BufferProfiles(TOKEN, base_url=BASE_URL, http_client=http, max_retries=0)


@pytest.mark.parametrize(("now", "noted"), [(sunset.SUNSET.timestamp() - 1, False), (sunset.SUNSET.timestamp(), True)])
def test_after_the_sunset_a_v1_error_adds_one_sentence(
    monkeypatch: pytest.MonkeyPatch, now: float, noted: bool
) -> None:
    monkeypatch.setattr(sunset, "clock", lambda: now)

    with pytest.raises(NotFoundError) as raised:
        _client("rest", httpx.MockTransport(_not_found)).profiles.retrieve("4eb854340acb04e870000010")

    assert str(raised.value).endswith(sunset.AFTER_SUNSET) is noted
    assert ("2027-02-01" in str(raised.value)) is noted


def test_after_the_sunset_a_request_without_an_answer_says_it_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sunset, "clock", lambda: sunset.SUNSET.timestamp() + 86400)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(APIConnectionError) as raised:
        _client("rest", httpx.MockTransport(refused)).profiles.list()

    assert str(raised.value).endswith(sunset.AFTER_SUNSET)
    assert 'backend="graphql"' in sunset.AFTER_SUNSET


def test_a_graphql_error_never_names_the_sunset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sunset, "clock", lambda: sunset.SUNSET.timestamp() + 86400)
    answer = {"data": None, "errors": [{"message": "Channel not found.", "extensions": {"code": "NOT_FOUND"}}]}

    with pytest.raises(NotFoundError) as raised:
        _client("graphql", httpx.MockTransport(lambda _: httpx.Response(200, json=answer))).profiles.retrieve("c")

    assert "2027-02-01" not in str(raised.value)
