"""The run's verdict: its last line, and the same as JSON beside the JUnit report (``contract-summary.json``).

One line a newcomer reads: passed or failed, how many failures each check reported (schemathesis'
and the edge cases', read back from the JUnit report that holds both), how many judgements were
not verified (a 429 past the retries, a reading that got no answer), which groups of checks were
skipped and what to pass to run them, and where the reports are.
"""

import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import asdict, dataclass
from pathlib import Path

from buffer_profiles_testkit.contract.not_verified import NotVerified

SUMMARY_NAME = "contract-summary.json"
# Built-in checks report a failure code, custom ones their name (ST901 "Custom check failed: `name`").
BUILT_IN_CHECK_BY_CODE = {
    "ST101": "not_a_server_error",
    "ST102": "not_a_server_error",
    "ST103": "status_code_conformance",
    "ST104": "missing_required_header",
    "ST105": "content_type_conformance",
    "ST106": "response_headers_conformance",
    "ST108": "response_schema_conformance",
    "ST109": "not_a_server_error",
    "ST112": "max_response_time",
    "ST201": "negative_data_rejection",
    "ST202": "positive_data_acceptance",
    "ST204": "unsupported_method",
    "ST401": "ignored_auth",
}
_FAILURE_LINE = re.compile(r"^- (ST\d{3}) (.*)$", re.MULTILINE)
_CUSTOM_CHECK = re.compile(r"Custom check failed: `([a-z_]+)`")
_EDGE_CHECK = re.compile(r"^- Edge check failed: `([a-z_]+)`$", re.MULTILINE)
SCHEMATHESIS_ERROR = "schemathesis_run"  # schemathesis failed the run without naming a check


def failures_by_check(junit: Path) -> dict[str, list[str]]:
    """Each check that failed, with the text of each failure that names it (both suites of the report)."""
    failures: dict[str, list[str]] = {}
    if not junit.exists():
        return failures
    for element in ElementTree.parse(junit).getroot().iter():
        if element.tag not in ("failure", "error"):
            continue
        text = element.text or element.get("message") or ""
        names = [
            (custom.group(1) if (custom := _CUSTOM_CHECK.search(title)) else BUILT_IN_CHECK_BY_CODE.get(code, code))
            for code, title in _FAILURE_LINE.findall(text)
        ] + _EDGE_CHECK.findall(text)
        for name in names or [SCHEMATHESIS_ERROR]:
            failures.setdefault(name, []).append(text)
    return failures


@dataclass(frozen=True)
class Skipped:
    group: str
    checks: tuple[str, ...]
    to_run: str  # what to pass to run them


OTHER_USER_CHECKS = Skipped(
    "isolation checks",
    ("other_users_profiles_are_hidden", "other_users_writes_are_refused", "the other user's side of the write checks"),
    "--other-token (or BUFFER_OTHER_ACCESS_TOKEN), a second user's token",
)
WRITE_CHECKS = Skipped(
    "write checks",
    ("every update case and every check of the update",),
    "no --read-only, on an account whose schedules may change for the run (they are put back)",
)


@dataclass(frozen=True)
class Verdict:
    outcome: str  # passed, failed, not verified, interrupted, not restored
    exit_status: int
    failed_checks: dict[str, int]
    not_verified: list[NotVerified]
    skipped: list[Skipped]
    junit: Path
    summary: Path
    throttled: int = 0  # 429s the run was answered, all waited out unless not verified

    def line(self) -> str:
        failures = sum(self.failed_checks.values())
        if failures:
            by_check = ", ".join(f"{name} {count}" for name, count in sorted(self.failed_checks.items()))
            failed = f"{failures} failure(s) in {len(self.failed_checks)} check(s) ({by_check})"
        else:
            failed = "no check failed"
        skipped = "; ".join(f"{group.group} (pass {group.to_run})" for group in self.skipped) or "none"
        return (
            f"contract: {self.outcome.upper()}: {failed}; {len(self.not_verified)} not verified; "
            f"skipped: {skipped}; report: {self.junit}, summary: {self.summary}"
        )

    def write(self) -> None:
        data = asdict(self)
        data["junit"], data["summary"] = str(self.junit), str(self.summary)
        data["failures"] = sum(self.failed_checks.values())
        self.summary.parent.mkdir(parents=True, exist_ok=True)
        self.summary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def summary_path(junit: Path) -> Path:
    return junit.parent / SUMMARY_NAME
