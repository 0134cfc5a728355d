"""Generate a client from a spec into a scratch folder and run code against it in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from buffer_profiles_testkit.yaml_loading import load_yaml
from overrides.generate import OVERRIDES, SPEC, generate_into
from tests.built_once import built_once
from tests.changes.generation_cache import cached


def spec_with(tmp_path: Path, change: dict[str, Any]) -> Path:
    """A copy of openapi.yaml with ``change`` merged into its ``paths`` and ``components.schemas``."""
    spec = load_yaml(SPEC.read_text())
    spec["paths"].update(change.get("paths", {}))
    spec["components"]["schemas"].update(change.get("schemas", {}))
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def generate(tmp_path: Path, generated_clients: Path, spec: Path = SPEC, *, stock: bool = False) -> Path:
    """The client project for ``spec`` in ``tmp_path``, generated through the cache of ``generated_clients``
    (tests/changes/generation_cache.py): an input generated before, in this run or an earlier one, is copied."""
    project = tmp_path / ("stock" if stock else "client")
    cached(generate_into, generated_clients)(project, spec=spec, overrides=OVERRIDES, stock=stock)
    return project


def generated_once(
    tmp_path_factory: pytest.TempPathFactory,
    generated_clients: Path,
    name: str,
    change: dict[str, Any] | None = None,
    *,
    stock: bool = False,
) -> Path:
    """``generate``'s project, once per test run, for a module whose tests xdist may spread over workers.

    From openapi.yaml with ``change`` merged in (``spec_with``), or as it is; generated through the
    cache of ``generated_clients``, so an unchanged input is not generated again in a later run.
    """

    def build(folder: Path) -> dict[str, Any]:
        spec = spec_with(folder, change) if change else SPEC
        return {"project": str(generate(folder, generated_clients, spec, stock=stock))}

    return Path(built_once(tmp_path_factory, name, build)["project"])


def run_against(project: Path, code: str) -> str:
    """Run ``code`` with the client package in ``project`` first on the path; return its stdout."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout
