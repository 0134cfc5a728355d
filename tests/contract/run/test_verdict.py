"""The verdict: failures counted per check from the JUnit report, one outcome and exit status, the same as JSON."""

import json
from pathlib import Path

import pytest

from buffer_profiles_testkit.contract.edge_cases.report import add_to_junit
from buffer_profiles_testkit.contract.edge_cases.runner import EdgeFailure, EdgeReport
from buffer_profiles_testkit.contract.not_verified import NotVerified, ProcessRecord
from buffer_profiles_testkit.contract.run import exit_codes
from buffer_profiles_testkit.contract.run.outcome import Outcome
from buffer_profiles_testkit.contract.run.verdict import OTHER_USER_CHECKS, failures_by_check

# What schemathesis 4.32 writes for a failing operation: one line per failed check.
SCHEMATHESIS_JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="schemathesis" tests="2">
<testcase name="POST /profiles/{id}/schedules/update.json"><failure type="failure" message="2 failures">
- ST901 Custom check failed: `accepted_updates_say_success_true`

    A valid update answered 200 must say "success": true

- ST108 Response violates schema
</failure></testcase>
<testcase name="GET /profiles.json"/>
</testsuite></testsuites>
"""


def _edge_report(*checks: str, not_verified: int = 0) -> EdgeReport:
    failures = [EdgeFailure(check, f"case {index}", "message", "curl ...") for index, check in enumerate(checks)]
    unverified = [NotVerified("not_rate_limited", f"case {n}", "answered 429") for n in range(not_verified)]
    return EdgeReport(10, 0.1, failures, 0.0, unverified)


def _junit(tmp_path: Path, edges: EdgeReport) -> Path:
    junit = tmp_path / "contract-junit.xml"
    junit.write_text(SCHEMATHESIS_JUNIT)
    add_to_junit(junit, edges)
    return junit


def test_failures_are_counted_by_check_across_both_suites(tmp_path: Path) -> None:
    junit = _junit(tmp_path, _edge_report("close_tokens_are_refused", "close_tokens_are_refused"))

    counted = {name: len(texts) for name, texts in failures_by_check(junit).items()}

    assert counted == {
        "accepted_updates_say_success_true": 1,
        "response_schema_conformance": 1,
        "close_tokens_are_refused": 2,
    }


@pytest.mark.parametrize(
    ("edges", "schemathesis_status", "not_restored", "outcome", "status"),
    [
        (_edge_report(), 0, False, "passed", exit_codes.PASSED),
        (_edge_report(not_verified=2), 0, False, "not verified", exit_codes.NOT_VERIFIED),
        (_edge_report("close_tokens_are_refused", not_verified=2), 0, False, "failed", exit_codes.CONTRACT_BROKEN),
        (_edge_report(), 1, False, "failed", exit_codes.CONTRACT_BROKEN),  # schemathesis failed, naming no check
        (_edge_report("close_tokens_are_refused"), 0, True, "not restored", exit_codes.NOT_RESTORED),
    ],
)
def test_one_outcome_and_its_exit_status(
    tmp_path: Path, edges: EdgeReport, schemathesis_status: int, not_restored: bool, outcome: str, status: int
) -> None:
    junit = tmp_path / "contract-junit.xml"
    add_to_junit(junit, edges)
    found = Outcome(not_restored=not_restored)
    found.add_edges(edges)
    found.add_schemathesis(schemathesis_status, ProcessRecord([], throttled=0, paced_at=None))

    verdict = found.verdict(junit, [], throttled=0)

    assert (verdict.outcome, verdict.exit_status) == (outcome, status)


def test_the_last_line_and_the_summary_say_the_same(tmp_path: Path) -> None:
    edges = _edge_report("close_tokens_are_refused", not_verified=1)
    junit = _junit(tmp_path, edges)
    found = Outcome()
    found.add_edges(edges)
    found.add_schemathesis(1, ProcessRecord([NotVerified("other_users_profiles_are_hidden", "c", "429")], 3, 60))

    verdict = found.verdict(junit, [OTHER_USER_CHECKS], throttled=2)
    verdict.write()
    summary = json.loads(verdict.summary.read_text())

    assert verdict.line() == (
        "contract: FAILED: 3 failure(s) in 3 check(s) (accepted_updates_say_success_true 1, "
        "close_tokens_are_refused 1, response_schema_conformance 1); 2 not verified; "
        f"skipped: isolation checks (pass {OTHER_USER_CHECKS.to_run}); report: {junit}, summary: {verdict.summary}"
    )
    assert verdict.summary == tmp_path / "contract-summary.json"
    assert summary["outcome"] == "failed"
    assert summary["exit_status"] == exit_codes.CONTRACT_BROKEN
    assert summary["failures"] == 3
    assert summary["failed_checks"]["close_tokens_are_refused"] == 1
    assert len(summary["not_verified"]) == 2
    assert summary["skipped"][0]["group"] == "isolation checks"
    assert summary["throttled"] == 5  # the edge cases' 2 and schemathesis' 3
    assert any("429 5 time(s)" in note for note in found.notes(verdict))
