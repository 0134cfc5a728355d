"""Every published Python example, type-checked by one ``mypy --strict`` run per test run.

Those are the API reference's code samples (inline in openapi.yaml) and the READMEs' examples. Each
is a script of its own that imports none of the others, so one run judges each as a run on it alone
would, and reads the types of the client, httpx and the standard library once instead of once per set.
Both test modules that check them ask for the same run (tests/built_once.py).
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from overrides.generate import OUTPUT, ROOT
from tests.built_once import Record, built_once
from tests.docs.conftest import spec_samples

READMES = {"project": ROOT / "README.md", "package": OUTPUT / "README.md"}


def readme_blocks(readme: Path, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", readme.read_text(), flags=re.MULTILINE | re.DOTALL)


def _examples() -> dict[str, dict[str, str]]:
    """Set ("samples", "readmes") -> file name -> source."""
    readmes = {
        f"{name}_example_{index}.py": block
        for name, readme in READMES.items()
        for index, block in enumerate(readme_blocks(readme, "python"))
    }
    return {
        "samples": {f"{operation}.py": by_label["Python"] for operation, by_label in spec_samples().items()},
        "readmes": readmes,
    }


def _check(folder: Path) -> Record:
    files = []
    for example_set, sources in _examples().items():
        for name, source in sources.items():
            files.append(folder / example_set / name)
            files[-1].parent.mkdir(exist_ok=True)
            files[-1].write_text(source, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--config-file=",
            *map(str, files),
        ],
        # Incremental, in the repository's cache: `make lint` has read the client, httpx and the
        # standard library into it, and reading them again costs 2 to 3 s of CPU. tests/client's
        # typing checks use it too: mypy writes each cache file aside and renames it into place.
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return {
        "folder": str(folder),
        "checked": [str(file) for file in files],
        "returncode": result.returncode,
        "output": result.stdout + result.stderr,
    }


def strict_mypy_verdict(tmp_path_factory: pytest.TempPathFactory, example_set: str) -> tuple[list[str], str]:
    """The files of ``example_set`` ("samples" or "readmes") the run checked, and the errors that concern them.

    An error in a module an example imports (none of the examples' files) concerns every set.
    """
    run = built_once(tmp_path_factory, "strict-examples", _check)
    own = Path(run["folder"]) / example_set
    checked = [file for file in run["checked"] if Path(file).parent == own]
    others = {file for file in run["checked"] if Path(file).parent != own}
    if run["returncode"] == 0:
        return checked, ""
    if run["returncode"] != 1:  # not a verdict on the examples: mypy itself failed
        return checked, f"mypy exited {run['returncode']}:\n{run['output']}"
    concerning = [
        line for line in run["output"].splitlines() if not any(line.startswith(f"{file}:") for file in others)
    ]
    return checked, "\n".join(concerning)
