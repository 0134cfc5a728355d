"""The suite leaves the account as it found it: after a pass or Ctrl-C; read-only writes nothing; pacing waits.

After a failing run too, and it names a profile it could not put back: the groups of broken
servers in tests/contract/checks/test_broken_variants.py check both on the way.
"""

import os
import re
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from buffer_profiles_testkit.contract.api_reader import OTHER_TOKEN_ENV, TOKEN_ENV
from buffer_profiles_testkit.contract.invocation import contract_command
from buffer_profiles_testkit.contract.run import exit_codes
from buffer_profiles_testkit.server.demo import (
    DEMO_FIXTURES,
    DEMO_TOKEN,
    OTHER_USER_TOKEN,
)
from tests.contract.harness import PROJECT_ROOT, run_contract, serving
from tests.contract.variants import (
    THROTTLED_REQUEST_NUMBERS,
    Combined,
    Exchange,
    Internal,
    Variant,
    throttled_answers,
    throttled_variant,
)

pytestmark = pytest.mark.slow  # each test runs buffer-profiles-contract as a whole

SEEDED = {profile["id"]: profile["schedules"] for user in DEMO_FIXTURES["users"] for profile in user["profiles"]}
_GENERATED = re.compile(r"(\d+) generated")


def _schedules_now(base_url: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for token in (DEMO_TOKEN, OTHER_USER_TOKEN):
        listed = httpx.get(f"{base_url}/profiles.json", headers={"Authorization": f"Bearer {token}"}).json()
        found |= {profile["id"]: profile["schedules"] for profile in listed}
    return found


def test_ctrl_c_puts_every_schedule_back(tmp_path: Path) -> None:
    written = threading.Event()

    async def notice_writes(exchange: Exchange, internal: Internal) -> None:
        if exchange.method == "POST" and exchange.status == 200:
            written.set()

    with serving(tmp_path, Variant("notices_writes", "", after=notice_writes)) as base_url:
        environment = {**os.environ, TOKEN_ENV: DEMO_TOKEN, OTHER_TOKEN_ENV: OTHER_USER_TOKEN, "NO_COLOR": "1"}
        command = contract_command(base_url, "--junit", str(tmp_path / "j.xml"))
        # As from a terminal: a child inherits an ignored SIGINT (tests run as a background job have
        # one, a shell's `cmd &`), and a handled one starts as the default, which Ctrl-C interrupts.
        ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        finally:
            signal.signal(signal.SIGINT, ignored)
        try:
            assert written.wait(60), "the suite wrote nothing"
            process.send_signal(signal.SIGINT)
            output, _ = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        after = _schedules_now(base_url)

    assert process.returncode == exit_codes.INTERRUPTED, output
    assert after == SEEDED
    assert "Traceback" not in output


def test_the_same_seed_gives_the_same_cases_on_a_reused_server(tmp_path: Path) -> None:
    with serving(tmp_path) as base_url:
        runs = [
            run_contract(base_url, tmp_path, "--phases", "fuzzing,stateful", "--max-examples", "2") for _ in range(2)
        ]
        after = _schedules_now(base_url)

    for run in runs:
        assert run.exit_code == 0, run.output
    generated = [_GENERATED.findall(run.output) for run in runs]
    assert generated[0]
    assert generated[0] == generated[1]
    assert after == SEEDED


def test_read_only_sends_only_reads_and_pacing_waits_out_each_429(tmp_path: Path) -> None:
    """Two options in one run, each proven on its own: ``--read-only`` sends no write (every method the
    server saw changes nothing), and ``--requests-per-minute`` waits out each 429 and sends the request
    again (the server did throttle, and the run passes). A 429 that cannot be waited out leaves its
    cases not verified, never failed: test_broken_variants.py's throttled group proves that.
    """
    methods: list[str] = []

    async def record(exchange: Exchange, internal: Internal) -> None:
        methods.append(exchange.method)

    throttling = Combined((Variant("records_methods", "", before=record), throttled_variant()))
    with serving(tmp_path, throttling) as base_url:
        # Paced fast enough to cost no time: what is tested is that each 429 is waited out and sent again.
        pacing = ("--requests-per-minute", "600000")
        phases = ("--phases", "examples,coverage,fuzzing", "--max-examples", "5")
        run = run_contract(base_url, tmp_path, *phases, options=("--read-only", *pacing))

    assert run.exit_code == 0, run.output
    assert throttled_answers() == len(THROTTLED_REQUEST_NUMBERS)  # the server did throttle the run
    assert methods
    assert set(methods) <= {"GET", "HEAD", "OPTIONS", "TRACE"}, sorted(set(methods))
