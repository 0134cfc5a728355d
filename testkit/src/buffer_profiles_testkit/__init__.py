"""A local, stateful Buffer Profiles API for tests: the reference server, the contract suite, a pytest plugin.

The spec and the schemathesis configuration travel with the package, so every command works from
any directory: ``buffer-profiles-server``, ``buffer-profiles-contract`` and the ``buffer_*``
pytest fixtures.
"""

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SPEC_FILE = PACKAGE_DIR / "openapi.yaml"  # in the repository a link to the one openapi.yaml; a copy in the wheel
SCHEMATHESIS_CONFIG = PACKAGE_DIR / "schemathesis.toml"

try:
    __version__ = version("buffer-profiles-testkit")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
