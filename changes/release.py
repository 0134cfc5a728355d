"""Record the working tree as the last release: the spec and what shapes the client, as files."""

import shutil
from pathlib import Path

from changes.sides import SNAPSHOT_OVERRIDES, Side


def record_release(head: Side, destination: Path) -> None:
    scratch = destination.with_name(destination.name + ".new")
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "overrides").mkdir(parents=True)
    shutil.copyfile(head.spec_file, scratch / "openapi.yaml")
    for name in SNAPSHOT_OVERRIDES:
        source = head.overrides / name
        if source.is_dir():
            shutil.copytree(source, scratch / "overrides" / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copyfile(source, scratch / "overrides" / name)
    shutil.rmtree(destination, ignore_errors=True)
    scratch.rename(destination)
