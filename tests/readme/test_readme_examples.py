"""The README's examples run as written against the reference server, so they cannot rot."""

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID
from tests.demo_server import demo_server, pointed_at

README = Path(__file__).resolve().parents[2] / "README.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", README.read_text(), flags=re.MULTILINE | re.DOTALL)


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    with demo_server(tmp_path) as url:
        yield url


def test_the_readme_has_the_examples_this_test_runs() -> None:
    assert len(_blocks("python")) >= 2
    assert any("curl" in block for block in _blocks("sh"))


@pytest.mark.parametrize("index", range(len(_blocks("python"))))
def test_python_example_runs(index: int, base_url: str) -> None:
    code = pointed_at(_blocks("python")[index], base_url)

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert DEMO_PROFILE_ID in result.stdout
    assert "rejected" not in result.stdout


def test_curl_examples_answer_what_the_readme_shows(base_url: str) -> None:
    (block,) = [block for block in _blocks("sh") if "curl" in block and "# {" in block]
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
