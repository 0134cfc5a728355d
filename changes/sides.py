"""The two things compared: the spec and client sources at a base, and in the working tree.

A base is the last release (a committed snapshot in ``releases/latest/``, so that it travels with
every clone, tags or not) or any git ref. Either way it is the spec plus the ``overrides/`` folder
that shaped the client, so the client at the base is generated afresh by ``overrides/generate.py``.
"""

import io
import subprocess
import tarfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from overrides.spec_document import load_spec, load_yaml

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "releases" / "latest"
LAST_RELEASE = "release"
# What a release snapshot keeps: the spec, and what shapes the client generated from it.
SNAPSHOT_OVERRIDES = ("generator.yaml", "templates", "runtime")


@dataclass(frozen=True)
class Side:
    """One version of the sources: where the spec and the overrides folder are, and what to call it."""

    label: str
    spec_file: Path
    overrides: Path

    @cached_property
    def spec(self) -> dict[str, Any]:
        return load_spec(self.spec_file)

    @property
    def api_version(self) -> str:
        return str(self.spec["info"]["version"])

    @property
    def client_version(self) -> str:
        """The client package's own version; the generator falls back to ``info.version`` without one."""
        config = load_yaml((self.overrides / "generator.yaml").read_text(encoding="utf-8")) or {}
        return str(config.get("package_version_override") or self.api_version)


def working_tree(root: Path = ROOT) -> Side:
    return Side("working tree", root / "openapi.yaml", root / "overrides")


def last_release(release: Path = RELEASE) -> Side:
    return Side("last release", release / "openapi.yaml", release / "overrides")


def at_git_ref(ref: str, scratch: Path, root: Path = ROOT) -> Side:
    """The spec and overrides as committed at ``ref``, extracted into ``scratch``."""
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref, "openapi.yaml", "overrides"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise SystemExit(f"cannot read openapi.yaml and overrides/ at {ref!r}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(scratch, filter="data")
    return Side(ref, scratch / "openapi.yaml", scratch / "overrides")


def base_side(base: str, scratch: Path, root: Path = ROOT) -> Side:
    return last_release(root / "releases" / "latest") if base == LAST_RELEASE else at_git_ref(base, scratch, root)
