"""The check `make test` runs: a commit that breaks the API without a major bump fails it.

Each test works in a scratch git repository holding a copy of the tool, the overrides, the release
snapshot and the spec, and runs ``python -m changes`` there as ``make changes`` does (each distinct
client generated once per test run: see generation_cache.py).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from changes.sides import ROOT
from tests.changes import generation_cache

# Each runs the release check end to end as `make changes` does: a git repository, both clients
# generated, a whole run of the command. tests/changes' other modules test its parts.
pytestmark = pytest.mark.slow

REMOVED_FIELD = (
    "        avatar:\n          type: string\n          format: uri\n"
    "          description: The URL of the account's avatar image.\n"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def commit_spec(repo: Path, message: str, old: str, new: str) -> None:
    spec = repo / "openapi.yaml"
    text = spec.read_text(encoding="utf-8")
    assert text.count(old) == 1
    spec.write_text(text.replace(old, new), encoding="utf-8")
    git(repo, "commit", "-qam", message)


def check(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, generation_cache.__file__, *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path, generated_clients: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose first commit is the last release, as the snapshot records it."""
    monkeypatch.setenv(generation_cache.CACHE_VARIABLE, str(generated_clients))
    for folder in ("changes", "overrides", "releases"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "releases" / "latest" / "openapi.yaml", tmp_path / "openapi.yaml")
    # As in the release: the client's version follows info.version (no override of its own yet).
    config = tmp_path / "overrides" / "generator.yaml"
    kept = [line for line in config.read_text().splitlines(keepends=True) if not line.startswith("package_version_")]
    config.write_text("".join(kept))
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "the release")
    return tmp_path


def test_breaking_commit_without_major_bump_fails(repo: Path) -> None:
    commit_spec(repo, "drop avatar", REMOVED_FIELD, "")
    result = check(repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[breaking] components.schemas.Profile.avatar: field removed" in result.stdout
    assert "[breaking] models.profile.Profile.avatar: public object was removed" in result.stdout
    assert "API description 1.0.0 -> 1.0.0: needs major, has none: FAIL" in result.stdout


def test_same_commit_with_major_bump_passes_and_git_refs_work_as_base(repo: Path) -> None:
    commit_spec(repo, "drop avatar", REMOVED_FIELD, "")
    commit_spec(repo, "2.0.0", "  version: 1.0.0\n", "  version: 2.0.0\n")
    result = check(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "API description 1.0.0 -> 2.0.0: needs major, has major: ok" in result.stdout
    # The client version follows info.version while the generator config sets none.
    assert "client package 1.0.0 -> 2.0.0: needs major, has major: ok" in result.stdout
    against_first = check(repo, "--base", "HEAD~2")
    assert against_first.returncode == 0, against_first.stdout + against_first.stderr
    assert against_first.stdout.startswith("Changes from HEAD~2 (API 1.0.0, client 1.0.0)")
    assert "field removed" in against_first.stdout


def test_unknown_git_ref_is_a_clear_error(repo: Path) -> None:
    result = check(repo, "--base", "no-such-ref")
    assert result.returncode != 0
    assert "cannot read openapi.yaml and overrides/ at 'no-such-ref'" in result.stderr


def test_record_release_moves_the_base(repo: Path) -> None:
    commit_spec(repo, "drop avatar", REMOVED_FIELD, "")
    recorded = check(repo, "--record-release")
    assert recorded.returncode == 0, recorded.stderr
    assert (repo / "releases" / "latest" / "openapi.yaml").read_text() == (repo / "openapi.yaml").read_text()
    after = check(repo)
    assert after.returncode == 0, after.stdout
    assert "API (openapi.yaml): no changes" in after.stdout
