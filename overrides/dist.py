"""Build every distribution, the client (from ``generated/``) and the test kit (``testkit/``), and check them.

    python -m overrides.dist [--outdir dist]

The client builds from a copy of ``generated/``: the build backend leaves a work folder in its
source tree, which would make ``generated/`` differ from a fresh generation.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from overrides.generate import OUTPUT, ROOT

DIST = ROOT / "dist"
TESTKIT = ROOT / "testkit"


def _build(source: Path, outdir: Path) -> None:
    # --no-isolation: build with the pinned pdm-backend of this environment, offline.
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, text=True)


def build_distributions(outdir: Path) -> list[Path]:
    """Build the client's wheel and sdist into ``outdir`` (emptied first); return their paths, wheel first."""
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        _build(shutil.copytree(OUTPUT, Path(scratch) / "source", ignore=shutil.ignore_patterns("__pycache__")), outdir)
    return sorted(outdir.glob("*.whl")) + sorted(outdir.glob("*.tar.gz"))


def build_testkit(outdir: Path) -> list[Path]:
    """Build the test kit's wheel and sdist into ``outdir``, beside the client's; return their paths, wheel first."""
    _build(TESTKIT, outdir)
    return sorted(outdir.glob("buffer_profiles_testkit-*.whl")) + sorted(outdir.glob("buffer_profiles_testkit-*.gz"))


def check_distributions(paths: list[Path]) -> str:
    """``twine check --strict`` (metadata and README rendering); raises CalledProcessError on a problem."""
    twine = Path(sys.executable).parent / "twine"
    result = subprocess.run([str(twine), "check", "--strict", *map(str, paths)], check=True, capture_output=True)
    return result.stdout.decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outdir", type=Path, default=DIST, help="where to put them (default: dist/)")
    arguments = parser.parse_args()
    try:
        built = build_distributions(arguments.outdir)
        built += build_testkit(arguments.outdir)
        print(check_distributions(built), end="")
    except subprocess.CalledProcessError as failure:
        sys.stderr.write(f"{failure.stdout or ''}{failure.stderr or ''}")
        return 1
    for path in built:
        print(f"dist: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
