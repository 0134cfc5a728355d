"""Build hook: the package carries the repository's one openapi.yaml as a file.

In the source tree ``src/buffer_profiles_testkit/openapi.yaml`` is a link to the spec at the
repository's root, so there is one source of truth; archives get the file itself, so that a wheel
built from the sdist carries it too.
"""

from pathlib import Path
from typing import Any

SPEC_IN_SOURCE = Path("src/buffer_profiles_testkit/openapi.yaml")


def pdm_build_update_files(context: Any, files: dict[str, Path]) -> None:
    archive_name = "buffer_profiles_testkit/openapi.yaml" if context.target == "wheel" else str(SPEC_IN_SOURCE)
    files[archive_name] = (context.root / SPEC_IN_SOURCE).resolve()
