"""Generate each distinct client once, and run ``python -m changes`` with that cache.

A generated client is a function of its inputs alone (``make check-generated`` relies on that):
its spec, its overrides folder, the code that drives the generator and the versions of the tools it
runs. Yet the release check's tests generate the same ones again and again: the released client in
nearly every case, the edited one on both sides of a ``--base`` run, and each run of the suite all
of them again. Here generation is keyed by a digest of all those inputs; the first caller
generates, under a lock, and every later caller with the same inputs, in this run or a later one,
gets a copy of that output. The folder lives in pytest's cache (``pytest --cache-clear`` empties
it); entries unused for a week are removed.

Run as a script from a scratch repository, it is ``python -m changes`` there, generating through
the cache folder that ``CACHE_VARIABLE`` names:

    python tests/changes/generation_cache.py [changes' own arguments]
"""

import fcntl
import hashlib
import importlib.metadata
import inspect
import os
import runpy
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

Generate = Callable[..., None]  # overrides.generate.generate_into's shape
CACHE_VARIABLE = "CHANGES_TEST_GENERATION_CACHE"
# The tools a generation runs, whose versions shape its output.
TOOLS = ("openapi-python-client", "jinja2", "ruff")
UNUSED_FOR = 7 * 24 * 3600  # seconds after which an entry no run has used is removed


def _named_contents(folder: Path, pattern: str) -> Iterator[bytes]:
    """Each file of ``folder`` matching ``pattern`` (recursively): its relative name, then its bytes."""
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            yield b"\0" + str(path.relative_to(folder)).encode() + b"\0"
            yield path.read_bytes()


def input_digest(spec: Path, overrides: Path, generator_code: Path, *, stock: bool = False) -> str:
    """A digest of everything a generation reads: the spec's bytes, every file under ``overrides``,
    the Python modules of ``generator_code`` (the folder of the code that runs the generator, which
    a release snapshot's overrides do not hold), the tools' versions and Python's."""
    digest = hashlib.sha256(f"stock={stock}\0{sys.version}\0".encode())
    for tool in TOOLS:
        digest.update(f"{tool}=={importlib.metadata.version(tool)}\0".encode())
    digest.update(spec.read_bytes())
    for chunk in [*_named_contents(overrides, "*"), *_named_contents(generator_code, "*.py")]:
        digest.update(chunk)
    return digest.hexdigest()


def prune(cache: Path, now: float | None = None) -> None:
    """Remove the entries of ``cache`` that no run has used for ``UNUSED_FOR`` seconds."""
    cutoff = (time.time() if now is None else now) - UNUSED_FOR
    for lock_file in cache.glob("*.lock"):
        entry = lock_file.with_suffix("")
        with lock_file.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if entry.is_dir() and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry)


def cached(generate_into: Generate, cache: Path) -> Generate:
    """``generate_into``, generating into ``cache`` once per distinct input and copying from there."""

    generator_code = Path(inspect.getfile(generate_into)).parent

    def generate_or_copy(project: Path, *, spec: Path, overrides: Path, stock: bool = False) -> None:
        key = input_digest(spec, overrides, generator_code, stock=stock)
        done = cache / key
        cache.mkdir(parents=True, exist_ok=True)
        # One lock file per input: other inputs generate meanwhile, in other workers or threads.
        with (cache / f"{key}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if generation fails
            if not done.is_dir():
                # Generated outside the repository, as `make generate` does: the generator's ruff hooks
                # would otherwise take this repository's ruff settings for the client's own.
                with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryDirectory(dir=cache) as staging:
                    generate_into(Path(scratch) / "project", spec=spec, overrides=overrides, stock=stock)
                    shutil.move(Path(scratch) / "project", Path(staging) / "project")
                    (Path(staging) / "project").rename(done)  # whole, or not at all
            os.utime(done)  # used now: prune() keeps it
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
