"""What a run found, gathered step by step, and the verdict it comes to (``run.verdict``)."""

from dataclasses import dataclass, field
from pathlib import Path

from buffer_profiles_testkit.contract.edge_cases.runner import EdgeReport
from buffer_profiles_testkit.contract.not_verified import NotVerified, ProcessRecord
from buffer_profiles_testkit.contract.pacing import PACING_ADVICE
from buffer_profiles_testkit.contract.run import exit_codes
from buffer_profiles_testkit.contract.run.verdict import (
    SCHEMATHESIS_ERROR,
    Skipped,
    Verdict,
    failures_by_check,
    summary_path,
)

_SHOWN_NOT_VERIFIED = 5


@dataclass
class Outcome:
    not_verified: list[NotVerified] = field(default_factory=list)
    schemathesis_status: int | None = None
    throttled: int = 0  # 429s answered to the schemathesis process (the edge cases' are the pacer's)
    paced_at: int | None = None
    interrupted: bool = False
    not_restored: bool = False

    def add_edges(self, report: EdgeReport) -> None:
        self.not_verified += report.not_verified

    def add_schemathesis(self, status: int, process: ProcessRecord) -> None:
        self.schemathesis_status = status
        self.not_verified += process.not_verified
        self.throttled += process.throttled
        self.paced_at = process.paced_at

    def verdict(self, junit: Path, skipped: list[Skipped], throttled: int) -> Verdict:
        failures = {name: len(texts) for name, texts in failures_by_check(junit).items()}
        if self.schemathesis_status not in (None, 0) and not failures and not self.interrupted:
            failures[SCHEMATHESIS_ERROR] = 1  # e.g. a warning it fails on: its output above says which
        if self.interrupted:
            outcome, status = "interrupted", exit_codes.INTERRUPTED
        elif self.not_restored:
            outcome, status = "not restored", exit_codes.NOT_RESTORED
        elif failures:
            outcome, status = "failed", exit_codes.CONTRACT_BROKEN
        elif self.not_verified:
            outcome, status = "not verified", exit_codes.NOT_VERIFIED
        else:
            outcome, status = "passed", exit_codes.PASSED
        total_throttled = throttled + self.throttled
        return Verdict(
            outcome, status, failures, self.not_verified, skipped, junit, summary_path(junit), total_throttled
        )

    def notes(self, verdict: Verdict) -> list[str]:
        """What a reader needs before the verdict line: what was not verified, and how the server throttled."""
        lines = [f"not verified: {entry.check}: {entry.case}: {entry.reason}" for entry in verdict.not_verified]
        if len(lines) > _SHOWN_NOT_VERIFIED:
            hidden = len(lines) - _SHOWN_NOT_VERIFIED
            lines = [*lines[:_SHOWN_NOT_VERIFIED], f"... and {hidden} more not verified ({verdict.summary})"]
        if verdict.throttled:
            lines.append(
                f"the server answered 429 {verdict.throttled} time(s); each was waited out as it asked (Retry-After, "
                f"or Buffer's minute when it named no wait) and sent again; {PACING_ADVICE}."
            )
        return lines
