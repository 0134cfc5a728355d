"""Build what many tests share once per test run, whichever xdist worker asks for it first.

A session fixture runs once per worker under ``pytest -n``, and building wheels, a venv or a dozen
generated clients twice costs seconds that the other worker could have spent on tests. The first
worker to ask builds into a folder of the whole run, under a file lock; the others wait for it and
read back what it recorded. Without xdist the folder is the session's own.
"""

import fcntl
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Record = dict[str, Any]  # JSON: what a build made, as the tests need to find it


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run: every xdist worker's own folder is inside it."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Record]) -> Record:
    """``build(folder)``'s record, built by the first worker that asks and read back by the others."""
    root = run_folder(tmp_path_factory)
    record = root / f"{name}.json"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if the build fails
        if record.exists():
            recorded: Record = json.loads(record.read_text(encoding="utf-8"))
            return recorded
        built = build(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=root)))  # a fresh folder if one failed before
        record.write_text(json.dumps(built), encoding="utf-8")
        return built
