"""Generate each distinct client once per test run, and run ``python -m changes`` with that cache.

A generated client is a function of its spec and its overrides folder alone (``make check-generated``
relies on that), yet the release check's tests generate the same ones again and again: the released
client in nearly every case, the edited one on both sides of a ``--base`` run. Here generation is
keyed by the bytes of both inputs; the first caller generates, under a lock, and every later caller
with the same inputs gets a copy of that output. The cache folder belongs to one test run.

Run as a script from a scratch repository, it is ``python -m changes`` there, generating through
the cache folder that ``CACHE_VARIABLE`` names:

    python tests/changes/generation_cache.py [changes' own arguments]
"""

import fcntl
import hashlib
import os
import runpy
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

Generate = Callable[..., None]  # overrides.generate.generate_into's shape
CACHE_VARIABLE = "CHANGES_TEST_GENERATION_CACHE"


def input_digest(spec: Path, overrides: Path, *, stock: bool = False) -> str:
    """A digest of everything a generation reads: the spec's bytes, and every file under ``overrides``."""
    digest = hashlib.sha256(f"stock={stock}\0".encode())
    digest.update(spec.read_bytes())
    for path in sorted(overrides.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(b"\0" + str(path.relative_to(overrides)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(generate_into: Generate, cache: Path) -> Generate:
    """``generate_into``, generating into ``cache`` once per distinct input and copying from there."""

    def generate_or_copy(project: Path, *, spec: Path, overrides: Path, stock: bool = False) -> None:
        key = input_digest(spec, overrides, stock=stock)
        done = cache / key
        cache.mkdir(parents=True, exist_ok=True)
        # One lock file per input: other inputs generate meanwhile, in other workers or threads.
        with (cache / f"{key}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if generation fails
            if not done.is_dir():
                scratch = Path(tempfile.mkdtemp(dir=cache))
                generate_into(scratch / "project", spec=spec, overrides=overrides, stock=stock)
                (scratch / "project").rename(done)
                scratch.rmdir()
        shutil.copytree(done, project, symlinks=True)

    return generate_or_copy


def run_changes(cache: Path, argv: list[str]) -> None:
    """``python -m changes`` with ``argv``, in the working directory, generating through ``cache``."""
    sys.path[0] = os.getcwd()  # as `python -m` does: the scratch repository's packages, not this folder's
    import overrides.generate  # importable only once the path is set

    # Before `changes` imports it by name.
    overrides.generate.generate_into = cached(overrides.generate.generate_into, cache)
    sys.argv = ["changes", *argv]
    runpy.run_module("changes", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    run_changes(Path(os.environ[CACHE_VARIABLE]), sys.argv[1:])
