"""Docs tests build the page themselves (through `make docs`), so they pass from a fresh clone.

The code samples live inline in openapi.yaml (`x-codeSamples`), so the shipped document stands
alone; the tests write them out to files and run those, exactly as published.
"""

import subprocess
from pathlib import Path

import pytest

from buffer_profiles_testkit.yaml_loading import load_yaml
from tests.built_once import built_once

REPO = Path(__file__).resolve().parents[2]
OPERATION_IDS = ("list_profiles", "get_profile", "list_profile_schedules", "update_profile_schedules")
SAMPLE_ENDINGS = {"Python": "py", "curl": "sh"}
SAMPLE_NAMES = sorted(f"{operation}.{ending}" for operation in OPERATION_IDS for ending in SAMPLE_ENDINGS.values())


def spec_samples() -> dict[str, dict[str, str]]:
    """operationId -> sample label -> source, as openapi.yaml carries them."""
    spec = load_yaml((REPO / "openapi.yaml").read_text(encoding="utf-8"))
    return {
        operation["operationId"]: {sample["label"]: sample["source"] for sample in operation["x-codeSamples"]}
        for path_item in spec["paths"].values()
        for method, operation in path_item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every sample of the spec as a file: ``<operationId>.py`` and ``<operationId>.sh``."""
    folder = tmp_path_factory.mktemp("samples")
    for operation, by_label in spec_samples().items():
        for label, source in by_label.items():
            (folder / f"{operation}.{SAMPLE_ENDINGS[label]}").write_text(source, encoding="utf-8")
    return folder


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
    """The page, built once per run: xdist workers that share test_page.py's tests share it too."""
    built = built_once(tmp_path_factory, "docs-page", lambda folder: {"page": str(build_docs(folder / "index.html"))})
    return Path(built["page"])
