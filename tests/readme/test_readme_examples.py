"""The READMEs' examples type-check strictly and run as written against the reference server.

That is the project's README and the client package's own. Each Python example runs three ways:
as written (it prints the demo profile), with a wrong token and with a base URL missing its
``/1``; the last two must fail the way a user can act on: one line naming the error, no traceback.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID
from tests.demo_server import (
    API_KEY_PLACEHOLDER,
    SUNSET_WARNING_IGNORED,
    TOKEN_PLACEHOLDER,
    demo_server,
    graphql_url,
    pointed_at,
)
from tests.strict_examples import READMES, strict_mypy_verdict
from tests.strict_examples import readme_blocks as _blocks


def _is_test_module(block: str) -> bool:
    # The test kit's example is a pytest module, not a script: tests/install runs it with pytest.
    return "\ndef test_" in block


PYTHON_EXAMPLES = [
    pytest.param(readme, index, id=f"{name}-{index}")
    for name, readme in READMES.items()
    for index, block in enumerate(_blocks(readme, "python"))
    if not _is_test_module(block)
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("readme")) as url:
        yield url


def _run(code: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_PROXY": "127.0.0.1", **SUNSET_WARNING_IGNORED}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=environment)


def test_the_readmes_have_the_examples_this_test_runs() -> None:
    assert len(_blocks(READMES["project"], "python")) >= 2
    assert len(_blocks(READMES["package"], "python")) >= 5
    assert any("curl" in block for block in _blocks(READMES["project"], "sh"))


def test_python_examples_pass_mypy_strict(tmp_path_factory: pytest.TempPathFactory) -> None:
    checked, errors = strict_mypy_verdict(tmp_path_factory, "readmes")

    assert len(checked) == sum(len(_blocks(readme, "python")) for readme in READMES.values())
    assert errors == ""


@pytest.mark.parametrize(("readme", "index"), PYTHON_EXAMPLES)
def test_python_example_runs(readme: Path, index: int, base_url: str) -> None:
    result = _run(pointed_at(_blocks(readme, "python")[index], base_url))

    assert result.returncode == 0, result.stderr
    assert DEMO_PROFILE_ID in result.stdout


@pytest.mark.parametrize(("readme", "index"), PYTHON_EXAMPLES)
def test_python_example_with_a_wrong_token_says_so_in_one_line(readme: Path, index: int, base_url: str) -> None:
    example = _blocks(readme, "python")[index]
    code = pointed_at(
        example.replace(TOKEN_PLACEHOLDER, "not-a-known-token").replace(API_KEY_PLACEHOLDER, "no"), base_url
    )

    result = _run(code)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "401" in result.stderr or "access token" in result.stderr.lower(), result.stderr


@pytest.mark.parametrize(("readme", "index"), PYTHON_EXAMPLES)
def test_python_example_with_a_wrong_base_url_says_so_in_one_line(readme: Path, index: int, base_url: str) -> None:
    root = base_url.removesuffix("/1")
    code = pointed_at(_blocks(readme, "python")[index], base_url).replace(graphql_url(base_url), root)
    code = code.replace(base_url, root)

    result = _run(code)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "404 Not Found" in result.stderr or "/1" in result.stderr, result.stderr


def test_curl_examples_answer_what_the_readme_shows(base_url: str) -> None:
    (block,) = [block for block in _blocks(READMES["project"], "sh") if "curl" in block and "# {" in block]
    expected = [line.removeprefix("# ") for line in block.splitlines() if line.startswith("# {")]

    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", pointed_at(block, base_url)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_PROXY": "127.0.0.1"},
    )

    assert result.returncode == 0, result.stderr
    assert expected
    for answer in expected:
        assert answer in result.stdout, f"README promises {answer}, server said {result.stdout}"
