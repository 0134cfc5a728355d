"""Docs tests build the page themselves (through `make docs`), so they pass from a fresh clone."""

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "docs" / "samples"
OPERATION_IDS = ("list_profiles", "get_profile", "list_profile_schedules", "update_profile_schedules")


def build_docs(site_file: Path) -> Path:
    """Build the reference into ``site_file`` with the Makefile's own recipe; return the path."""
    subprocess.run(
        ["make", "--no-print-directory", "docs", f"SITE={site_file}"],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=180,
    )
    return site_file


@pytest.fixture(scope="session")
def built_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_docs(tmp_path_factory.mktemp("site") / "index.html")
