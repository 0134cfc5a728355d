"""Judgements that could not be made: a case's answer or a reading it needed never came (a 429, no answer).

Such a case is not verified, never a failure of the server. The edge cases keep theirs in their
report; the checks, which run in schemathesis' process, record theirs here, and with
``CONTRACT_NOT_VERIFIED_FILE`` set (by ``buffer-profiles-contract``) that process writes them, with
how often the server throttled it, to that file when it exits, for the run's verdict.
"""

import atexit
import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from buffer_profiles_testkit.contract.pacing import PACER, Pacer

NOT_VERIFIED_ENV = "CONTRACT_NOT_VERIFIED_FILE"


@dataclass(frozen=True)
class NotVerified:
    check: str
    case: str
    reason: str


@dataclass(frozen=True)
class ProcessRecord:
    not_verified: list[NotVerified]
    throttled: int  # 429s the process was answered
    paced_at: int | None  # requests a minute it ended paced at, if it was


_found: list[NotVerified] = []
_lock = threading.Lock()


def record(check: str, case: str, reason: str) -> None:
    with _lock:
        _found.append(NotVerified(check, case, reason))


def _write(path: Path, pacer: Pacer) -> None:
    with _lock:
        found = [asdict(entry) for entry in _found]
    path.write_text(json.dumps({"not_verified": found, "throttled": pacer.throttled, "paced_at": pacer.per_minute}))


def write_at_exit(pacer: Pacer = PACER) -> None:
    """Write what was not verified to ``CONTRACT_NOT_VERIFIED_FILE`` when the process exits, if it is set."""
    target = os.environ.get(NOT_VERIFIED_ENV)
    if target:
        atexit.register(_write, Path(target), pacer)


def read(path: Path) -> ProcessRecord:
    """What a process wrote; an empty record when it wrote nothing (it never started, or was killed)."""
    try:
        data: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError):
        return ProcessRecord([], 0, None)
    entries = [NotVerified(**entry) for entry in data.get("not_verified", [])]
    return ProcessRecord(entries, int(data.get("throttled", 0)), data.get("paced_at"))
