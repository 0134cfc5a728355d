"""The suite leaves the account as it found it: after a pass, a failure or Ctrl-C; read-only writes nothing."""

import os
import re
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any

import httpx
from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.contract.api_reader import OTHER_TOKEN_ENV, TOKEN_ENV
from buffer_profiles_testkit.contract.invocation import contract_command
from buffer_profiles_testkit.contract.run import exit_codes
from buffer_profiles_testkit.server.demo import (
    DEMO_FIXTURES,
    DEMO_PROFILE,
    DEMO_PROFILE_ID,
    DEMO_TOKEN,
    OTHER_USER_TOKEN,
)
from tests.contract.harness import PROJECT_ROOT, run_contract, serving
from tests.contract.variants import VARIANTS, Exchange, Internal, Variant, throttled_variant

SEEDED = {profile["id"]: profile["schedules"] for user in DEMO_FIXTURES["users"] for profile in user["profiles"]}
_GENERATED = re.compile(r"(\d+) generated")


def _schedules_now(base_url: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for token in (DEMO_TOKEN, OTHER_USER_TOKEN):
        listed = httpx.get(f"{base_url}/profiles.json", headers={"Authorization": f"Bearer {token}"}).json()
        found |= {profile["id"]: profile["schedules"] for profile in listed}
    return found


def test_a_failing_run_puts_every_schedule_back(tmp_path: Path) -> None:
    with serving(tmp_path, VARIANTS["accepts_invalid_update"]) as base_url:
        run = run_contract(base_url, tmp_path, "--phases", "examples,coverage", "--max-examples", "5")
        after = _schedules_now(base_url)

    assert run.exit_code == exit_codes.CONTRACT_BROKEN, run.output
    assert after == SEEDED
    assert "every profile's schedules are as they were before the run" in run.output


async def _refuse_seed(exchange: Exchange, internal: Internal) -> None:
    """Any update of the demo profile back to its seeded schedules fails (so a run cannot put them back)."""
    seeded_form = encode_bracket_form({"schedules": DEMO_PROFILE["schedules"]}).encode()
    if exchange.method == "POST" and DEMO_PROFILE_ID in exchange.path and exchange.body == seeded_form:
        exchange.respond_json(400, {"success": False, "code": 1012, "message": "Profile did not save successfully."})


def test_a_profile_that_cannot_be_put_back_is_named(tmp_path: Path) -> None:
    variant = Variant("refuses_the_seed_schedules", "", before=_refuse_seed)
    with serving(tmp_path, variant) as base_url:
        run = run_contract(base_url, tmp_path, "--phases", "examples", "--max-examples", "1")

    assert run.exit_code == exit_codes.NOT_RESTORED, run.output
    assert f"Profile {DEMO_PROFILE_ID} (TOKEN's) was not restored" in run.output


def test_ctrl_c_puts_every_schedule_back(tmp_path: Path) -> None:
    written = threading.Event()

    async def notice_writes(exchange: Exchange, internal: Internal) -> None:
        if exchange.method == "POST" and exchange.status == 200:
            written.set()

    with serving(tmp_path, Variant("notices_writes", "", after=notice_writes)) as base_url:
        environment = {**os.environ, TOKEN_ENV: DEMO_TOKEN, OTHER_TOKEN_ENV: OTHER_USER_TOKEN, "NO_COLOR": "1"}
        command = contract_command(base_url, "--junit", str(tmp_path / "j.xml"))
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
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
            run_contract(base_url, tmp_path, "--phases", "fuzzing,stateful", "--max-examples", "5") for _ in range(2)
        ]
        after = _schedules_now(base_url)

    for run in runs:
        assert run.exit_code == 0, run.output
    generated = [_GENERATED.findall(run.output) for run in runs]
    assert generated[0]
    assert generated[0] == generated[1]
    assert after == SEEDED


def test_read_only_sends_only_reads(tmp_path: Path) -> None:
    methods: list[str] = []

    async def record(exchange: Exchange, internal: Internal) -> None:
        methods.append(exchange.method)

    with serving(tmp_path, Variant("records_methods", "", before=record)) as base_url:
        run = run_contract(
            base_url, tmp_path, "--phases", "examples,coverage,fuzzing", "--max-examples", "5", options=("--read-only",)
        )

    assert run.exit_code == 0, run.output
    assert methods
    assert set(methods) <= {"GET", "HEAD", "OPTIONS", "TRACE"}, sorted(set(methods))


def test_a_paced_run_waits_out_a_429_instead_of_failing(tmp_path: Path) -> None:
    with serving(tmp_path, throttled_variant()) as base_url:
        unpaced = run_contract(base_url, tmp_path, "--phases", "examples", "--max-examples", "1")
    with serving(tmp_path / "paced", throttled_variant()) as base_url:
        paced = run_contract(
            base_url, tmp_path, "--phases", "examples", "--max-examples", "1", options=("--requests-per-minute", "6000")
        )

    assert unpaced.exit_code != 0, unpaced.output
    assert "not_rate_limited" in unpaced.failed_checks  # with the advice to pace the run
    assert "REQUESTS_PER_MINUTE" in unpaced.output
    assert paced.exit_code == 0, paced.output
