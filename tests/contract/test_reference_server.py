"""The whole suite, as `make contract` runs it, against the reference server and a Buffer-like one that throttles."""

import json
from pathlib import Path

import pytest

from buffer_profiles_testkit.contract.run.verdict import SUMMARY_NAME
from buffer_profiles_testkit.server.demo import DEMO_TOKEN
from tests.contract.harness import run_contract, serving
from tests.contract.variants import BUFFER_LIKE, THROTTLES_NOW_AND_THEN, Combined

pytestmark = pytest.mark.slow


def test_reference_server_passes_the_full_suite(tmp_path: Path) -> None:
    with serving(tmp_path) as base_url:
        run = run_contract(base_url, tmp_path)

    assert run.failures == {}, run.output
    assert run.exit_code == 0, run.output
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in run.output, f"phase {phase} did not run and pass:\n{run.output}"
    assert run.cases == 5  # four operations and the stateful suite, each a JUnit testcase
    assert DEMO_TOKEN not in run.output  # schemathesis masks it; our checks' curl commands name $BUFFER_ACCESS_TOKEN


def test_a_buffer_like_server_that_throttles_passes_the_full_suite(tmp_path: Path) -> None:
    """No false alarm for what Buffer itself was documented or recorded doing (tests/contract/variants.py), nor
    for a 429 now and then: each is waited out (paced fast here, to cost no time) and every case is judged."""
    throttling_buffer = Combined((THROTTLES_NOW_AND_THEN, BUFFER_LIKE))
    with serving(tmp_path, throttling_buffer) as base_url:
        run = run_contract(base_url, tmp_path, options=("--requests-per-minute", "600000"))

    assert run.failures == {}, run.output
    assert run.exit_code == 0, run.output
    summary = json.loads((tmp_path / SUMMARY_NAME).read_text())
    assert summary["throttled"] > 0  # the server did throttle the run
    assert summary["not_verified"] == []
    assert run.output.strip().splitlines()[-1].startswith("contract: PASSED: no check failed; 0 not verified;")
